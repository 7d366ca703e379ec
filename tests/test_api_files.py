"""Which headers are the library's: the cases of tests/data/api_files/cases.json, each run through
``nativeapi scan`` and through a real Sphinx build of a project with the same keys."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sphinx_nativeapi.cli import main

pytest_plugins = "sphinx.testing.fixtures"

DATA = Path(__file__).parent / "data" / "api_files"
CASES = json.loads((DATA / "cases.json").read_text())["cases"]


def _paths(case: dict, key: str) -> list[str]:
    return [str(DATA / p) for p in case.get(key, ())]


def _clang_args(case: dict) -> list[str]:
    given = [arg.replace("{data}", str(DATA)) for arg in case.get("args", ())]
    return [arg for d in _paths(case, "system_dirs") for arg in ("-isystem", d)] + given


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_scan_reports_the_librarys_headers(case, capsys, tmp_path):
    argv = ["scan", "--json", "--no-cache", *_paths(case, "headers")]
    argv += [f"-I{d}" for d in _paths(case, "include_dirs")]
    argv += [f"--arg={arg}" for arg in _clang_args(case)]
    argv += [f"--api-dir={d}" for d in _paths(case, "api_dirs")]
    argv += [f"--exclude-header={g}" for g in case.get("exclude_headers", ())]
    capsys.readouterr()
    assert main(argv) == 0
    model = json.loads(capsys.readouterr().out)
    names = {d["qualified_name"] for d in model["declarations"]}
    assert set(case["reported"]) <= names, sorted(names)
    assert not set(case["absent"]) & names
    assert not [d for d in model["diagnostics"] if d["severity"] != "warning"]
    # The include graph (the pages' dependencies) holds the API's files and no other.
    files = {d["file"] for d in model["declarations"]}
    assert files <= set(model["includes"])


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_sphinx_documents_the_librarys_headers(case, make_app, tmp_path):
    srcdir = tmp_path / "docs"
    srcdir.mkdir()
    settings = {
        "headers": _paths(case, "headers"),
        "include_dirs": _paths(case, "include_dirs"),
        "args": _clang_args(case),
        "api_dirs": _paths(case, "api_dirs"),
        "exclude_headers": case.get("exclude_headers", []),
        "platforms": ["linux-x86_64"],
    }
    (srcdir / "conf.py").write_text(
        f'extensions = ["sphinx_nativeapi"]\nnativeapi_projects = {{"p": {settings!r}}}\n'
    )
    directives = "".join(f".. native-api:: {n}\n\n" for n in case["reported"] + case["absent"])
    (srcdir / "index.rst").write_text(f"P\n=\n\n{directives}")
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    objects = {name for name, *_ in app.env.get_domain("c").get_objects()}
    assert set(case["reported"]) <= objects, warnings
    for name in case["absent"]:
        assert name not in objects
        assert f"'{name}' names no declaration" in warnings
    assert warnings.count("WARNING") == len(case["absent"]), warnings
