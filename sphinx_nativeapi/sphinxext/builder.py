"""The ``nativeapi-coverage`` builder: the coverage report as text and JSON, without writing pages.

``sphinx-build -b nativeapi-coverage`` reads the docs like any build (so it knows what the pages
render) and writes ``coverage.txt`` and ``coverage.json`` (counts per platform and every finding). With
``nativeapi_coverage_fail_under`` set, a platform below that percentage fails the build: one error line
and a non-zero exit, as a failed check should end, not Sphinx's crash report (which any exception out
of a builder becomes).
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.util import logging

from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.sphinxext import projects
from sphinx_nativeapi.sphinxext.coverage import Coverage, coverage

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def fail_under(config: Config) -> float | None:
    """The threshold as a number: ``-D nativeapi_coverage_fail_under=99`` reaches Sphinx as a string."""
    value = config.nativeapi_coverage_fail_under
    if value is None:
        return None
    try:
        bar = float(value)
    except (TypeError, ValueError):
        bar = None
    if bar is None or isinstance(value, bool) or not 0 <= bar <= 100:
        raise NativeApiError(
            f"nativeapi_coverage_fail_under must be a percentage from 0 to 100, not {value!r}"
        )
    return bar


def _text(reports: list[Coverage]) -> str:
    lines = []
    for report in reports:
        lines.append(f"project {report.project}")
        lines.append(
            f"  {'platform':24} {'exported':>9} {'documented':>11} {'missing':>8} {'leaked':>7} coverage"
        )
        for row in report.platforms:
            percent = "n/a" if row.percent is None else f"{row.percent:.1f}%"
            counts = f"{row.exported:9} {row.documented:11} {row.missing:8} {row.leaked:7}"
            lines.append(f"  {row.platform:24} {counts} {percent}")
        for finding in report.findings:
            where = f"{finding.file}:{finding.line}" if finding.line else finding.file or ""
            lines.append(f"  {finding.cls}: {where} {finding.message} [{', '.join(finding.platforms)}]")
    return "\n".join(lines) + "\n"


class CoverageBuilder(Builder):
    name = "nativeapi-coverage"
    epilog = "The native API coverage report is in %(outdir)s (coverage.txt, coverage.json)."

    # Whether the report failed the build: the ``build-finished`` handler turns it into the exit status.
    failed = False
    bar: float | None = None

    def init(self) -> None:
        """The threshold is checked before the pages are read, so a typo costs no build."""
        try:
            self.bar = fail_under(self.config)
        except NativeApiError as exc:
            self._fail(str(exc))

    def get_outdated_docs(self) -> str:
        return "native API coverage report"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return ""

    def prepare_writing(self, docnames: set[str]) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass

    def finish(self) -> None:
        reports = []
        for name in projects.project_names(self.config):
            try:
                reports.append(coverage(self.env, projects.load(self.config, name)))
            except NativeApiError:
                continue  # the gate has warned
        os.makedirs(self.outdir, exist_ok=True)
        with open(os.path.join(self.outdir, "coverage.json"), "w", encoding="utf-8") as handle:
            json.dump(
                {"schema": 1, "projects": [r.to_json() for r in reports]}, handle, indent=2, sort_keys=True
            )
        text = _text(reports)
        with open(os.path.join(self.outdir, "coverage.txt"), "w", encoding="utf-8") as handle:
            handle.write(text)
        logger.info(text)
        bar = self.bar
        below = [
            f"{r.project} on {row.platform} is {row.percent:.1f}%"
            for r in reports
            for row in r.platforms
            if bar is not None and row.percent is not None and row.percent < bar
        ]
        if below:
            threshold = f"nativeapi_coverage_fail_under ({bar:g}%)"
            self._fail(f"documented coverage below {threshold}: {'; '.join(below)}")

    def _fail(self, message: str) -> None:
        logger.error(message, type="nativeapi", subtype="coverage")
        self.failed = True


def exit_status(app: Sphinx, exception: Exception | None) -> None:
    """A failed coverage report ends the build with a non-zero exit, as ``sphinx.ext.doctest`` does."""
    if exception is None and getattr(app.builder, "failed", False):
        app.statuscode = 1
