"""The readers on the committed fixtures and on the machine's own libraries, against independent oracles.

Each oracle is another program run at test time (binutils ``nm``, LLVM's ``llvm-nm``, ``llvm-objdump``,
``readelf``), so no expected symbol list is written here; the few facts stated below come from the
fixture sources (``tests/fixtures/src``: the version script, the ``.def`` files).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sphinx_nativeapi.binaries import read_symbols
from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.symbols import SymbolTable

FIXTURES = Path(__file__).parent / "fixtures" / "bin"
SOURCES = Path(__file__).parent / "fixtures" / "src"
LLVM = Path("/usr/lib/llvm-14/bin")


def tool(name: str) -> str:
    found = shutil.which(name) or (str(LLVM / name) if (LLVM / name).exists() else None)
    if found is None:
        pytest.skip(f"{name} is not installed (Debian: binutils, llvm-14)")
    return found


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def fixtures(pattern: str) -> list[Path]:
    found = sorted(FIXTURES.glob(pattern))
    assert found, f"no fixture matches {pattern}"
    return found


def one(path: Path) -> SymbolTable:
    tables = read_symbols(path)
    assert len(tables) == 1
    return tables[0]


# ELF ------------------------------------------------------------------------------------------------


def nm_dynamic(path: Path) -> tuple[set[str], dict[str, str]]:
    """``nm -D --defined-only --with-symbol-versions``: exported names (with @VER/@@VER) and their nm type,
    less the local ones and the entries of version definitions (which ``readelf -V`` names)."""
    out = run(tool("nm"), "-D", "--defined-only", "--with-symbol-versions", str(path))
    readelf = run(tool("readelf"), "-V", "--wide", str(path))
    definitions = readelf.split("Version needs section")[0]
    version_names = set(re.findall(r"Name: (\S+)", definitions.split("Version definition section", 1)[-1]))
    names: dict[str, str] = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) != 3:
            continue
        _value, letter, name = parts
        if letter.islower() and letter not in "iuvw":  # local
            continue
        if letter == "A" and name in version_names:
            continue
        names[name] = letter
    return set(names), names


def as_nm(table: SymbolTable) -> set[str]:
    out = set()
    for s in table.symbols:
        suffix = "" if s.version is None else ("@@" if s.default_version else "@") + s.version
        out.add(s.name + suffix)
    return out


NM_FUNCTION_LETTERS, NM_DATA_LETTERS = set("Ti"), set("DBRVGSu")


@pytest.mark.parametrize(
    "path",
    [*fixtures("linux-x86_64/*.so"), *[
        Path(p) for p in ("/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
                          "/usr/lib/x86_64-linux-gnu/libz.so.1") if Path(p).exists()]],
    ids=lambda p: p.name,
)
def test_elf_exports_equal_nm(path: Path) -> None:
    table = one(path)
    expected, letters = nm_dynamic(path)
    assert as_nm(table) == expected
    for symbol in table.symbols:
        letter = letters[next(iter(as_nm(SymbolTable("", "", None, None, None, [symbol]))))]
        if letter in NM_FUNCTION_LETTERS:
            assert symbol.kind == "function", symbol
        elif letter in NM_DATA_LETTERS:
            assert symbol.kind == "data", symbol
    assert table.format == "elf" and table.platform == "linux-x86_64"


def test_elf_versions_follow_the_version_script() -> None:
    """versioned.map defines FX_1.0 and FX_2.0; versioned.c binds fx_open@FX_1.0 and fx_open@@FX_2.0."""
    table = one(FIXTURES / "linux-x86_64" / "libfxelf.so")
    script = (SOURCES / "elf" / "versioned.map").read_text()
    opens = {(s.version, s.default_version) for s in table.symbols if s.name == "fx_open"}
    assert opens == {("FX_1.0", False), ("FX_2.0", True)}
    versions = set(re.findall(r"^(\S+) \{", script, re.M))
    assert {s.version for s in table.symbols} == versions  # and no version-definition entry as a symbol
    assert not versions & {s.name for s in table.symbols}
    names = {s.name for s in table.symbols}
    assert "fx_hidden_helper" not in names and "fx_local_by_script" not in names and "strlen" not in names
    soname = re.search(r"SONAME\)\s+Library soname: \[(.*)\]", run(tool("readelf"), "-d", str(FIXTURES /
                       "linux-x86_64" / "libfxelf.so")))
    assert soname is not None and table.name == soname.group(1)


# Archives -------------------------------------------------------------------------------------------


def llvm_nm_members(path: Path, *options: str) -> list[tuple[str, str]]:
    """``llvm-nm --defined-only``: (type letter, name) of every member's defined symbols."""
    out = run(tool("llvm-nm"), "--defined-only", *options, str(path))
    rows = (line.split() for line in out.splitlines())
    return [(row[1], row[2]) for row in rows if len(row) == 3 and len(row[1]) == 1]


