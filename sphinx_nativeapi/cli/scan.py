"""``nativeapi scan``: headers -> the API model, as JSON or as a readable table.

The scanner (libclang) is imported when a scan runs, not with the options: ``dump`` of binaries alone
takes these options and must not pay for it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import TYPE_CHECKING

from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.platforms import PlatformTable

if TYPE_CHECKING:
    from sphinx_nativeapi.cache import ScanCache
    from sphinx_nativeapi.model import ApiModel
    from sphinx_nativeapi.scanner import ScanRequest


def add_scan_options(parser: argparse.ArgumentParser, headers_required: bool = True) -> None:
    """The options that say what to scan; ``check`` takes the same ones."""
    parser.add_argument("headers", nargs="+" if headers_required else "*", metavar="HEADER")
    parser.add_argument("-I", dest="include_dirs", action="append", default=[], metavar="DIR")
    parser.add_argument("-D", dest="defines", action="append", default=[], metavar="NAME[=VALUE]")
    parser.add_argument("--lang", choices=["c", "c++"], default=None, help="language (default: c)")
    parser.add_argument("--std", default=None, help="language standard, e.g. c11 or c++17")
    parser.add_argument(
        "--platform",
        dest="platforms",
        action="append",
        default=[],
        metavar="NAME",
        help="platform to scan for (repeatable; default: the host's)",
    )
    parser.add_argument("--compile-commands", metavar="PATH", help="take flags from a compile_commands.json")
    parser.add_argument(
        "--sysroot", action="append", default=[], metavar="PLATFORM=DIR", help="a platform's system headers"
    )
    parser.add_argument(
        "--arg",
        dest="args",
        action="append",
        default=[],
        metavar="ARG",
        help="an extra clang argument (--arg=-fX)",
    )
    parser.add_argument("--comment-style", default=None, metavar="STYLE",
                        help="doxygen (the default), or another of the scanner's comment styles")
    parser.add_argument("--export-macro", dest="export_macros", action="append", default=[], metavar="NAME")
    parser.add_argument(
        "--api-dir",
        dest="api_dirs",
        action="append",
        default=[],
        metavar="DIR",
        help="a folder whose headers are the API's too (repeatable)",
    )
    parser.add_argument(
        "--exclude-header",
        dest="exclude_headers",
        action="append",
        default=[],
        metavar="GLOB",
        help="headers that are not the API's, even when named (repeatable; a relative GLOB matches "
        "the end of a path)",
    )
    parser.add_argument(
        "--anonymous-namespaces",
        action="store_true",
        help="report what anonymous namespaces declare (internal linkage: left out by default)",
    )
    parser.add_argument("--cache-dir", metavar="DIR", help="where scans are cached (default: ~/.cache)")
    parser.add_argument("--no-cache", action="store_true", help="parse even when a cached scan is valid")


def _pairs(values: list[str], option: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for value in values:
        name, sep, path = value.partition("=")
        if not sep or not name or not path:
            raise NativeApiError(f"{option} takes PLATFORM=DIR, not {value!r}")
        pairs.append((name, os.path.abspath(path)))
    return tuple(pairs)


def request_from_args(args: argparse.Namespace, table: PlatformTable) -> ScanRequest:
    from sphinx_nativeapi.scanner.request import COMMENT_STYLES, ScanRequest, flags_from_compile_commands

    if args.comment_style is not None and args.comment_style not in COMMENT_STYLES:
        styles = ", ".join(COMMENT_STYLES)
        raise NativeApiError(f"--comment-style: {args.comment_style!r} is not one of {styles}")
    headers = tuple(os.path.abspath(h) for h in args.headers)
    include_dirs = [os.path.abspath(d) for d in args.include_dirs]
    defines = list(args.defines)
    std = args.std
    extra = list(args.args)
    if args.compile_commands:
        cc_dirs, cc_defines, cc_std, cc_extra = flags_from_compile_commands(args.compile_commands, headers)
        include_dirs += cc_dirs
        defines += cc_defines
        std = std or cc_std
        extra = cc_extra + extra
    for name in args.platforms:
        table[name]
    sysroots = _pairs(args.sysroot, "--sysroot")
    for name, _ in sysroots:
        table[name]
    return ScanRequest(
        headers=headers,
        include_dirs=tuple(include_dirs),
        defines=tuple(defines),
        language=args.lang or "c",
        std=std,
        args=tuple(extra),
        platforms=tuple(args.platforms),
        sysroots=sysroots,
        comment_style=args.comment_style or "doxygen",
        export_macros=tuple(args.export_macros),
        api_dirs=tuple(os.path.abspath(d) for d in args.api_dirs),
        exclude_headers=tuple(args.exclude_headers),
        anonymous_namespaces=args.anonymous_namespaces,
    )


def cache_from_args(args: argparse.Namespace) -> ScanCache | None:
    from sphinx_nativeapi.cache import ScanCache

    return None if args.no_cache else ScanCache(args.cache_dir)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("scan", help="read headers with libclang into the API model")
    add_scan_options(parser)
    parser.add_argument("--json", action="store_true", help="print the model as JSON (schema 1)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    table = PlatformTable()
    from sphinx_nativeapi.scanner import scan

    request = request_from_args(args, table)
    model = scan(request, table, cache_from_args(args))
    if args.json:
        json.dump(model.to_json(), sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        print_table(model)
    return 0


def print_table(model: ApiModel) -> None:
    rows = [("KIND", "NAME", "LOCATION", *(p.upper() for p in model.platforms))]
    for decl in model.declarations:
        cells = []
        for name in model.platforms:
            facts = decl.platforms.get(name)
            if facts is None:
                cells.append("-")
            elif facts.symbols:
                cells.append(" ".join(facts.symbols))
            elif facts.size is not None:
                cells.append(f"size {facts.size} align {facts.align}")
            elif facts.symbols is None and decl.kind in ("function", "variable", "method"):
                cells.append("unknown (incomplete)" if facts.incomplete else "unknown")
            else:
                cells.append("")
        rows.append((decl.kind, decl.qualified_name, f"{os.path.relpath(decl.file)}:{decl.line}", *cells))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    for diag in model.diagnostics:
        where = f"{diag.file}:{diag.line}:{diag.column}" if diag.file else "<command line>"
        print(f"{where}: {diag.severity} [{diag.platform}]: {diag.message}", file=sys.stderr)
