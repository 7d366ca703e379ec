"""A project's release history in the docs: since / changed / deprecated notes, the changes page, and
the gate's ``nativeapi.abi-break`` and ``nativeapi.since`` warnings.

The project's ``history`` names release dumps (``nativeapi dump``); they are ordered by release name as
versions, and the current tree (this build's scan and binaries, named by conf.py's ``release``) comes
last. Each consecutive pair is diffed once per process; notes go through Sphinx's own version-change
nodes (``versionmodified``, noted in the changeset domain), so themes style them and the ``changes``
builder lists them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.domains.changeset import versionlabel_classes, versionlabels

from sphinx_nativeapi import collector
from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.history.semver import parse_version, version_key
from sphinx_nativeapi.sphinxext.projects import LoadedProject, current_name

# The diff and the dumps' reader (and the binary readers with them) are imported when a project has a
# history: a build without one, or with nothing to read, never loads them.
if TYPE_CHECKING:
    from sphinx.util.docutils import SphinxDirective

    from sphinx_nativeapi.history.change import Change
    from sphinx_nativeapi.history.release import Release

# Changes that a note would only repeat (a member's own "Added in" says it was added; a type's own
# note says its layout changed) or that concern no reader of the docs (an ordinal the linker chose).
# The changes page lists them all.
_NOT_NOTED = frozenset({"declaration.added", "declaration.removed", "export.added", "export.removed",
                        "export.ordinal-changed", "macro.added", "macro.removed", "enum.enumerator-added",
                        "type.field-added", "type.field-added-size", "function.uses-changed-type"})


@dataclass(frozen=True)
class Note:
    type: str  # "versionadded", "versionchanged" or "deprecated": Sphinx's own node types
    version: str
    text: str


@dataclass
class ProjectHistory:
    releases: list[Release]  # oldest first; the last one is the current tree
    waivers: tuple
    pairs: dict[tuple[str, str], list[Change]] = field(default_factory=dict)
    notes: dict[str, list[Note]] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return [r.name for r in self.releases]

    def release(self, name: str) -> Release:
        for found in self.releases:
            if found.name == name:
                return found
        raise NativeApiError(f"no release {name!r} in the history; it has {', '.join(self.names)}")

    def changes(self, old: str, new: str, platforms: Iterable[str] | None = None) -> list[Change]:
        """The diff of two releases of the history, waivers applied (memoised: pure of its inputs)."""
        from sphinx_nativeapi.history.diff import diff
        from sphinx_nativeapi.history.waivers import apply_waivers

        key = (old, new)
        if key not in self.pairs:
            found = diff(self.release(old), self.release(new))
            apply_waivers(found, self.waivers)
            self.pairs[key] = found
        wanted = set(platforms) if platforms else None
        return [c for c in self.pairs[key] if wanted is None or c.platform in wanted]


def read_dump_history(paths: Iterable[str], waivers: tuple,
                      current: str) -> tuple[list[Release], dict[tuple[str, str], list[Change]]]:
    """The history's release dumps, oldest first (less one named like the current tree), and the diff of
    each consecutive pair of them, waivers applied: all of the history that needs no scan of the tree."""
    from sphinx_nativeapi.history import release as releases

    # Every value made here is kept (a million for ten dumps of libgit2): a collection, due after each
    # dump when the collector runs between them, would walk all the earlier ones and free nothing.
    with collector.paused():
        dumps = sorted((releases.read(path) for path in paths), key=lambda r: version_key(r.name))
        dumps = [r for r in dumps if r.name != current]
        history = ProjectHistory(dumps, waivers)
        for old, new in itertools.pairwise(history.names):
            history.changes(old, new)
    return dumps, history.pairs


def project_history(loaded: LoadedProject, config) -> ProjectHistory | None:
    """The project's history, read and diffed once per process; None when it has none."""
    if not loaded.project.history:
        return None
    found = loaded.history
    if not isinstance(found, ProjectHistory):
        from sphinx_nativeapi.history.release import Release

        name = current_name(config)
        if loaded.dump_history is not None:  # begun while the scan ran
            dumps, pairs = loaded.dump_history.result()
        else:
            dumps, pairs = read_dump_history(loaded.project.history, loaded.project.waivers, name)
        current = Release(name, loaded.model, [t for tables in loaded.symbol_tables.values() for t in tables])
        found = ProjectHistory([*dumps, current], loaded.project.waivers, dict(pairs))
        found.notes = _notes(found)
        loaded.history = found
    return found


def _platform_list(platforms: Iterable[str]) -> str:
    return ", ".join(sorted(platforms))


