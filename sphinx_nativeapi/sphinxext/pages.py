"""``native-api-abi`` and ``native-api-coverage``: tables about the whole documentation set.

What they show (which page documents which export, how much is covered) is known only once every
page is read, so the directives leave a placeholder that ``doctree-resolved`` fills in, and such pages
are re-read whenever any page is (``env-get-outdated``), so they are never stale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.nodes import make_refnode

from sphinx_nativeapi.demangle import demangle, undecorate
from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.sphinxext import projects, state
from sphinx_nativeapi.sphinxext.coverage import coverage
from sphinx_nativeapi.sphinxext.directives import NativeApiDirectiveBase
from sphinx_nativeapi.sphinxext.projects import LoadedProject
from sphinx_nativeapi.sphinxext.tables import Cell, table

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class nativeapi_pending(nodes.General, nodes.Element):
    """Where an ABI or coverage table goes once the whole environment is known."""


class _PageDirective(NativeApiDirectiveBase):
    option_spec = {"project": directives.unchanged_required}
    what = ""

    def render(self, loaded: LoadedProject) -> list[nodes.Node]:
        platforms = self.chosen_platforms(loaded)
        for path in loaded.binaries:
            self.env.note_dependency(path)
        state.note_live(self.env, self.env.docname)
        node = nativeapi_pending(what=self.what, project=loaded.project.name, platforms=platforms)
        self.set_source_info(node)
        return [node]

    def chosen_platforms(self, loaded: LoadedProject) -> list[str]:
        return self.platforms(loaded)


class NativeApiAbiDirective(_PageDirective):
    """``.. native-api-abi::`` with ``:platform:``: every export of that platform's binaries."""

    option_spec = {**_PageDirective.option_spec, "platform": directives.unchanged_required}
    what = "abi"

    def chosen_platforms(self, loaded: LoadedProject) -> list[str]:
        if not self.options.get("platform"):
            raise NativeApiError("native-api-abi needs :platform:")
        chosen = self.platforms(loaded, "platform")
        if chosen[0] not in loaded.symbol_tables:
            raise NativeApiError(f"project {loaded.project.name!r} has no binary or dump for {chosen[0]}")
        return chosen[:1]


class NativeApiCoverageDirective(_PageDirective):
    """``.. native-api-coverage::``: documented exports per platform, and the findings."""

    option_spec = {**_PageDirective.option_spec, "platforms": directives.unchanged_required}
    what = "coverage"


class NativeApiChangesDirective(_PageDirective):
    """``.. native-api-changes::`` with ``:from:``, ``:to:`` (release names of the project's history;
    by default its last release and the current tree) and ``:platforms:``: the diff as a page."""

    option_spec = {**_PageDirective.option_spec, "platforms": directives.unchanged_required,
                   "from": directives.unchanged_required, "to": directives.unchanged_required}
    what = "changes"

    def render(self, loaded: LoadedProject) -> list[nodes.Node]:
        from sphinx_nativeapi.sphinxext.history import project_history

        history = project_history(loaded, self.config)
        if history is None or len(history.releases) < 2:
            raise NativeApiError(f"project {loaded.project.name!r} has no 'history' of release dumps")
        old = self.options.get("from", history.names[-2])
        new = self.options.get("to", history.names[-1])
        history.release(old), history.release(new)  # a name the history lacks is an error here
        for path in loaded.project.history:
            self.env.note_dependency(path)
        [node] = super().render(loaded)
        node["from"], node["to"] = old, new
        return [node]


def changes_page(app: Sphinx, env: BuildEnvironment, docname: str, loaded: LoadedProject,
                 node: nodes.Element) -> list[nodes.Node]:
    """Per platform, every change with its kind, linked to the declaration's rendered object."""
    from sphinx_nativeapi.sphinxext.history import project_history

    history = project_history(loaded, app.config)
    changes = history.changes(node["from"], node["to"], node["platforms"])
    where = state.locations(env, loaded.project.name)
    by_name = {decl.qualified_name: decl.key for decl in loaded.model.declarations}
    out: list[nodes.Node] = [nodes.paragraph("", f"Changes from {node['from']} to {node['to']}: "
                                             f"{len(changes)}.")]
    for platform in node["platforms"]:
        rows = []
        for change in (c for c in changes if c.platform == platform):
            key = by_name.get(change.declaration or "")
            label = change.declaration or change.symbol or ""
            target = _reference(app, docname, where.get(key), label) if key else [nodes.literal(label, label)]
            kind = change.kind + (" (waived)" if change.waived else "")
            text = change.message.split(". ", 1)[0] + (f". Waived: {change.waived}" if change.waived else "")
            rows.append([Cell(kind, differs=change.kind == "binary-break" and not change.waived),
                         Cell(change.rule, literal=True), target, text])
        out.append(nodes.rubric(platform, platform))
        if rows:
            out.append(table(["Kind", "Rule", "Declaration", "Change"], rows, classes=["nativeapi-changes"]))
        else:
            out.append(nodes.paragraph("", "No change."))
    return out


