"""Matching on the committed binary fixtures: every status, every class, every name rule.

The cases are data (tests/data/check/cases.json): headers of tests/data/check against the real
binaries of tests/fixtures/bin, scanned by the real libclang, read by the real reader.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from sphinx_nativeapi.binaries import read_symbols
from sphinx_nativeapi.classify import DeclarationIndex, classify, entity_name
from sphinx_nativeapi.cli import main
from sphinx_nativeapi.matching import LINKABLE_KINDS, match
from sphinx_nativeapi.model import AbiReport, ApiModel
from sphinx_nativeapi.scanner import ScanRequest, scan

DATA = Path(__file__).parent / "data" / "check"
CASES = json.loads((DATA / "cases.json").read_text())["cases"]


def _binary_arg(spec: str) -> str:
    platform, sep, path = spec.rpartition("=")
    return f"{platform}{sep}{(DATA / path).resolve()}"


def run_check(capsys, tmp_path, case: dict, *extra: str) -> tuple[int, str]:
    argv = ["check", *(str(DATA / h) for h in case["headers"]), "--cache-dir", str(tmp_path / "cache")]
    if case.get("lang"):
        argv += ["--lang", case["lang"]]
    for spec in case["binaries"]:
        argv += ["--binary", _binary_arg(spec)]
    for platform in case.get("platforms", ()):
        argv += ["--platform", platform]
    capsys.readouterr()
    code = main([*argv, *extra])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case, capsys, tmp_path):
    code, out = run_check(capsys, tmp_path, case, "--format", "json")
    report = json.loads(out)
    for platform, expect in case["expect"].items():
        got = report["platforms"][platform]
        exported = defaultdict(list)
        versions = defaultdict(list)
        for entry in got["exported"]:
            exported[entry["declaration"]].append(entry["symbol"])
            versions[entry["declaration"]].append(entry["version"])
        if "exported" in expect:
            assert {k: sorted(v) for k, v in exported.items()} == expect["exported"]
        for declaration, wanted in expect.get("versions", {}).items():
            assert sorted(versions[declaration]) == wanted
        for status in ("missing", "internal", "not_applicable", "unknown"):
            if status in expect:
                names = sorted(e["declaration"] for e in got[status] if e["kind"] in LINKABLE_KINDS)
                assert names == sorted(expect[status]), status
        assert {u["symbol"]: u["class"] for u in got["unmatched"]} == expect["unmatched"]
        if "undocumented" in expect:
            assert sorted(u["declaration"] for u in got["undocumented"]) == expect["undocumented"]
        if "nameless_exports" in expect:
            assert got["counts"]["nameless_exports"] == expect["nameless_exports"]
    # the default gate fails exactly when something marked for export is missing
    assert code == (1 if any(e.get("missing") for e in case["expect"].values()) else 0)


def test_json_is_byte_identical_across_runs(tmp_path):
    case = next(c for c in CASES if c["name"] == "cxx-every-abi")
    request = ScanRequest(headers=(str(DATA / "geo_more.hpp"),), language="c++",
                          platforms=("linux-x86_64", "windows-x86", "macos-arm64"))
    tables = defaultdict(list)
    for spec in case["binaries"]:
        for table in read_symbols(_binary_arg(spec)):
            tables[table.platform].append(table)
    outputs = []
    for _ in range(2):
        model = ApiModel.from_json(json.loads(json.dumps(scan(request).to_json())))
        outputs.append(json.dumps(match(model, dict(tables)).to_json(), indent=1))
    assert outputs[0] == outputs[1]
    # and a report reads back into the same value
    assert json.dumps(AbiReport.from_json(json.loads(outputs[0])).to_json(), indent=1) == outputs[0]


def test_ignore_leaves_symbols_and_declarations_out(capsys, tmp_path):
    case = next(c for c in CASES if c["name"] == "elf-versions")
    code, out = run_check(capsys, tmp_path, case, "--format", "json", "--ignore", "^fx_(gone|only_in_2)$")
    got = json.loads(out)["platforms"]["linux-x86_64"]
    assert got["missing"] == [] and got["unmatched"] == []
    assert got["counts"]["ignored"] == 2
    assert code == 0


def test_export_macro_marks_where_it_expands_to_nothing(tmp_path):
    """WIN_API is empty off Windows: named as an export macro, it still marks win_missing there."""
    tables = {"linux-x86_64": read_symbols(DATA / "../../fixtures/bin/linux-x86_64/libfxelf.so")}
    plain = scan(ScanRequest(headers=(str(DATA / "fxwin.h"),), platforms=("linux-x86_64",)))
    marked = scan(ScanRequest(headers=(str(DATA / "fxwin.h"),), platforms=("linux-x86_64",),
                              export_macros=("WIN_API",)))
    missing_plain = {e.declaration for e in match(plain, tables).platforms["linux-x86_64"].missing}
    missing_marked = {e.declaration for e in match(marked, tables, export_macros=("WIN_API",))
                      .platforms["linux-x86_64"].missing}
    assert "win_missing" not in missing_plain
    assert {"win_add", "win_missing", "win_std", "win_counter"} <= missing_marked
    assert "win_not_exported" not in missing_marked and "win_inline" not in missing_marked


@pytest.mark.parametrize(
    ("name", "demangled", "expected"),
    [
        ("_ZTVN3geo5ShapeE", None, "compiler-generated"),
        ("__ZTIN3geo5ShapeE", None, "compiler-generated"),
        ("_ZGVZN3geo1fEvE1x", None, "compiler-generated"),
        ("_ZThn8_N3geo5Shape5sidesEv", None, "compiler-generated"),
        ("??_R0?AVShape@geo@@@8", None, "compiler-generated"),
        ("??_C@_05ABCDEFGH@hello?$AA@", None, "compiler-generated"),
        ("??_GShape@geo@@UAEPAXI@Z", None, "compiler-generated"),
        ("_init", None, "compiler-generated"),
        ("__bss_start", None, "compiler-generated"),
        ("_DllMain@12", None, "compiler-generated"),
        ("_ZN3geo5ShapeD0Ev", "geo::Shape::~Shape()", "compiler-generated"),
        ("_ZNSt6vectorIiSaIiEE9push_backERKi", "std::vector<int>::push_back(int)", "template-instance"),
        ("_ZN3geo5scaleIiEET_S1_i", "int geo::scale<int>(int, int)", "template-instance"),
        ("_ZN3geo8internalEv", "geo::internal()", "undeclared"),
        ("_ZN3geoltERKNS_5ShapeES2_", "geo::operator<(geo::Shape const&, geo::Shape const&)", "undeclared"),
        ("??_U@YAPAXI@Z", "void * __cdecl operator new[](unsigned int)", "undeclared"),
        ("helper", None, "undeclared"),
    ],
)
def test_classify(name, demangled, expected):
    index = DeclarationIndex(records=frozenset({"geo::Shape"}), templates=frozenset({"geo::scale"}),
                             names=frozenset({"geo::Shape", "geo::scale"}))
    assert classify(name, demangled, index) == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("int geo::scale<int>(int, int)", ("geo::scale<int>", "geo::scale")),
        ("public: virtual int __thiscall geo::Shape::sides(void) const", ("geo::Shape::sides",) * 2),
        ("public: static int const geo::Shape::kMaxSides", ("geo::Shape::kMaxSides",) * 2),
        ("geo::operator<(geo::Shape const&, geo::Shape const&)", ("geo::operator<",) * 2),
        ("bool geo::Box<int>::operator()(int) const", ("geo::Box<int>::operator()", "geo::Box::operator()")),
        ("std::__cxx11::basic_string<char>::str[abi:cxx11]() const",
         ("std::__cxx11::basic_string<char>::str", "std::__cxx11::basic_string::str")),
    ],
)
def test_entity_name(text, names):
    assert entity_name(text) == names
