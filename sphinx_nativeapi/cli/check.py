"""``nativeapi check``: the CI gate without Sphinx. Scan the headers, read the binaries, match them,
and exit 1 when a class named by ``--fail-on`` is found (beyond a baseline) or documented exports fall
under ``--fail-under``; 2 for bad input.

The project may come from ``[tool.nativeapi]`` of a pyproject.toml (``--config``); options given on the
command line extend its lists (headers, flags, binaries, ignores) and override its single values.
"""

from __future__ import annotations

import argparse
import json
import re
import sys

from sphinx_nativeapi.cli.inputs import add_tree_options, project_of, scan_tree, tree_binaries, tree_request
from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.findings import CLASSES, load_baseline
from sphinx_nativeapi.gate import judge
from sphinx_nativeapi.matching import match
from sphinx_nativeapi.platforms import PlatformTable
from sphinx_nativeapi.report_format import github, text


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check headers against binaries: missing exports, leaks, undocumented exports (CI gate)",
        description="Match every declaration of the headers with what the binaries export, per platform. "
        "Exit 0 when the gate passes, 1 when it fails, 2 for bad input or a platform whose system headers "
        "were not found.",
    )
    add_tree_options(parser)
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
    project = project_of(args.config, table) if args.config else None
    request = tree_request(args, table, project)
    ignore = [*(project.ignore if project else ()), *args.ignore]
    for pattern in ignore:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise NativeApiError(f"--ignore {pattern!r} is not a regular expression: {exc}") from None
    if not request.headers:
        raise NativeApiError("no header to check: name headers, or a project with --config")
    tables = tree_binaries(args, table, project)
    model = scan_tree(args, request, tables, table)
    report = match(model, tables, export_macros=request.export_macros, ignore=ignore)
    verdict = judge(report, fail_on, args.fail_under, baseline)
    unscanned = model.unscanned()
    # A platform that missed a system header has one cause for all its parse errors: that line says it.
    shown = [d for d in model.diagnostics if not d.in_system_header and d.platform not in unscanned]
    if args.format == "json":
        sys.stdout.write(json.dumps(report.to_json(), indent=1) + "\n")
    elif args.format == "github":
        for diag in shown:
            if diag.file:
                sys.stdout.write(f"::warning file={diag.file},line={diag.line},title=nativeapi parse "
                                 f"[{diag.platform}]::{diag.message}\n")
        for name, missing in sorted(unscanned.items()):
            sys.stdout.write(f"::error file={missing.file},line={missing.line},title=nativeapi headers "
                             f"[{name}]::{missing.message}\n")
        sys.stdout.write(github(report, verdict, fail_on))
    else:
        for diag in shown:
            where = f"{diag.file}:{diag.line}: " if diag.file else ""
            print(f"{where}{diag.severity}: [{diag.platform}] {diag.message}", file=sys.stderr)
        sys.stdout.write(text(report, verdict, fail_on))
    for _, missing in sorted(unscanned.items()):
        print(f"nativeapi check: {missing.message}", file=sys.stderr)
    if unscanned:
        return 2
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
