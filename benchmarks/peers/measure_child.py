"""Run one command and report its wall time and the peak RSS of its process tree as JSON.

Each measured build runs under a fresh copy of this wrapper, so that ``RUSAGE_CHILDREN`` holds
only that build: its ``ru_maxrss`` is the largest resident set of any process of the tree that was
waited for (sphinx-build itself, or a ``-j`` worker), which is what a CI runner's memory limit meets.
Stdlib only: it runs under the system Python, outside every tool's environment.

Usage: measure_child.py RESULT.json LOG TIMEOUT_S -- COMMAND...
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    result_path, log_path, timeout, sep, *command = argv
    if sep != "--" or not command:
        raise SystemExit("usage: measure_child.py RESULT.json LOG TIMEOUT_S -- COMMAND...")
    with open(log_path, "w", encoding="utf-8") as log:
        start = time.perf_counter()
        # A session of its own, so that a build that hangs is ended with all its workers.
        child = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            returncode = child.wait(timeout=float(timeout))
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
            log.write(f"\n[benchmark] timed out after {timeout} s\n")
            returncode = -signal.SIGKILL
        wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(result_path, "w", encoding="utf-8") as out:
        json.dump({"returncode": returncode, "wall_s": wall, "maxrss_kb": usage.ru_maxrss}, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
