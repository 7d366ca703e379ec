"""The ``nativeapi`` command: each pipeline stage as a subcommand (scan, symbols, check, ffi).

Each subcommand lives in a module of this package with ``register(subparsers)``; the parser it adds sets
``func`` to a function taking the parsed arguments and returning the exit code. Only the subcommand
named on the command line is imported: the scanner's imports (libclang) cost ``symbols`` more than
reading a library of 45,000 exports.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys

from sphinx_nativeapi import __version__, collector
from sphinx_nativeapi.errors import NativeApiError

SUBCOMMANDS = ["scan", "symbols", "check", "dump", "diff", "ffi"]
# The commands whose values are large trees that live to the end (no cycles to find): no collection
# while they run (a listing of libLLVM's 45,000 exports, a diff of two releases of 10,000 declarations).
_TREES = frozenset({"symbols", "dump", "diff"})


def build_parser(
    only: str | None = None,
) -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The parser of every subcommand, or of ``only`` (the one the command line names), and the
    subcommands' own parsers by name."""
    parser = argparse.ArgumentParser(
        prog="nativeapi",
        description="Document native C and C++ APIs from their headers and their compiled binaries.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name in [only] if only in SUBCOMMANDS else SUBCOMMANDS:
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser, subparsers.choices


def main(argv: list[str] | None = None) -> int:
    """The program (``argv`` None: the process's own arguments) or a command run in a caller's process."""
    program = argv is None
    argv = sys.argv[1:] if argv is None else argv
    named = next((a for a in argv if not a.startswith("-")), None)
    parser, commands = build_parser(named)
    if argv and argv[0] in commands:
        # Options and operands in any order (``diff OLD --format json NEW``): argparse takes a run of
        # positionals at once, and only a subcommand's own parser can parse them intermixed.
        args = commands[argv[0]].parse_intermixed_args(argv[1:])
        args.command = argv[0]
    else:
        args = parser.parse_args(argv)
    try:
        with collector.paused() if program and named in _TREES else contextlib.nullcontext():
            status = int(args.func(args))
        if program:
            # The process ends here: the interpreter's last collection would walk every value made (a
            # million for a diff of two large releases) and free nothing that exiting does not.
            collector.freeze_for_exit()
        return status
    except NativeApiError as exc:
        print(f"nativeapi {args.command}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
