"""The hand-written ELF reader against two oracles it does not share code with: LIEF (the library it
replaced, still a dependency) on the machine's shared libraries, and binutils ``nm`` on libraries that
clang and lld build here for other classes and byte orders (skipped without them). Files without section
headers, whose tables are found through the dynamic segment alone, must list the same exports.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from test_binaries import FIXTURES, as_nm, nm_dynamic, one

from sphinx_nativeapi.binaries import read_symbols
from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.symbols import Symbol

SYSTEM = Path("/usr/lib/x86_64-linux-gnu")
MAX_SYSTEM_LIBRARIES = 80  # spread over the whole directory (about 540 here)
MAX_SYSTEM_SIZE = 32 << 20  # libLLVM is checked against nm in test_binaries


def system_libraries() -> list[Path]:
    if not SYSTEM.is_dir():
        return []
    real = sorted({p.resolve() for p in SYSTEM.glob("*.so*") if p.is_file()})
    elf = [p for p in real if p.stat().st_size <= MAX_SYSTEM_SIZE and p.open("rb").read(4) == b"\x7fELF"]
    step = max(1, len(elf) // MAX_SYSTEM_LIBRARIES)
    return elf[::step][:MAX_SYSTEM_LIBRARIES]


def lief_exports(path: Path) -> tuple[str | None, str | None, list[Symbol]]:
    """(arch, soname, exports) as LIEF sees them, by the rules of the ELF module's docstring."""
    import lief

    binary = lief.ELF.parse(str(path))
    definitions = {d.ndx: d.auxiliary_symbols[0].name for d in binary.symbols_version_definition
                   if d.auxiliary_symbols and not d.flags & 1}
    versions = [v.value for v in binary.symbols_version]
    symbols = []
    for index, sym in enumerate(binary.dynamic_symbols):
        info = sym.information
        if sym.shndx == 0 or info >> 4 not in (1, 2, 10) or sym.other & 3 not in (0, 3):
            continue
        version = default = None
        if versions and versions[index] & 0x7FFF >= 2:
            version, default = definitions[versions[index] & 0x7FFF], not versions[index] & 0x8000
            if sym.shndx == 0xFFF1 and sym.name == version and sym.value == 0:
                continue
        kind = {2: "function", 10: "function", 1: "data", 5: "data", 6: "data"}.get(info & 0xF, "other")
        symbols.append(Symbol(sym.name, kind, version, default))
    arches = {"X86_64": "x86_64", "I386": "x86", "AARCH64": "aarch64"}
    soname = binary.get(lief.ELF.DynamicEntry.TAG.SONAME)
    return (arches.get(binary.header.machine_type.name), soname.name if soname else None, symbols)


@pytest.mark.parametrize("path", system_libraries(), ids=lambda p: p.name)
def test_system_library_equals_lief(path: Path) -> None:
    table = one(path)
    arch, soname, symbols = lief_exports(path)
    assert (table.arch, table.name) == (arch, soname)
    assert table.symbols == symbols


# Symbol kinds, and the largest library -----------------------------------------------------------------

NM_ORACLE = [*sorted(FIXTURES.glob("linux-x86_64/*.so")), *[
    p for p in (SYSTEM / "libc.so.6", SYSTEM / "libstdc++.so.6", SYSTEM / "libz.so.1",
                SYSTEM / "libLLVM-15.so.1") if p.exists()]]
READELF_KINDS = {"FUNC": "function", "IFUNC": "function", "OBJECT": "data", "TLS": "data", "COMMON": "data"}


@pytest.mark.parametrize("path", NM_ORACLE, ids=lambda p: p.name)
def test_exports_equal_nm_and_kinds_equal_readelf_types(path: Path) -> None:
    """nm's letter tells a section, not a type (``_edata``, NOTYPE in .data, is a ``D``): the kind is
    checked against the symbol type that ``readelf --dyn-syms`` prints."""
    table = one(path)
    assert as_nm(table) == nm_dynamic(path)[0]
    out = subprocess.run(["readelf", "-W", "--dyn-syms", str(path)], capture_output=True, text=True,
                         check=True).stdout
    types = {}
    for line in out.splitlines():
        fields = line.split()
        if len(fields) >= 8 and fields[0].endswith(":") and fields[6] != "UND":
            types[fields[7]] = fields[3]
    for symbol in table.symbols:
        key = symbol.name if symbol.version is None else \
            f"{symbol.name}{'@@' if symbol.default_version else '@'}{symbol.version}"
        assert symbol.kind == READELF_KINDS.get(types[key], "other"), (symbol, types[key])


# Without section headers -----------------------------------------------------------------------------


