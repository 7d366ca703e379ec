"""``nativeapi diff`` on release pairs of real C libraries, built from their own sources by
``tests/fixtures/build_release_pairs.py`` (zig cc, four platforms, Linux with ``-g``) and committed as
release dumps with what ``abidiff --redundant`` said of the two Linux builds.

On every platform the exports removed and added are the set differences of the two export tables;
on Linux every function abidiff reports removed or added is in our diff, every function we report
changed is one abidiff reports changed, and every other function abidiff reports changed takes or
returns a type that is opaque in the public headers (a state struct whose layout is private to the
library: abidiff reads it from the DWARF of the library's own sources, which no caller compiles).
"""

from __future__ import annotations

import contextlib
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


def pair_of(report: Path) -> tuple[str, Path, Path]:
    name, old, new = re.fullmatch(r"(.+)-([^-]+)-([^-]+)\.abidiff\.txt", report.name).groups()
    return name, RELEASES / f"{name}-{old}.json", RELEASES / f"{name}-{new}.json"


def abidiff_functions(report: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {"D": set(), "A": set(), "C": set()}
    for line in report.read_text().splitlines():
        match = re.match(r"  \[([DAC])\] '(?:function|method) ([^']*)'", line)
        if match:
            name = re.search(r"([^\s(*&]+)\(", match.group(2))
            found[match.group(1)].add(name.group(1) if name else match.group(2))
    return found


def entries(symbols: list) -> set[str]:
    hidden = {f"{s.name}@{s.version}" for s in symbols if s.default_version is False}
    return {s.name for s in symbols} | hidden


@pytest.mark.parametrize("report", REPORTS, ids=[r.name.split(".abidiff")[0] for r in REPORTS])
def test_pair_against_export_tables_and_abidiff(report: Path) -> None:
    name, old_path, new_path = pair_of(report)
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
    oracle = abidiff_functions(report)
    removed = {c["declaration"] for c in linux if c["rule"] == "export.removed"}
    added = {c["declaration"] for c in linux if c["rule"] in ("export.added", "declaration.added")}
    changed = {c["declaration"] for c in linux if c["rule"].startswith(FUNCTION_RULES)}
    assert oracle["D"] <= removed
    assert oracle["A"] <= added
    assert changed <= oracle["C"]
    types = TypeResolver(new.model.declarations, "linux-x86_64")
    model = {d.qualified_name: d for d in new.model.declarations}
    for function in oracle["C"] - changed:
        decl = model[function]
        used = set().union(*(types.names_in(t) for t in [decl.type, *(p["type"] for p in decl.params or [])]))
        opaque = [t for t in used if types.records[t].platforms["linux-x86_64"].size is None]
        assert opaque, f"{name}: abidiff reports {function} changed, and so should we"
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
