"""Time to list the exports of a large real library: ``read_symbols`` against ``nm -D`` as a subprocess.

Reproduce (Debian's libLLVM-15 has about 45,000 exports)::

    apt-get install -y libllvm15 binutils
    python benchmarks/bench_symbols.py [/usr/lib/x86_64-linux-gnu/libLLVM-15.so.1] [--repeat 5]

Both sides are timed best-of-N with a warm page cache, in alternating rounds so that a busy machine
weighs on both alike. Ours runs in-process after its one-time import and a first read (printed apart;
ELF needs no LIEF); nm's time includes starting its process and printing its listing, which is what a
user or a build script pays for it. The ratio is ours / nm's: at most 1.0 is the goal.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from collections.abc import Callable

DEFAULT = "/usr/lib/x86_64-linux-gnu/libLLVM-15.so.1"


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("library", nargs="?", default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    nm = shutil.which("nm")
    if nm is None:
        print("nm (binutils) is not installed", file=sys.stderr)
        return 2

    start = time.perf_counter()
    from sphinx_nativeapi.binaries import read_symbols

    count = len(read_symbols(args.library)[0].symbols)
    first = time.perf_counter() - start
    command = [nm, "-D", "--defined-only", "--with-symbol-versions", args.library]
    rounds = [(timed(lambda: read_symbols(args.library)),
               timed(lambda: subprocess.run(command, stdout=subprocess.DEVNULL, check=True)))
              for _ in range(args.repeat)]
    ours, theirs = min(r[0] for r in rounds), min(r[1] for r in rounds)
    print(f"{args.library}: {count} exports")
    print(f"  read_symbols       {ours * 1000:8.1f} ms   (import + first read: {first * 1000:.0f} ms)")
    print(f"  nm -D (subprocess) {theirs * 1000:8.1f} ms")
    print(f"  ratio              {ours / theirs:8.2f}   (goal: at most 1.0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
