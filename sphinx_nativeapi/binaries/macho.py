"""Mach-O: the exports of each slice of a (possibly universal) dylib or bundle.

The export trie (``LC_DYLD_INFO`` or ``LC_DYLD_EXPORTS_TRIE``) is what dyld binds to, so it is the
answer; only a binary without one falls back to its external defined symbols (``nm -gU``). Names keep
the leading ``_`` the object format adds to every C name. A re-export names the library it comes from
as its forwarder: ``<install name>:<symbol>``.
"""

from __future__ import annotations

from typing import Any

from sphinx_nativeapi.binaries._lief import check_range, lief, name_of, text
from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.symbols import Symbol, SymbolTable

_ARCHES = {"X86_64": "x86_64", "ARM64": "arm64", "X86": "x86", "ARM": "arm", "ARM64_32": "arm64_32"}

# Export-trie flags and nlist bits, from <mach-o/loader.h> and <mach-o/nlist.h>.
_EXPORT_KIND_MASK, _EXPORT_THREAD_LOCAL, _EXPORT_ABSOLUTE, _EXPORT_REEXPORT = 0x03, 0x01, 0x02, 0x08
_N_STAB, _N_PEXT, _N_TYPE, _N_EXT, _N_ABS, _N_SECT = 0xE0, 0x10, 0x0E, 0x01, 0x02, 0x0E
_CODE_SECTION_ATTRIBUTES = 0x80000000 | 0x00000400  # S_ATTR_PURE_INSTRUCTIONS | S_ATTR_SOME_INSTRUCTIONS


def read(path: str, size: int) -> list[SymbolTable]:
    _lief = lief()
    config = _lief.MachO.ParserConfig()
    config.parse_dyld_exports = True
    config.parse_dyld_bindings = False
    config.parse_dyld_rebases = False
    fat = _lief.MachO.parse(path, config)
    if fat is None or fat.size == 0:
        raise NativeApiError("not a valid Mach-O file (its headers could not be parsed)", path)
    return [_read_slice(path, fat.at(index), size) for index in range(fat.size)]


def _read_slice(path: str, binary: Any, file_size: int) -> SymbolTable:
    header = binary.header
    arch = _ARCHES.get(name_of(header.cpu_type))
    where = f"{path} ({arch or 'unknown arch'} slice)" if binary.fat_offset else path
    slice_size = binary.original_size
    check_range(where, "the slice", binary.fat_offset, slice_size, file_size)
    header_size = 32 if name_of(header.magic) in ("MAGIC_64", "CIGAM_64") else 28
    check_range(where, "the load commands", header_size, header.sizeof_cmds, slice_size)
    if len(binary.commands) != header.nb_cmds:
        raise NativeApiError(f"corrupt load commands: the header counts {header.nb_cmds}, "
                             f"{len(binary.commands)} could be read", where)
    for segment in binary.segments:
        if segment.file_size:
            where_segment = f"segment {text(segment.name)}"
            check_range(where, where_segment, segment.file_offset, segment.file_size, slice_size)
    trie = binary.dyld_exports_trie if binary.has_dyld_exports_trie else None
    if trie is None and binary.has_dyld_info and binary.dyld_info.export_info[1]:
        trie = binary.dyld_info
    symbols = _from_trie(binary, trie) if trie is not None else _from_symbol_table(binary)
    install_name, compatibility = _identity(binary)
    return SymbolTable(path=path, format="macho", arch=arch, platform=None, name=install_name,
                       symbols=symbols, compatibility_version=compatibility)


def _identity(binary: Any) -> tuple[str | None, str | None]:
    """The dylib's install name and compatibility version (LC_ID_DYLIB); None for an executable."""
    for command in binary.commands:
        if name_of(command.command) == "ID_DYLIB":
            version = command.compatibility_version
            return text(command.name), ".".join(str(int(v)) for v in version) if version else None
    return None, None


def _from_trie(binary: Any, trie: Any) -> list[Symbol]:
    base = binary.imagebase
    symbols = []
    exports = trie.exports  # keep the iterator's owner alive while iterating (see DESIGN.md)
    for export in exports:
        name = text(export.symbol.name) if export.has_symbol else ""
        flags = export.flags
        if flags & _EXPORT_REEXPORT:
            alias = export.alias
            library = export.alias_library
            target = text(alias.name) if alias is not None and alias.name else name
            forwarder = f"{text(library.name) if library is not None else '?'}:{target}"
            symbols.append(Symbol(name=name, kind="other", forwarder=forwarder))
            continue
        kind = flags & _EXPORT_KIND_MASK
        if kind == _EXPORT_THREAD_LOCAL:
            symbols.append(Symbol(name=name, kind="data"))
        elif kind == _EXPORT_ABSOLUTE:
            symbols.append(Symbol(name=name, kind="other"))
        else:
            symbols.append(Symbol(name=name, kind=_kind_at(binary, base + export.address)))
    return symbols


def _from_symbol_table(binary: Any) -> list[Symbol]:
    symbols = []
    table = binary.symbols
    for sym in table:
        raw = sym.raw_type
        if raw & _N_STAB or not raw & _N_EXT or raw & _N_PEXT or (raw & _N_TYPE) not in (_N_SECT, _N_ABS):
            continue
        kind = _kind_at(binary, sym.value) if raw & _N_TYPE == _N_SECT else "other"
        symbols.append(Symbol(name=text(sym.name), kind=kind))
    return symbols


def _kind_at(binary: Any, address: int) -> str:
    section = binary.section_from_virtual_address(address)
    if section is None:
        return "other"
    try:
        flags = int(section.flags)
    except ValueError:  # LIEF's enum refuses attribute bits it does not know (a hostile file)
        return "other"
    return "function" if flags & _CODE_SECTION_ATTRIBUTES else "data"


def read_object(where: str, data: bytes) -> tuple[str | None, list[Symbol]]:
    """The external defined symbols of a Mach-O object (a member of a macOS static library)."""
    fat = lief().MachO.parse(data)
    if fat is None or fat.size != 1:
        raise NativeApiError("not a valid Mach-O object", where)
    binary = fat.at(0)
    return _ARCHES.get(name_of(binary.header.cpu_type)), _from_symbol_table(binary)