def _notes(history: ProjectHistory) -> dict[str, list[Note]]:
    """Added in / changed in / deprecated in, per declaration (by qualified name)."""
    notes: dict[str, list[Note]] = {}
    first: dict[str, dict[str, str]] = {}  # name -> platform -> the first release that has it
    for release in history.releases:
        for decl in release.model.declarations:
            for platform in decl.platforms:
                first.setdefault(decl.qualified_name, {}).setdefault(platform, release.name)
    oldest = history.releases[0].name
    for name, by_platform in first.items():
        since: dict[str, list[str]] = {}
        for platform, version in by_platform.items():
            since.setdefault(version, []).append(platform)
        if set(since) == {oldest}:
            continue  # it predates the history
        ordered = sorted(since, key=version_key)
        if len(ordered) == 1:
            text = ""
        else:
            text = "; ".join(f"{_platform_list(since[v])}" + ("" if i == 0 else f" since {v}")
                             for i, v in enumerate(ordered))
        notes.setdefault(name, []).append(Note("versionadded", ordered[0], text))
    names = history.names
    for old, new in itertools.pairwise(names):
        grouped: dict[tuple[str, str, str], list[str]] = {}
        for change in history.changes(old, new):
            if not change.declaration or change.rule in _NOT_NOTED:
                continue
            if change.rule == "declaration.deprecated":
                key = (change.declaration, "deprecated", change.new or "")
            else:
                key = (change.declaration, "versionchanged", change.message.split(". ", 1)[0])
            grouped.setdefault(key, []).append(change.platform)
        every = set(history.release(new).platforms)
        for (declaration, kind, text), platforms in sorted(grouped.items()):
            where = "" if set(platforms) >= every else f" on {_platform_list(platforms)}"
            notes.setdefault(declaration, []).append(Note(kind, new, f"{text}{where}"))
    return notes


def note_nodes(directive: SphinxDirective, loaded: LoadedProject, name: str) -> list[nodes.Node]:
    """Sphinx's version-change nodes for a declaration, noted in the changeset domain."""
    history = project_history(loaded, directive.config)
    if history is None:
        return []
    out: list[nodes.Node] = []
    domain = directive.env.get_domain("changeset")
    for note in history.notes.get(name, ()):
        node = addnodes.versionmodified()
        node.document = directive.state.document
        directive.set_source_info(node)
        node["type"], node["version"] = note.type, note.version
        label = versionlabels[note.type] % note.version
        classes = ["versionmodified", versionlabel_classes[note.type]]
        inline = nodes.inline("", f"{label}: " if note.text else f"{label}.", classes=classes)
        para = nodes.paragraph("", "", inline, translatable=False)
        if note.text:
            para += nodes.Text(note.text)
        node += para
        domain.note_changeset(node)
        out.append(node)
    return out


def breaks(loaded: LoadedProject, config) -> list[tuple[Change, list[str]]]:
    """Unwaived binary breaks of the current tree against the last release of the history, each with
    every platform it is on (one warning per change, not per platform)."""
    history = project_history(loaded, config)
    if history is None or len(history.releases) < 2:
        return []
    grouped: dict[tuple, tuple[Change, list[str]]] = {}
    for change in history.changes(history.names[-2], history.names[-1]):
        if change.kind != "binary-break" or change.waived is not None:
            continue
        key = (change.file, change.line, change.rule, change.declaration, change.message.split(". ", 1)[0])
        grouped.setdefault(key, (change, []))[1].append(change.platform)
    return list(grouped.values())


_LEADING_VERSION = re.compile(r"\s*v?(\d+(?:\.\d+)*)")


def since_conflicts(loaded: LoadedProject, config) -> list[tuple[str, str, int, str]]:
    """Declarations whose doc comment's ``@since`` contradicts the history: (name, file, line, text)."""
    history = project_history(loaded, config)
    if history is None:
        return []
    first: dict[str, str] = {}
    for release in history.releases:
        for decl in release.model.declarations:
            first.setdefault(decl.qualified_name, release.name)
    oldest = history.names[0]
    out = []
    for decl in loaded.model.declarations:
        doc = decl.doc
        if doc is None or not doc.since:
            continue
        match = _LEADING_VERSION.match(doc.since)
        claimed = parse_version(match.group(1)) if match else None
        seen = first.get(decl.qualified_name)
        actual = parse_version(seen) if seen else None
        if claimed is None or actual is None:
            continue
        if claimed > actual or (claimed < actual and seen != oldest):
            where = "exists since" if seen != oldest else "exists in"
            text = f"@since {match.group(1)} contradicts the history: {decl.qualified_name} {where} {seen}"
            out.append((decl.qualified_name, decl.file, decl.line, text))
    return out
