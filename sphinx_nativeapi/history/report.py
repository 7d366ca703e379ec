"""The diff's report: JSON (schema 1), text, GitHub workflow commands, SARIF 2.1.0; and its exit status.

Exit status, a bit field in the spirit of ``abidiff``'s (0 when nothing is to be fixed):

====  ==========================================================================================
 1    error (reserved, as abidiff's)
 2    usage or input error: a bad option, an unreadable dump, a waiver without a reason
 4    an unwaived break of any kind (set with 8 or 16)
 8    an unwaived binary break on some platform: removed or renamed export, layout, vtable, ...
16    an unwaived source-only break
32    the release's own bump (from the two names or ``--expect``) is smaller than the changes require
====  ==========================================================================================

Compatible and info changes, and waived breaks, leave the status 0.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sphinx_nativeapi import __version__
from sphinx_nativeapi.history.change import Change
from sphinx_nativeapi.history.rules import RULES
from sphinx_nativeapi.model import SCHEMA

EXIT_CHANGE, EXIT_BINARY, EXIT_SOURCE, EXIT_BUMP = 4, 8, 16, 32  # 2, bad input, is the CLI's own
_LEVELS = {"binary-break": "error", "source-break": "warning", "compatible": "note", "info": "note"}


@dataclass
class DiffResult:
    old: str
    new: str
    changes: list[Change]
    required_bump: str | None
    made_bump: str | None = None  # from the release names or --expect; None: not known
    warnings: list[str] = field(default_factory=list)

    @property
    def live(self) -> list[Change]:
        return [c for c in self.changes if c.waived is None]

    @property
    def bump_too_small(self) -> bool:
        from sphinx_nativeapi.history.semver import too_small

        return too_small(self.made_bump, self.required_bump)


def exit_status(result: DiffResult) -> int:
    kinds = {c.kind for c in result.live}
    status = 0
    if "binary-break" in kinds:
        status |= EXIT_CHANGE | EXIT_BINARY
    if "source-break" in kinds:
        status |= EXIT_CHANGE | EXIT_SOURCE
    if result.bump_too_small:
        status |= EXIT_BUMP
    return status


def to_json(result: DiffResult) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "old": result.old,
        "new": result.new,
        "required_bump": result.required_bump,
        "release_bump": result.made_bump,
        "counts": _counts(result),
        "warnings": result.warnings,
        "changes": [c.to_json() for c in result.changes],
    }


def _counts(result: DiffResult) -> dict[str, int]:
    counts = {kind: 0 for kind in _LEVELS}
    for item in result.live:
        counts[item.kind] += 1
    counts["waived"] = len(result.changes) - len(result.live)
    return counts


def json_text(result: DiffResult) -> str:
    """One change a line, each by the C encoder (``indent`` would run Python's own, slow encoder)."""
    document = to_json(result)
    changes = ",\n  ".join(json.dumps(c) for c in document.pop("changes"))
    head = json.dumps(document)[:-1]
    return f'{head}, "changes": [\n  {changes}\n]}}\n' if changes else f'{head}, "changes": []}}\n'


def text(result: DiffResult) -> str:
    lines = [f"nativeapi diff {result.old} -> {result.new}"]
    platform = None
    for item in result.changes:
        if item.platform != platform:
            platform = item.platform
            lines.append(f"\n[{platform}]")
        where = f"{item.file}:{item.line}: " if item.file else ""
        waived = f" (waived: {item.waived})" if item.waived else ""
        lines.append(f"{where}{item.kind}: {item.rule}: {item.message}{waived}")
    counts = _counts(result)
    summary = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
    lines.append(f"\n{len(result.changes)} change(s){': ' + summary if summary else ''}.")
    if result.required_bump:
        made = f"; this release is a {result.made_bump} release" if result.made_bump else ""
        verdict = " (too small)" if result.bump_too_small else ""
        lines.append(f"Required bump: {result.required_bump}{made}{verdict}.")
    lines += [f"warning: {w}" for w in result.warnings]
    return "\n".join(lines) + "\n"


def _escape(value: str, property: bool = False) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return value.replace(":", "%3A").replace(",", "%2C") if property else value


def github(result: DiffResult) -> str:
    """GitHub Actions workflow commands: an annotation per unwaived break at its header line."""
    lines = []
    for item in result.live:
        level = {"binary-break": "error", "source-break": "warning"}.get(item.kind, "notice")
        where = f"file={_escape(item.file, True)},line={item.line}," if item.file else ""
        title = _escape(f"{item.rule} [{item.platform}]", True)
        lines.append(f"::{level} {where}title={title}::{_escape(item.message)}")
    lines += [f"::warning title=nativeapi waiver::{_escape(w)}" for w in result.warnings]
    return "".join(line + "\n" for line in lines)


def sarif(result: DiffResult) -> str:
    """SARIF 2.1.0: code-scanning services show each finding at its header line."""
    used = sorted({c.rule for c in result.changes})
    rules = [{
        "id": rule_id,
        "shortDescription": {"text": RULES[rule_id].effect},
        "help": {"text": RULES[rule_id].fix},
        "defaultConfiguration": {"level": _LEVELS[RULES[rule_id].kind]},
        "properties": {"kind": RULES[rule_id].kind},
    } for rule_id in used]
    results = []
    for item in result.changes:
        entry: dict[str, Any] = {
            "ruleId": item.rule,
            "ruleIndex": used.index(item.rule),
            "level": _LEVELS[item.kind],
            "message": {"text": f"[{item.platform}] {item.message}"},
            "properties": {"kind": item.kind, "platform": item.platform, "declaration": item.declaration,
                           "symbol": item.symbol, "old": item.old, "new": item.new},
        }
        if item.file:
            entry["locations"] = [{"physicalLocation": {
                "artifactLocation": {"uri": item.file.replace("\\", "/")},
                "region": {"startLine": max(item.line or 1, 1)}}}]
        if item.waived:
            entry["suppressions"] = [{"kind": "external", "justification": item.waived}]
        results.append(entry)
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "nativeapi", "version": __version__,
                                "rules": rules}},
            "results": results,
            "properties": {"old": result.old, "new": result.new, "required_bump": result.required_bump},
        }],
    }
    return json.dumps(document, indent=1) + "\n"


FORMATS = {"text": text, "json": json_text, "github": github, "sarif": sarif}
