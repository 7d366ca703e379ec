"""``nativeapi check`` on friends, explicit specializations and per-platform inline functions, against
a shared library that the host's C++ compiler builds from the case headers here (every symbol with
hidden visibility but what the export macros mark, as real libraries build)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sphinx_nativeapi.cli import main

CASES = Path(__file__).parent / "cases"
HEADERS = [
    CASES / "cxx_friends_specializations.hpp",
    CASES / "cxx_inline_per_platform.hpp",
    CASES / "cxx_aliases_nested.hpp",
    CASES / "cxx_anonymous_namespaces.hpp",
]
DEFINITIONS = """
#include "cxx_friends_specializations.hpp"
#include "cxx_inline_per_platform.hpp"
#include "cxx_aliases_nested.hpp"
#include "cxx_anonymous_namespaces.hpp"
namespace arena {
template <> Foo *Arena::Create<Foo>(Arena *) { return nullptr; }
template <> int parse<int>(const char *) { return 0; }
template <> void Box<long>::put(long) {}
bool operator==(const big &, const big &) { return true; }
int compare(const big &, const big &) { return 0; }
long distance(const big &, const big &) { return 0; }
}
void ip::h(int) {}
void al::Outer<int>::Handler::run() {}
namespace an {
namespace {
int tag::get() const { return depth; }
int hidden(int v) { return v; }
}
static int helper(int v) { return v + counter + tag{v}.get(); }
int visible(int v) { return hidden(helper(v)); }
}
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    compiler = shutil.which("c++") or shutil.which("g++") or shutil.which("clang++")
    if compiler is None:
        pytest.skip("no C++ compiler here")
    work = tmp_path_factory.mktemp("lib")
    (work / "lib.cpp").write_text(DEFINITIONS)
    out = work / "libidioms.so"
    flags = ["-std=c++17", "-shared", "-fPIC", "-fvisibility=hidden", f"-I{CASES}"]
    subprocess.run([compiler, *flags, "-o", out, "lib.cpp"], cwd=work, check=True, capture_output=True)
    return out


def test_every_export_declared_and_nothing_marked_missing(library: Path, capsys, tmp_path: Path) -> None:
    argv = ["check", *map(str, HEADERS), "--lang", "c++", "--std", "c++17", "--binary", str(library)]
    main([*argv, "--format", "json", "--cache-dir", str(tmp_path / "cache")])
    report = json.loads(capsys.readouterr().out)["platforms"]["linux-x86_64"]
    assert [u for u in report["unmatched"] if u["class"] == "undeclared"] == []
    exported = {(e["declaration"], e["symbol"]) for e in report["exported"]}
    assert exported == {
        ("arena::Arena::Create", "_ZN5arena5Arena6CreateINS_3FooEEEPT_PS0_"),  # the specialization
        ("arena::parse", "_ZN5arena5parseIiEET_PKc"),
        ("arena::Box::put", "_ZN5arena3BoxIlE3putEl"),
        ("arena::compare", "_ZN5arena7compareERKNS_3bigES2_"),  # an exported friend
        ("arena::distance", "_ZN5arena8distanceERKNS_3bigES2_"),  # befriended after its declaration
        ("ip::h", "_ZN2ip1hEi"),
        ("al::Outer::Handler::run", "_ZN2al5OuterIiE7Handler3runEv"),  # Outer<int>::Handler's own
        ("an::visible", "_ZN2an7visibleEi"),
    }
    # ip::f is declared for export, and defined inline on Linux: not applicable here, not missing
    assert report["missing"] == []
    not_applicable = {e["declaration"] for e in report["not_applicable"]}
    assert {"ip::f", "ip::W::m", "ip::g", "arena::swap"} <= not_applicable
    assert "arena::operator==" in {e["declaration"] for e in report["internal"]}  # a friend, not marked


def test_anonymous_namespaces_are_not_applicable_never_missing(library: Path, capsys, tmp_path: Path) -> None:
    """Asked for, what an anonymous namespace declares has internal linkage: not applicable on every
    platform, as a static function is, though the library defines it and its class is not marked."""
    argv = ["check", str(CASES / "cxx_anonymous_namespaces.hpp"), "--lang", "c++", "--std", "c++17"]
    argv += ["--anonymous-namespaces", "--binary", str(library), "--format", "json"]
    main([*argv, "--cache-dir", str(tmp_path / "cache")])
    report = json.loads(capsys.readouterr().out)["platforms"]["linux-x86_64"]
    assert report["missing"] == []
    not_applicable = {e["declaration"] for e in report["not_applicable"]}
    assert {
        "an::(anonymous namespace)::hidden",
        "an::(anonymous namespace)::counter",
        "an::(anonymous namespace)::tag::get",
        "an::(anonymous namespace)::inner::deep",
        "an::helper",
    } <= not_applicable, not_applicable
    assert {e["declaration"] for e in report["exported"]} == {"an::visible"}
