"""``nativeapi diff`` on C++ classes: bases, and the vtable slots that overrides do not take.

Header pairs, scanned for an Itanium and a Microsoft platform; the slot orders are also checked
against clang's own vtable layouts (``-fdump-vtable-layouts``) for both ABIs.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_history import nativeapi

from sphinx_nativeapi.history.declarations import Side
from sphinx_nativeapi.history.vtables import own_slots, slot_text
from sphinx_nativeapi.scanner import ScanRequest, scan

BIN, SRC, CMP = "binary-break", "source-break", "compatible"
ITANIUM, MICROSOFT = "linux-x86_64", "windows-x86_64"
BASE = "struct B { virtual ~B(); virtual void f(); virtual void f2(); };\n"

# (old header, new header, {platform: {(declaration, rule, kind)}}); one set for both when the same.
CASES = {
    "an added override is no vtable change": (
        BASE + "struct D : B { virtual void g(); int x; };\n",
        BASE + "struct D : B { void f() override; virtual void g(); int x; };\n",
        {("D::f", "declaration.added", CMP)}),
    "a new virtual function is, after the overrides too": (
        BASE + "struct D : B { void f() override; virtual void g(); int x; };\n",
        BASE + "struct D : B { virtual void h(); void f() override; virtual void g(); int x; };\n",
        {("D::h", "declaration.added", CMP), ("D", "class.virtual-added", BIN),
         ("D::g", "function.uses-changed-type", BIN),
         ("D::f", "function.uses-changed-type", BIN)}),
    "overloads: reordered on Itanium, the same vtable on Microsoft": (
        "struct W { virtual void a(int); virtual void b(); virtual void a(double); };\n",
        "struct W { virtual void a(int); virtual void a(double); virtual void b(); };\n",
        {ITANIUM: {("W", "class.vtable-reordered", BIN), ("W::a", "function.uses-changed-type", BIN),
                   ("W::b", "function.uses-changed-type", BIN)},
         MICROSOFT: set()}),
    "overloads on const are two slots": (
        "struct W { virtual void a(); virtual void a() const; };\n",
        "struct W { virtual void a() const; virtual void a(); };\n",
        {("W", "class.vtable-reordered", BIN), ("W::a", "function.uses-changed-type", BIN)}),
    "bases reordered": (
        "struct A { int a; };\nstruct B { int b; };\nstruct C : A, B { int c; };\n",
        "struct A { int a; };\nstruct B { int b; };\nstruct C : B, A { int c; };\n",
        {("C", "class.bases-reordered", BIN)}),
    "a base removed": (
        "struct A { int a; };\nstruct B { int b; };\nstruct C : A, B { int c; };\n",
        "struct A { int a; };\nstruct B { int b; };\nstruct C : B { int c; };\n",
        {("C", "class.base-removed", BIN), ("C", "type.size-changed", BIN),
         ("C::c", "type.field-offset-changed", BIN)}),
    "a base made virtual, an empty one added": (
        "struct A { int a; };\nstruct E { };\nstruct C : A { int c; };\n",
        "struct A { int a; };\nstruct E { };\nstruct C : virtual A, E { int c; };\n",
        {("C", "class.base-virtual-changed", BIN), ("C", "class.base-added", BIN),
         ("C", "type.size-changed", BIN), ("C", "type.alignment-changed", BIN),
         ("C::c", "type.field-offset-changed", BIN)}),
    "a public base made private; a protected one": (
        "struct A { int a; };\nstruct B { int b; };\nclass C : public A, protected B { int c; };\n",
        "struct A { int a; };\nstruct B { int b; };\nclass C : private A, private B { int c; };\n",
        {("C", "class.base-access-changed", BIN), ("C", "class.base-access-changed", SRC)}),
}


def _diff(tmp_path: Path, old_text: str, new_text: str) -> list[dict]:
    dumps = []
    for name, text in (("old", old_text), ("new", new_text)):
        (tmp_path / f"{name}.hpp").write_text(text)
        dumps.append(tmp_path / f"{name}.json")
        code, _, err = nativeapi("dump", tmp_path / f"{name}.hpp", "--lang", "c++", "--platform", ITANIUM,
                                 "--platform", MICROSOFT, "--release", name, "-o", dumps[-1])
        assert code == 0, err
    _, out, _ = nativeapi("diff", *dumps, "--format", "json")
    return json.loads(out)["changes"]


@pytest.mark.parametrize("case", CASES)
def test_class_change(case: str, tmp_path: Path) -> None:
    old_text, new_text, expected = CASES[case]
    changes = _diff(tmp_path, old_text, new_text)
    for platform in (ITANIUM, MICROSOFT):
        want = expected.get(platform, set()) if platform in expected else expected
        found = {(c["declaration"], c["rule"], c["kind"]) for c in changes if c["platform"] == platform}
        assert found == want, platform


# Classes whose own slots clang lays out after their primary base's (Itanium) or in the vftable they
# share with their first base (Microsoft): (class, that base).
HIERARCHY = """\
struct B { virtual ~B(); virtual void f(); virtual void f2(); };
struct X { virtual void x(); };
struct D : B { virtual void h(); void f() override; virtual void g(); virtual void a(int);
               virtual void b(); virtual void a(double); int m; };
