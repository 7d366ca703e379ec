"""JSON symbol dumps: the output of ``nativeapi symbols --json``, read back in place of the binaries.

A CI job on each OS writes the dump of its own binaries; the docs job reads every dump on one machine.
The tables come back exactly as written (format, arch, platform and path of the original binary).
"""

from __future__ import annotations

import json
from itertools import chain, repeat
from json.encoder import encode_basestring_ascii  # type: ignore[attr-defined]
from operator import itemgetter
from typing import Any, TextIO

from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.symbols import SCHEMA, Symbol, SymbolTable

FORMATS = frozenset({"elf", "pe", "macho", "archive", "coff-import"})
_OPTIONAL_STR = (str, type(None))
_SYMBOL_FIELDS = {"name": str, "kind": str, "version": _OPTIONAL_STR, "default_version": (bool, type(None)),
                  "ordinal": (int, type(None)), "forwarder": _OPTIONAL_STR, "demangled": _OPTIONAL_STR}
_TABLE_FIELDS = {"path": str, "format": str, "arch": _OPTIONAL_STR, "platform": _OPTIONAL_STR,
                 "name": _OPTIONAL_STR, "symbols": list, "compatibility_version": _OPTIONAL_STR}
_OPTIONAL_TABLE_FIELDS = {"compatibility_version"}  # absent from the dumps of earlier versions


def to_json(tables: list[SymbolTable]) -> dict[str, Any]:
    return {"schema": SCHEMA, "binaries": [table.to_json() for table in tables]}


def write(tables: list[SymbolTable], out: TextIO) -> None:
    """The dump as text: one symbol a line, so that it diffs well under version control."""
    out.write(f'{{"schema": {SCHEMA}, "binaries": ')
    write_tables(tables, out)
    out.write("}\n")


def write_tables(tables: list[SymbolTable], out: TextIO) -> None:
    """The JSON list of the tables, one symbol a line, written as ``json.dumps`` of each symbol would.

    Written at C speed, and in pieces: on a library of 45,000 exports a Python loop over the symbols
    was a third of ``nativeapi symbols --json``, and building the 9 MB text whole, in a few copies, was
    another third (the first touch of each page of new memory). Names are escaped by the C encoder's own
    function where any needs it; the rest of each line (kind, version, PE facts: few distinct ones) is
    encoded once per distinct value.
    """
    tails = _Tails()
    out.write("[")
    for index, table in enumerate(tables):
        head = table._asdict()
        del head["symbols"]
        out.write(f'{"," if index else ""}\n {json.dumps(head)[:-1]}, "symbols": [')
        symbols = table.symbols
        for start in range(0, len(symbols), _CHUNK):
            chunk = symbols[start:start + _CHUNK]
            names = list(map(itemgetter(0), chunk))
            if _plain("".join(names)):  # as JSON, each is itself in quotes
                head, tail = ',\n  {"name": "', '", '
            else:
                head, tail = ',\n  {"name": ', ", "
                names = list(map(encode_basestring_ascii, names))
            text = "".join(chain.from_iterable(zip(
                repeat(head), names, repeat(tail), map(tails.__getitem__, map(_TAIL, chunk)), repeat("}"),
                strict=False)))
            out.write(text[1:] if start == 0 else text)  # no comma before the first
        out.write("\n ]}" if symbols else "]}")
    out.write("\n]")


_CHUNK = 2048  # symbols a piece: a few hundred KB of text, its memory reused by the next piece
_TAIL = itemgetter(slice(1, None))  # a symbol's fields after its name


def _plain(text: str) -> bool:
    """Whether JSON (as ``json.dumps`` writes it, ASCII only) has the text as it is: a test of the
    names of a whole piece at C speed, which spares escaping them one by one (a tenth of the work)."""
    return text.isascii() and not text.encode("ascii").translate(None, _PLAIN_BYTES)


# What the C encoder writes as itself: printable ASCII but the quote and the backslash.
_PLAIN_BYTES = bytes(c for c in range(0x20, 0x7F) if c not in b'"\\')


class _Tails(dict[tuple[Any, ...], str]):
    """The JSON text of each distinct tail of a symbol (its fields after the name), made on first use."""

    def __missing__(self, tail: tuple[Any, ...]) -> str:
        text = self[tail] = json.dumps(dict(zip(Symbol._fields[1:], tail, strict=True)))[1:-1]
        return text


def read(path: str, data: bytes) -> list[SymbolTable]:
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise NativeApiError(f"not a valid JSON symbol dump: {exc}", path) from None
    if not isinstance(document, dict) or "binaries" not in document:
        raise NativeApiError('not a symbol dump: expected {"schema": 1, "binaries": [...]}', path)
    if document.get("schema") != SCHEMA:
        schema = document.get("schema")
        raise NativeApiError(f"symbol dump schema {schema!r}; this version reads schema {SCHEMA}", path)
    binaries = document["binaries"]
    if not isinstance(binaries, list):
        raise NativeApiError('symbol dump: "binaries" is not a list', path)
    return [_table(path, i, entry) for i, entry in enumerate(binaries)]


def _table(path: str, index: int, entry: Any) -> SymbolTable:
    where = f"binaries[{index}]"
    _check(path, where, entry, _TABLE_FIELDS, _OPTIONAL_TABLE_FIELDS)
    if entry["format"] not in FORMATS:
        raise NativeApiError(f"symbol dump: {where}.format {entry['format']!r} is not one of "
                             f"{', '.join(sorted(FORMATS))}", path)
    for j, symbol in enumerate(entry["symbols"]):
        _check(path, f"{where}.symbols[{j}]", symbol, _SYMBOL_FIELDS)
        if symbol["kind"] not in ("function", "data", "other"):
            raise NativeApiError(f"symbol dump: {where}.symbols[{j}].kind {symbol['kind']!r}", path)
    return SymbolTable.from_json(entry)


def _check(path: str, where: str, value: Any, spec: dict[str, Any],
           optional: frozenset[str] | set[str] = frozenset()) -> None:
    if not isinstance(value, dict) or not set(spec) - optional <= set(value) <= set(spec):
        raise NativeApiError(f"symbol dump: {where} must be an object with the keys {', '.join(spec)}", path)
    for key, types in spec.items():
        if key not in value:
            continue
        allowed = types if isinstance(types, tuple) else (types,)
        # bool is an int in Python: an ordinal of true is as wrong as one of "1".
        if not isinstance(value[key], allowed) or (isinstance(value[key], bool) and bool not in allowed):
            raise NativeApiError(f"symbol dump: {where}.{key} has the wrong type", path)
