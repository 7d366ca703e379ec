"""Builtin headers: which source the scanner takes, and that the facts do not depend on it.

A machine with a cross GCC (mingw-w64's, most often) beside its own must scan the host platform as a
machine without it does; a machine without clang (no LLVM resource dir, no zig) as one with it.
"""

from __future__ import annotations

from pathlib import Path

import gcc_tree
import pytest

from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.platforms import DEFAULT_PLATFORMS
from sphinx_nativeapi.scanner import ScanRequest, scan
from sphinx_nativeapi.scanner.toolchain import (
    FREESTANDING_RESOURCE_DIR,
    gcc_include_dir,
    header_search,
    target_key,
)

# GCC's folder names and clang's triples for one target, and the cross targets that must never match.
SAME_TARGET = [
    ("x86_64-linux-gnu", "x86_64-pc-linux-gnu"),
    ("x86_64-redhat-linux", "x86_64-pc-linux-gnu"),
    ("x86_64-suse-linux", "x86_64-unknown-linux-gnu"),
    ("i386-linux-gnu", "i686-pc-linux-gnu"),
    ("i686-linux-gnu", "i686-pc-linux-gnu"),
    ("aarch64-linux-gnu", "aarch64-unknown-linux-gnu"),
    ("arm64-apple-darwin23", "arm64-apple-macosx11.0"),
    ("aarch64-apple-darwin23", "arm64-apple-macosx11.0"),
    ("x86_64-w64-mingw32", "x86_64-w64-windows-gnu"),
]
OTHER_TARGET = [
    ("i686-w64-mingw32", "x86_64-pc-linux-gnu"),
    ("x86_64-w64-mingw32", "x86_64-pc-linux-gnu"),
    ("x86_64-w64-mingw32", "x86_64-pc-windows-msvc"),
    ("x86_64-linux-gnux32", "x86_64-pc-linux-gnu"),
    ("x86_64-alpine-linux-musl", "x86_64-pc-linux-gnu"),
    ("i686-linux-gnu", "x86_64-pc-linux-gnu"),
    ("aarch64-linux-gnu", "x86_64-pc-linux-gnu"),
    ("arm-linux-gnueabihf", "aarch64-unknown-linux-gnu"),
]


@pytest.mark.parametrize(("gcc", "clang"), SAME_TARGET)
def test_same_target_spelled_two_ways(gcc, clang):
    assert target_key(gcc) == target_key(clang)


@pytest.mark.parametrize(("gcc", "clang"), OTHER_TARGET)
def test_cross_target_is_another(gcc, clang):
    assert target_key(gcc) != target_key(clang)


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    root = tmp_path_factory.mktemp("toolchains")
    expected = gcc_tree.build(root)
    if expected is None:
        pytest.skip("needs the host GCC and the mingw-w64 cross GCC (gcc-mingw-w64-i686)")
    return root, expected


def test_each_platform_gets_the_gcc_of_its_own_target(tree):
    root, expected = tree
    roots = gcc_tree.roots(root)
    for name, platform in DEFAULT_PLATFORMS.items():
        found = gcc_include_dir(platform.triple, roots)
        assert found == (str(expected[name]) if name in expected else None), name


def test_host_builtins_are_ours_first_and_never_a_cross_gcc(tree):
    root, expected = tree
    search = header_search(DEFAULT_PLATFORMS["linux-x86_64"], True, None, 18, "c", gcc_tree.roots(root))
    args = list(search.args)
    assert args[args.index("-resource-dir") + 1] == str(FREESTANDING_RESOURCE_DIR)
    assert args[args.index("-idirafter") + 1] == str(expected["linux-x86_64"])
    assert not any("mingw" in a or "gnux32" in a or "musl" in a for a in args)
    mingw = DEFAULT_PLATFORMS["windows-x86_64-mingw"]
    other = header_search(mingw, False, None, 18, "c", gcc_tree.roots(root))
    assert "-idirafter" not in other.args  # a cross GCC's folder only ever serves the host


# Real headers of Debian's -dev packages: (headers, language, include dirs).
REAL = {
    "zstd": (["/usr/include/zstd.h"], "c", []),
    "uv": (["/usr/include/uv.h"], "c", []),
    "jansson": (["/usr/include/jansson.h"], "c", []),
    "archive": (["/usr/include/archive.h", "/usr/include/archive_entry.h"], "c", []),
    "png": (["/usr/include/png.h"], "c", []),  # its own #error "requires 8-bit bytes" without CHAR_BIT
    "tinyxml2": (["/usr/include/tinyxml2.h"], "c++", []),  # INT_MAX
    "fmt": (["/usr/include/fmt/format.h"], "c++", []),
    "protobuf": (["/usr/include/google/protobuf/message.h"], "c++", []),
    "jsoncpp": (["/usr/include/jsoncpp/json/json.h"], "c++", ["/usr/include/jsoncpp"]),
}


def _facts(model) -> list[tuple]:
    return sorted(
        (d.kind, d.qualified_name, d.file, d.line, p, f.incomplete, str(f.symbols), f.size, f.align)
        for d in model.declarations
        for p, f in d.platforms.items()
    )


@pytest.mark.parametrize("name", list(REAL))
def test_real_headers_without_clang_scan_as_with_it(name, tree, monkeypatch):
    headers, language, include_dirs = REAL[name]
    if not all(Path(h).exists() for h in headers):
        pytest.skip(f"{headers[0]} is not installed")
    request = ScanRequest(
        headers=tuple(headers),
        include_dirs=tuple(include_dirs),
        language=language,
        std="c++17" if language == "c++" else None,
        platforms=("linux-x86_64",),
    )
    reference = scan(request)  # this machine's best builtins: an LLVM install's, else zig's
    root, _ = tree
    monkeypatch.setenv("NATIVEAPI_TOOLCHAIN_ROOTS", gcc_tree.roots_env(root))
    model = scan(request)
    errors = [d for d in model.diagnostics if d.severity != "warning" or d.in_system_header]
    assert errors == []
    assert _facts(model) == _facts(reference)


@pytest.mark.parametrize("value", ["[1]", "{not json", '{"gcc": "/usr/lib/gcc"}', '{"llvm": [3]}'])
def test_bad_toolchain_roots_is_a_clear_error(value, monkeypatch, tmp_path):
    from sphinx_nativeapi.cli import main

    header = tmp_path / "h.h"
    header.write_text("int f(void);\n")
    monkeypatch.setenv("NATIVEAPI_TOOLCHAIN_ROOTS", value)
    with pytest.raises(NativeApiError, match=r"NATIVEAPI_TOOLCHAIN_ROOTS is .* not a JSON object"):
        scan(ScanRequest(headers=(str(header),)))
    assert main(["scan", str(header), "--no-cache"]) == 2
