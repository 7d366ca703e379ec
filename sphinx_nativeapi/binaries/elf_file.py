"""The layout of an ELF file (ELF32 and ELF64, either byte order), read over its bytes by hand.

Only what an export listing needs: the header, the section and program header tables, the dynamic
table, symbol and string tables, and the GNU version tables, found through the section headers or,
when a file has none (stripped by ``sstrip`` and co.), through the dynamic segment. The bytes are an
``mmap`` of the file (or an archive member's bytes): nothing is read that is not used, and every offset,
size and count is checked against the file before use, so a truncated or hostile file is a
:class:`NativeApiError` naming the problem, never a wrong listing, a hang or a large allocation.
"""

from __future__ import annotations

import struct
import sys
from array import array
from collections.abc import Iterator, Sequence
from typing import NamedTuple, NoReturn, Protocol

from sphinx_nativeapi.errors import NativeApiError

SHT_NULL, SHT_SYMTAB, SHT_STRTAB, SHT_DYNAMIC, SHT_NOBITS, SHT_DYNSYM = 0, 2, 3, 6, 8, 11
SHT_GNU_VERDEF, SHT_GNU_VERNEED, SHT_GNU_VERSYM = 0x6FFFFFFD, 0x6FFFFFFE, 0x6FFFFFFF
_PT_LOAD, _PT_DYNAMIC = 1, 2
_PN_XNUM = 0xFFFF
_DT_NULL, _DT_HASH, _DT_STRTAB, _DT_SYMTAB, _DT_STRSZ, _DT_SYMENT, DT_SONAME = 0, 4, 5, 6, 10, 11, 14
_DT_GNU_HASH, _DT_VERSYM = 0x6FFFFEF5, 0x6FFFFFF0
_DT_VERDEF, _DT_VERDEFNUM, _DT_VERNEED, _DT_VERNEEDNUM = 0x6FFFFFFC, 0x6FFFFFFD, 0x6FFFFFFE, 0x6FFFFFFF
_VER_FLG_BASE = 1

FILE_TYPES = {0: "NONE", 1: "REL", 2: "EXEC", 3: "DYN", 4: "CORE"}

# Per class: the ELF header after e_ident, a section header, a program header, a dynamic entry, and a
# symbol (its size, and the array type code and byte offset of st_name, st_info, st_other, st_shndx and
# st_value: ELF32 has its fields in another order).
_LAYOUTS = {
    1: ("HHIIIIIHHHHHH", "IIIIIIIIII", "IIIIIIII", "iI",
        (16, (("I", 0), ("B", 12), ("B", 13), ("H", 14), ("I", 4)))),
    2: ("HHIQQQIHHHHHH", "IIQQQQIIQQ", "IIQQQQQQ", "qQ",
        (24, (("I", 0), ("B", 4), ("B", 5), ("H", 6), ("Q", 8)))),
}


class Buffer(Protocol):
    """An ``mmap`` or ``bytes``: both slice to ``bytes`` and unpack in place."""

    def __len__(self) -> int: ...
    def __getitem__(self, key: slice, /) -> bytes: ...


class Section(NamedTuple):
    type: int
    offset: int
    size: int
    link: int
    info: int
    entsize: int


class Segment(NamedTuple):
    type: int
    offset: int
    vaddr: int
    filesz: int


class Region(NamedTuple):
    """A checked range of the file and what it holds, for error messages."""

    offset: int
    size: int
    what: str


class StringTable:
    """Names by their offset in a string table (``.dynstr``, ``.strtab``).

    The table is decoded once as Latin-1, so that text offsets are byte offsets, and names are cut from
    that text: on libLLVM's 45,000 names a quarter of the time of decoding each. Names are UTF-8 by
    convention; a table that is not all ASCII has each name re-decoded, a name that is not UTF-8 being
    shown with escapes. A name may start only before the table's last NUL, so each one has an end.
    """

    def __init__(self, text: str, region: Region, path: str) -> None:
        self.text = text
        self.ascii = text.isascii()
        self.limit = text.rfind("\0") + 1
        self.region = region
        self.path = path

    def __getitem__(self, offset: int) -> str:
        if offset >= self.limit:
            self.past_end(offset)
        name = self.text[offset:self.text.find("\0", offset)]
        return name if self.ascii else self.as_utf8(name)

    @staticmethod
    def as_utf8(name: str) -> str:
        return name.encode("latin-1").decode("utf-8", "backslashreplace")

    def past_end(self, offset: int) -> NoReturn:
        raise NativeApiError(
            f"corrupt: a name at offset {offset} of {self.region.what} ({self.region.size} bytes) runs past "
            "its end", self.path)


