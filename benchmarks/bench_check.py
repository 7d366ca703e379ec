#!/usr/bin/env python3
"""Time a whole ``nativeapi check`` of a big C++ library, and each of its stages (scan, read, match).

The library is Debian's protobuf (``libprotobuf-dev``): the public headers ``google/protobuf/*.h``
(classes, virtual functions, templates, inline functions; thousands of declarations) against
``libprotobuf.so`` (thousands of exports). Run, as root on Debian, from the repository root::

    apt-get install -y libprotobuf-dev
    python benchmarks/bench_check.py            # 3 repetitions, the best counts
    python benchmarks/bench_check.py --repeat 1

Every repetition scans without the cache (a cold scan is what a CI job pays); one more run shows a
warm scan from the cache. The whole check is ``nativeapi check`` itself, run in a child process so
that its time includes the interpreter start and imports, as a user sees it.
"""

from __future__ import annotations

import argparse
import glob
import subprocess
import sys
import tempfile

from timing import best

from sphinx_nativeapi.binaries import read_symbols
from sphinx_nativeapi.cache import ScanCache
from sphinx_nativeapi.matching import match
from sphinx_nativeapi.scanner import ScanRequest, scan

HEADERS = sorted(glob.glob("/usr/include/google/protobuf/*.h"))
LIBRARY = "/usr/lib/x86_64-linux-gnu/libprotobuf.so"
FLAGS = ["--lang", "c++", "--std", "c++17"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not HEADERS or not glob.glob(LIBRARY):
        sys.exit("bench_check: needs Debian's libprotobuf-dev (apt-get install -y libprotobuf-dev)")
    request = ScanRequest(headers=tuple(HEADERS), language="c++", std="c++17", platforms=("linux-x86_64",))
    scan_time, model = best(args.repeat, lambda: scan(request))
    read_time, tables = best(args.repeat, lambda: read_symbols(LIBRARY))
    match_time, report = best(args.repeat, lambda: match(model, {"linux-x86_64": tables}))
    with tempfile.TemporaryDirectory() as cache_dir:
        cache = ScanCache(cache_dir)
        scan(request, cache=cache)
        warm_time, _ = best(args.repeat, lambda: scan(request, cache=cache))
        command = [
            sys.executable,
            "-m",
            "sphinx_nativeapi",
            "check",
            *HEADERS,
            *FLAGS,
            "--binary",
            LIBRARY,
            "--format",
            "json",
            "--cache-dir",
            cache_dir,
        ]
        cold_cli, _ = best(args.repeat, lambda: subprocess.run([*command, "--no-cache"], capture_output=True))
        warm_cli, _ = best(args.repeat, lambda: subprocess.run(command, capture_output=True))
    counts = report.platforms["linux-x86_64"].counts
    print(
        f"protobuf: {len(HEADERS)} headers, {len(model.declarations)} declarations, "
        f"{sum(len(t.symbols) for t in tables)} exports of {LIBRARY}"
    )
    print("counts: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print(f"best of {args.repeat}:")
    print(f"  scan (libclang, cold)      {scan_time:8.3f} s")
    print(f"  scan (from the cache)      {warm_time:8.3f} s")
    print(f"  read (libprotobuf.so)      {read_time:8.3f} s")
    print(f"  match                      {match_time:8.3f} s")
    print(f"  nativeapi check, cold scan {cold_cli:8.3f} s   (whole command, child process)")
    print(f"  nativeapi check, warm scan {warm_cli:8.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
