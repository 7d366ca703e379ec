"""The CI gate: whether a report passes ``--fail-on``, ``--fail-under`` and ``--baseline``."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from sphinx_nativeapi.findings import Finding, findings
from sphinx_nativeapi.model import AbiReport


@dataclass
class Verdict:
    findings: list[Finding]
    failing: list[Finding] = field(default_factory=list)  # new findings of a --fail-on class
    accepted: list[Finding] = field(default_factory=list)  # findings of a --fail-on class in the baseline
    below: list[tuple[str, float]] = field(default_factory=list)  # (platform, documented %) under the bar
    unchecked: list[str] = field(default_factory=list)  # platforms whose system headers were not found

    @property
    def passed(self) -> bool:
        return not self.failing and not self.below and not self.unchecked


def judge(
    report: AbiReport,
    fail_on: Collection[str] = ("missing",),
    fail_under: float | None = None,
    baseline: Collection[tuple[str, str, str, tuple[str, ...]]] = (),
) -> Verdict:
    verdict = Verdict(findings(report))
    verdict.unchecked = sorted(name for name, platform in report.platforms.items() if platform.error)
    for finding in verdict.findings:
        if finding.cls in fail_on:
            (verdict.accepted if finding.key in baseline else verdict.failing).append(finding)
    if fail_under is not None:
        for name, platform in sorted(report.platforms.items()):
            percent = platform.counts.get("documented_percent")
            if percent is not None and percent < fail_under:
                verdict.below.append((name, percent))
    return verdict