def without_sections(source: Path, target: Path, *, hash_tags: tuple[int, ...] = ()) -> Path:
    """A copy of an ELF64 LSB file with e_shoff, e_shnum and e_shstrndx zeroed (as ``sstrip`` does), and
    the dynamic entries tagged ``hash_tags`` retagged DT_DEBUG, so another hash table must count."""
    data = bytearray(source.read_bytes())
    struct.pack_into("<Q", data, 0x28, 0)
    struct.pack_into("<HH", data, 0x3C, 0, 0)
    phoff, phentsize, phnum = struct.unpack_from("<Q", data, 0x20)[0], *struct.unpack_from("<HH", data, 0x36)
    for index in range(phnum):
        p_type, _flags, p_offset, _vaddr, _paddr, p_filesz = struct.unpack_from("<IIQQQQ", data,
                                                                              phoff + index * phentsize)
        if p_type == 2:  # PT_DYNAMIC
            for at in range(p_offset, p_offset + p_filesz, 16):
                if struct.unpack_from("<q", data, at)[0] in hash_tags:
                    struct.pack_into("<q", data, at, 21)
    target.write_bytes(bytes(data))
    return target


SECTIONED = [*sorted(FIXTURES.glob("linux-x86_64/*.so")), *[
    p for p in (SYSTEM / "libz.so.1", SYSTEM / "libstdc++.so.6") if p.exists()]]
DT_HASH, DT_GNU_HASH = 4, 0x6FFFFEF5


@pytest.mark.parametrize("hash_tags", [(), (DT_HASH,)], ids=["any-hash", "gnu-hash-only"])
@pytest.mark.parametrize("path", SECTIONED, ids=lambda p: p.name)
def test_without_section_headers_the_dynamic_segment_tells_the_same(
        path: Path, hash_tags: tuple[int, ...], tmp_path: Path) -> None:
    stripped = without_sections(path, tmp_path / path.name, hash_tags=hash_tags)
    assert subprocess.run(["readelf", "-S", str(stripped)], capture_output=True, text=True,
                          check=False).stdout.count("There are no sections") == 1
    expected, got = one(path), one(stripped)
    assert (got.arch, got.name, got.symbols) == (expected.arch, expected.name, expected.symbols)
    assert got.symbols


def test_without_sections_or_hash_tables_the_count_is_unknown(tmp_path: Path) -> None:
    stripped = without_sections(FIXTURES / "linux-x86_64" / "libfxelf.so", tmp_path / "libfx.so",
                                hash_tags=(DT_HASH, DT_GNU_HASH))
    with pytest.raises(NativeApiError, match="no hash table"):
        read_symbols(stripped)


# Other classes and byte orders, built here -----------------------------------------------------------

SOURCE = """
__attribute__((visibility("default"))) int xc_counter = 3;
__attribute__((visibility("default"))) const char xc_name[] = "x";
__attribute__((visibility("protected"))) int xc_protected(void) { return 1; }
__attribute__((visibility("default"), weak)) int xc_weak(void) { return 2; }
__attribute__((visibility("hidden"))) int xc_hidden(void) { return 3; }
int xc_open_v1(void) { return 4; }
int xc_open_v2(void) { return 5; }
__asm__(".symver xc_open_v1, xc_open@XC_1.0");
__asm__(".symver xc_open_v2, xc_open@@XC_2.0");
"""
SCRIPT = "XC_1.0 { global: xc_counter; xc_name; xc_protected; xc_weak; xc_open; local: *; };\n" \
         "XC_2.0 { global: xc_open; } XC_1.0;\n"
TARGETS = {"i686-linux-gnu": "x86", "aarch64-linux-gnu": "aarch64", "powerpc64-linux-gnu": "ppc64",
           "powerpc-linux-gnu": "ppc"}


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_cross_built_library_equals_nm(target: str, tmp_path: Path) -> None:
    clang = shutil.which("clang") or shutil.which("clang-14")
    if clang is None or not (shutil.which("ld.lld") or shutil.which("ld.lld-14")):
        pytest.skip("clang and lld are not installed")
    (tmp_path / "x.c").write_text(SOURCE)
    (tmp_path / "x.map").write_text(SCRIPT)
    library = tmp_path / "libxc.so"
    subprocess.run([clang, "-target", target, "-shared", "-nostdlib", "-fPIC", "-fuse-ld=lld",
                    "-Wl,--hash-style=both", "-Wl,-soname,libxc.so.1", "-Wl,--version-script",
                    str(tmp_path / "x.map"), "-o", str(library), str(tmp_path / "x.c")], check=True)
    table = one(library)
    assert as_nm(table) == nm_dynamic(library)[0]
    assert {(s.name, s.version, s.default_version) for s in table.symbols if s.name == "xc_open"} == {
        ("xc_open", "XC_1.0", False), ("xc_open", "XC_2.0", True)}
    assert (table.arch, table.name) == (TARGETS[target], "libxc.so.1")