class DynamicTables(NamedTuple):
    """What the dynamic linker binds to: the dynamic symbols, their names, versions and the soname."""

    symbol_count: int
    symbols: Region
    strings: StringTable
    versym: Sequence[int] | None  # one version index per symbol
    versions: dict[int, tuple[str, bool]]  # index -> (name, hidden by necessity: a needed version)
    soname: str | None


class SymbolColumns(NamedTuple):
    """A symbol table's fields, each a sequence with one value per symbol."""

    name: Sequence[int]  # st_name: the name's offset in the linked string table
    info: Sequence[int]  # st_info: binding (high 4 bits) and type (low 4 bits)
    other: Sequence[int]  # st_other: visibility (low 2 bits)
    shndx: Sequence[int]  # st_shndx: the section it is defined in, 0 (undefined) or SHN_ABS
    value: Sequence[int]  # st_value




class ElfFile:
    """The headers of an ELF file, checked; the tables it holds are read on demand."""

    def __init__(self, data: Buffer, path: str) -> None:
        self.data = data
        self.path = path
        self.size = len(data)
        self._strings: dict[tuple[int, int], StringTable] = {}
        ident = self.read(Region(0, 16, "the ELF identification"))
        if ident[:4] != b"\x7fELF":
            raise NativeApiError("not an ELF file", path)
        if ident[4] not in _LAYOUTS or ident[5] not in (1, 2):
            raise NativeApiError("not a valid ELF file (unknown class or byte order)", path)
        self.is64 = ident[4] == 2
        self.order = "<" if ident[5] == 1 else ">"
        header, self._section_format, self._segment_format, dynamic, symbol = _LAYOUTS[ident[4]]
        self._dynamic_format = self.order + dynamic
        self.symbol_size, self._symbol_fields = symbol
        (self.type, self.machine, _version, _entry, phoff, shoff, _flags, _ehsize, phentsize, phnum,
         shentsize, shnum, _shstrndx) = self.unpack(header, Region(16, 0, "the ELF header"))
        self.sections = self._sections(shoff, shentsize, shnum)
        if phnum == _PN_XNUM and self.sections:  # more segments than e_phnum holds: section 0 says
            phnum = self.sections[0].info
        self.segments = self._segments(phoff, phentsize, phnum)

    # Checked access ----------------------------------------------------------------------------------

    def check(self, region: Region) -> None:
        if region.offset < 0 or region.size < 0 or region.offset + region.size > self.size:
            raise NativeApiError(
                f"truncated or corrupt: {region.what} at offset {region.offset} with size {region.size} "
                f"lies beyond the end of the file ({self.size} bytes)", self.path)

    def read(self, region: Region) -> bytes:
        self.check(region)
        return self.data[region.offset:region.offset + region.size]

    def unpack(self, layout: str, at: Region) -> tuple[int, ...]:
        """One structure of ``layout`` (without byte order) at ``at.offset``; ``at.size`` is ignored."""
        layout = self.order + layout
        self.check(Region(at.offset, struct.calcsize(layout), at.what))
        return struct.unpack_from(layout, self.data, at.offset)

    def _values(self, code: str, data: memoryview) -> Sequence[int]:
        """``data`` as an array of ``code`` (``struct``'s letters) in the file's byte order: the bytes
        themselves when that is the machine's order, else a swapped copy."""
        if self.order == ("<" if sys.byteorder == "little" else ">"):
            return data.cast(code)
        values = array(code)
        values.frombytes(data)
        values.byteswap()
        return values

    def table(self, layout: str, region: Region) -> Iterator[tuple[int, ...]]:
        """The entries of a table of ``layout`` structures filling ``region``."""
        return struct.iter_unpack(self.order + layout, self.read(region))

    def strings(self, region: Region) -> StringTable:
        """The string table in ``region``, read once however many tables link to it."""
        key = (region.offset, region.size)
        if key not in self._strings:
            self.check(region)
            # Decoded straight from the file's bytes (a few MB for a large library: no copy of them first).
            with memoryview(self.data)[region.offset:region.offset + region.size] as view:
                text = str(view, "latin-1")
            self._strings[key] = StringTable(text, region, self.path)
        return self._strings[key]

    # Headers -----------------------------------------------------------------------------------------

    def _sections(self, offset: int, entsize: int, count: int) -> list[Section]:
        if offset == 0:
            return []
        expected = struct.calcsize(self.order + self._section_format)
        if entsize != expected:
            raise NativeApiError(f"corrupt: section header size {entsize}, not {expected}", self.path)
        if count == 0:  # more sections than e_shnum holds: section 0's sh_size says how many
            count = self.unpack(self._section_format, Region(offset, 0, "section header 0"))[5]
        where = Region(offset, count * entsize, f"the section header table ({count} entries)")
        sections = [Section(type_, off, size, link, info, ent)
                    for _name, type_, _flags, _addr, off, size, link, info, _align, ent
                    in self.table(self._section_format, where)]
        for index, section in enumerate(sections):
            if section.type not in (SHT_NULL, SHT_NOBITS):
                self.check(Region(section.offset, section.size, f"section {index}"))
        return sections

    def _segments(self, offset: int, entsize: int, count: int) -> list[Segment]:
        if count == 0:
            return []
        expected = struct.calcsize(self.order + self._segment_format)
        if entsize != expected:
            raise NativeApiError(f"corrupt: program header size {entsize}, not {expected}", self.path)
        where = Region(offset, count * entsize, f"the program header table ({count} entries)")
        if self.is64:
            rows = ((t, off, vaddr, filesz) for t, _flags, off, vaddr, _pa, filesz, _m, _al
                    in self.table(self._segment_format, where))
        else:
            rows = ((t, off, vaddr, filesz) for t, off, vaddr, _pa, filesz, _m, _flags, _al
                    in self.table(self._segment_format, where))
        segments = [Segment(*row) for row in rows]
        for index, segment in enumerate(segments):
            self.check(Region(segment.offset, segment.filesz, f"segment {index}"))
        return segments

    def section(self, type_: int) -> Section | None:
        return next((s for s in self.sections if s.type == type_), None)

    def linked_strings(self, section: Section, what: str) -> StringTable:
        """The string table a section's ``sh_link`` names."""
        if not 0 < section.link < len(self.sections) or self.sections[section.link].type != SHT_STRTAB:
            raise NativeApiError(f"corrupt: {what} links to section {section.link}, not a string table",
                                 self.path)
        strings = self.sections[section.link]
        return self.strings(Region(strings.offset, strings.size, f"the string table of {what}"))

    # Symbols -----------------------------------------------------------------------------------------

    def symbol_region(self, section: Section, what: str) -> tuple[Region, int]:
        if section.entsize != self.symbol_size:
            raise NativeApiError(f"corrupt: {what} entry size {section.entsize}, not {self.symbol_size}",
                                 self.path)
        count = section.size // self.symbol_size
        return Region(section.offset, count * self.symbol_size, what), count

    def symbol_columns(self, region: Region) -> SymbolColumns:
        """The fields of a symbol table as columns, one sequence per field.

        Each column is one field of every entry: a strided view of the table (or, in the other byte
        order, of a swapped copy), read at C speed and making no value until one is asked for. Unpacking
        row by row made a tuple and five integers per symbol (a sixth of listing libLLVM's 45,000
        exports), and a reader uses a few of the fields of a few of the rows.
        """
        table = memoryview(self.read(region))
        columns = []
        for code, offset in self._symbol_fields:
            size = struct.calcsize(code)
            columns.append(self._values(code, table)[offset // size::self.symbol_size // size])
        return SymbolColumns(*columns)

    # The dynamic symbols -----------------------------------------------------------------------------

    def dynamic_tables(self) -> DynamicTables | None:
        """The dynamic symbols and their versions; None for a file that has none (static)."""
        dynsym = self.section(SHT_DYNSYM)
        if dynsym is not None:
            return self._tables_by_sections(dynsym)
        if any(s.type == _PT_DYNAMIC for s in self.segments):
            return self._tables_by_dynamic_segment()
        return None

    def _dynamic_entries(self) -> tuple[dict[int, int], Section | None]:
        """The first value of each tag of the dynamic table, and the ``.dynamic`` section if any."""
        section = self.section(SHT_DYNAMIC)
        if section is not None:
            region = Region(section.offset, section.size, "the .dynamic section")
        else:
            segment = next((s for s in self.segments if s.type == _PT_DYNAMIC), None)
            if segment is None:
                return {}, None
            region = Region(segment.offset, segment.filesz, "the dynamic segment")
        entry_size = struct.calcsize(self._dynamic_format)
        entries: dict[int, int] = {}
        region = Region(region.offset, region.size - region.size % entry_size, region.what)
        for tag, value in struct.iter_unpack(self._dynamic_format, self.read(region)):
            if tag == _DT_NULL:
                break
            entries.setdefault(tag, value)
        return entries, section

    def _tables_by_sections(self, dynsym: Section) -> DynamicTables:
        symbols, count = self.symbol_region(dynsym, "the .dynsym section")
        strings = self.linked_strings(dynsym, "the .dynsym section")
        versym = None
        versym_section = self.section(SHT_GNU_VERSYM)
        if versym_section is not None:
            if versym_section.size != 2 * count:
                raise NativeApiError(
                    f"corrupt: .gnu.version holds {versym_section.size // 2} entries for {count} dynamic "
                    "symbols", self.path)
            versym = self._versym(Region(versym_section.offset, versym_section.size, ".gnu.version"))
        versions: dict[int, tuple[str, bool]] = {}
        verdef = self.section(SHT_GNU_VERDEF)
        if verdef is not None:
            where = Region(verdef.offset, verdef.size, "the .gnu.version_d section")
            self._definitions(where, verdef.info, self.linked_strings(verdef, where.what), versions)
        verneed = self.section(SHT_GNU_VERNEED)
        if verneed is not None:
            where = Region(verneed.offset, verneed.size, "the .gnu.version_r section")
            self._needs(where, verneed.info, self.linked_strings(verneed, where.what), versions)
        entries, dynamic = self._dynamic_entries()
        soname = None
        if DT_SONAME in entries:
            soname_strings = self.linked_strings(dynamic, "the .dynamic section") if dynamic else strings
            soname = soname_strings[self._string_offset(entries[DT_SONAME], soname_strings)]
        return DynamicTables(count, symbols, strings, versym, versions, soname)

    def _tables_by_dynamic_segment(self) -> DynamicTables:
        entries, _ = self._dynamic_entries()
        for tag, name in ((_DT_SYMTAB, "DT_SYMTAB"), (_DT_STRTAB, "DT_STRTAB"), (_DT_STRSZ, "DT_STRSZ")):
            if tag not in entries:
                raise NativeApiError(f"corrupt: no section headers and no {name} in the dynamic table",
                                     self.path)
        if entries.get(_DT_SYMENT, self.symbol_size) != self.symbol_size:
            raise NativeApiError(f"corrupt: DT_SYMENT {entries[_DT_SYMENT]}, not {self.symbol_size}",
                                 self.path)
        count = self._symbol_count(entries)
        symbols = Region(self.offset_of(entries[_DT_SYMTAB], "DT_SYMTAB")[0], count * self.symbol_size,
                         f"the dynamic symbol table ({count} entries)")
        self.check(symbols)
        strings = self.strings(Region(self.offset_of(entries[_DT_STRTAB], "DT_STRTAB")[0],
                                      entries[_DT_STRSZ], "the dynamic string table"))
        versym = None
        if _DT_VERSYM in entries:
            offset = self.offset_of(entries[_DT_VERSYM], "DT_VERSYM")[0]
            versym = self._versym(Region(offset, 2 * count, "the symbol version table"))
        versions: dict[int, tuple[str, bool]] = {}
        if _DT_VERDEF in entries:
            where = Region(*self.offset_of(entries[_DT_VERDEF], "DT_VERDEF"), "the version definitions")
            self._definitions(where, entries.get(_DT_VERDEFNUM, 0), strings, versions)
        if _DT_VERNEED in entries:
            where = Region(*self.offset_of(entries[_DT_VERNEED], "DT_VERNEED"), "the version needs")
            self._needs(where, entries.get(_DT_VERNEEDNUM, 0), strings, versions)
        soname = strings[self._string_offset(entries[DT_SONAME], strings)] if DT_SONAME in entries else None
        return DynamicTables(count, symbols, strings, versym, versions, soname)

    def offset_of(self, address: int, what: str) -> tuple[int, int]:
        """The file offset of a virtual address, and how many bytes of its segment the file holds from it."""
        for segment in self.segments:
            if segment.type == _PT_LOAD and segment.vaddr <= address < segment.vaddr + segment.filesz:
                return segment.offset + address - segment.vaddr, segment.vaddr + segment.filesz - address
        raise NativeApiError(f"corrupt: {what} address {address:#x} lies in no loaded segment", self.path)

    def _string_offset(self, offset: int, strings: StringTable) -> int:
        if offset >= strings.region.size:
            raise NativeApiError(f"corrupt: string offset {offset} lies beyond {strings.region.what} "
                                 f"({strings.region.size} bytes)", self.path)
        return offset

    def _symbol_count(self, entries: dict[int, int]) -> int:
        """The number of dynamic symbols, which only the hash tables tell when sections are gone."""
        if _DT_HASH in entries:  # nchain is the symbol count
            offset, _ = self.offset_of(entries[_DT_HASH], "DT_HASH")
            return self.unpack("II", Region(offset, 0, "the DT_HASH table"))[1]
        if _DT_GNU_HASH not in entries:
            raise NativeApiError("corrupt: no section headers and no hash table to count the dynamic "
                                 "symbols by", self.path)
        offset, _ = self.offset_of(entries[_DT_GNU_HASH], "DT_GNU_HASH")
        nbuckets, symoffset, bloom_size, _shift = self.unpack("IIII", Region(offset, 0, "the GNU hash table"))
        buckets_at = offset + 16 + bloom_size * (8 if self.is64 else 4)
        buckets = self.read(Region(buckets_at, 4 * nbuckets, f"the GNU hash buckets ({nbuckets})"))
        last = max(struct.unpack(f"{self.order}{nbuckets}I", buckets), default=0)
        if last == 0:  # no hashed symbol: only those below symoffset
            return symoffset
        if last < symoffset:
            raise NativeApiError(f"corrupt: GNU hash bucket {last} below its symbol offset {symoffset}",
                                 self.path)
        # The last bucket's chain ends at the highest symbol, its entry marked by the low bit.
        index = last
        while True:
            at = Region(buckets_at + 4 * nbuckets + 4 * (index - symoffset), 0, "the GNU hash chains")
            if self.unpack("I", at)[0] & 1:
                return index + 1
            index += 1

    # Versions ----------------------------------------------------------------------------------------

    def _versym(self, region: Region) -> Sequence[int]:
        return self._values("H", memoryview(self.read(region)))

    def _definitions(self, region: Region, count: int, strings: StringTable,
                     versions: dict[int, tuple[str, bool]]) -> None:
        """Version definitions (``Elf_Verdef``) by index, less the base one, which names the file."""
        for entry in self._chain(region, count, "HHHHIII", 6):
            _version, flags, index, aux_count, _hash, aux, _next = entry.fields
            if flags & _VER_FLG_BASE or aux_count == 0:
                continue
            self._inside(region, entry.offset + aux, 8)
            (name, _) = self.unpack("II", Region(entry.offset + aux, 0, f"an entry of {region.what}"))
            versions[index] = (strings[self._string_offset(name, strings)], False)

    def _needs(self, region: Region, count: int, strings: StringTable,
               versions: dict[int, tuple[str, bool]]) -> None:
        """Needed versions (``Elf_Verneed`` and their ``Elf_Vernaux``) by index: a defined symbol can
        carry one (an executable's copy of a library's data), always hidden, as binutils shows it."""
        budget = region.size // 16  # at most as many entries as fit: no quadratic walk over shared ones
        for need in self._chain(region, count, "HHIII", 4):
            _version, aux_count, _file, aux, _next = need.fields
            sub = Region(need.offset + aux, region.offset + region.size - need.offset - aux, region.what)
            auxes = list(self._chain(sub, min(aux_count, budget), "IHHII", 4))
            budget -= len(auxes)
            for entry in auxes:
                _hash, _flags, index, name, _next = entry.fields
                versions.setdefault(index, (strings[self._string_offset(name, strings)], True))

    def _chain(self, region: Region, count: int, layout: str, next_field: int) -> Iterator[_Entry]:
        """The entries of a version table: each says where the next one is, relative to itself."""
        size = struct.calcsize(self.order + layout)
        offset = region.offset
        for _ in range(min(count, region.size // size)):
            self._inside(region, offset, size)
            fields = self.unpack(layout, Region(offset, 0, f"an entry of {region.what}"))
            yield _Entry(offset, fields)
            step = fields[next_field]
            if step == 0:
                return
            if step < size:
                raise NativeApiError(f"corrupt: entries of {region.what} overlap", self.path)
            offset += step

    def _inside(self, region: Region, offset: int, size: int) -> None:
        if offset < region.offset or offset + size > region.offset + region.size:
            raise NativeApiError(f"truncated or corrupt: an entry at offset {offset} lies outside "
                                 f"{region.what}", self.path)


class _Entry(NamedTuple):
    offset: int
    fields: tuple[int, ...]
