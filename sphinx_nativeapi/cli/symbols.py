"""``nativeapi symbols``: what binaries export, as a table like ``nm``'s or as a JSON dump.

The JSON output is a symbol dump: a CI job on each OS writes one, and every command that takes a
binary takes the dump in its place, so one docs job can describe all platforms.
"""

from __future__ import annotations

import argparse
import sys

from sphinx_nativeapi.binaries import dump, read_symbols
from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.symbols import Symbol, SymbolTable


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "symbols",
        help="list what binaries export (ELF, PE, Mach-O, .a/.lib, or JSON dumps of them)",
        description="List the exported symbols of shared libraries, static and import libraries, or "
        "symbol dumps. --json writes a dump that this command and the others read in place of the binary.",
    )
    parser.add_argument("binaries", metavar="BINARY", nargs="+", help="a binary or a JSON symbol dump")
    parser.add_argument("--platform", metavar="NAME",
                        help="the platform the binaries are for (default: told by each file)")
    parser.add_argument("--demangle", action="store_true",
                        help="add the readable form of C++ and decorated names")
    parser.add_argument("--json", action="store_true", help="print a JSON symbol dump instead of a table")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # The platform table and the demangler only when asked for: a listing of 45,000 exports is a
    # few times the start-up of a Python process, and each import adds to that.
    if args.platform is not None:
        from sphinx_nativeapi.platforms import PlatformTable, UnknownPlatformError

        try:
            PlatformTable()[args.platform]
        except UnknownPlatformError as exc:
            raise NativeApiError(f"--platform: {exc}") from None
    tables = [table for path in args.binaries for table in read_symbols(path, args.platform)]
    if args.demangle:
        from sphinx_nativeapi.demangle import demangle

        tables = [table._replace(symbols=[s._replace(demangled=demangle(s.name, table.platform))
                                          for s in table.symbols]) for table in tables]
    if args.json:
        dump.write(tables, sys.stdout)
    else:
        sys.stdout.write("\n".join(_table_text(table, len(tables) > 1) for table in tables))
    return 0


def _table_text(table: SymbolTable, heading: bool) -> str:
    rows = [_row(symbol) for symbol in table.symbols]
    widths = [max((len(row[i]) for row in rows), default=0) for i in range(4)]
    lines = []
    if heading:
        facts = ", ".join(str(v) for v in (table.format, table.arch, table.platform, table.name) if v)
        lines.append(f"{table.path} ({facts}):")
    for row in rows:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines) + "\n"


def _row(symbol: Symbol) -> tuple[str, str, str, str]:
    """Ordinal, kind, name (with ``@@V``/``@V`` as ``nm`` shows versions), and demangled or forwarder."""
    name = symbol.name or "(no name)"
    if symbol.version is not None:
        name += ("@@" if symbol.default_version else "@") + symbol.version
    extra = " ".join(filter(None, [symbol.demangled, f"-> {symbol.forwarder}" if symbol.forwarder else None]))
    ordinal = f"@{symbol.ordinal}" if symbol.ordinal is not None else ""
    return ordinal, symbol.kind, name, extra