def test_executable_copy_of_library_data_has_a_needed_version(tmp_path: Path) -> None:
    """A non-PIE executable copies libc's ``stdout`` into its .bss: a defined dynamic symbol whose
    version is a needed one (``.gnu.version_r``), which binutils shows hidden: stdout@GLIBC_x."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None or not Path("/lib/x86_64-linux-gnu/libc.so.6").exists():
        pytest.skip("no host C compiler and glibc")
    (tmp_path / "main.c").write_text("#include <stdio.h>\nint main(void) { return fputs(\"\", stdout); }\n")
    program = tmp_path / "main"
    subprocess.run([compiler, "-no-pie", "-fno-pie", "-o", str(program), str(tmp_path / "main.c")],
                   check=True)
    table = one(program)
    copied = [s for s in table.symbols if s.name == "stdout"]
    assert as_nm(table) == nm_dynamic(program)[0]
    assert len(copied) == 1 and copied[0].version.startswith("GLIBC_") and copied[0].default_version is False


# Hostile values the fuzzer is unlikely to hit --------------------------------------------------------


def patched(tmp_path: Path, edit: str) -> Path:
    data = bytearray((FIXTURES / "linux-x86_64" / "libfxelf.so").read_bytes())
    shoff, shnum = struct.unpack_from("<Q", data, 0x28)[0], struct.unpack_from("<H", data, 0x3C)[0]
    headers = [(shoff + 64 * i, *struct.unpack_from("<IIQQQQII", data, shoff + 64 * i)) for i in range(shnum)]
    at = {row[2]: row[0] for row in reversed(headers)}  # section header offset by sh_type
    if edit == "dynsym-size":  # .dynsym's sh_size far beyond the file
        struct.pack_into("<Q", data, at[11] + 32, 1 << 40)
    elif edit == "dynsym-link":  # .dynsym's strings in a section that is not a string table
        struct.pack_into("<I", data, at[11] + 40, 1)
    elif edit == "section-count":  # e_shnum so large that the table runs past the end
        struct.pack_into("<H", data, 0x3C, 0xFFF0)
    elif edit == "verdef-next":  # a huge count of version definitions, each said to follow 4 bytes on
        struct.pack_into("<I", data, at[0x6FFFFFFD] + 44, 0xFFFFFFFF)
        verdef = struct.unpack_from("<Q", data, at[0x6FFFFFFD] + 24)[0]
        struct.pack_into("<I", data, verdef + 16, 4)
    elif edit == "versym-index":  # every symbol's version an index that no definition has
        offset, size = struct.unpack_from("<QQ", data, at[0x6FFFFFFF] + 24)
        data[offset:offset + size] = struct.pack("<H", 0x7FF0) * (size // 2)
    path = tmp_path / f"{edit}.so"
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("edit", ["dynsym-size", "dynsym-link", "section-count", "verdef-next",
                                  "versym-index"])
def test_hostile_value_is_a_clear_error(edit: str, tmp_path: Path) -> None:
    path = patched(tmp_path, edit)
    with pytest.raises(NativeApiError) as caught:
        read_symbols(path)
    assert str(caught.value).startswith(f"{path}: ")
    if edit == "versym-index":  # the message names an exported symbol that has it
        name = str(caught.value).split("corrupt symbol versions: ")[1].split(" ")[0]
        exported = {s.name for s in one(FIXTURES / "linux-x86_64" / "libfxelf.so").symbols}
        assert "version index 32752" in str(caught.value) and name in exported


def test_fuzz_without_section_headers(tmp_path_factory: pytest.TempPathFactory) -> None:
    """test_fuzz_readers' ELF target, on seeds that only the dynamic segment describes (both hash styles)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    from test_fuzz_readers import _MUTATION, EXAMPLES, check, mutate

    folder = tmp_path_factory.mktemp("seeds")
    seeds = [without_sections(path, folder / f"{index}-{path.name}", hash_tags=tags).read_bytes()
             for path in sorted(FIXTURES.glob("linux-x86_64/*.so"))
             for index, tags in enumerate([(), (DT_HASH,)])]

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.sampled_from(seeds), st.lists(_MUTATION, min_size=1, max_size=8))
    def target(seed: bytes, mutations: list[tuple[str, float, bytes]]) -> None:
        check(mutate(seed, mutations))

    target()
