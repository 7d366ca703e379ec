"""The directives: ``native-api``, ``native-api-file``, ``native-api-abi``, ``native-api-coverage``.

Each one looks its project up (scanned once per process), renders nodes, and notes what the page now
depends on: every API header its declarations came through (``model.reached_from``) and, where ABI
facts are shown, every binary or dump. Bad input is a warning at the directive, never a traceback.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.model import Declaration
from sphinx_nativeapi.sphinxext import lookup, projects, state
from sphinx_nativeapi.sphinxext.ffinodes import flavors_option
from sphinx_nativeapi.sphinxext.projects import LoadedProject
from sphinx_nativeapi.sphinxext.render import Renderer

logger = logging.getLogger(__name__)


def _names(argument: str | None) -> list[str]:
    return [n for n in (argument or "").replace(",", " ").split() if n]


class NativeApiDirectiveBase(SphinxDirective):
    option_spec = {
        "project": directives.unchanged_required,
        "platforms": directives.unchanged_required,
        "no-abi": directives.flag,
        "undoc-members": directives.flag,
        "ffi": flavors_option,
    }

    def warn(self, message: str, subtype: str = "config") -> None:
        logger.warning(message, location=self.get_location(), type="nativeapi", subtype=subtype)

    def project(self) -> LoadedProject:
        name = projects.resolve_name(self.config, self.options.get("project"))
        return projects.load(self.config, name)

    def platforms(self, loaded: LoadedProject, option: str = "platforms") -> list[str]:
        wanted = _names(self.options.get(option))
        if not wanted:
            return list(loaded.platforms)
        unknown = [p for p in wanted if p not in loaded.platforms]
        if unknown:
            raise NativeApiError(
                f"platform(s) {', '.join(unknown)} not scanned by project {loaded.project.name!r} "
                f"(it scans {', '.join(loaded.platforms)})"
            )
        return wanted

    def run(self) -> list[nodes.Node]:
        try:
            loaded = self.project()
            return self.render(loaded)
        except NativeApiError as exc:
            self.warn(str(exc))
            return []

    def render(self, loaded: LoadedProject) -> list[nodes.Node]:
        raise NotImplementedError

    def depend(self, loaded: LoadedProject, files: set[str], binaries: bool) -> None:
        headers: set[str] = set()
        for file in files:
            headers.update(loaded.model.reached_from(file))
        for path in sorted(headers):
            self.env.note_dependency(path)
        if binaries:
            for path in loaded.binaries:
                self.env.note_dependency(path)

    def render_declarations(
        self, loaded: LoadedProject, decls: list[Declaration], members: bool
    ) -> list[nodes.Node]:
        renderer = Renderer(
            self,
            loaded,
            self.platforms(loaded),
            abi="no-abi" not in self.options,
            undoc_members="undoc-members" in self.options,
            ffi=self.options.get("ffi", loaded.project.ffi),
        )
        out: list[nodes.Node] = []
        for decl in decls:
            out += renderer.render(decl, members)
        files = {decl.file for decl in decls}
        self.depend(loaded, files, binaries=renderer.abi)
        for path in loaded.project.history:  # the since notes under each declaration: once a page
            self.env.note_dependency(path)
        state.note(
            self.env,
            self.env.docname,
            [(loaded.project.name, r.key, r.anchor, r.documented) for r in renderer.rendered],
        )
        return out


class NativeApiDirective(NativeApiDirectiveBase):
    """``.. native-api:: NAME`` — one declaration (or every match of a glob), like autodoc's objects."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {**NativeApiDirectiveBase.option_spec, "members": directives.flag}

    def render(self, loaded: LoadedProject) -> list[nodes.Node]:
        name = self.arguments[0]
        found = lookup.find(loaded, name)
        if not found:
            # The page still depends on the headers: the name may appear once they change.
            self.depend(loaded, set(loaded.model.includes), binaries=False)
            raise NativeApiError(f"{name!r} names no declaration of project {loaded.project.name!r}")
        return self.render_declarations(loaded, found, members="members" in self.options)


class NativeApiFileDirective(NativeApiDirectiveBase):
    """``.. native-api-file:: HEADER`` — a whole header in source order, as automodule does for Python."""

    required_arguments = 1

    def render(self, loaded: LoadedProject) -> list[nodes.Node]:
        path = lookup.resolve_header(loaded, self.arguments[0], projects.confdir())
        decls = lookup.top_level(loaded, path)
        out = self.render_declarations(loaded, decls, members=True)
        self.depend(loaded, {path}, binaries=False)
        return out