struct D2 : B, X { void x() override; virtual void k(); void f2() override; };
struct E : D { void a(int) override; virtual void e(); void b() override; virtual void a(char); };
struct F : D { virtual void z(); void c(long); void a(int) override; virtual void a(char);
               virtual void c(); virtual int c(int) const; };
B *use() { static D d; static D2 d2; static E e; static F f; return &f; }
"""
CLASSES = [("D", "B"), ("D2", "B"), ("E", "D"), ("F", "D")]
TRIPLES = {ITANIUM: "x86_64-pc-linux-gnu", MICROSOFT: "x86_64-pc-windows-msvc"}
_ENTRY = re.compile(r"^\s*\d+ \| .*?(~?\w+)\((.*)\)( const)?(?: \[.*\])?$")  # "void *ns::C::f(int) [pure]"


def _clang_tables(source: Path, platform: str) -> dict[str, list[str]]:
    """Each class's primary vtable (Itanium) or first vftable (Microsoft) as clang dumps it, as its
    functions' names."""
    run = subprocess.run(["clang", "-c", "-x", "c++", f"--target={TRIPLES[platform]}", "-Xclang",
                          "-fdump-vtable-layouts", str(source), "-o", "/dev/null"],
                         capture_output=True, text=True, check=True)
    tables: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in run.stdout.splitlines():
        if line.startswith(("Vtable for ", "VFTable for ")):  # "VFTable for 'B' in 'D' in 'E' (...)"
            name = re.findall(r"'([^']+)'", line)[-1]
            current = None if name in tables else tables.setdefault(name, [])
        elif not line.strip() or line.startswith(("VTable indices", "VFTable indices")) or (
                current and "offset_to_top" in line):  # an Itanium secondary vtable starts
            current = None
        elif current is not None and (entry := _ENTRY.match(line)):
            slot = f"{entry.group(1)}({entry.group(2)}){entry.group(3) or ''}"
            if not (current and current[-1] == slot and slot.startswith("~")):  # Itanium's complete and
                current.append(slot)  # deleting destructors
    return tables


@pytest.mark.skipif(shutil.which("clang") is None, reason="needs clang")
@pytest.mark.parametrize("platform", [ITANIUM, MICROSOFT])
def test_own_slots_are_clangs(platform: str, tmp_path: Path) -> None:
    source = tmp_path / "hierarchy.hpp"
    source.write_text(HIERARCHY)
    model = scan(ScanRequest(headers=(str(source),), language="c++", platforms=(platform,)))
    side = Side(model.declarations, platform, None)
    records = {d.qualified_name: d for d in model.declarations if d.kind == "struct"}
    tables = _clang_tables(source, platform)
    for name, base in CLASSES:
        ours = [slot_text(d) for d in own_slots(side, records[name])]
        assert ours == tables[name][len(tables[base]):], name
