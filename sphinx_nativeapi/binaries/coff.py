"""COFF members of ``.lib`` and MinGW ``.a`` archives: short import objects and regular objects.

An import library describes a DLL's exports with the names an *object file* uses (``_f@8`` on x86,
where the DLL may export ``f@8`` or ``f``): each symbol is listed as the import library stores it.
MSVC writes one 20-byte-header *short import object* per export; GNU ``dlltool`` writes a small COFF
object per export that defines ``__imp_<name>`` (the import address slot) and, for code, ``<name>``
(a jump thunk). Static libraries hold regular COFF objects, read with LIEF.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from sphinx_nativeapi.binaries._lief import lief, text
from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.symbols import Symbol

# IMAGE_FILE_MACHINE_* values (winnt.h).
MACHINES = {0x8664: "x86_64", 0x14C: "x86", 0xAA64: "arm64", 0x1C4: "arm", 0xA641: "arm64ec"}
_IMPORT_HEADER = struct.Struct("<HHHHIIHH")  # Sig1, Sig2, Version, Machine, TimeDateStamp, SizeOfData,
# OrdinalOrHint, Type:2 | NameType:3 | Reserved:11
_IMPORT_KINDS = {0: "function", 1: "data", 2: "data"}  # IMPORT_CODE, IMPORT_DATA, IMPORT_CONST
_IMPORT_ORDINAL = 0  # name type: import by ordinal
_IMP_PREFIX = "__imp_"


def is_short_import(data: memoryview) -> bool:
    return len(data) >= 4 and data[0:4] == b"\0\0\xff\xff"


def is_object(data: memoryview) -> bool:
    return len(data) >= 20 and int.from_bytes(data[0:2], "little") in MACHINES


@dataclass(frozen=True)
class ObjectSymbols:
    """What one archive member contributes: its object format and machine, its symbols, and, for
    import glue, the DLL it imports from and whether GNU dlltool wrote it."""

    format: str  # "elf", "pe" or "macho": the platform table's names for the object format
    arch: str | None
    symbols: list[Symbol]
    dll: str | None = None
    is_import: bool = False
    gnu_import: bool = False


def read_short_import(where: str, data: memoryview) -> ObjectSymbols:
    if len(data) < _IMPORT_HEADER.size:
        raise NativeApiError("truncated short import object", where)
    _sig1, _sig2, _version, machine, _time, size, hint, bits = _IMPORT_HEADER.unpack_from(data)
    strings = bytes(data[_IMPORT_HEADER.size:])
    if size > len(strings) or strings.count(b"\0", 0, size) < 2:
        raise NativeApiError("truncated or corrupt short import object: missing its names", where)
    name, dll = (s.decode("utf-8", "replace") for s in strings[:size].split(b"\0")[:2])
    import_type, name_type = bits & 0x3, (bits >> 2) & 0x7
    if import_type not in _IMPORT_KINDS:
        raise NativeApiError(f"corrupt short import object: import type {import_type}", where)
    symbol = Symbol(name=name, kind=_IMPORT_KINDS[import_type],
                    ordinal=hint if name_type == _IMPORT_ORDINAL else None)
    return ObjectSymbols("pe", MACHINES.get(machine), [symbol], dll=dll or None, is_import=True)


def read_object(where: str, data: memoryview) -> ObjectSymbols:
    """The external defined symbols of a COFF object; for GNU import glue, the imports it describes."""
    binary = lief().COFF.parse(bytes(data))
    if binary is None:
        raise NativeApiError("not a valid COFF object", where)
    section_names = [text(section.name) for section in binary.sections]
    code_sections = {i + 1 for i, s in enumerate(binary.sections) if s.characteristics & 0x20000000}
    defined: dict[str, str] = {}
    symbols = binary.symbols  # keep the binary alive while iterating (see DESIGN.md)
    for sym in symbols:
        index = sym.section_idx
        if not sym.is_external or (index == 0 and not sym.value):  # undefined (a common one has a size)
            continue
        if index > 0:
            kind = "function" if index in code_sections or sym.is_function else "data"
        else:
            kind = "data" if index == 0 else "other"  # 0 with a size: common; -1: absolute
        defined[text(sym.name)] = kind
    arch = MACHINES.get(binary.header.machine.value)
    if not any(name.startswith(".idata$") for name in section_names):
        symbols = [Symbol(name=name, kind=kind) for name, kind in defined.items()]
        return ObjectSymbols("pe", arch, symbols)
    # GNU import glue: each export has an __imp_ slot; a thunk of the same name means code.
    imported = [name[len(_IMP_PREFIX):] for name in defined if name.startswith(_IMP_PREFIX)]
    imports = [Symbol(name=name, kind="function" if name in defined else "data") for name in imported]
    return ObjectSymbols("pe", arch, imports, dll=_dll_name(binary, defined), is_import=True,
                         gnu_import=bool(imports))


def _dll_name(binary: object, defined: dict[str, str]) -> str | None:
    """The DLL a GNU import library is for: the ``*_iname`` member's ``.idata$7`` string."""
    if not any(name.endswith("_iname") for name in defined):
        return None
    for section in binary.sections:  # type: ignore[attr-defined]
        if text(section.name) == ".idata$7":
            name = bytes(section.content).split(b"\0", 1)[0]
            return name.decode("utf-8", "replace") or None
    return None
