"""The scanner on bad input, on the last-resort builtin headers, and through its cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_nativeapi import scanner
from sphinx_nativeapi.cache import ScanCache
from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.scanner import ScanRequest, scan
from sphinx_nativeapi.scanner.toolchain import FREESTANDING_RESOURCE_DIR

HEADERS = Path(__file__).parent / "data" / "headers"


def _by_name(model):
    return {d.qualified_name: d for d in model.declarations}


def test_broken_header_gives_diagnostics_declarations_and_incomplete_marks():
    request = ScanRequest(
        headers=(str(HEADERS / "broken.h"),), language="c++", platforms=("linux-x86_64", "windows-x86")
    )
    model = scan(request)
    decls = _by_name(model)
    # What could be read is there, with its names; what failed is marked, with nothing guessed.
    assert decls["ok_before"].platforms["linux-x86_64"].symbols == ["_Z9ok_beforei"]
    assert decls["ok_after"].platforms["linux-x86_64"].symbols == ["_Z8ok_afterPKcm"]
    assert decls["ok_after"].platforms["windows-x86"].symbols == ["?ok_after@@YAHPBDI@Z"]
    for platform in ("linux-x86_64", "windows-x86"):
        facts = decls["uses_missing"].platforms[platform]
        assert facts.incomplete and facts.symbols is None
        holder = decls["holder"].platforms[platform]
        assert holder.incomplete and holder.size is None and holder.fields is None
    messages = {(d.platform, Path(d.file).name, d.line): d.message for d in model.diagnostics}
    assert "'missing.h' file not found" in messages[("linux-x86_64", "broken.h", 2)]
    assert "missing_t" in messages[("windows-x86", "broken.h", 4)]
    assert ("linux-x86_64", "broken.h", 6) in messages


def test_incomplete_c_declaration_keeps_its_plain_name_but_not_a_decoration(tmp_path):
    header = tmp_path / "h.h"
    header.write_text('#include "gone.h"\nvoid plain(gone_t g);\nvoid __stdcall decorated(gone_t g);\n')
    model = scan(ScanRequest(headers=(str(header),), platforms=("windows-x86", "macos-arm64")))
    decls = _by_name(model)
    assert decls["plain"].platforms["windows-x86"].symbols == ["_plain"]
    assert decls["plain"].platforms["macos-arm64"].symbols == ["_plain"]
    assert decls["decorated"].platforms["windows-x86"].symbols is None  # the @N needs the types
    assert decls["decorated"].platforms["windows-x86"].incomplete


def test_a_broken_function_named_like_a_tag_is_kept(tmp_path):
    """C keeps tags apart from ordinary names: a function that fails to parse everywhere is still a
    function when a struct has its name (only recovery inventions in the same namespace are folded)."""
    header = tmp_path / "tag.h"
    header.write_text("struct thing { int x; };\nint thing(missing_t *p);\n")
    request = ScanRequest(headers=(str(header),), language="c", platforms=("linux-x86_64", "windows-x86_64"))
    model = scan(request)
    kinds = sorted(d.kind for d in model.declarations if d.qualified_name == "thing")
    assert kinds == ["function", "struct"]
    function = next(d for d in model.declarations if d.kind == "function")
    assert all(f.incomplete for f in function.platforms.values())


@pytest.mark.parametrize(
    ("platform", "f", "g"),
    [
        ("linux-x86_64", "_Z1fPKcm", "_Z1gll"),
        ("linux-x86", "_Z1fPKcj", "_Z1gii"),
        ("macos-arm64", "__Z1fPKcm", "__Z1gll"),
        ("windows-x86_64", "?f@@YAXPEBD_K@Z", "?g@@YA_J_J0@Z"),
        ("windows-x86", "?f@@YAXPBDI@Z", "?g@@YA_JHH@Z"),
        ("windows-x86_64-mingw", "_Z1fPKcy", "_Z1gxx"),
    ],
)
def test_freestanding_builtin_headers_give_right_types(monkeypatch, platform, f, g):
    """With no LLVM, no zig and no GCC, our own builtin headers still type size_t right."""
    monkeypatch.setenv("NATIVEAPI_RESOURCE_DIR", str(FREESTANDING_RESOURCE_DIR))
    model = scan(ScanRequest(headers=(str(HEADERS / "sizes.hpp"),), language="c++", platforms=(platform,)))
    decls = _by_name(model)
    assert decls["f"].platforms[platform].symbols == [f]
    assert decls["g"].platforms[platform].symbols == [g]
    assert not [d for d in model.diagnostics if d.severity != "warning"]


def test_cache_serves_a_second_scan_without_parsing(tmp_path, monkeypatch):
    header = tmp_path / "api.h"
    inner = tmp_path / "inner.h"
    inner.write_text("typedef int inner_t;\n")
    header.write_text('#include "inner.h"\ninner_t api_call(void);\n')
    cache = ScanCache(str(tmp_path / "cache"))
    request = ScanRequest(headers=(str(header),), platforms=("linux-x86_64", "windows-x86_64"))
    first = scan(request, cache=cache)

    def no_parse(*args, **kwargs):
        raise AssertionError("parsed although the cache was valid")

    monkeypatch.setattr(scanner, "_scan_platform", no_parse)
    assert scan(request, cache=cache).to_json() == first.to_json()
    # A change to an included file (not the named header) invalidates the entry.
    inner.write_text("typedef long inner_t;\n")
    monkeypatch.undo()
    third = scan(request, cache=cache)
    assert _by_name(third)["inner_t"].type == "long"


def test_bad_requests_name_the_file():
    with pytest.raises(NativeApiError, match="no such header"):
        scan(ScanRequest(headers=("/nonexistent/x.h",)))
    with pytest.raises(NativeApiError, match="unknown platform"):
        scan(ScanRequest(headers=(str(HEADERS / "sizes.hpp"),), platforms=("plan9-vax",)))


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sphinx_nativeapi", *args], capture_output=True, text=True, check=False
    )


def test_cli_json_schema(tmp_path):
    run = _cli("scan", str(HEADERS / "broken.h"), "--platform", "linux-x86_64", "--json", "--no-cache")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["schema"] == 1 and data["platforms"] == ["linux-x86_64"]
    decl = next(d for d in data["declarations"] if d["name"] == "ok_after")
    for key in ("name", "qualified_name", "kind", "file", "line", "signature", "doc", "inline", "platforms"):
        assert key in decl
    facts = decl["platforms"]["linux-x86_64"]
    for key in (
        "incomplete",
        "symbols",
        "calling_convention",
        "export",
        "export_macro",
        "size",
        "align",
        "fields",
    ):
        assert key in facts
    diag = data["diagnostics"][0]
    assert set(diag) >= {"platform", "severity", "file", "line", "column", "message"}
    assert diag["severity"] in ("warning", "error", "fatal")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["scan", "/nonexistent.h"], "no such header file"),
        (["scan", str(HEADERS / "sizes.hpp"), "--platform", "bogus"], "unknown platform 'bogus'"),
        (["scan", str(HEADERS / "sizes.hpp"), "--sysroot", "nodir"], "PLATFORM=DIR"),
        (["scan", str(HEADERS / "sizes.hpp"), "--compile-commands", "/nonexistent.json"], "compile commands"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(args, message):
    run = _cli(*args, "--no-cache")
    assert run.returncode == 2
    assert message in run.stderr
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_compile_commands_flags(tmp_path):
    include = tmp_path / "inc"
    include.mkdir()
    (include / "dep.h").write_text("typedef unsigned long long dep_t;\n")
    header = tmp_path / "api.h"
    header.write_text("#include <dep.h>\n#ifdef API_ON\ndep_t api_value(void);\n#endif\n")
    commands = tmp_path / "compile_commands.json"
    commands.write_text(
        json.dumps(
            [
                {
                    "directory": str(tmp_path),
                    "file": "src/a.c",
                    "command": "cc -Iinc -DAPI_ON -std=c11 -c src/a.c",
                }
            ]
        )
    )
    run = _cli("scan", str(header), "--compile-commands", str(commands), "--json", "--no-cache")
    assert run.returncode == 0, run.stderr
    names = {d["name"] for d in json.loads(run.stdout)["declarations"]}
    assert "api_value" in names
    assert os.path.isdir(include)


def test_include_graph_has_every_includer_of_a_guarded_header(tmp_path):
    """clang lists a guarded header only under its first includer; pages of the others must still
    depend on it, or they go stale when it changes."""
    (tmp_path / "types.h").write_text("#ifndef TYPES_H\n#define TYPES_H\ntypedef int t_t;\n#endif\n")
    for name in ("a.h", "b.h", "c.h"):
        (tmp_path / name).write_text(f'#include "types.h"\nt_t {name[0]}_fn(void);\n')
    (tmp_path / "d.h").write_text('#include "c.h"\n')
    headers = tuple(str(tmp_path / n) for n in ("a.h", "b.h", "d.h"))
    model = scan(ScanRequest(headers=headers))
    types = str(tmp_path / "types.h")
    for name in ("a.h", "b.h", "c.h", "d.h"):
        assert types in model.reached_from(str(tmp_path / name)), name
    assert model.reached_from(types) == [types]


def test_worker_processes_give_the_same_model(monkeypatch):
    """Platforms scanned in worker processes (a large API's case) merge into the very same model."""
    from cases import CASES

    case = next(c for c in CASES if c.path.name == "cxx_abi.hpp")
    monkeypatch.setenv("NATIVEAPI_WORKER_SECONDS", "1e9")
    alone = scan(case.request())
    monkeypatch.setenv("NATIVEAPI_WORKER_SECONDS", "0")
    monkeypatch.setattr(scanner.os, "cpu_count", lambda: 3)  # the parent and two workers
    groups = []
    real_worker = scanner._run_worker

    def counted(request, group, jobs):
        groups.append([p.name for p in group])
        return real_worker(request, group, jobs)

    monkeypatch.setattr(scanner, "_run_worker", counted)
    shared = scan(case.request())
    assert len(groups) == 2 and all(groups)
    assert json.dumps(shared.to_json()) == json.dumps(alone.to_json())


def test_a_folder_name_that_is_not_utf8_scans_and_its_files_open_again(tmp_path: Path) -> None:
    """File names go through clang as bytes and come back as ``os`` decodes them (surrogate escapes),
    so the paths in the model name the very files: an include graph and a cache need them to."""
    folder = os.path.join(os.fsencode(tmp_path), b"caf\xe9")
    os.mkdir(folder)
    with open(os.path.join(folder, b"x.h"), "wb") as handle:
        handle.write(b'#include "y.h"\n/** X. */\nint x_fn(void);\n')
    with open(os.path.join(folder, b"y.h"), "wb") as handle:
        handle.write(b"/** Y, by J\xf6rg. */\nint y_fn(void);\n")
    header = os.fsdecode(os.path.join(folder, b"x.h"))
    model = scan(ScanRequest(headers=(header,)), cache=ScanCache(str(tmp_path / "cache")))
    decls = _by_name(model)
    assert decls["y_fn"].doc.brief == "Y, by J\u00f6rg."
    assert decls["x_fn"].file == header
    assert all(os.path.isfile(d.file) for d in model.declarations)
    assert model.reached_from(header) == sorted({header, os.fsdecode(os.path.join(folder, b"y.h"))})
