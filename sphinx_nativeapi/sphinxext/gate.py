"""The gate: at the end of reading, every finding is a Sphinx warning at the header's file and line.

Types: ``nativeapi.undocumented``, ``nativeapi.missing``, ``nativeapi.leaked``, ``nativeapi.parse``,
``nativeapi.abi-break`` (an unwaived binary break against the last release of the project's history),
``nativeapi.since`` (an ``@since`` that the history contradicts), and ``nativeapi.config`` for a
project, binary or release dump that cannot be read, or a platform whose system headers were not found.
Users silence a type with
``suppress_warnings`` and fail CI on any with ``sphinx-build -W``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from sphinx.util import logging

from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.sphinxext import projects
from sphinx_nativeapi.sphinxext.coverage import coverage

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


class FileLocation(str):
    """A file with no line (a binary, a dump, conf.py), printed ``FILE: WARNING: ...``.

    Sphinx reads a location string without ``:`` as a docname (and adds ``.rst``), and prints a file
    with an empty line (``FILE:``) as ``FILE:: WARNING``; a string that contains ``:`` it prints as is,
    so this one says it does.
    """

    __slots__ = ()

    def __contains__(self, item: object) -> bool:
        return item == ":" or str.__contains__(self, item)


def _location(file: str | None, line: int | None) -> str | None:
    if file is None:
        return None
    return f"{file}:{line}" if line else FileLocation(file)


def check(app: Sphinx, env: BuildEnvironment) -> None:
    conf = FileLocation(os.path.join(projects.confdir(), "conf.py"))
    for name in projects.project_names(env.config):
        try:
            loaded = projects.load(env.config, name)
        except NativeApiError as exc:
            logger.warning(str(exc), location=conf, type="nativeapi", subtype="config")
            continue
        for error in loaded.binary_errors:
            logger.warning(str(error), location=conf, type="nativeapi", subtype="config")
        unscanned = loaded.model.unscanned()
        for _, missing in sorted(unscanned.items()):
            logger.warning(
                missing.message,
                location=_location(missing.file, missing.line),
                type="nativeapi",
                subtype="config",
            )
        seen: set[tuple] = set()
        for diag in loaded.model.diagnostics:
            key = (diag.file, diag.line, diag.message)
            # A platform that missed a system header has one cause for all its parse errors, said above.
            if diag.in_system_header or key in seen or diag.platform in unscanned:
                continue
            seen.add(key)
            logger.warning(
                f"{diag.severity} ({diag.platform}): {diag.message}",
                location=_location(diag.file, diag.line),
                type="nativeapi",
                subtype="parse",
            )
        _history(env, loaded, conf)
        for finding in coverage(env, loaded).findings:
            logger.warning(
                f"{finding.message} [{', '.join(finding.platforms)}]",
                location=_location(finding.file, finding.line),
                type="nativeapi",
                subtype=finding.cls,
            )


def _history(env: BuildEnvironment, loaded: projects.LoadedProject, conf: str) -> None:
    from sphinx_nativeapi.sphinxext import history

    try:
        breaks = history.breaks(loaded, env.config)
        conflicts = history.since_conflicts(loaded, env.config)
    except NativeApiError as exc:
        logger.warning(str(exc), location=conf, type="nativeapi", subtype="config")
        return
    for change, platforms in breaks:
        what = change.message.split(". ", 1)[0]
        logger.warning(
            f"{what} ({change.rule}, not waived) [{', '.join(sorted(platforms))}]",
            location=_location(change.file and _absolute(change.file), change.line),
            type="nativeapi",
            subtype="abi-break",
        )
    for _, file, line, text in conflicts:
        logger.warning(text, location=_location(file, line), type="nativeapi", subtype="since")


def _absolute(path: str) -> str:
    """A dump's path is relative to the project's directory (the conf dir for a Sphinx project)."""
    return path if os.path.isabs(path) else os.path.join(projects.confdir(), path)
