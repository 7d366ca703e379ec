"""``nativeapi dump`` and ``nativeapi diff`` as a user runs them, on real releases: the example
library's 1.5 and 2.1 (headers and binaries of four platforms, ``example-docs/lib``), and small header
pairs written here for one rule each. The oracles: the binaries' own export tables (set differences),
and ``abidiff`` on ``-g`` builds of both releases (``test_history_abidiff.py``).
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
from pathlib import Path

import pytest

from sphinx_nativeapi.binaries import read_symbols
from sphinx_nativeapi.cli import main
from sphinx_nativeapi.history import release as releases
from sphinx_nativeapi.history.diff import diff

EXAMPLE = Path(__file__).parent.parent / "example-docs"
LIB = EXAMPLE / "lib"
PLATFORMS = ["linux-x86_64", "windows-x86_64", "windows-x86", "macos-arm64"]
FILES = {"linux-x86_64": "linux-x86_64/libexample.so", "windows-x86_64": "windows-x86_64/example.dll",
         "windows-x86": "windows-x86/example.dll", "macos-arm64": "macos-arm64/libexample.dylib"}
OLD_BIN, NEW_BIN = LIB / "releases" / "1.5" / "bin", LIB / "bin"


def nativeapi(*args: str | Path) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main([str(a) for a in args])
    return code, stdout.getvalue(), stderr.getvalue()


def release_args(include: Path, binaries: Path) -> list[str | Path]:
    args: list[str | Path] = [include / "example" / "example.h", include / "example" / "widget.hpp",
                              "--lang", "c++", "-I", include, "--export-macro", "EXAMPLE_API"]
    for platform in PLATFORMS:
        args += ["--platform", platform, "--binary", f"{platform}={binaries / FILES[platform]}"]
    return args


@pytest.fixture(scope="module")
def dumps(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("releases")
    old, new = out / "1.5.json", out / "2.1.json"
    for name, path, include, binaries in (("1.5", old, LIB / "releases" / "1.5" / "include", OLD_BIN),
                                          ("2.1", new, LIB / "include", NEW_BIN)):
        code, _, err = nativeapi("dump", *release_args(include, binaries), "--release", name, "-o", path)
        assert code == 0, err
    return old, new


@pytest.fixture(scope="module")
def report(dumps: tuple[Path, Path]) -> dict:
    code, out, err = nativeapi("diff", *dumps, "--format", "json")
    assert code & 8, (code, err)
    return json.loads(out)


def find(report: dict, rule: str, **where: str) -> list[dict]:
    return [c for c in report["changes"] if c["rule"] == rule and all(c[k] == v for k, v in where.items())]


def test_dump_is_deterministic_and_self_contained(dumps: tuple[Path, Path], tmp_path: Path) -> None:
    old, _ = dumps
    again = tmp_path / "again.json"
    code, _, err = nativeapi("dump", *release_args(LIB / "releases" / "1.5" / "include", OLD_BIN),
                             "--release", "1.5", "-o", again)
    assert code == 0, err
    assert again.read_bytes() == old.read_bytes()
    document = json.loads(old.read_text())
    assert document["schema"] == 1 and document["nativeapi_release"] == "1.5"
    assert sorted(document["platforms"]) == sorted(PLATFORMS)
    assert {b["platform"] for b in document["binaries"]} == set(PLATFORMS)
    names = {d["qualified_name"] for d in document["model"]["declarations"]}
    assert {"example_flush", "example_stats", "example::Widget::draw"} <= names
    # The committed dump of the docs' history holds the same release: the same declarations and exports
    # (its paths are relative to example-docs/; a scanner change may add facts, so facts are not compared).
    committed = json.loads((EXAMPLE / "history" / "1.5.json").read_text())
    assert committed["nativeapi_release"] == "1.5"
    assert {(d["kind"], d["qualified_name"]) for d in committed["model"]["declarations"]} == {
        (d["kind"], d["qualified_name"]) for d in document["model"]["declarations"]}
    assert [sorted(s["name"] for s in b["symbols"]) for b in committed["binaries"]] == [
        sorted(s["name"] for s in b["symbols"]) for b in document["binaries"]]


def test_exports_removed_and_added_are_the_export_tables_set_differences(report: dict) -> None:
    def entries(path: Path, platform: str) -> set[str]:
        """Names, and name@V for a hidden ELF version (a symbol of its own, as abidiff counts it)."""
        symbols = [s for t in read_symbols(path, platform) for s in t.symbols]
        hidden = {f"{s.name}@{s.version}" for s in symbols if s.default_version is False}
        return {s.name for s in symbols} | hidden

    for platform in PLATFORMS:
        old, new = entries(OLD_BIN / FILES[platform], platform), entries(NEW_BIN / FILES[platform], platform)
        assert {c["symbol"] for c in find(report, "export.removed", platform=platform)} == old - new
        assert {c["symbol"] for c in find(report, "export.added", platform=platform)} == new - old
        assert old - new and new - old


def test_every_difference_of_the_example_is_found_with_its_kind(report: dict) -> None:
    for platform in PLATFORMS:
        def one(rule: str, declaration: str, kind: str, platform: str = platform) -> dict:
            found = find(report, rule, platform=platform, declaration=declaration)
            assert [c["kind"] for c in found] == [kind], (rule, declaration, platform, found)
            return found[0]

        removed = one("declaration.removed", "example_flush", "source-break")
        assert removed["file"].endswith("releases/1.5/include/example/example.h")  # OLD's line
        one("declaration.added", "example_reset", "compatible")
        size = one("type.size-changed", "example_stats", "binary-break")
        assert (size["old"], size["new"]) == {"linux-x86_64": ("24", "32"), "macos-arm64": ("24", "32"),
                                              "windows-x86_64": ("16", "24"), "windows-x86": ("12", "16")
                                              }[platform]
        one("type.field-added-size", "example_stats::path", "binary-break")
        one("enum.enumerator-added", "EXAMPLE_ERR_CLOSED", "compatible")
        one("function.parameters-changed", "example_checksum", "binary-break")
        one("class.method-became-virtual", "example::Widget::draw", "binary-break")
        one("class.virtual-added", "example::Widget", "binary-break")
        one("macro.value-changed", "EXAMPLE_VERSION_MAJOR", "source-break")
        one("declaration.deprecated", "example_open_file", "info")
        one("function.uses-changed-type", "example_get_stats", "binary-break")
        assert find(report, "type.field-offset-changed", platform=platform,
                    declaration="example::Widget::width_")  # the new vtable pointer moved the fields
    renamed = find(report, "export.renamed", platform="windows-x86", declaration="example_checksum")
    assert [(c["old"], c["new"]) for c in renamed] == [("_example_checksum@8", "_example_checksum@12")]
    assert not find(report, "export.renamed", platform="windows-x86_64", declaration="example_checksum")
    assert {c["platform"] for c in find(report, "library.name-changed")} == {"linux-x86_64", "macos-arm64"}
    [compat] = find(report, "library.compatibility-version-changed")
    assert (compat["platform"], compat["old"], compat["new"], compat["kind"]) == (
        "macos-arm64", "1.0.0", "2.0.0", "info")  # raised: old programs keep loading
    # Nothing is reported for what did not change: a typedef, the bit-field struct, the log callback.
    assert not [c for c in report["changes"] if c["declaration"] in ("example_options", "example_log_fn",
                                                                     "example_level", "example_close")
                and c["rule"] != "export.ordinal-changed"]


def test_ordinals_a_linker_numbered_by_name_are_one_change(report: dict, dumps: tuple[Path, Path]) -> None:
    """zig's lld numbers a DLL's exports by name: each name added or removed renumbers those after it,
    which is one change per platform, not one per export. Ordinals a .def file fixed are compared one by
    one (here, 1.5's tables renumbered as such a file would have them)."""
    windows = {"windows-x86", "windows-x86_64"}
    assert not find(report, "export.ordinal-changed")
    renumbered = find(report, "export.ordinals-renumbered")
    assert sorted(c["platform"] for c in renumbered) == sorted(windows)
    old, new = (releases.read(str(path)) for path in dumps)
    moved = {t.platform: sum(1 for s in t.symbols for n in new.tables(t.platform) for m in n.symbols
                             if m.name == s.name and m.ordinal != s.ordinal) for t in old.binaries}
    assert all(c["message"].startswith(f"{moved[c['platform']]} exports") for c in renumbered)
    spaced = [t._replace(symbols=[s._replace(ordinal=s.ordinal and 2 * s.ordinal) for s in t.symbols])
              for t in old.binaries]  # @2, @4, ...: not the linker's numbering
    fixed = old._replace(binaries=spaced)
    changes = diff(fixed, new)
    assert not [c for c in changes if c.rule == "export.ordinals-renumbered"]
    per_export = [c for c in changes if c.rule == "export.ordinal-changed"]
    assert {c.platform for c in per_export} == windows and len(per_export) >= len(windows)


def test_json_report_names_and_bump(report: dict) -> None:
    assert report["schema"] == 1 and (report["old"], report["new"]) == ("1.5", "2.1")
    assert report["required_bump"] == "major"
    keys = {"rule", "kind", "platform", "declaration", "symbol", "file", "line", "old", "new", "message"}
    assert all(keys <= set(c) for c in report["changes"])
    assert {c["kind"] for c in report["changes"]} == {"binary-break", "source-break", "compatible", "info"}
    message = find(report, "type.size-changed", platform="linux-x86_64")[0]["message"]
    assert "24 to 32 bytes" in message and "allocate" in message  # what changed, its effect, the fix


def test_two_runs_give_byte_identical_output(dumps: tuple[Path, Path]) -> None:
    for form in ("text", "json", "github", "sarif"):
        first = nativeapi("diff", *dumps, "--format", form)
        second = nativeapi("diff", *dumps, "--format", form)
        assert first == second and first[1]


def test_options_may_come_between_old_and_new(dumps: tuple[Path, Path]) -> None:
    old, new = dumps
    before = nativeapi("diff", "--format", "json", old, new)
    between = nativeapi("diff", old, "--format", "json", new)
    assert between == before and json.loads(before[1])["changes"]


def test_sarif_shows_each_finding_at_its_header_line(dumps: tuple[Path, Path]) -> None:
    _, out, _ = nativeapi("diff", *dumps, "--format", "sarif")
    document = json.loads(out)
    assert document["version"] == "2.1.0"
    run = document["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    located = [r for r in run["results"] if "locations" in r]
    assert located and all(r["ruleId"] == rules[r["ruleIndex"]] for r in run["results"])
    hit = next(r for r in located if r["ruleId"] == "type.size-changed")
    location = hit["locations"][0]["physicalLocation"]
    header = LIB / "include" / "example" / "example.h"
    line = next(i for i, text in enumerate(header.read_text().splitlines(), 1)
                if "typedef struct example_stats" in text)
    assert location["artifactLocation"]["uri"].endswith("include/example/example.h")
    assert location["region"]["startLine"] == line and hit["level"] == "error"


def test_github_annotations(dumps: tuple[Path, Path]) -> None:
    _, out, _ = nativeapi("diff", *dumps, "--format", "github")
    lines = out.splitlines()
    errors = [line for line in lines if line.startswith("::error file=")]
    assert any("type.size-changed [linux-x86_64]" in line for line in errors)
    assert not any("export.added" in line for line in lines if line.startswith("::error"))


# Small header pairs: one kind of change each, scanned for two platforms, without binaries.

def write_pair(tmp: Path, old: str, new: str, pyproject: str = "") -> tuple[Path, Path, Path]:
    for name, text in (("old", old), ("new", new)):
        (tmp / name).mkdir()
        (tmp / name / "api.h").write_text(text)
    project = tmp / "new" / "pyproject.toml"
    project.write_text('[tool.nativeapi]\nheaders = ["api.h"]\nplatforms = ["linux-x86_64", "windows-x86"]\n'
                       + pyproject)
    old_dump = tmp / "old.json"
    code, _, err = nativeapi("dump", tmp / "old" / "api.h", "--platform", "linux-x86_64", "--platform",
                             "windows-x86", "--release", "1.0", "-o", old_dump)
    assert code == 0, err
    return old_dump, project, tmp / "new" / "api.h"


def test_source_only_change_does_not_set_the_binary_bit(tmp_path: Path) -> None:
    old, project, _ = write_pair(tmp_path, "#define API_LIMIT 4\nstruct s { int a; };\nint f(int *p);\n",
                                 "#define API_LIMIT 8\nstruct s { int a; };\nint f(unsigned *p);\n")
    code, out, err = nativeapi("diff", old, "--config", project, "--format", "json")
    report = json.loads(out)
    assert {(c["rule"], c["kind"]) for c in report["changes"]} == {
        ("macro.value-changed", "source-break"), ("function.parameter-type-changed", "source-break")}
    assert code == 4 | 16, err


def test_layout_break_sets_the_binary_bit_and_a_typedef_to_the_same_type_is_no_change(tmp_path: Path) -> None:
    old, project, _ = write_pair(
        tmp_path, "typedef int count_t;\nstruct s { int a; };\nint f(int n);\n",
        "typedef int count_t;\nstruct s { int a; long long b; };\nint f(count_t n);\n")
    code, out, _ = nativeapi("diff", old, "--config", project, "--format", "json")
    rules = {(c["rule"], c["platform"]) for c in json.loads(out)["changes"]}
    assert ("type.size-changed", "linux-x86_64") in rules and ("type.size-changed", "windows-x86") in rules
    assert not any(rule.startswith("function.") for rule, _ in rules)
    assert code & 8 and code & 4


def test_parameter_abi_change_per_data_model(tmp_path: Path) -> None:
    old, project, _ = write_pair(tmp_path, "int f(int n);\n", "int f(long n);\n")
    _, out, _ = nativeapi("diff", old, "--config", project, "--format", "json")
    kinds = {c["platform"]: (c["rule"], c["kind"]) for c in json.loads(out)["changes"]}
    # long is 8 bytes on LP64: passed differently; on ILP32 Windows int and long are both 4 bytes.
    assert kinds == {"linux-x86_64": ("function.parameter-abi-changed", "binary-break"),
                     "windows-x86": ("function.parameter-type-changed", "source-break")}


def test_waiver_accepts_a_break_and_one_without_a_reason_is_a_config_error(tmp_path: Path) -> None:
    waiver = ('[[tool.nativeapi.waivers]]\nrule = "type.*"\nname = "s"\n'
              'reason = "s is allocated by the library only"\n')
    old, project, _ = write_pair(tmp_path, "struct s { int a; };\n", "struct s { int a; int b; };\n", waiver)
    code, out, err = nativeapi("diff", old, "--config", project, "--format", "json")
    report = json.loads(out)
    assert report["changes"] and all(c["waived"] == "s is allocated by the library only"
                                     for c in report["changes"])
    assert code == 0, err
    project.write_text(project.read_text().replace('reason = "s is allocated by the library only"\n', ""))
    code, _, err = nativeapi("diff", old, "--config", project)
    assert code == 2 and "has no reason" in err and str(project) in err


def test_expired_waiver_warns_and_waives_nothing(tmp_path: Path) -> None:
    waiver = '[[tool.nativeapi.waivers]]\nrule = "type.*"\nname = "s"\nreason = "r"\nexpires = 2020-01-01\n'
    old, project, _ = write_pair(tmp_path, "struct s { int a; };\n", "struct s { int a; int b; };\n", waiver)
    code, out, _ = nativeapi("diff", old, "--config", project)
    assert code & 8 and "expired on 2020-01-01" in out


def test_semver_bump_too_small(tmp_path: Path) -> None:
    old, project, _ = write_pair(tmp_path, "int f(int a);\n", "int f(int a, int b);\n")
    code, out, _ = nativeapi("diff", old, "--config", project, "--release", "1.1", "--format", "json")
    report = json.loads(out)
    assert (report["required_bump"], report["release_bump"]) == ("major", "minor")
    assert code & 32
    code, _, _ = nativeapi("diff", old, "--config", project, "--expect", "major")
    assert not code & 32 and code & 8


def test_bad_dump_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": 1, "nativeapi_release": "1.0"}')
    code, _, err = nativeapi("diff", bad, bad)
    assert code == 2 and str(bad) in err and err.count("\n") == 1


def test_an_array_parameter_is_its_pointer(tmp_path: Path) -> None:
    old, project, _ = write_pair(tmp_path, "int f(const char buf[16], int n);\nint g(int (*p)[4]);\n",
                                 "int f(const char *buf, int n);\nint g(int (*p)[8]);\n")
    _, out, _ = nativeapi("diff", old, "--config", project, "--format", "json")
    changes = {(c["declaration"], c["rule"], c["kind"]) for c in json.loads(out)["changes"]}
    # f: the same type for C; g: a pointer to another array type, passed the same way.
    assert changes == {("g", "function.parameter-type-changed", "source-break")}


# One header pair per rule: (old header, new header, language, {(declaration, rule, kind)} on linux-x86_64).
BIN, SRC, CMP, INF = "binary-break", "source-break", "compatible", "info"
RULE_CASES = {
    "enumerator revalued and removed; a last *_MAX moved": (
        "enum e { A = 0, B = 1, C = 2, E_MAX = 3 };\n",
        "enum e { A = 0, B = 5, E_MAX = 6 };\n", "c",
        {("C", "enum.enumerator-removed", BIN), ("B", "enum.enumerator-value-changed", BIN),
         ("E_MAX", "enum.last-enumerator-moved", INF)}),
    "field removed, field retyped, bit-field width": (
        "struct s { int a; short b; unsigned f : 3; long c; };\n",
        "struct s { int a; int b; unsigned f : 5; };\n", "c",
        {("s", "type.size-changed", BIN), ("s.c", "type.field-removed", BIN),
         ("s.b", "type.field-type-changed", BIN), ("s.f", "type.bit-field-width-changed", BIN),
         ("s.f", "type.field-offset-changed", BIN), ("s", "type.alignment-changed", BIN)}),
    "a struct made opaque": (
        "struct s { int a; };\n", "struct s;\n", "c", {("s", "type.became-opaque", SRC)}),
    "a typedef to another size; one to the same type by another name": (
        "typedef int count_t;\ntypedef unsigned int u_t;\ntypedef u_t v_t;\n",
        "typedef long count_t;\ntypedef unsigned int u_t;\ntypedef unsigned int v_t;\n", "c",
        {("count_t", "typedef.changed", BIN)}),
    "variadic, return ABI": (
        "int f(const char *fmt);\nint g(void);\n", "int f(const char *fmt, ...);\ndouble g(void);\n", "c",
        # Without a binary, a function with a symbol is taken as exported: a binary break.
        {("f", "function.variadic-changed", BIN), ("g", "function.return-abi-changed", BIN)}),
    "virtual functions added, removed and reordered": (
        "struct W { virtual void a(); virtual void b(); virtual void c(); int x; };\n",
        "struct W { virtual void b(); virtual void a(); virtual void d(); int x; };\n", "c++",
        {("W", "class.virtual-added", BIN), ("W", "class.virtual-removed", BIN),
         ("W", "class.vtable-reordered", BIN), ("W::c", "declaration.removed", SRC),
         ("W::d", "declaration.added", CMP), ("W::a", "function.uses-changed-type", BIN),
         ("W::b", "function.uses-changed-type", BIN)}),
    "functions that use a grown struct through typedefs, pointers and another struct; one that does not": (
        "struct s { int a; };\ntypedef struct s s_t;\ntypedef s_t *s_ptr;\nstruct h { s_t *p; };\n"
        "void by_value(s_t v);\nvoid by_ptr(s_ptr p);\nint *via(struct h *x);\nint other(int s_tx);\n",
        "struct s { int a; long b; };\ntypedef struct s s_t;\ntypedef s_t *s_ptr;\nstruct h { s_t *p; };\n"
        "void by_value(s_t v);\nvoid by_ptr(s_ptr p);\nint *via(struct h *x);\nint other(int s_tx);\n", "c",
        {("s", "type.size-changed", BIN), ("s", "type.alignment-changed", BIN),
         ("s.b", "type.field-added-size", BIN), ("by_value", "function.uses-changed-type", BIN),
         ("by_ptr", "function.uses-changed-type", BIN), ("via", "function.uses-changed-type", BIN)}),
    "a C++ parameter change renames the symbol; deleted; deprecated": (
        "namespace n { int f(int a); void g(); void h(); }\n",
        "namespace n { int f(long a); void g() = delete; [[deprecated(\"use f\")]] void h(); }\n", "c++",
        {("n::f", "export.renamed", BIN), ("n::f", "function.parameter-abi-changed", BIN),
         ("n::g", "function.deleted", SRC), ("n::h", "declaration.deprecated", INF)}),
}


@pytest.mark.parametrize("case", RULE_CASES)
def test_rule(case: str, tmp_path: Path) -> None:
    old_text, new_text, language, expected = RULE_CASES[case]
    for name, text in (("old", old_text), ("new", new_text)):
        (tmp_path / f"{name}.h").write_text(text)
    dumps = []
    for name in ("old", "new"):
        dumps.append(tmp_path / f"{name}.json")
        release = "1.0" if name == "old" else "2.0"
        code, _, err = nativeapi("dump", tmp_path / f"{name}.h", "--lang", language,
                                 "--platform", "linux-x86_64", "--release", release, "-o", dumps[-1])
        assert code == 0, err
    _, out, _ = nativeapi("diff", *dumps, "--format", "json")
    found = {(c["declaration"], c["rule"], c["kind"]) for c in json.loads(out)["changes"]}
    assert found == expected


def test_an_exported_cxx_function_on_mingw_x86_breaks_binaries(tmp_path: Path) -> None:
    """MinGW's i686 object names carry one more '_' than its DLL's export table (``__ZN3geo…`` is
    exported as ``_ZN3geo…``): the function is exported, so a changed parameter is a binary break."""
    fixtures = Path(__file__).parent / "fixtures"
    header = fixtures / "src" / "cxx" / "fxcxx.hpp"
    new_header = tmp_path / "fxcxx.hpp"
    new_header.write_text(header.read_text().replace("void resize(int width, int height);",
                                                     "void resize(long long width, int height);"))
    dll = fixtures / "bin" / "windows-x86-mingw" / "fxcxx.dll"
    dumps = []
    for name, path in (("1.0", header), ("2.0", new_header)):
        dumps.append(tmp_path / f"{name}.json")
        code, _, err = nativeapi("dump", path, "--lang", "c++", "--platform", "windows-x86-mingw",
                                 "--binary", f"windows-x86-mingw={dll}", "--release", name, "-o", dumps[-1])
        assert code == 0, err
    _, out, _ = nativeapi("diff", *dumps, "--format", "json")
    changes = json.loads(out)["changes"]
    found = {(c["rule"], c["kind"]) for c in changes if c["declaration"] == "geo::Shape::resize"}
    assert found == {("export.renamed", BIN), ("function.parameter-abi-changed", BIN)}


def test_a_binary_built_with_libcxx_is_scanned_with_libcxx(tmp_path: Path) -> None:
    """The sentencepiece 0.2.0 release (zig c++: libc++ on Linux too) as the binary of a header that
    declares one of its functions: its exports name std::__1, so the scan takes libc++'s headers, not
    the host's libstdc++, and the function is exported under the binary's own name."""
    release = tmp_path / "sentencepiece-0.2.0.json"
    release.write_bytes(gzip.decompress((Path(__file__).parent / "fixtures" / "releases" /
                                         "sentencepiece-0.2.0.json.gz").read_bytes()))
    header = tmp_path / "log_domain.hpp"
    header.write_text("#pragma once\n#include <vector>\n"
                      "namespace sentencepiece { namespace log_domain {\n"
                      "double LogSum(const std::vector<double> &xs);\n} }\n")
    dump = tmp_path / "dump.json"
    code, _, err = nativeapi("dump", header, "--lang", "c++", "--platform", "linux-x86_64",
                             "--binary", f"linux-x86_64={release}", "--release", "1", "-o", dump)
    assert code == 0, err
    decl = next(d for d in json.loads(dump.read_text())["model"]["declarations"] if d["name"] == "LogSum")
    symbol = "_ZN13sentencepiece10log_domain6LogSumERKNSt3__16vectorIdNS1_9allocatorIdEEEE"
    assert decl["platforms"]["linux-x86_64"]["symbols"] == [symbol]
    assert symbol in {s.name for t in read_symbols(release, "linux-x86_64") for s in t.symbols}


def test_a_mingw_dll_given_for_an_msvc_platform_is_named(tmp_path: Path) -> None:
    """Itanium C++ exports under a Microsoft-ABI platform: no computed name can match, which the dump
    says, with the platform that fits; under that platform it says nothing."""
    fixtures = Path(__file__).parent / "fixtures"
    dll = fixtures / "bin" / "windows-x86-mingw" / "fxcxx.dll"
    for platform, warned in (("windows-x86", True), ("windows-x86-mingw", False)):
        code, _, err = nativeapi("dump", fixtures / "src" / "cxx" / "fxcxx.hpp", "--lang", "c++",
                                 "--platform", platform, "--binary", f"{platform}={dll}", "--release", "1",
                                 "-o", tmp_path / f"{platform}.json")
        assert code == 0
        assert ("Itanium-mangled" in err and "give it as windows-x86-mingw" in err) == warned, err


def test_long_double_is_mingws_own(tmp_path: Path) -> None:
    """double -> long double: the same 8 bytes under MSVC, GCC's x87 type under MinGW (16 bytes on
    x86-64, 12 on x86, as zig's clang sizes them): passed differently there."""
    platforms = [a for p in ("windows-x86_64", "windows-x86_64-mingw", "windows-x86-mingw")
                 for a in ("--platform", p)]
    dumps = []
    for name, text in (("1.0", "double f(double x);\n"), ("2.0", "double f(long double x);\n")):
        (tmp_path / f"{name}.h").write_text(text)
        dumps.append(tmp_path / f"{name}.json")
        code, _, err = nativeapi("dump", tmp_path / f"{name}.h", *platforms, "--release", name,
                                 "-o", dumps[-1])
        assert code == 0, err
    _, out, _ = nativeapi("diff", *dumps, "--format", "json")
    kinds = {c["platform"]: (c["rule"], c["kind"]) for c in json.loads(out)["changes"]}
    assert kinds == {"windows-x86_64": ("function.parameter-type-changed", "source-break"),
                     "windows-x86_64-mingw": ("function.parameter-abi-changed", "binary-break"),
                     "windows-x86-mingw": ("function.parameter-abi-changed", "binary-break")}
