"""``nativeapi diff`` on release pairs of real libraries, built from their own sources by
``tests/fixtures/build_release_pairs.py`` (zig cc / zig c++, four platforms, Linux with ``-g``) and
committed as release dumps (gzipped for the C++ one) with what ``abidiff --redundant`` said of the two
Linux builds.

On every platform the exports removed and added are the set differences of the two export tables;
on Linux they are also the symbols abidiff reports removed and added, every function we report
changed is one abidiff reports changed, every vtable abidiff reports changed is a vtable change of
ours, and every other function abidiff reports changed is either declared in no public header (a
default-visibility C++ library exports its internals: protobuf, absl, private classes) or takes or
returns a type that is opaque in the public headers (a state struct whose layout is private to the
library: abidiff reads it from the DWARF of the library's own sources, which no caller compiles).
"""

from __future__ import annotations

import collections
import contextlib
import gzip
import hashlib
import io
import json
import re
from pathlib import Path

import pytest

from sphinx_nativeapi.cli import main
from sphinx_nativeapi.history.release import read
from sphinx_nativeapi.history.types import TypeResolver

RELEASES = Path(__file__).parent / "fixtures" / "releases"
REPORTS = sorted(RELEASES.glob("*.abidiff.txt"))
FUNCTION_RULES = ("function.", "class.method-", "export.renamed")
VTABLE_RULES = ("class.virtual-added", "class.virtual-removed", "class.vtable-reordered")


def pair_of(report: Path, tmp: Path) -> tuple[str, Path, Path]:
    """The pair's name and its two dumps (a gzipped one unpacked into ``tmp``)."""
    name, old, new = re.fullmatch(r"(.+)-([^-]+)-([^-]+)\.abidiff\.txt", report.name).groups()
    return name, *(_dump(name, version, tmp) for version in (old, new))


def _dump(name: str, version: str, tmp: Path) -> Path:
    path = RELEASES / f"{name}-{version}.json"
    packed = path.with_name(path.name + ".gz")
    if packed.exists():
        path = tmp / path.name
        path.write_bytes(gzip.decompress(packed.read_bytes()))
    return path


def function_name(text: str) -> str:
    """``ns::C::f`` of abidiff's ``method virtual R ns::C::f(std::vector<int, A<int> >) const``: the
    word before the parameter list, where template arguments' spaces and parentheses do not count."""
    depth, head = 0, text
    for index, char in enumerate(text):
        depth += {"<": 1, ">": -1}.get(char, 0)
        if char == "(" and depth == 0 and not text[:index].endswith("operator"):
            head = text[:index]
            break
    depth = 0
    for index in range(len(head) - 1, -1, -1):
        depth += {">": 1, "<": -1}.get(head[index], 0)
        if head[index] in " *&" and depth == 0:
            return head[index + 1:]
    return head


def abidiff_report(report: Path) -> dict:
    """Removed [D] and added [A] symbols, changed [C] functions (a count per name: overloads) and
    variables, and the classes whose vtable [C] changed."""
    found: dict = {"D": set(), "A": set(), "C": collections.Counter(), "vtables": set(), "variables": set()}
    for line in report.read_text().splitlines():
        match = re.match(r"  \[([DAC])\] '([^']*)'(?:\s+\{([^}]*)\})?", line)
        if match:
            tag, text, symbol = match.groups()
            if tag != "C":
                found[tag].add(symbol or function_name(text))
            elif text.endswith("::_vtable$"):
                found["vtables"].add(text.split()[-1].rsplit("::", 1)[0])
            elif text.startswith(("method ", "function ")):
                found["C"][function_name(text)] += 1
            else:  # a variable: 'TYPE NAME'
                found["variables"].add(text.split()[-1])
        elif symbol := re.match(r"  \[([DA])\] (\S+)$", line):  # not referenced by debug info
            found[symbol.group(1)].add(symbol.group(2))
    return found


def entries(symbols: list) -> set[str]:
    hidden = {f"{s.name}@{s.version}" for s in symbols if s.default_version is False}
    return {s.name for s in symbols} | hidden


