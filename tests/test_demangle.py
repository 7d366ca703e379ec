"""Demangled text against the tools everyone trusts: GNU c++filt (Itanium) and llvm-undname (Microsoft).

The names come from the committed fixtures (both C++ ABIs, each class compiled for real), read at test
time, so nothing here is a hand-written expectation.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_binaries import FIXTURES, tool

from sphinx_nativeapi.binaries import read_symbols
from sphinx_nativeapi.demangle import demangle, undecorate


def names(pattern: str, prefix: str) -> list[tuple[str, str | None]]:
    found = [(s.name, t.platform) for p in sorted(FIXTURES.glob(pattern)) for t in read_symbols(p)
             for s in t.symbols if s.name.startswith(prefix)]
    assert found, pattern
    return found


def test_itanium_equals_cxxfilt() -> None:
    itanium = names("linux-x86_64/*", "_Z") + names("windows-x86_64-mingw/*", "_Z")
    macho = names("macos-*/*.dylib", "__Z")
    out = subprocess.run([tool("c++filt")], input="\n".join(n for n, _ in itanium), capture_output=True,
                         text=True, check=True).stdout.splitlines()
    assert [demangle(n, p) for n, p in itanium] == out
    # Mach-O names carry one more "_": c++filt's -_ (strip-underscore) form reads them.
    out = subprocess.run([tool("c++filt"), "-_"], input="\n".join(n for n, _ in macho), capture_output=True,
                         text=True, check=True).stdout.splitlines()
    assert [demangle(n, p) for n, p in macho] == out


@pytest.mark.skipif(sys.version_info < (3, 11), reason="pycxxfilt has no wheel for Python 3.10")
def test_microsoft_equals_llvm_undname() -> None:
    microsoft = names("windows-x86*/*", "?")
    out = subprocess.run([tool("llvm-undname")], input="".join(f"{n}\n" for n, _ in microsoft),
                         capture_output=True, text=True, check=True).stdout
    # llvm-undname echoes each name, then its text, then a blank line.
    expected = [line for line in out.splitlines() if line][1::2]
    assert [demangle(n, p) for n, p in microsoft] == expected


def test_x86_decorations_follow_the_source() -> None:
    """Each stdcall/fastcall function of fxwin.c, exported by the x86 DLLs, undecorates to its name, its
    convention and the bytes of its int parameters (4 each on x86)."""
    source = (Path(__file__).parent / "fixtures" / "src" / "windows" / "fxwin.c").read_text()
    declared = {m.group(2): (f"__{m.group(1)}", 4 * len(m.group(3).split(",")))
                for m in re.finditer(r"int __(stdcall|fastcall) (\w+)\(([^)]*)\)", source)}
    assert declared
    exported = [s.name for folder in ("windows-x86", "windows-x86-mingw")
                for s in read_symbols(FIXTURES / folder / "fxwin.dll")[0].symbols if "@" in s.name]
    assert exported
    for name in exported:
        decoration = undecorate(name)
        assert decoration is not None and declared[decoration.name] == (decoration.convention,
                                                                         decoration.argument_bytes), name
        convention, size = declared[decoration.name]
        assert demangle(name, "windows-x86") == f"{decoration.name} ({convention}, {size} bytes of arguments)"
    assert demangle("f@@16", "windows-x86") == "f (__vectorcall, 16 bytes of arguments)"
    # on x64 an f@8 is a .def alias, not a decoration; plain C names are not mangled at all
    assert demangle("win_std@8", "windows-x86_64") is None
    assert demangle("win_add", "windows-x86") is None
    assert demangle("_mac_add", "macos-arm64") is None


@given(st.text())
def test_demangle_never_raises(text: str) -> None:
    for platform in (None, "linux-x86_64", "macos-arm64", "windows-x86", "windows-x86_64"):
        result = demangle(text, platform)
        assert result is None or (isinstance(result, str) and result)


@given(st.sampled_from(["_Z", "__Z", "?", "??", "?$", "@", "_"]), st.text())
def test_demangle_takes_garbage_after_a_mangling_prefix(prefix: str, text: str) -> None:
    assert demangle(prefix + text) is None or isinstance(demangle(prefix + text), str)
