"""``nativeapi check``: the CI gate without Sphinx. Scan the headers, read the binaries, match them,
and exit 1 when a class named by ``--fail-on`` is found (beyond a baseline) or documented exports fall
under ``--fail-under``; 2 for bad input.

The project may come from ``[tool.nativeapi]`` of a pyproject.toml (``--config``); options given on the
command line extend its lists (headers, flags, binaries, ignores) and override its single values.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import sys

from sphinx_nativeapi.binaries import read_symbols
from sphinx_nativeapi.cli.scan import add_scan_options, cache_from_args, request_from_args
from sphinx_nativeapi.config import Project, load_pyproject, project_from_dict
from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.findings import CLASSES, load_baseline
from sphinx_nativeapi.gate import judge
from sphinx_nativeapi.matching import match
from sphinx_nativeapi.model import SymbolTable
from sphinx_nativeapi.platforms import PlatformTable
from sphinx_nativeapi.report_format import github, text
from sphinx_nativeapi.scanner import ScanRequest, scan


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check headers against binaries: missing exports, leaks, undocumented exports (CI gate)",
        description="Match every declaration of the headers with what the binaries export, per platform. "
        "Exit 0 when the gate passes, 1 when it fails, 2 for bad input.",
    )
    add_scan_options(parser, headers_required=False)
    parser.add_argument(
        "--binary", dest="binaries", action="append", default=[], metavar="[PLATFORM=]PATH",
        help="a library, import library, archive or symbol dump (repeatable); without PLATFORM=, the "
        "platform the file declares",
    )
    parser.add_argument("--config", metavar="PYPROJECT", help="read the project from [tool.nativeapi]")
    parser.add_argument("--format", choices=["text", "json", "github"], default="text")
    parser.add_argument(
        "--fail-on", action="append", metavar="CLASS,...",
        help=f"classes that fail the gate (default: missing; 'none' for none): {', '.join(CLASSES)}",
    )
    parser.add_argument("--fail-under", type=float, metavar="PERCENT",
                        help="fail when less than PERCENT of the exported declarations are documented")
    parser.add_argument("--baseline", metavar="FILE",
                        help="accept the findings of a report saved by --format json; fail on new ones")
    parser.add_argument("--ignore", action="append", default=[], metavar="REGEX",
                        help="leave out symbols or declarations whose name this regex matches (repeatable)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    table = PlatformTable()
    fail_on = _fail_on(args.fail_on)
    baseline = load_baseline(args.baseline) if args.baseline else frozenset()
    cli_request = request_from_args(args, table)
    project = _project(args.config, table) if args.config else None
    request = _merge(project.request, cli_request, args) if project else cli_request
    binaries = [*(project.binaries if project else ()), *(_binary_option(b, table) for b in args.binaries)]
    ignore = [*(project.ignore if project else ()), *args.ignore]
    for pattern in ignore:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise NativeApiError(f"--ignore {pattern!r} is not a regular expression: {exc}") from None
    if not request.headers:
        raise NativeApiError("no header to check: name headers, or a project with --config")
    tables = _read(binaries, table)
    platforms = list(request.platforms) + sorted(set(tables) - set(request.platforms))
    model = scan(dataclasses.replace(request, platforms=tuple(platforms)), table, cache_from_args(args))
    report = match(model, tables, export_macros=request.export_macros, ignore=ignore)
    verdict = judge(report, fail_on, args.fail_under, baseline)
    if args.format == "json":
        sys.stdout.write(json.dumps(report.to_json(), indent=1) + "\n")
    elif args.format == "github":
        for diag in model.diagnostics:
            if not diag.in_system_header and diag.file:
                sys.stdout.write(f"::warning file={diag.file},line={diag.line},title=nativeapi parse "
                                 f"[{diag.platform}]::{diag.message}\n")
        sys.stdout.write(github(report, verdict, fail_on))
    else:
        for diag in model.diagnostics:
            if not diag.in_system_header:
                where = f"{diag.file}:{diag.line}: " if diag.file else ""
                print(f"{where}{diag.severity}: [{diag.platform}] {diag.message}", file=sys.stderr)
        sys.stdout.write(text(report, verdict, fail_on))
    return 0 if verdict.passed else 1


def _fail_on(values: list[str] | None) -> frozenset[str]:
    if values is None:
        return frozenset({"missing"})
    names = {name.strip() for value in values for name in value.split(",") if name.strip()}
    if names == {"none"}:
        return frozenset()
    unknown = sorted(names - set(CLASSES))
    if unknown:
        raise NativeApiError(f"--fail-on: unknown class(es) {', '.join(unknown)}; use {', '.join(CLASSES)}")
    return frozenset(names)


def _project(path: str, table: PlatformTable) -> Project:
    path = os.path.abspath(path)
    return project_from_dict("nativeapi", load_pyproject(path), os.path.dirname(path), table, source=path)


def _merge(base: ScanRequest, cli: ScanRequest, args: argparse.Namespace) -> ScanRequest:
    """The project's request, extended by the command line's lists and overridden by its values."""

    def extend(a: tuple, b: tuple) -> tuple:
        return a + tuple(x for x in b if x not in a)

    return dataclasses.replace(
        base,
        headers=extend(base.headers, cli.headers),
        include_dirs=extend(base.include_dirs, cli.include_dirs),
        defines=extend(base.defines, cli.defines),
        language=args.lang or base.language,
        std=args.std or base.std,
        args=base.args + cli.args,
        platforms=extend(base.platforms, cli.platforms),
        sysroots=tuple((dict(base.sysroots) | dict(cli.sysroots)).items()),
        comment_style=args.comment_style or base.comment_style,
        export_macros=extend(base.export_macros, cli.export_macros),
    )


def _binary_option(value: str, table: PlatformTable) -> tuple[str | None, tuple[str, ...]]:
    """``PLATFORM=PATH`` or ``PATH``: a prefix that is no platform name is part of the path."""
    name, sep, path = value.partition("=")
    if sep and name in table:
        return name, (path,)
    return None, (value,)


def _read(
    binaries: list[tuple[str | None, tuple[str, ...]]], table: PlatformTable
) -> dict[str, list[SymbolTable]]:
    """The symbol tables of every binary, by platform: the one named, or the one each file declares."""
    tables: dict[str, list[SymbolTable]] = {}
    for platform, paths in binaries:
        for path in paths:
            read = read_symbols(path)
            if platform is not None:
                slices = [t for t in read if t.platform == platform]
                if not slices and len(read) == 1:
                    read[0].platform = platform
                    slices = read
                if not slices:
                    found = ", ".join(sorted(str(t.platform) for t in read))
                    raise NativeApiError(f"has no slice for {platform} (it holds {found})", path)
                read = slices
            for symbols in read:
                if symbols.platform is None or symbols.platform not in table:
                    raise NativeApiError(
                        "cannot tell which platform this binary is for: pass --binary PLATFORM=PATH", path
                    )
                tables.setdefault(symbols.platform, []).append(symbols)
    return tables
