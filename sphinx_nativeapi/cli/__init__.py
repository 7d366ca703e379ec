"""The ``nativeapi`` command: each pipeline stage as a subcommand (scan, symbols, check, ffi).

Each subcommand lives in a module of this package with ``register(subparsers)``; the parser it adds sets
``func`` to a function taking the parsed arguments and returning the exit code. Only the subcommand
named on the command line is imported: the scanner's imports (libclang) cost ``symbols`` more than
reading a library of 45,000 exports.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from sphinx_nativeapi import __version__
from sphinx_nativeapi.errors import NativeApiError

SUBCOMMANDS = ["scan", "symbols", "check", "dump", "diff", "ffi"]


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every subcommand, or of ``only`` (the one the command line names)."""
    parser = argparse.ArgumentParser(
        prog="nativeapi",
        description="Document native C and C++ APIs from their headers and their compiled binaries.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in [only] if only in SUBCOMMANDS else SUBCOMMANDS:
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    named = next((a for a in argv if not a.startswith("-")), None)
    args = build_parser(named).parse_args(argv)
    try:
        return int(args.func(args))
    except NativeApiError as exc:
        print(f"nativeapi {args.command}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
