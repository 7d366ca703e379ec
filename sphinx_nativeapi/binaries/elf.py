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

import functools
import mmap
from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import compress, repeat
from operator import and_, getitem

from sphinx_nativeapi import collector
from sphinx_nativeapi.binaries.elf_file import FILE_TYPES, SHT_SYMTAB, ElfFile, StringTable, SymbolColumns
from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.symbols import Symbol, SymbolTable

# ELF constants (System V gABI): st_info's binding and type, st_other's visibility, section indices.
_STB_GLOBAL, _STB_WEAK, _STB_GNU_UNIQUE = 1, 2, 10
_STT_OBJECT, _STT_FUNC, _STT_COMMON, _STT_TLS, _STT_GNU_IFUNC = 1, 2, 5, 6, 10
_STV_DEFAULT, _STV_PROTECTED = 0, 3
_SHN_ABS = 0xFFF1  # st_shndx: 0 is undefined
_VERSYM_HIDDEN, _VERSYM_INDEX = 0x8000, 0x7FFF

_EXPORTED_BINDINGS = frozenset({_STB_GLOBAL, _STB_WEAK, _STB_GNU_UNIQUE})
_EXPORTED_VISIBILITIES = frozenset({_STV_DEFAULT, _STV_PROTECTED})
# By st_info: whether its binding exports, and the kind its type (the low 4 bits) gives; by st_other:
# whether its visibility exports. Tables, so that the readers test and name every symbol at C speed.
_EXPORTING_INFO = bytes(info >> 4 in _EXPORTED_BINDINGS for info in range(256))
_EXPORTING_OTHER = bytes(other & 3 in _EXPORTED_VISIBILITIES for other in range(256))
_KINDS = tuple(
    "function" if info & 0xF in (_STT_FUNC, _STT_GNU_IFUNC) else
    "data" if info & 0xF in (_STT_OBJECT, _STT_COMMON, _STT_TLS) else "other"
    for info in range(256))

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
    columns = elf.symbol_columns(tables.symbols)
    # Column by column, each step a C loop (``map``, ``compress``) over tens of thousands of symbols,
    # and no list of values that are not kept (the first touch of each page of new memory costs more
    # than the work here): a Python loop over the rows was two thirds of listing libLLVM's exports.
    exported = _exported_rows(columns)
    names = _names(tables.strings, columns.name, exported)
    kinds = map(getitem, repeat(_KINDS), _at(columns.info, exported))
    none = repeat(None)
    versions: Iterable[str | None] = none
    defaults: Iterable[bool | None] = none
    if tables.versym is not None:
        version_of, default_of = _versions(tables.versym, tables.versions, exported, names, elf.path)
        versions = map(version_of.__getitem__, _at(tables.versym, exported))
        defaults = map(default_of.__getitem__, _at(tables.versym, exported))
    # ``tuple.__new__`` makes each Symbol from its seven fields in C; ``Symbol._make`` is a Python call.
    with collector.paused():  # every symbol made stays alive: collections would free nothing
        symbols = list(map(tuple.__new__, repeat(Symbol), zip(names, kinds, versions, defaults, none, none,
                                                               none, strict=False)))
    # The entries that only name a version definition: absolute, named like their version, value 0.
    absolute = compress(range(len(exported)), map(_SHN_ABS.__eq__, _at(columns.shndx, exported)))
    definitions = [i for i in absolute
                   if symbols[i].name == symbols[i].version and columns.value[exported[i]] == 0]
    for index in reversed(definitions):
        del symbols[index]
    return SymbolTable(path=elf.path, format="elf", arch=arch, platform=None, name=tables.soname,
                       symbols=symbols)


def _exported_rows(columns: SymbolColumns, *, visibility: bool = True) -> array[int]:
    """The rows of the symbols a linker binds to: defined, with a binding that exports and (for a dynamic
    linker) a visibility that does. Each test is a 0/1 byte per row, made at C speed (``bytes.translate``
    by table), and the tests are and-ed bytewise as one big integer each."""
    count = len(columns.info)
    tests = [columns.info.tobytes().translate(_EXPORTING_INFO), bytes(map(bool, columns.shndx))]
    if visibility:
        tests.append(columns.other.tobytes().translate(_EXPORTING_OTHER))
    passed = functools.reduce(and_, (int.from_bytes(test, "big") for test in tests))
    return array("l", compress(range(count), passed.to_bytes(count, "big")))


def _at(column: Sequence[int], rows: Iterable[int]) -> Iterator[int]:
    """The column's values at these rows (``getitem`` is a fast call; a memoryview's ``__getitem__`` is
    not: it packs its argument in a tuple each time)."""
    return map(getitem, repeat(column), rows)


def _names(strings: StringTable, column: Sequence[int], rows: Sequence[int]) -> list[str]:
    """The names of these rows of a symbol table (``column``: st_name), each ending at the next NUL."""
    if rows and max(_at(column, rows)) >= strings.limit:
        strings.past_end(next(o for o in _at(column, rows) if o >= strings.limit))
    text, find = strings.text, strings.text.find
    names = [text[start:find("\0", start)] for start in _at(column, rows)]
    return names if strings.ascii else list(map(strings.as_utf8, names))


def _versions(versym: Sequence[int], versions: dict[int, tuple[str, bool]], rows: Sequence[int],
              names: list[str], path: str) -> tuple[dict[int, str | None], dict[int, bool | None]]:
    """By ``.gnu.version`` entry of these rows: the version it names, and whether it is the default one
    (``name@@V``, not the hidden ``name@V``); None for 0 and 1 (local, global)."""
    version_of: dict[int, str | None] = {}
    default_of: dict[int, bool | None] = {}
    for number in set(_at(versym, rows)):
        index = number & _VERSYM_INDEX
        if index < 2:
            version_of[number] = default_of[number] = None
        elif index in versions:
            version, needed = versions[index]
            version_of[number], default_of[number] = version, not (needed or number & _VERSYM_HIDDEN)
        else:
            name = next(n for r, n in zip(rows, names, strict=True) if versym[r] == number)
            raise NativeApiError(f"corrupt symbol versions: {name} refers to version index {index}, which "
                                 "no version definition has", path)
    return version_of, default_of


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
        columns = elf.symbol_columns(region)
        # Any visibility: a hidden global of a member is still one the link of the archive binds to.
        symbols = [Symbol(names[columns.name[i]], _KINDS[columns.info[i]])
                   for i in _exported_rows(columns, visibility=False)]
    return _ARCHES.get(elf.machine), symbols
