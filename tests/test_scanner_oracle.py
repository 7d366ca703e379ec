"""The scanner against an independent compiler (zig's clang) on every case header and platform."""

from __future__ import annotations

import pytest
from cases import CASES, scan_case
from oracle import ZIG_TARGETS, check_layouts, llvm_nm, referenced_symbols, zig_available

pytestmark = pytest.mark.skipif(not (zig_available() and llvm_nm()), reason="needs ziglang and llvm-nm")

PAIRS = [
    pytest.param(case, p, id=f"{case.path.name}-{p}")
    for case in CASES
    if case.expect.get("oracle", True)  # zig's clang has no C++ library for every target
    for p in case.platforms
    if p in ZIG_TARGETS
]


@pytest.fixture(scope="module")
def models():
    return {case.path.name: scan_case(case) for case in CASES}


@pytest.mark.parametrize(("case", "platform"), PAIRS)
def test_layouts_agree_with_zig_clang(case, platform, models, tmp_path):
    model = models[case.path.name]
    errors = check_layouts(case.path, model, platform, case.expect.get("language", "c"), tmp_path)
    assert errors == ""


@pytest.mark.parametrize(("case", "platform"), PAIRS)
def test_symbol_names_agree_with_zig_clang(case, platform, models, tmp_path):
    model = models[case.path.name]
    ours, referenced, errors = referenced_symbols(
        case.path, model, platform, case.expect.get("language", "c"), tmp_path
    )
    assert errors == ""
    assert ours, "nothing to compare"
    for name, symbols in ours.items():
        assert symbols & referenced, f"{name}: ours {symbols}, zig's clang references none of them"
    assert referenced <= set().union(*ours.values())
