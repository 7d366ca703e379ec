"""The human outputs of ``nativeapi check``: a text summary with findings, and GitHub annotations."""

from __future__ import annotations

import os
from collections.abc import Collection

from sphinx_nativeapi.findings import QUIET, Finding
from sphinx_nativeapi.gate import Verdict
from sphinx_nativeapi.model import AbiReport

_COLUMNS = (
    ("EXPORTED", "exported"),
    ("MISSING", "missing"),
    ("INTERNAL", "internal"),
    ("UNKNOWN", "unknown"),
    ("UNDECLARED", "undeclared"),
    ("GENERATED", "compiler-generated"),
    ("TEMPLATE", "template-instance"),
    ("UNDOCUMENTED", "undocumented"),
)


def shown(verdict: Verdict, fail_on: Collection[str]) -> list[Finding]:
    """The findings worth a line: those a person acts on, and any class the gate fails on."""
    return [f for f in verdict.findings if f.cls not in QUIET or f.cls in fail_on]


def text(report: AbiReport, verdict: Verdict, fail_on: Collection[str]) -> str:
    rows = [("PLATFORM", "BINARY", *(title for title, _ in _COLUMNS), "DOCUMENTED")]
    for name, platform in sorted(report.platforms.items()):
        percent = platform.counts.get("documented_percent")
        rows.append((
            name,
            os.path.basename(platform.binary) if platform.binary else "(none)",
            *(str(platform.counts.get(key, 0)) for _, key in _COLUMNS),
            "-" if percent is None else f"{percent:.1f}%",
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(_cell(i, c, w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
             for row in rows]
    accepted = {f.key for f in verdict.accepted}
    failing = {f.key for f in verdict.failing}
    listed = shown(verdict, fail_on)
    if listed:
        lines.append("")
    for finding in listed:
        where = f"{_relative(finding.file)}:{finding.line}: " if finding.file else ""
        severity = "error" if finding.key in failing else "warning"
        note = " (accepted by the baseline)" if finding.key in accepted else ""
        lines.append(f"{where}{severity}: [{finding.platform}] {finding.cls}{note}: {finding.message}")
    lines.append("")
    lines.append(_summary(verdict))
    return "\n".join(lines) + "\n"


def github(report: AbiReport, verdict: Verdict, fail_on: Collection[str]) -> str:
    """Workflow commands: one annotation per finding, at the header line where there is one."""
    failing = {f.key for f in verdict.failing}
    lines = []
    for finding in shown(verdict, fail_on):
        if finding.key in {f.key for f in verdict.accepted}:
            continue
        level = "error" if finding.key in failing else "warning"
        props = []
        if finding.file:
            props += [f"file={_property(_relative(finding.file))}", f"line={finding.line}"]
        props.append(f"title={_property(f'nativeapi {finding.cls} [{finding.platform}]')}")
        lines.append(f"::{level} {','.join(props)}::{_data(finding.message)}")
    for name, percent in verdict.below:
        lines.append(f"::error title=nativeapi coverage [{name}]::{_data(_coverage(name, percent))}")
    lines.append(_summary(verdict))
    return "\n".join(lines) + "\n"


def _cell(column: int, value: str, width: int) -> str:
    """Names left-aligned, counts right-aligned."""
    return value.ljust(width) if column < 2 else value.rjust(width)


def _summary(verdict: Verdict) -> str:
    parts = []
    if verdict.failing:
        parts.append(f"{len(verdict.failing)} new finding(s) of a --fail-on class")
    parts += [_coverage(name, percent) for name, percent in verdict.below]
    accepted = f" ({len(verdict.accepted)} accepted by the baseline)" if verdict.accepted else ""
    if not parts:
        return f"nativeapi check: passed{accepted}."
    return f"nativeapi check: failed: {'; '.join(parts)}{accepted}."


def _coverage(platform: str, percent: float) -> str:
    return f"documented exports on {platform} are {percent:.1f}%, under --fail-under"


def _relative(path: str) -> str:
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")
