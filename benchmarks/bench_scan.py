#!/usr/bin/env python3
"""Scan time against libclang's bare parse of the same translation unit, per platform, as a ratio.

The bare parse is ``clang_parseTranslationUnit`` with exactly the arguments the scanner uses (same
umbrella, same builtin and target headers): what any libclang-based tool pays at least. The scan adds
the walk over the API's declarations, the symbol names, layouts and comments. Both run cold (no scan
cache), best of N, in this process, one after the other, so the ratio holds on a busy machine too.

    apt-get install -y libprotobuf-dev libgit2-dev     # the header sets (Debian)
    python benchmarks/bench_scan.py                     # protobuf (C++) and libgit2 (C), best of 3
    python benchmarks/bench_scan.py --repeat 1 --set libgit2
"""

from __future__ import annotations

import argparse
import glob

from timing import best

from sphinx_nativeapi.platforms import PlatformTable
from sphinx_nativeapi.scanner import ScanRequest, _scan_platform, _search
from sphinx_nativeapi.scanner.units import clang_args, parse

SETS = {
    "protobuf": (
        lambda: sorted(glob.glob("/usr/include/google/protobuf/*.h")),
        "c++",
        "c++17",
        ["linux-x86_64", "macos-arm64"],
    ),
    "libgit2": (
        lambda: ["/usr/include/git2.h"] if glob.glob("/usr/include/git2.h") else [],
        "c",
        None,
        ["linux-x86_64", "macos-arm64", "windows-x86_64", "windows-x86"],
    ),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--set", choices=sorted(SETS), action="append")
    args = parser.parse_args()
    table = PlatformTable()
    print("| header set | platform | declarations | bare parse (s) | scan (s) | ratio |")
    print("|---|---|---:|---:|---:|---:|")
    for name in args.set or sorted(SETS):
        headers_of, language, std, platforms = SETS[name]
        headers = headers_of()
        if not headers:
            print(f"| {name} | (not installed: see the docstring) | | | | |")
            continue
        for platform_name in platforms:
            request = ScanRequest(
                headers=tuple(headers), language=language, std=std, platforms=(platform_name,)
            )
            platform = table[platform_name]
            clang = clang_args(request, platform, _search(request, platform))
            parse_time, _ = best(args.repeat, lambda r=request, a=clang: parse(r, a))
            scan_time, result = best(
                args.repeat, lambda r=request, p=platform, a=clang: _scan_platform(r, p, a)
            )
            ratio = scan_time / parse_time
            print(
                f"| {name} | {platform_name} | {len(result.declarations)} | {parse_time:.2f} | "
                f"{scan_time:.2f} | {ratio:.2f} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
