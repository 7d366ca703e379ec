"""ELF: the exports of a shared object (``.dynsym``) and the global symbols of a relocatable object.

An export is what ``nm -D --defined-only`` lists and the dynamic linker can bind to: a defined symbol
(any section, or absolute) that is GLOBAL, WEAK or GNU_UNIQUE and has DEFAULT or PROTECTED visibility.
GNU symbol versions are kept apart from the name: ``version`` is the version, ``default_version`` tells
``name@@V`` (True, what new links bind to) from the hidden ``name@V`` (False, kept for old binaries).
The entries that only name a version definition (an absolute symbol named like its own version) are
not symbols of the API and are left out.
"""

from __future__ import annotations

from typing import Any

from sphinx_nativeapi.binaries._lief import check_range, lief, name_of, text
from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.model import Symbol, SymbolTable

# ELF constants (System V gABI): st_info's binding and type, st_other's visibility, section indices.
_STB_GLOBAL, _STB_WEAK, _STB_GNU_UNIQUE = 1, 2, 10
_STT_OBJECT, _STT_FUNC, _STT_COMMON, _STT_TLS, _STT_GNU_IFUNC = 1, 2, 5, 6, 10
_STV_DEFAULT, _STV_PROTECTED = 0, 3
_SHN_UNDEF, _SHN_ABS, _SHN_COMMON = 0, 0xFFF1, 0xFFF2
_VERSYM_HIDDEN = 0x8000
_SHT_NOBITS = 8

_CLASSES_AND_ORDERS = frozenset((c, d) for c in ("ELF32", "ELF64") for d in ("LSB", "MSB"))
_EXPORTED_BINDINGS = frozenset({_STB_GLOBAL, _STB_WEAK, _STB_GNU_UNIQUE})
_EXPORTED_VISIBILITIES = frozenset({_STV_DEFAULT, _STV_PROTECTED})

_ARCHES = {"X86_64": "x86_64", "I386": "x86", "AARCH64": "aarch64", "ARM": "arm", "RISCV": "riscv",
           "PPC64": "ppc64", "PPC": "ppc", "S390": "s390x", "MIPS": "mips", "LOONGARCH": "loongarch"}


def kind_of(st_type: int) -> str:
    if st_type in (_STT_FUNC, _STT_GNU_IFUNC):
        return "function"
    if st_type in (_STT_OBJECT, _STT_COMMON, _STT_TLS):
        return "data"
    return "other"


def arch_of(binary: Any) -> str | None:
    return _ARCHES.get(name_of(binary.header.machine_type))


def parse(source: bytes | str, path: str, size: int, *, relocatable: bool = False) -> Any:
    """The LIEF binary of ELF bytes or of the file named ``source``, checked to lie whole inside it.

    A file is given to LIEF by name: on a 100 MB library that is twice as fast as handing it bytes.
    """
    _lief = lief()
    config = _lief.ELF.ParserConfig()
    # Only what an export listing needs: relocations and notes are most of LIEF's time on big libraries.
    config.parse_relocations = False
    config.parse_notes = False
    config.parse_overlay = False
    config.parse_symtab_symbols = relocatable
    binary = _lief.ELF.parse(source, config)
    if binary is None:
        raise NativeApiError("not a valid ELF file (its headers could not be parsed)", path)
    header = binary.header
    if (name_of(header.identity_class), name_of(header.identity_data)) not in _CLASSES_AND_ORDERS:
        raise NativeApiError("not a valid ELF file (unknown class or byte order)", path)
    check_range(path, "the program header table", header.program_header_offset,
                header.numberof_segments * header.program_header_size, size)
    check_range(path, "the section header table", header.section_header_offset,
                header.numberof_sections * header.section_header_size, size)
    for section in binary.sections:
        if int(section.type) != _SHT_NOBITS and section.size:
            check_range(path, f"section {text(section.name) or '?'}", section.offset, section.size, size)
    for segment in binary.segments:
        where = f"segment {name_of(segment.type)}"
        check_range(path, where, segment.file_offset, segment.physical_size, size)
    return binary


def read_shared(path: str, size: int) -> SymbolTable:
    """The exports of a shared object."""
    binary = parse(path, path, size)
    file_type = name_of(binary.header.file_type)
    if file_type not in ("DYN", "EXEC"):
        raise NativeApiError(f"an ELF {file_type} file, not a shared library or executable", path)
    # Version names by definition index; a defined symbol's versym refers to a definition.
    definitions = {}
    for definition in binary.symbols_version_definition:
        auxiliaries = definition.auxiliary_symbols
        if auxiliaries and not definition.flags & 1:  # VER_FLG_BASE names the file, not a version
            definitions[definition.ndx] = text(auxiliaries[0].name)
    versions = binary.symbols_version
    symbols_list = binary.dynamic_symbols  # keep the binary alive while iterating (see DESIGN.md)
    versym = [v.value for v in versions] if len(versions) == len(symbols_list) else None
    symbols: list[Symbol] = []
    for index, sym in enumerate(symbols_list):
        shndx = sym.shndx
        if shndx == _SHN_UNDEF:
            continue
        info = sym.information
        if info >> 4 not in _EXPORTED_BINDINGS or sym.other & 3 not in _EXPORTED_VISIBILITIES:
            continue
        name = text(sym.name)
        version = default = None
        if versym is not None and versym[index] & 0x7FFF >= 2:
            version = definitions.get(versym[index] & 0x7FFF)
            if version is None:
                raise NativeApiError(
                    f"corrupt symbol versions: {name} refers to version index {versym[index] & 0x7FFF}, "
                    "which no version definition has", path)
            default = not versym[index] & _VERSYM_HIDDEN
            if shndx == _SHN_ABS and name == version and sym.value == 0:
                continue  # the entry of a version definition, not a symbol
        kind = kind_of(info & 0xF)
        symbols.append(Symbol(name=name, kind=kind, version=version, default_version=default))
    soname = binary.get(lief().ELF.DynamicEntry.TAG.SONAME)
    return SymbolTable(path=path, format="elf", arch=arch_of(binary), platform=None,
                       name=text(soname.name) if soname is not None else None, symbols=symbols)


def read_object(path: str, data: bytes) -> tuple[str | None, list[Symbol]]:
    """The global defined symbols of a relocatable object (an archive member): arch and symbols."""
    binary = parse(data, path, len(data), relocatable=True)
    if name_of(binary.header.file_type) != "REL":
        kind = name_of(binary.header.file_type)
        raise NativeApiError(f"archive member is an ELF {kind} file, not a relocatable object", path)
    symbols = []
    symtab = binary.symtab_symbols
    for sym in symtab:
        if sym.shndx == _SHN_UNDEF:
            continue
        info = sym.information
        if info >> 4 not in _EXPORTED_BINDINGS:
            continue
        symbols.append(Symbol(name=text(sym.name), kind=kind_of(info & 0xF)))
    return arch_of(binary), symbols
