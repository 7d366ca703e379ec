"""ELF: the exports of a shared object (``.dynsym``) and the global symbols of a relocatable object.

An export is what ``nm -D --defined-only`` lists and the dynamic linker can bind to: a defined symbol
(any section, or absolute) that is GLOBAL, WEAK or GNU_UNIQUE and has DEFAULT or PROTECTED visibility.
GNU symbol versions are kept apart from the name: ``version`` is the version, ``default_version`` tells
``name@@V`` (True, what new links bind to) from the hidden ``name@V`` (False, kept for old binaries).
The entries that only name a version definition (an absolute symbol named like its own version) are
not symbols of the API and are left out. An executable's copy of a library's data is a defined symbol
with a needed version (``.gnu.version_r``): hidden, ``stdout@GLIBC_2.2.5``, as binutils shows it.

Read by hand (``elf_file``), not with LIEF as DESIGN.md first said, because of a measurement
(``benchmarks/bench_symbols.py``, Debian's libLLVM-15: 117 MB, 45,794 exports): LIEF parses the whole
file and took 2.7-3.7x the time of ``nm -D`` run as a subprocess; a listing needs only ``.dynsym``,
``.dynstr`` and the version tables (6 MB of it), and read over an ``mmap`` they take 0.6-0.8x nm's time.
The relocatable objects of ``.a`` archives go through the same reader, so no ELF goes to LIEF.
"""

from __future__ import annotations

import mmap

from sphinx_nativeapi import collector
from sphinx_nativeapi.binaries.elf_file import FILE_TYPES, SHT_SYMTAB, ElfFile
from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.model import Symbol, SymbolTable

# ELF constants (System V gABI): st_info's binding and type, st_other's visibility, section indices.
_STB_GLOBAL, _STB_WEAK, _STB_GNU_UNIQUE = 1, 2, 10
_STT_OBJECT, _STT_FUNC, _STT_COMMON, _STT_TLS, _STT_GNU_IFUNC = 1, 2, 5, 6, 10
_STV_DEFAULT, _STV_PROTECTED = 0, 3
_SHN_UNDEF, _SHN_ABS = 0, 0xFFF1
_VERSYM_HIDDEN, _VERSYM_INDEX = 0x8000, 0x7FFF

_EXPORTED_BINDINGS = frozenset({_STB_GLOBAL, _STB_WEAK, _STB_GNU_UNIQUE})
_EXPORTED_VISIBILITIES = frozenset({_STV_DEFAULT, _STV_PROTECTED})
# The kind of each symbol type (st_info's low 4 bits).
_KINDS = tuple(
    "function" if t in (_STT_FUNC, _STT_GNU_IFUNC) else
    "data" if t in (_STT_OBJECT, _STT_COMMON, _STT_TLS) else "other"
    for t in range(16))

# e_machine values (gABI) of the architectures the platform table knows or may come to know.
_ARCHES = {62: "x86_64", 3: "x86", 183: "aarch64", 40: "arm", 243: "riscv", 21: "ppc64", 20: "ppc",
           22: "s390x", 8: "mips", 258: "loongarch"}


def read_shared(path: str, size: int) -> SymbolTable:
    """The exports of a shared object (or executable), read over an ``mmap`` of the file."""
    try:
        with open(path, "rb") as file:
            data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError) as exc:
        raise NativeApiError(f"cannot map the file: {exc}", path) from None
    with data:
        return _exports(ElfFile(data, path))


def _exports(elf: ElfFile) -> SymbolTable:
    if elf.type not in (2, 3):
        kind = FILE_TYPES.get(elf.type, f"type {elf.type}")
        raise NativeApiError(f"an ELF {kind} file, not a shared library or executable", elf.path)
    arch = _ARCHES.get(elf.machine)
    tables = elf.dynamic_tables()
    if tables is None:  # statically linked: nothing for a dynamic linker to bind to
        return SymbolTable(path=elf.path, format="elf", arch=arch, platform=None, name=None, symbols=[])
    names, versions = tables.strings, tables.versions
    text, find, limit, ascii = names.text, names.text.find, names.limit, names.ascii
    rows = elf.symbol_rows(tables.symbols)
    versym = tables.versym or (0,) * tables.symbol_count  # 0: no version
    symbols: list[Symbol] = []
    append = symbols.append
    # The hot loop of a large library: locals only, filters first, StringTable's lookup inlined.
    with collector.paused():  # every symbol made stays alive: collections would free nothing
        for (st_name, info, other, shndx, value), number in zip(rows, versym, strict=True):
            if shndx == _SHN_UNDEF or info >> 4 not in _EXPORTED_BINDINGS or other & 3 not in \
                    _EXPORTED_VISIBILITIES:
                continue
            name = text[st_name:find("\0", st_name)] if st_name < limit else names.past_end(st_name)
            if not ascii:
                name = names.as_utf8(name)
            version = default = None
            if number & _VERSYM_INDEX >= 2:
                found = versions.get(number & _VERSYM_INDEX)
                if found is None:
                    raise NativeApiError(
                        f"corrupt symbol versions: {name} refers to version index "
                        f"{number & _VERSYM_INDEX}, which no version definition has", elf.path)
                version, needed = found
                default = not (needed or number & _VERSYM_HIDDEN)
                if shndx == _SHN_ABS and name == version and value == 0:
                    continue  # the entry of a version definition, not a symbol
            append(Symbol(name, _KINDS[info & 0xF], version, default))
    return SymbolTable(path=elf.path, format="elf", arch=arch, platform=None, name=tables.soname,
                       symbols=symbols)


def read_object(path: str, data: bytes) -> tuple[str | None, list[Symbol]]:
    """The global defined symbols of a relocatable object (an archive member): arch and symbols."""
    elf = ElfFile(data, path)
    if elf.type != 1:
        kind = FILE_TYPES.get(elf.type, f"type {elf.type}")
        raise NativeApiError(f"archive member is an ELF {kind} file, not a relocatable object", path)
    symtab = elf.section(SHT_SYMTAB)
    symbols = []
    if symtab is not None:
        region, _count = elf.symbol_region(symtab, "the .symtab section")
        names = elf.linked_strings(symtab, "the .symtab section")
        symbols = [Symbol(names[st_name], _KINDS[info & 0xF])
                   for st_name, info, _other, shndx, _value in elf.symbol_rows(region)
                   if shndx != _SHN_UNDEF and info >> 4 in _EXPORTED_BINDINGS]
    return _ARCHES.get(elf.machine), symbols
