"""Time to list the exports of a large real library: ``read_symbols`` against ``nm -D`` as a subprocess.

Reproduce (Debian's libLLVM-15 has about 45,000 exports)::

    apt-get install -y libllvm15 binutils
    python benchmarks/bench_symbols.py [/usr/lib/x86_64-linux-gnu/libLLVM-15.so.1] [--repeat 5]

Both sides are timed best-of-N with a warm page cache. Ours runs in-process after LIEF's one-time import
(about 0.3 s, printed apart); nm's time includes starting its process and printing its listing, which
is what a user or a build script pays for it. The ratio is ours / nm's: at most 1.0 is the goal.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from collections.abc import Callable

DEFAULT = "/usr/lib/x86_64-linux-gnu/libLLVM-15.so.1"


def best_of(repeat: int, action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("library", nargs="?", default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    nm = shutil.which("nm")
    if nm is None:
        print("nm (binutils) is not installed", file=sys.stderr)
        return 2

    start = time.perf_counter()
    from sphinx_nativeapi.binaries import read_symbols
    from sphinx_nativeapi.binaries._lief import lief

    lief()
    imported = time.perf_counter() - start
    count = len(read_symbols(args.library)[0].symbols)
    ours = best_of(args.repeat, lambda: read_symbols(args.library))
    theirs = best_of(args.repeat, lambda: subprocess.run(
        [nm, "-D", "--defined-only", "--with-symbol-versions", args.library],
        stdout=subprocess.DEVNULL, check=True))
    print(f"{args.library}: {count} exports")
    print(f"  read_symbols       {ours * 1000:8.1f} ms   (+ LIEF import once: {imported * 1000:.0f} ms)")
    print(f"  nm -D (subprocess) {theirs * 1000:8.1f} ms")
    print(f"  ratio              {ours / theirs:8.2f}   (goal: at most 1.0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
