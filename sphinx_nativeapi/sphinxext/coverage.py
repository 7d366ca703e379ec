"""Coverage of a project once every page is read: which exported declarations the docs render with a
doc comment, per platform, and the findings the gate reports.

It joins the matcher's report (what each binary exports, what is missing, what leaks) with what the
pages rendered (``state.locations``), so it can only run on the whole, merged environment: at
``env-check-consistency`` for the warnings, when a page is resolved for the coverage and ABI tables,
and in the ``nativeapi-coverage`` builder.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from sphinx_nativeapi.findings import exported_as, findings
from sphinx_nativeapi.model import Declaration
from sphinx_nativeapi.sphinxext import state
from sphinx_nativeapi.sphinxext.projects import LoadedProject

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


@dataclass
class Finding:
    cls: str  # "undocumented", "missing" or "leaked"
    name: str  # the declaration, or the leaked symbol
    platforms: list[str]
    file: str | None
    line: int | None
    message: str


@dataclass
class PlatformCoverage:
    platform: str
    binaries: list[str]
    exported: int = 0  # exported declarations
    documented: int = 0  # of those, rendered by a directive and with a doc comment
    missing: int = 0
    leaked: int = 0

    @property
    def percent(self) -> float | None:
        return round(100.0 * self.documented / self.exported, 2) if self.exported else None


@dataclass
class Coverage:
    project: str
    platforms: list[PlatformCoverage] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "project": self.project,
            "platforms": {
                p.platform: {**{k: v for k, v in asdict(p).items() if k != "platform"}, "percent": p.percent}
                for p in self.platforms
            },
            "findings": [asdict(f) for f in self.findings],
        }


def exported_declarations(loaded: LoadedProject, platform: str) -> list[Declaration]:
    return [d for d in loaded.model.declarations if loaded.exported_entries(d, platform)]


def coverage(env: BuildEnvironment, loaded: LoadedProject) -> Coverage:
    where = state.locations(env, loaded.project.name)
    result = Coverage(loaded.project.name)
    undocumented: dict[str, Finding] = {}
    for platform in loaded.platforms:
        report = loaded.report.platforms.get(platform) if loaded.report else None
        if report is None or report.binary is None or report.error:
            continue  # no binary, or no system headers: nothing is known of that platform's exports
        row = PlatformCoverage(platform, list(report.binaries))
        for decl in exported_declarations(loaded, platform):
            row.exported += 1
            rendered = where.get(decl.key)
            # The readers knew whether a comment says anything: ask the parser only about the rest.
            has_doc = rendered[2] if rendered is not None else decl.doc is not None
            if rendered is not None and has_doc:
                row.documented += 1
                continue
            finding = undocumented.get(decl.key)
            if finding is None:
                why = "has no doc comment" if not has_doc else "is rendered by no directive"
                symbol = loaded.exported_entries(decl, platform)[0].symbol
                message = f"{exported_as(decl.qualified_name, symbol)} but {why}"
                finding = undocumented[decl.key] = Finding(
                    "undocumented", decl.qualified_name, [], decl.file, decl.line, message
                )
            finding.platforms.append(platform)
        result.platforms.append(row)
    result.findings += undocumented.values()
    by_platform = {row.platform: row for row in result.platforms}
    # Missing and leaked symbols are one finding per platform: each names that platform's binary.
    for item in findings(loaded.report) if loaded.report else ():
        if item.cls not in ("missing", "undeclared") or item.platform not in by_platform:
            continue
        cls = "leaked" if item.cls == "undeclared" else "missing"
        setattr(by_platform[item.platform], cls, getattr(by_platform[item.platform], cls) + 1)
        # A leak is at the binary or dump that exports it (a dump, not the CI path recorded inside).
        file = item.file or loaded.source_of(item.platform, item.name)
        result.findings.append(Finding(cls, item.name, [item.platform], file, item.line, item.message))
    return result
