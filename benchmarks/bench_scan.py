#!/usr/bin/env python3
"""Scan time against libclang's bare parse of the same translation unit, per platform, as a ratio.

The bare parse is ``clang_parseTranslationUnit`` with exactly the arguments the scanner uses (same
umbrella, same builtin and target headers): what any libclang-based tool pays at least. The scan adds
the walk over the API's declarations, the symbol names, layouts and raw comments (comments are parsed
where they are rendered). Both run cold (no scan cache), best of N, in this process, one after the
other, so the ratio holds on a busy machine too.

    apt-get install -y libprotobuf-dev libgit2-dev     # the header sets (Debian)
    python benchmarks/bench_scan.py                     # protobuf (C++) and libgit2 (C), best of 3
    python benchmarks/bench_scan.py --repeat 1 --set libgit2
    python benchmarks/bench_scan.py --json --headers a.h b.h -I include --platform linux-x86_64

The last form (any headers, JSON rows) is what ``benchmarks/peers/run.py`` runs on its header set.
"""

from __future__ import annotations

import argparse
import glob
import json

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


def measure(request: ScanRequest, platform_name: str, repeat: int, table: PlatformTable) -> dict:
    """One platform's bare parse and scan, best of ``repeat`` each."""
    platform = table[platform_name]
    clang = clang_args(request, platform, _search(request, platform))
    parse_time, _ = best(repeat, lambda: parse(request, clang))
    scan_time, result = best(repeat, lambda: _scan_platform(request, platform, clang))
    return {
        "platform": platform_name,
        "declarations": len(result.declarations),
        "parse_s": parse_time,
        "scan_s": scan_time,
        "ratio": scan_time / parse_time,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--set", choices=sorted(SETS), action="append")
    parser.add_argument("--headers", nargs="+", help="scan these instead of a named set")
    parser.add_argument("-I", dest="include_dirs", action="append", default=[])
    parser.add_argument("--language", choices=("c", "c++"), default="c")
    parser.add_argument("--std")
    parser.add_argument("--platform", action="append", help="with --headers (default: linux-x86_64)")
    parser.add_argument("--json", action="store_true", help="JSON rows instead of a markdown table")
    args = parser.parse_args()
    table = PlatformTable()
    if args.headers:
        sets = {"given": (lambda: args.headers, args.language, args.std, args.platform or ["linux-x86_64"])}
    else:
        sets = {name: SETS[name] for name in args.set or sorted(SETS)}
    rows = []
    for name, (headers_of, language, std, platforms) in sets.items():
        headers = headers_of()
        if not headers:
            rows.append({"set": name, "platform": None})
            continue
        for platform_name in platforms:
            request = ScanRequest(
                headers=tuple(headers),
                language=language,
                std=std,
                include_dirs=tuple(args.include_dirs),
                platforms=(platform_name,),
            )
            rows.append({"set": name, **measure(request, platform_name, args.repeat, table)})
    if args.json:
        print(json.dumps(rows))
        return 0
    print("| header set | platform | declarations | bare parse (s) | scan (s) | ratio |")
    print("|---|---|---:|---:|---:|---:|")
    for row in rows:
        if row["platform"] is None:
            print(f"| {row['set']} | (not installed: see the docstring) | | | | |")
            continue
        print(
            f"| {row['set']} | {row['platform']} | {row['declarations']} | {row['parse_s']:.2f} | "
            f"{row['scan_s']:.2f} | {row['ratio']:.2f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
