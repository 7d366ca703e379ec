"""``nativeapi diff OLD NEW``: what changed between two releases, per platform, and is it a break?

OLD and NEW are release dumps (``nativeapi dump``); NEW may instead be the current tree, described by
the options ``dump`` takes (``--config``, headers, ``--binary``). The exit status is a bit field
(``sphinx_nativeapi.history.report``): 0 when nothing unwaived breaks and the bump suffices.
"""

from __future__ import annotations

import argparse
import os
import sys

from sphinx_nativeapi import collector
from sphinx_nativeapi.cli.dump import release_from_args
from sphinx_nativeapi.cli.inputs import add_tree_options
from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.history import release as releases
from sphinx_nativeapi.history.diff import diff
from sphinx_nativeapi.history.report import FORMATS, DiffResult, exit_status
from sphinx_nativeapi.history.rules import RULES
from sphinx_nativeapi.history.semver import BUMPS, release_bump, required_bump
from sphinx_nativeapi.history.waivers import Waiver, apply_waivers
from sphinx_nativeapi.model import ApiModel


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="compare two releases (dumps, or a dump and the current tree): breaks per platform",
        description="Every change from OLD to NEW per platform, with its rule, kind and a text that says "
        "what to do. Exit status: a bit field (4 a break, 8 a binary break, 16 a source-only break, 32 a "
        "bump too small for the changes; 2 bad input), 0 when nothing unwaived breaks.",
    )
    parser.add_argument("old", metavar="OLD", nargs="?", help="the older release dump")
    parser.add_argument("new", metavar="NEW", nargs="?",
                        help="the newer release dump (default: the current tree, from --config and co.)")
    add_tree_options(parser)
    parser.add_argument("--release", metavar="NAME", help="the name of the current tree's release "
                        "(default: 'current'); with dumps, their own names are used")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text")
    parser.add_argument("--expect", choices=BUMPS, help="the bump this release makes (default: from the "
                        "two release names)")
    parser.add_argument("--only-platform", dest="only_platforms", action="append", default=[],
                        metavar="NAME", help="compare only these platforms (repeatable)")
    parser.add_argument("--rules", action="store_true", help="list every rule id, its kind and text")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Two releases are a million values that live until the process ends: a collection (one is due
    # after reading them) would walk them all and free nothing.
    with collector.paused():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    if args.rules:
        for rule in RULES.values():
            sys.stdout.write(f"{rule.id}\t{rule.kind}\t{rule.effect} {rule.fix}\n")
        return 0
    if args.old is None:
        raise NativeApiError("name the old release dump (and the new one, or the current tree's options)")
    # The diff takes "OLD NEW" positionals ahead of the scan's headers: headers are given after them.
    headers = list(args.headers)
    new_path = args.new
    if new_path is not None and not releases.is_release(new_path):
        headers.insert(0, new_path)
        new_path = None
    args.headers = headers
    old = releases.read(args.old)
    if new_path is not None:
        new = releases.read(new_path)
    else:
        new = release_from_args(args, args.release or "current")
        if new.model is None:  # binaries alone: what the headers declare is compared with nothing
            new = new._replace(model=ApiModel(platforms=[], declarations=[], diagnostics=[]))
    waivers = _waivers(args)
    changes = diff(old, new, args.only_platforms or None)
    warnings = apply_waivers(changes, waivers)
    made = args.expect or (release_bump(old.name, new.name) if new_path or args.release else None)
    required = required_bump(c.kind for c in changes if c.waived is None)
    result = DiffResult(old.name, new.name, changes, required, made, warnings)
    sys.stdout.write(FORMATS[args.format](result))
    if args.format in ("json", "sarif"):
        for warning in warnings:
            print(f"nativeapi diff: warning: {warning}", file=sys.stderr)
    return exit_status(result)


def _waivers(args: argparse.Namespace) -> tuple[Waiver, ...]:
    if not args.config:
        return ()
    from sphinx_nativeapi.config import load_pyproject
    from sphinx_nativeapi.history.waivers import parse_waivers

    path = os.path.abspath(args.config)
    return parse_waivers(load_pyproject(path).get("waivers", []), f"{path} ([tool.nativeapi])")
