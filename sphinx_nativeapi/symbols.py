"""What a binary exports: the binaries stage's values, :class:`Symbol` and :class:`SymbolTable`.

They are kept apart from ``model.py``, and are named tuples rather than dataclasses, for the commands
that only read binaries (``nativeapi symbols``, ``dump --binary``), which every OS job of a CI matrix
runs on libraries of tens of thousands of exports: importing the dataclass machinery and the model's
classes cost those commands a third of ``nm -D``'s whole run, and a named tuple is made from a row of
a binary's symbol table at C speed (``Symbol._make``), half the time of a dataclass's ``__init__``.
Both are facts read from a file, so immutable: a changed value is a ``_replace``.
"""

from __future__ import annotations

from typing import Any, NamedTuple

# The schema of every JSON document this package writes (scan, symbol dump, report, release dump).
SCHEMA = 1


class Symbol(NamedTuple):
    """One exported symbol, named exactly as the binary stores it."""

    name: str
    kind: str  # "function", "data" or "other"
    version: str | None = None  # ELF symbol version
    default_version: bool | None = None  # ELF: True for name@@V, False for name@V, None unversioned
    ordinal: int | None = None  # PE
    forwarder: str | None = None  # PE: "OTHER.dll.name"
    demangled: str | None = None


class SymbolTable(NamedTuple):
    """The exports of one binary (one slice of a universal Mach-O), or of a dump of one."""

    path: str
    format: str  # "elf", "pe", "macho", "archive", "coff-import", "dump"
    arch: str | None
    platform: str | None
    name: str | None  # soname, DLL name or install name
    symbols: list[Symbol]
    # Mach-O: the dylib's compatibility version ("1.0.0"): the loader refuses a library whose version is
    # below the one a program was linked against.
    compatibility_version: str | None = None

    def to_json(self) -> dict[str, Any]:
        data = self._asdict()
        data["symbols"] = [s._asdict() for s in self.symbols]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SymbolTable:
        return cls(**{**data, "symbols": [Symbol(**s) for s in data["symbols"]]})
