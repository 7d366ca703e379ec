"""JSON symbol dumps: the output of ``nativeapi symbols --json``, read back in place of the binaries.

A CI job on each OS writes the dump of its own binaries; the docs job reads every dump on one machine.
The tables come back exactly as written (format, arch, platform and path of the original binary).
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring_ascii  # type: ignore[attr-defined]
from typing import Any

from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.model import SCHEMA, Symbol, SymbolTable

FORMATS = frozenset({"elf", "pe", "macho", "archive", "coff-import"})
_OPTIONAL_STR = (str, type(None))
_SYMBOL_FIELDS = {"name": str, "kind": str, "version": _OPTIONAL_STR, "default_version": (bool, type(None)),
                  "ordinal": (int, type(None)), "forwarder": _OPTIONAL_STR, "demangled": _OPTIONAL_STR}
_TABLE_FIELDS = {"path": str, "format": str, "arch": _OPTIONAL_STR, "platform": _OPTIONAL_STR,
                 "name": _OPTIONAL_STR, "symbols": list, "compatibility_version": _OPTIONAL_STR}
_OPTIONAL_TABLE_FIELDS = {"compatibility_version"}  # absent from the dumps of earlier versions


def to_json(tables: list[SymbolTable]) -> dict[str, Any]:
    return {"schema": SCHEMA, "binaries": [table.to_json() for table in tables]}


def to_text(tables: list[SymbolTable]) -> str:
    """The dump as text: one symbol a line, so that it diffs well under version control.

    ``json.dumps(..., indent=...)`` runs Python's own encoder, not the C one: on a library of 45,000
    exports that was half the time of ``nativeapi symbols --json``. Each line here is one format of the
    symbol's fields, its strings escaped by the C encoder's own function (twice as fast as
    ``json.dumps`` of the symbol's dict, and the same text).
    """
    parts = []
    tails: dict[tuple, str] = {}
    for table in tables:
        head = {k: v for k, v in table.__dict__.items() if k != "symbols"}
        lines = ",\n  ".join([_symbol_line(s, tails) for s in table.symbols])
        symbols = f"[\n  {lines}\n ]" if lines else "[]"
        parts.append(f'\n {json.dumps(head)[:-1]}, "symbols": {symbols}}}')
    return f'{{"schema": {SCHEMA}, "binaries": [{",".join(parts)}\n]}}\n'


def _symbol_line(s: Symbol, tails: dict[tuple, str], text=encode_basestring_ascii) -> str:
    """One symbol's JSON (the hot loop of a large library: locals, no calls for the usual nulls)."""
    key = (s.kind, s.version, s.default_version)
    tail = tails.get(key)
    if tail is None:
        tail = tails[key] = json.dumps({"kind": s.kind, "version": s.version,
                                        "default_version": s.default_version})[1:-1]
    ordinal, forwarder, demangled = s.ordinal, s.forwarder, s.demangled
    return (f'{{"name": {text(s.name)}, {tail}, "ordinal": {"null" if ordinal is None else int(ordinal)}, '
            f'"forwarder": {"null" if forwarder is None else text(forwarder)}, '
            f'"demangled": {"null" if demangled is None else text(demangled)}}}')


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
