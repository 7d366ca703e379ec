"""Data-driven scanner tests: each header in tests/cases carries its expected facts per platform.

A new case is one header with a ``nativeapi-expect`` JSON comment: every key it names must come out
of the real libclang scan as written; ``absent`` names what must not be reported.
"""

from __future__ import annotations

import re

import pytest
from cases import CASES, scan_case

from sphinx_nativeapi.scanner.toolchain import FREESTANDING_RESOURCE_DIR, zig_lib_dir

# Every source of builtin headers must give the same facts: whatever this machine has (an LLVM
# install, else zig's), zig's, and our own freestanding ones (no compiler, no zig).
BUILTINS = {"found": None, "zig": zig_lib_dir(), "freestanding": str(FREESTANDING_RESOURCE_DIR)}


@pytest.fixture(
    scope="module",
    params=[(c, b) for c in CASES for b in BUILTINS],
    ids=lambda p: f"{p[0].path.name}-{p[1]}",
)
def scanned(request):
    case, builtins = request.param
    if builtins != "found" and BUILTINS[builtins] is None:
        pytest.skip(f"no {builtins} builtin headers here")
    mp = pytest.MonkeyPatch()
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
