"""Data-driven scanner tests: each header in tests/cases carries its expected facts per platform.

A new case is one header with a ``nativeapi-expect`` JSON comment: every key it names must come out
of the real libclang scan as written; ``absent`` names what must not be reported.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import gcc_tree
import pytest
from cases import CASES, Case, scan_case

from sphinx_nativeapi.platforms import DEFAULT_PLATFORMS, host_platform_name
from sphinx_nativeapi.scanner.toolchain import FREESTANDING_RESOURCE_DIR, zig_lib_dir

# Every source of builtin headers must give the same facts: whatever this machine has (an LLVM
# install, else zig's), zig's, our own freestanding ones (no compiler, no zig), and what a machine with
# no clang but several GCC installs, cross ones among them, gets ("gcc-tree").
BUILTINS = {
    "found": None,
    "zig": zig_lib_dir(),
    "freestanding": str(FREESTANDING_RESOURCE_DIR),
    "gcc-tree": None,
}


@pytest.fixture(scope="session")
def toolchain_tree(tmp_path_factory):
    root = tmp_path_factory.mktemp("toolchains")
    return root if gcc_tree.build(root) is not None else None


def _host_only(case: Case) -> Case:
    """The case on the host platform alone: its expected facts without the other platforms'."""
    host = host_platform_name()
    if host not in case.platforms:
        pytest.skip(f"{case.path.name} is not scanned for the host platform {host}")
    others = set(DEFAULT_PLATFORMS) - {host}
    declarations = {
        name: {k: v for k, v in facts.items() if k not in others}
        for name, facts in case.expect["declarations"].items()
    }
    return Case(case.path, {**case.expect, "platforms": [host], "declarations": declarations})


@pytest.fixture(
    scope="module",
    params=[(c, b) for c in CASES for b in BUILTINS],
    ids=lambda p: f"{p[0].path.name}-{p[1]}",
)
def scanned(request):
    case, builtins = request.param
    if builtins not in case.expect.get("builtins", BUILTINS):
        pytest.skip(f"{case.path.name} names the builtin sources it holds for: {case.expect['builtins']}")
    mp = pytest.MonkeyPatch()
    if builtins == "gcc-tree":
        tree = request.getfixturevalue("toolchain_tree")
        if tree is None:
            pytest.skip("needs the host GCC and the mingw-w64 cross GCC to build a tree of GCC installs")
        mp.setenv("NATIVEAPI_TOOLCHAIN_ROOTS", gcc_tree.roots_env(tree))
        case = _host_only(case)  # without zig, other platforms have no system headers (<time.h>)
    elif builtins != "found" and BUILTINS[builtins] is None:
        pytest.skip(f"no {builtins} builtin headers here")
    if BUILTINS[builtins]:
        mp.setenv("NATIVEAPI_RESOURCE_DIR", BUILTINS[builtins])
    try:
        return case, scan_case(case)
    finally:
        mp.undo()


def _check(expected: dict, actual: dict, where: str) -> None:
    for key, value in expected.items():
        assert key in actual, f"{where}: no {key!r}"
        if key == "fields":
            got = actual["fields"]
            assert got is not None, f"{where}: fields unknown"
            assert len(got) == len(value), f"{where}: fields {got}"
            for want, have in zip(value, got, strict=True):
                _check(want, have, f"{where}.{want['name']}")
        elif isinstance(value, dict) and isinstance(actual[key], dict):
            _check(value, actual[key], f"{where}.{key}")  # the keys named, not the whole value
        else:
            assert actual[key] == value, f"{where}: {key} is {actual[key]!r}, expected {value!r}"


def test_expected_facts(scanned):
    case, model = scanned
    by_name = {}
    for decl in model.declarations:
        by_name.setdefault(decl.qualified_name, []).append(decl)
    for name, expected in case.expect["declarations"].items():
        # "name [2]": the second declaration of that name, in source order (a template's explicit
        # specialization after the template)
        nth = re.fullmatch(r"(.*) \[(\d+)\]", name)
        name, index = (nth.group(1), int(nth.group(2)) - 1) if nth else (name, 0)
        assert name in by_name, f"{name} not reported; got {sorted(by_name)}"
        assert index < len(by_name[name]), f"{name}: only {len(by_name[name])} declarations"
        decl = by_name[name][index].to_json(doc=True)
        platform_facts = {k: v for k, v in expected.items() if k in case.platforms}
        _check({k: v for k, v in expected.items() if k not in case.platforms}, decl, name)
        for platform, facts in platform_facts.items():
            assert platform in decl["platforms"], f"{name}: not seen on {platform}"
            _check(facts, decl["platforms"][platform], f"{name}[{platform}]")


def test_absent_and_once(scanned):
    case, model = scanned
    names = [d.qualified_name for d in model.declarations]
    for name in case.expect.get("absent", []):
        assert name not in names
    for name in case.expect.get("once", []):
        assert names.count(name) == 1, name


def test_no_error_diagnostics(scanned):
    case, model = scanned
    expected_missing = set(case.expect.get("errors_on", []))
    errors = [
        d
        for d in model.diagnostics
        if d.severity != "warning" and not d.in_system_header and d.platform not in expected_missing
    ]
    assert not errors, errors


def test_every_declaration_has_facts_for_its_platforms(scanned):
    case, model = scanned
    for decl in model.declarations:
        assert decl.platforms, decl.qualified_name
        assert set(decl.platforms) <= set(case.platforms)


@pytest.mark.parametrize("case", [c for c in CASES if c.expect.get("cli")], ids=lambda c: c.path.name)
def test_cli_json_holds_the_expected_facts(case, tmp_path):
    """``nativeapi scan --json``, run as a user runs it: its output is strict UTF-8 JSON with the facts."""
    argv = [sys.executable, "-m", "sphinx_nativeapi", "scan", "--json", "--no-cache", str(case.path)]
    argv += [arg for p in case.platforms for arg in ("--platform", p)]
    argv += ["--comment-style", case.expect.get("comment_style", "doxygen")]
    argv += ["--lang", case.expect.get("language", "c")]
    argv += [f"--arg={arg}" for arg in case.expect.get("args", ())]
    argv += ["--anonymous-namespaces"] if case.expect.get("anonymous_namespaces") else []
    run = subprocess.run(argv, capture_output=True, check=False, cwd=tmp_path)
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    model = json.loads(run.stdout.decode("utf-8"))  # strict: no lone surrogate, no stray byte
    by_name = {}
    for decl in model["declarations"]:
        by_name.setdefault(decl["qualified_name"], decl)
    for name, expected in case.expect["declarations"].items():
        assert name in by_name, f"{name} not reported; got {sorted(by_name)}"
        _check({k: v for k, v in expected.items() if k not in case.platforms}, by_name[name], name)
