"""PE: the export directory of a DLL (names, ordinals, NONAME, forwarders; code or data).

Names are those of the export name table, as the loader and ``GetProcAddress`` see them: on x86 that
is whatever the linker wrote (``f``, ``_f@8``, ``f@8`` …), never undone here. One address can carry
several names and a NONAME export has none; an export without a name is listed with an empty name and
its ordinal, because that is all a program can bind to.
"""

from __future__ import annotations

from typing import Any

from sphinx_nativeapi.binaries._lief import check_range, lief, name_of, text
from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.symbols import Symbol, SymbolTable

_ARCHES = {"AMD64": "x86_64", "I386": "x86", "ARM64": "arm64", "ARMNT": "arm", "ARM64EC": "arm64ec"}
_MEM_EXECUTE = 0x20000000


def arch_of(machine_name: str) -> str | None:
    return _ARCHES.get(machine_name)


def read(path: str, size: int) -> SymbolTable:
    _lief = lief()
    config = _lief.PE.ParserConfig()
    # The export directory is all we read; the other directories are most of LIEF's time and memory.
    config.parse_signature = False
    config.parse_rsrc = False
    config.parse_reloc = False
    config.parse_exceptions = False
    config.parse_arm64x_binary = False
    config.parse_imports = False
    binary = _lief.PE.parse(path, config)
    if binary is None:
        raise NativeApiError("not a valid PE file (its headers could not be parsed)", path)
    arch = arch_of(name_of(binary.header.machine))
    sections = binary.sections
    for section in sections:
        if section.sizeof_raw_data:
            check_range(path, f"section {text(section.name) or '?'}", section.pointerto_raw_data,
                        section.sizeof_raw_data, size)
    directory = binary.data_directory(_lief.PE.DataDirectory.TYPES.EXPORT_TABLE)
    if not binary.has_exports:
        if directory is not None and (directory.rva or directory.size):
            raise NativeApiError("corrupt export directory: LIEF could not read it", path)
        return SymbolTable(path=path, format="pe", arch=arch, platform=None, name=None, symbols=[])
    export = binary.get_export()
    executable = [(s.virtual_address, s.virtual_address + max(s.virtual_size, s.sizeof_raw_data))
                  for s in sections if s.characteristics & _MEM_EXECUTE]
    symbols = [_symbol(entry, executable) for entry in export.entries]
    if export.names_addr_table_cnt and not any(symbol.name for symbol in symbols):
        raise NativeApiError("corrupt export directory: its name table could not be read", path)
    return SymbolTable(path=path, format="pe", arch=arch, platform=None, name=text(export.name) or None,
                       symbols=symbols)


def _symbol(entry: Any, executable: list[tuple[int, int]]) -> Symbol:
    if entry.is_forwarded:
        info = entry.forward_information
        return Symbol(name=text(entry.name), kind="other", ordinal=entry.ordinal,
                      forwarder=f"{text(info.library)}.{text(info.function)}")
    address = entry.address
    code = any(start <= address < end for start, end in executable)
    return Symbol(name=text(entry.name), kind="function" if code else "data", ordinal=entry.ordinal)
