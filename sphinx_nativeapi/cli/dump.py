"""``nativeapi dump``: a release as one JSON file (headers' model on every platform, binaries' exports).

It takes what ``check`` takes (the scan options or ``--config``, plus ``--binary``), and the release's
name. Without headers it dumps binaries alone, and then never imports the scanner.
"""

from __future__ import annotations

import argparse
import os
import sys

from sphinx_nativeapi.cli.inputs import add_tree_options, project_of, scan_tree, tree_binaries, tree_request
from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.history.release import Release, relativize, save, write
from sphinx_nativeapi.platforms import PlatformTable


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "dump",
        help="write a release dump: every platform's declarations and every binary's exports, as JSON",
        description="Write one deterministic JSON file that holds a release, for `nativeapi diff` and "
        "the Sphinx history. Exit 0, or 2 for bad input.",
    )
    add_tree_options(parser)
    parser.add_argument("--release", required=True, metavar="NAME", help="the release's name, e.g. 1.4.0")
    parser.add_argument("-o", "--output", metavar="FILE", help="write here (default: standard output)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    release = release_from_args(args, args.release)
    if args.output is None:
        write(release, sys.stdout)
    else:
        save(release, args.output)
    return 0


def release_from_args(args: argparse.Namespace, name: str) -> Release:
    """The release the options describe: scanned headers (if any; else no model) and read binaries,
    paths relative to the project's directory (the ``--config`` file's, else the current one)."""
    table = PlatformTable()
    project = project_of(args.config, table) if args.config else None
    root = os.path.dirname(os.path.abspath(args.config)) if args.config else os.getcwd()
    tables = tree_binaries(args, table, project)
    if args.headers or project is not None:
        model = scan_tree(args, tree_request(args, table, project), tables, table)
    elif tables:
        model = None  # binaries alone
    else:
        raise NativeApiError("nothing to dump: name headers, binaries (--binary) or a project (--config)")
    read = [t for ts in tables.values() for t in ts]
    return relativize(Release(name=name, model=model, binaries=read), root)