@pytest.mark.parametrize("path", [*fixtures("linux-x86_64/*.a"), *fixtures("windows-*/fxstatic.lib")],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_static_library_equals_llvm_nm(path: Path) -> None:
    table = one(path)
    expected = [name for _letter, name in llvm_nm_members(path, "-g")]
    assert sorted(s.name for s in table.symbols) == sorted(expected)
    assert table.format == "archive"
    assert table.platform == path.parent.name


IMPORT_LIBRARIES = [p for p in fixtures("windows-*/*.lib") if p.name != "fxstatic.lib"]


@pytest.mark.parametrize("path", [*IMPORT_LIBRARIES, *fixtures("windows-*-mingw/*.dll.a")],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_import_library_lists_each_import_slot(path: Path) -> None:
    """Every ``__imp_X`` an import library defines (short or long form) is one import X, code if the
    library also defines the thunk X."""
    table = one(path)
    defined = {name for _letter, name in llvm_nm_members(path)}
    imports = {name[len("__imp_"):] for name in defined if name.startswith("__imp_")}
    assert sorted(s.name for s in table.symbols) == sorted(imports)
    for symbol in table.symbols:
        assert symbol.kind == ("function" if symbol.name in defined else "data"), symbol
    assert table.format == "coff-import"
    assert table.name is not None and table.name.lower().endswith(".dll")


# PE -------------------------------------------------------------------------------------------------


def objdump_exports(path: Path) -> list[tuple[int, str, str | None]]:
    """``llvm-objdump -p``'s export table: (ordinal, name, forwarder) of each used slot (RVA not 0)."""
    out = run(tool("llvm-objdump"), "-p", str(path))
    table = out.split("Export Table:", 1)[1].split("\n\n", 1)[0]
    rows = []
    for line in table.splitlines():
        forwarded = re.match(r"\s+(\d+)\s+(\S+) \(forwarded to (\S+)\)$", line)
        if forwarded:
            rows.append((int(forwarded.group(1)), forwarded.group(2), forwarded.group(3)))
            continue
        entry = re.match(r"\s+(\d+)\s+(0x[0-9a-f]+|0)(?:\s+(\S+))?$", line)
        if entry and entry.group(2) != "0":
            rows.append((int(entry.group(1)), entry.group(3) or "", None))
    return rows


@pytest.mark.parametrize("path", fixtures("windows-*/*.dll"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_pe_exports_equal_objdump(path: Path) -> None:
    table = one(path)
    assert sorted((s.ordinal, s.name, s.forwarder) for s in table.symbols) == sorted(objdump_exports(path))
    assert table.format == "pe"
    assert table.arch == ("x86_64" if "x86_64" in path.parent.name else "x86")


@pytest.mark.parametrize("folder", ["windows-x86", "windows-x86_64", "windows-x86-mingw",
                                    "windows-x86_64-mingw"])
def test_pe_def_file_facts(folder: str) -> None:
    """The .def files give win_by_ordinal @7, win_noname @9 NONAME, win_table DATA and a forwarder."""
    table = one(FIXTURES / folder / "fxwin.dll")
    by_name = {s.name: s for s in table.symbols}
    assert by_name["win_by_ordinal"].ordinal == 7
    assert any(s.ordinal == 9 and s.name == "" for s in table.symbols)
    assert by_name["win_table"].kind == "data"
    assert by_name["win_heap_alloc"].forwarder.endswith("KERNEL32.HeapAlloc")


def test_pe_platform_tells_mingw_by_its_cxx_names() -> None:
    """Itanium names in a PE mean MinGW; a C-only MinGW DLL cannot be told from an MSVC one."""
    assert one(FIXTURES / "windows-x86_64-mingw" / "fxcxx.dll").platform == "windows-x86_64-mingw"
    assert one(FIXTURES / "windows-x86_64" / "fxcxx.dll").platform == "windows-x86_64"
    assert one(FIXTURES / "windows-x86-mingw" / "fxcxx.dll").platform == "windows-x86-mingw"
    assert one(FIXTURES / "windows-x86" / "fxcxx.dll").platform == "windows-x86"
    assert one(FIXTURES / "windows-x86_64-mingw" / "fxwin.dll").platform == "windows-x86_64"
    assert one(FIXTURES / "windows-x86" / "fxwin.dll").platform == "windows-x86"
    assert read_symbols(FIXTURES / "windows-x86_64-mingw" / "fxwin.dll",
                        platform="windows-x86_64-mingw")[0].platform == "windows-x86_64-mingw"


# Mach-O ---------------------------------------------------------------------------------------------


def exports_trie(path: Path, arch: str) -> set[str]:
    out = run(tool("llvm-objdump"), "--macho", "--exports-trie", f"--arch={arch}", str(path))
    return {m.group(1) for m in re.finditer(r"^0x[0-9A-Fa-f]+\s+(\S+)", out, re.M)}


@pytest.mark.parametrize("path", fixtures("macos-*/*.dylib"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_macho_exports_equal_the_trie_per_slice(path: Path) -> None:
    tables = read_symbols(path)
    expected_arches = ["x86_64", "arm64"] if path.parent.name == "macos-universal" else [
        path.parent.name.removeprefix("macos-")]
    assert sorted(t.arch for t in tables) == sorted(expected_arches)
    for table in tables:
        assert {s.name for s in table.symbols} == exports_trie(path, table.arch)
        assert table.platform == f"macos-{table.arch}"
        assert table.format == "macho"
        assert all(s.name.startswith("_") for s in table.symbols)


def test_macho_slices_differ_where_the_source_does() -> None:
    """fxmac.c exports mac_only_arm64 or mac_only_x86_64 by #ifdef: each slice has its own."""
    tables = {t.arch: {s.name for s in t.symbols} for t in read_symbols(FIXTURES / "macos-universal" /
                                                                            "libfxmac.dylib")}
    assert "_mac_only_arm64" in tables["arm64"] and "_mac_only_arm64" not in tables["x86_64"]
    assert "_mac_only_x86_64" in tables["x86_64"] and "_mac_only_x86_64" not in tables["arm64"]


# Dumps and bad input --------------------------------------------------------------------------------


def test_dump_round_trip(tmp_path: Path) -> None:
    from sphinx_nativeapi.binaries.dump import to_json

    tables = [t for p in fixtures("*/*") if p.parent.name != "malformed" for t in read_symbols(p)]
    dump = tmp_path / "all.json"
    import json

    dump.write_text(json.dumps(to_json(tables)))
    assert read_symbols(dump) == tables


@pytest.mark.parametrize("text", ["", "[]", '{"schema": 2, "binaries": []}', '{"schema": 1, "binaries": {}}',
                                  '{"schema": 1, "binaries": [{"path": "x"}]}', "{" * 100000])
def test_bad_dump(tmp_path: Path, text: str) -> None:
    dump = tmp_path / "bad.json"
    dump.write_text(text or " ")
    with pytest.raises(NativeApiError, match=r"bad\.json"):
        read_symbols(dump)


@pytest.mark.parametrize("path", fixtures("malformed/*"), ids=lambda p: p.name)
def test_malformed_fixture_is_a_clear_error(path: Path) -> None:
    with pytest.raises(NativeApiError) as caught:
        read_symbols(path)
    assert str(path) in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NativeApiError, match="cannot read"):
        read_symbols(tmp_path / "nope.so")
