"""``nativeapi symbols`` as a user runs it: a real process, real fixtures, its exit code and output."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_binaries import FIXTURES

from sphinx_nativeapi.binaries import read_symbols
from sphinx_nativeapi.cli import main

GOOD = sorted(p for p in FIXTURES.glob("*/*") if p.parent.name != "malformed")


def nativeapi(*args: str) -> subprocess.CompletedProcess[str]:
    """The command in this process (its import of LIEF is paid once), as ``main`` runs it."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(["symbols", *args])
    return subprocess.CompletedProcess(args, code, stdout.getvalue(), stderr.getvalue())


def test_a_real_process_exits_2_on_bad_input() -> None:
    path = FIXTURES / "malformed" / "truncated.so"
    result = subprocess.run([sys.executable, "-m", "sphinx_nativeapi", "symbols", str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and str(path) in result.stderr


def test_a_real_process_says_nothing_on_stderr_when_all_is_well() -> None:
    """Reading PE and Mach-O goes through LIEF, whose bindings report the objects the skipped exit
    collection leaves as leaks unless told not to."""
    paths = [str(p) for p in GOOD if p.suffix in (".dll", ".dylib")]
    result = subprocess.run([sys.executable, "-m", "sphinx_nativeapi", "symbols", "--json", *paths],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stderr == "" and json.loads(result.stdout)["binaries"]


def test_json_is_a_dump_that_reads_back(tmp_path: Path) -> None:
    result = nativeapi(*map(str, GOOD), "--json", "--demangle")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["schema"] == 1
    tables = [t for p in GOOD for t in read_symbols(p)]
    assert [(b["path"], b["arch"]) for b in document["binaries"]] == [(t.path, t.arch) for t in tables]
    assert set(document["binaries"][0]) == {"path", "format", "arch", "platform", "name", "symbols",
                                            "compatibility_version"}
    assert set(document["binaries"][0]["symbols"][0]) == {
        "name", "kind", "version", "default_version", "ordinal", "forwarder", "demangled"}
    dump = tmp_path / "dump.json"
    dump.write_text(result.stdout)
    again = nativeapi(str(dump), "--json")
    assert json.loads(again.stdout) == document


def test_table_lists_every_symbol_aligned() -> None:
    path = FIXTURES / "linux-x86_64" / "libfxelf.so"
    result = nativeapi(str(path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    symbols = read_symbols(path)[0].symbols
    assert len(lines) == len(symbols)
    assert len({line.index(line.split()[-1]) for line in lines}) == 1  # the name column starts in one place
    assert {line.split()[-1] for line in lines} == {
        s.name + ("@@" if s.default_version else "@") + s.version if s.version else s.name for s in symbols}


def test_demangle_adds_the_readable_name() -> None:
    result = nativeapi(str(FIXTURES / "windows-x86_64" / "fxcxx.dll"), "--demangle")
    assert result.returncode == 0
    assert "geo::Shape::count" in result.stdout


def test_platform_override() -> None:
    path = str(FIXTURES / "windows-x86_64-mingw" / "fxwin.dll")
    document = json.loads(nativeapi(path, "--json", "--platform", "windows-x86_64-mingw").stdout)
    assert {b["platform"] for b in document["binaries"]} == {"windows-x86_64-mingw"}
    bad = nativeapi(path, "--platform", "plan9")
    assert bad.returncode == 2 and "plan9" in bad.stderr


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("malformed/*")), ids=lambda p: p.name)
def test_malformed_input_exits_2_with_one_line(path: Path) -> None:
    result = nativeapi(str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and str(path) in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("odd", ['quote"d', "back\\slash", "caf\u00e9", "tab\tbed", "del\x7f", "\udcff"])
def test_json_text_is_json_dumps_of_each_symbol(odd: str) -> None:
    """Names are written as ``json.dumps`` writes them, whether a piece of the table needs escaping or
    not (the writer spares escaping a piece whose names are all plain)."""
    from sphinx_nativeapi.binaries.dump import write
    from sphinx_nativeapi.symbols import Symbol, SymbolTable

    symbols = [Symbol(f"plain_{i}", "function", "V1", True) for i in range(5000)]
    symbols[4500] = Symbol(odd, "data", ordinal=7, forwarder="OTHER.x")
    table = SymbolTable("lib.so", "elf", "x86_64", "linux-x86_64", "lib.so", symbols)
    out = io.StringIO()
    write([table], out)
    lines = [line.strip().rstrip(",") for line in out.getvalue().splitlines()]
    assert lines[2:-2] == [json.dumps(s._asdict()) for s in symbols]
    assert json.loads(out.getvalue())["binaries"][0]["symbols"][4500]["name"] == odd