def _reference(app: Sphinx, docname: str, where: tuple[str, str | None, bool] | None, label: str):
    text = nodes.literal(label, label)
    if where is None:
        return [text, nodes.Text(" (not rendered)")]
    return [make_refnode(app.builder, docname, where[0], where[1], text)]


def abi_table(app: Sphinx, env: BuildEnvironment, docname: str, loaded: LoadedProject, platform: str):
    report = loaded.report.platforms[platform]
    owner = {}
    for entry in report.exported:
        for decl in loaded.by_name.get(entry.declaration, ()):
            if any(e.symbol == entry.symbol for e in loaded.exported_entries(decl, platform)):
                owner[entry.symbol] = decl
    unmatched = {u.symbol: u.cls for u in report.unmatched}
    where = state.locations(env, loaded.project.name)
    rows = []
    symbols = sorted(
        {
            (s.name, s.kind, s.version, s.default_version, s.ordinal, s.demangled)
            for t in loaded.symbol_tables[platform]
            for s in t.symbols
        },
        key=lambda s: (s[0] or "", s[2] or "", s[4] or 0),
    )
    for name, kind, version, default_version, ordinal, demangled in symbols:
        decl = owner.get(name)
        convention = ""
        if decl is not None:
            convention = decl.platforms[platform].calling_convention or ""
            rendered = where.get(decl.key)
            status = "documented" if rendered is not None and rendered[2] else "undocumented"
            target = _reference(app, docname, rendered, decl.qualified_name)
        else:
            decoration = undecorate(name) if name else None
            convention = decoration.convention.lstrip("_") if decoration else ""
            # Where the platform's system headers were not found, no export is classified.
            cls = unmatched.get(name, "unknown" if report.error else "ignored")
            status = "leaked" if cls == "undeclared" else cls
            target = [nodes.Text("declared in no scanned header" if cls == "undeclared" else "")]
        # nm's spelling: name@@V is the default version, name@V a hidden one.
        version_text = (f"{'@@' if default_version else '@'}{version}" if version else "") + (
            f"ordinal {ordinal}" if ordinal is not None else ""
        )
        rows.append(
            [
                Cell(name or "(no name)", literal=True),
                demangled or demangle(name, platform) or "" if name else "",
                kind,
                convention,
                version_text,
                Cell(status, differs=status in ("undocumented", "leaked")),
                target,
            ]
        )
    headers = ["Symbol", "Demangled", "Kind", "Convention", "Version / ordinal", "Status", "Declaration"]
    binaries = ", ".join(loaded.describe_sources(platform))
    intro = nodes.paragraph("", f"Exports of {binaries} on {platform}: {len(rows)} symbols.")
    return [intro, table(headers, rows, classes=["nativeapi-abi-page"])]


def coverage_table(env: BuildEnvironment, loaded: LoadedProject, platforms: list[str]) -> list[nodes.Node]:
    result = coverage(env, loaded)
    rows = []
    for row in result.platforms:
        if row.platform not in platforms:
            continue
        percent = "n/a" if row.percent is None else f"{row.percent:.1f}%"
        rows.append(
            [
                Cell(row.platform, literal=True),
                str(row.exported),
                str(row.documented),
                Cell(str(row.exported - row.documented), differs=row.exported > row.documented),
                Cell(str(row.missing), differs=bool(row.missing)),
                Cell(str(row.leaked), differs=bool(row.leaked)),
                percent,
            ]
        )
    headers = ["Platform", "Exported", "Documented", "Undocumented", "Missing", "Leaked", "Coverage"]
    out: list[nodes.Node] = [table(headers, rows, classes=["nativeapi-coverage"])]
    chosen = [f for f in result.findings if set(f.platforms) & set(platforms)]
    if chosen:
        items = nodes.bullet_list()
        for finding in chosen:
            text = f"{finding.cls}: {finding.message} [{', '.join(finding.platforms)}]"
            items += nodes.list_item("", nodes.paragraph(text, text))
        out.append(items)
    return out


def resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if not state.live(app.env):  # no page has these tables: spare the walk (2 ms a page)
        return
    for node in list(doctree.findall(nativeapi_pending)):
        try:
            loaded = projects.load(app.env.config, node["project"])
        except NativeApiError:
            node.replace_self([])  # the directive and the gate have said why
            continue
        if node["what"] == "abi":
            content = abi_table(app, app.env, docname, loaded, node["platforms"][0])
        elif node["what"] == "changes":
            content = changes_page(app, app.env, docname, loaded, node)
        else:
            content = coverage_table(app.env, loaded, node["platforms"])
        node.replace_self(content)


def outdated(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]):
    """Pages of whole-set tables are re-read whenever any page is."""
    if not (added or changed or removed):
        return []
    return sorted(set(state.live(env)) - added - changed - removed)