@pytest.mark.parametrize("report", REPORTS, ids=[r.name.split(".abidiff")[0] for r in REPORTS])
def test_pair_against_export_tables_and_abidiff(report: Path, tmp_path: Path) -> None:
    name, old_path, new_path = pair_of(report, tmp_path)
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        code = main(["diff", str(old_path), str(new_path), "--format", "json"])
    changes = json.loads(stdout.getvalue())["changes"]
    old, new = read(str(old_path)), read(str(new_path))
    for platform in old.platforms:
        before = entries([s for t in old.tables(platform) for s in t.symbols])
        after = entries([s for t in new.tables(platform) for s in t.symbols])
        ours = [c for c in changes if c["platform"] == platform]
        assert {c["symbol"] for c in ours if c["rule"] == "export.removed"} == before - after, platform
        assert {c["symbol"] for c in ours if c["rule"] == "export.added"} == after - before, platform
    linux = [c for c in changes if c["platform"] == "linux-x86_64"]
    oracle = abidiff_report(report)
    assert oracle["D"] == {c["symbol"] for c in linux if c["rule"] == "export.removed"}
    assert oracle["A"] == {c["symbol"] for c in linux if c["rule"] == "export.added"}
    changed = collections.Counter(c["declaration"] for c in linux if c["rule"].startswith(FUNCTION_RULES))
    assert not changed - oracle["C"], "we report changed what abidiff does not"
    vtables = {c["declaration"]: c["kind"] for c in linux if c["rule"] in VTABLE_RULES}
    assert oracle["vtables"] <= set(vtables) and set(vtables.values()) <= {"binary-break"}
    types = TypeResolver(new.model.declarations, "linux-x86_64")
    model = collections.defaultdict(list)
    for decl in new.model.declarations:
        model[decl.qualified_name].append(decl)
    for function in oracle["C"] - changed:
        if function not in model:
            continue  # declared in no public header: the library's internals
        opaque = []
        for decl in model[function]:
            spelt = [decl.type, *(p["type"] for p in decl.params or [])]
            used = set().union(*(types.names_in(t) for t in spelt))
            opaque += [t for t in used if types.records[t].platforms["linux-x86_64"].size is None]
        assert opaque, f"{name}: abidiff reports {function} changed, and so should we"
    for variable in oracle["variables"] & set(model):  # the others are the library's internals
        assert any(c["declaration"] == variable for c in linux), f"{name}: abidiff reports {variable} changed"
    seen = [c for c in linux if c["declaration"] in oracle["C"] and c["rule"].startswith(FUNCTION_RULES)]
    assert {c["kind"] for c in seen} <= {"binary-break"}
    if oracle["D"]:  # a removed function is a binary break (a change behind an opaque type is not)
        assert code & 8


# What the diff said of each pair when the report was last reviewed: a JSON report in full (a failure
# shows what moved) and a digest of each other format. A change to the diff's speed must leave every
# byte as it is; a change to a rule or a message regenerates them, e.g.
# ``nativeapi diff brotli-1.0.9.json brotli-1.1.0.json --format json > brotli-1.0.9-1.1.0.diff.json``.
DIGESTS = json.loads((RELEASES / "diff-digests.json").read_text())


@pytest.mark.parametrize("pair", sorted(DIGESTS))
def test_diff_output_is_the_reviewed_one(pair: str) -> None:
    name, old, new = re.fullmatch(r"(.+)-([^-]+)-([^-]+)", pair).groups()
    paths = [str(RELEASES / f"{name}-{old}.json"), str(RELEASES / f"{name}-{new}.json")]
    outputs = {}
    for form in ("json", *DIGESTS[pair]):
        stdout = io.StringIO()
        with contextlib.redirect_stdout(stdout):
            main(["diff", *paths, "--format", form])
        outputs[form] = stdout.getvalue().encode()
    assert outputs.pop("json") == (RELEASES / f"{pair}.diff.json").read_bytes()
    assert {form: hashlib.sha256(text).hexdigest() for form, text in outputs.items()} == DIGESTS[pair]
