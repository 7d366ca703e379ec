"""conf.py's projects, each scanned (and matched against its binaries) once per process.

Every directive of every page asks this module for its project; the first asks for the scan, the others
get the same object. The memo is module-level and keyed by the resolved project, so a config change
makes a new key, and forked parallel readers inherit what the main process loaded before forking
(``preload``). Across builds the scan comes from the on-disk ``ScanCache`` under the doctree dir.
"""

from __future__ import annotations

import contextlib
import os
import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.model import STATUSES, AbiReport, ApiModel, Declaration, ExportedEntry
from sphinx_nativeapi.platforms import PlatformTable, UnknownPlatformError
from sphinx_nativeapi.sphinxext import isolated
from sphinx_nativeapi.symbols import SymbolTable

# The scanner, the readers and the matcher (and libclang with them) are imported only where a page
# needs a project: a build with nothing to read never loads them.
if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from sphinx_nativeapi.config import Project


@dataclass
class LoadedProject:
    """A project's scan, exports and match, with the indexes the directives look things up in."""

    project: Project
    table: PlatformTable
    model: ApiModel
    symbol_tables: dict[str, list[SymbolTable]]
    report: AbiReport | None
    binary_errors: list[NativeApiError]
    # Per platform, each configured binary or dump with the tables read from it: a dump's tables carry
    # the path of the binary it was made from (on a CI runner), the user named the dump.
    sources: dict[str, list[tuple[str, list[SymbolTable]]]] = field(default_factory=dict)
    by_name: dict[str, list[Declaration]] = field(default_factory=dict)
    by_key: dict[str, Declaration] = field(default_factory=dict)
    children: dict[str, list[Declaration]] = field(default_factory=dict)
    by_file: dict[str, list[Declaration]] = field(default_factory=dict)
    # The report by declaration: exported symbols by (platform, name), other statuses by location.
    exported_by: dict[tuple[str, str], list[ExportedEntry]] = field(default_factory=dict)
    status_by: dict[tuple[str, str, str, int], str] = field(default_factory=dict)
    # ELF: whether (platform, symbol, version) is the default version (name@@V) or a hidden one (name@V).
    default_version: dict[tuple[str, str, str], bool | None] = field(default_factory=dict)
    # The project's release history (sphinxext.history.ProjectHistory), made when first asked for, and
    # the part of it made from the release dumps alone, begun while the scan ran (a Future).
    history: object | None = None
    dump_history: Future | None = None

    def __post_init__(self) -> None:
        for decl in self.model.declarations:
            self.by_name.setdefault(decl.qualified_name, []).append(decl)
            self.by_key.setdefault(decl.key, decl)
            self.by_file.setdefault(decl.file, []).append(decl)
            if decl.parent:
                self.children.setdefault(decl.parent, []).append(decl)
        for platform, tables in self.symbol_tables.items():
            for table in tables:
                for symbol in table.symbols:
                    if symbol.version:
                        self.default_version[(platform, symbol.name, symbol.version)] = symbol.default_version
        for platform, report in (self.report.platforms if self.report else {}).items():
            for entry in report.exported:
                self.exported_by.setdefault((platform, entry.declaration), []).append(entry)
            for status in STATUSES[1:]:
                for item in getattr(report, status):
                    self.status_by[(platform, item.declaration, item.file, item.line)] = status

    def exported_entries(self, decl: Declaration, platform: str) -> list[ExportedEntry]:
        """The exports a declaration owns on a platform (overloads told apart by their names)."""
        entries = self.exported_by.get((platform, decl.qualified_name), [])
        if len(self.by_name.get(decl.qualified_name, ())) < 2:
            return entries
        from sphinx_nativeapi.matching import export_names

        facts = decl.platforms.get(platform)
        names = {
            name
            for symbol in (facts.symbols or () if facts else ())
            for table in self.symbol_tables.get(platform, ())
            for name in export_names(symbol, table)
        }
        return [e for e in entries if e.symbol in names]

    @property
    def platforms(self) -> list[str]:
        return self.model.platforms

    @property
    def binaries(self) -> list[str]:
        return [path for _, paths in self.project.binaries for path in paths]

    def status_text(self, decl: Declaration, platform: str) -> str:
        """The declaration's status against this platform's binary, as the ABI tables print it."""
        if self.report is None or platform not in self.symbol_tables:
            return "unknown (no binary)"
        if self.report.platforms[platform].error:
            return "unknown (system headers not found)"
        status = self.status_by.get((platform, decl.qualified_name, decl.file, decl.line))
        if status is not None:
            return status.replace("_", " ")
        entries = self.exported_entries(decl, platform)
        if not entries:
            return "unknown"
        ordinals = sorted({e.ordinal for e in entries if e.ordinal is not None})
        details = self._versions(platform, entries) + [f"ordinal {o}" for o in ordinals]
        return "exported" + (f" ({', '.join(details)})" if details else "")

    def _versions(self, platform: str, entries: list[ExportedEntry]) -> list[str]:
        """GNU versions, the default one (``name@@V``, what new programs link to) first."""
        defaults = self.default_version
        found = {(e.version, defaults.get((platform, e.symbol, e.version))) for e in entries if e.version}
        if not found:
            return []
        if len(found) == 1:
            version, default = found.pop()
            return [f"version {version}" + (", hidden" if default is False else "")]
        labels = {True: " default", False: " hidden", None: ""}
        ordered = sorted(found, key=lambda item: (item[1] is not True, item[0]))
        return ["versions " + ", ".join(f"{version}{labels[default]}" for version, default in ordered)]

    def exported_symbols(self, decl: Declaration, platform: str) -> list[str]:
        """The names the binary exports for a declaration (a 32-bit DLL drops the object's ``_``)."""
        return sorted({e.symbol for e in self.exported_entries(decl, platform)})

    def source_of(self, platform: str, symbol: str) -> str | None:
        """The configured binary or dump that exports ``symbol`` on ``platform``."""
        for path, tables in self.sources.get(platform, ()):
            if any(s.name == symbol for table in tables for s in table.symbols):
                return path
        return None

    def describe_sources(self, platform: str) -> list[str]:
        """Each binary or dump read for a platform, as a reader of the docs knows it: relative to the
        conf dir (an absolute path would be the build machine's), and for a dump, the binary inside."""
        out = []
        for path, tables in self.sources.get(platform, ()):
            inside = sorted({t.name or os.path.basename(t.path) for t in tables if t.path != path})
            out.append(shown_path(path) + (f" (a symbol dump of {', '.join(inside)})" if inside else ""))
        return out

    def parent_of(self, decl: Declaration) -> Declaration | None:
        return self.by_key.get(decl.parent) if decl.parent else None


_memo: dict[tuple, LoadedProject | NativeApiError] = {}
_lock = threading.Lock()
# The running build's folders, set when its builder starts (forked readers inherit them).
_dirs: dict[str, str] = {}


def platform_table(config: Config) -> PlatformTable:
    extra = config.nativeapi_platforms or {}
    if not isinstance(extra, dict):
        raise NativeApiError("nativeapi_platforms must map platform names to dicts with a 'triple'")
    try:
        return PlatformTable(extra)
    except (KeyError, TypeError, AttributeError):
        raise NativeApiError("each nativeapi_platforms entry must be a dict with a 'triple'") from None


def project_names(config: Config) -> list[str]:
    projects = config.nativeapi_projects
    return list(projects) if isinstance(projects, dict) else []


def resolve_name(config: Config, name: str | None) -> str:
    """The project a directive means: its ``:project:``, the default, or the only one there is."""
    names = project_names(config)
    if name is None:
        name = config.nativeapi_default_project or (names[0] if len(names) == 1 else None)
        if name is None:
            raise NativeApiError(
                "no project named: set nativeapi_default_project or give :project:"
                if names
                else "nativeapi_projects is empty: add a project to conf.py"
            )
    if name not in names:
        raise NativeApiError(
            f"unknown project {name!r}; nativeapi_projects has: {', '.join(names) or 'none'}"
        )
    return name


def confdir() -> str:
    return _dirs["confdir"]


def shown_path(path: str) -> str:
    """A path relative to the conf dir, or the file's name for one outside it."""
    try:
        relative = os.path.relpath(path, confdir())
    except ValueError:  # another drive, on Windows
        return os.path.basename(path)
    return os.path.basename(path) if relative.startswith(os.pardir) else relative


def current_name(config: Config) -> str:
    """The current tree's name as a release: conf.py's ``release``, else its ``version``."""
    return config.release or config.version or "current"


def load(config: Config, name: str) -> LoadedProject:
    """The loaded project, scanning and matching it on first use; raises NativeApiError for bad input."""
    from sphinx_nativeapi.config import project_from_dict

    table = platform_table(config)
    data = config.nativeapi_projects[name]
    source = os.path.join(confdir(), "conf.py")
    project = project_from_dict(name, data, confdir(), table, source)
    key = (project, repr(sorted((config.nativeapi_platforms or {}).items())))
    with _lock:
        found = _memo.get(key)
        if found is None:
            try:
                found = _load(project, table, os.path.join(_dirs["doctreedir"], "nativeapi-cache"),
                              current_name(config))
            except NativeApiError as exc:
                found = exc
            _memo[key] = found
    if isinstance(found, NativeApiError):
        raise found
    return found


def _load(project: Project, table: PlatformTable, cache_dir: str, current: str) -> LoadedProject:
    dump_history: list[Future] = []

    def read_history() -> None:  # the release dumps, read and diffed on a thread while the child scans
        from sphinx_nativeapi.sphinxext.history import read_dump_history

        dump_history.append(isolated.in_thread(read_dump_history, project.history, project.waivers, current))

    model, tables, report, errors, sources = isolated.call(
        _scan_and_match, project, table, cache_dir, meanwhile=read_history if project.history else None)
    binary_errors = [NativeApiError(*e) for e in errors]
    return LoadedProject(project, table, model, tables, report, binary_errors, sources,
                         dump_history=dump_history[0] if dump_history else None)


def _scan_and_match(project: Project, table: PlatformTable, cache_dir: str) -> tuple:
    """The project's model, exports, report, binary errors (as ``(problem, path)``) and tables by
    binary: plain data, for it crosses a pipe from a child process."""
    from sphinx_nativeapi.binaries import read_symbols
    from sphinx_nativeapi.cache import ScanCache
    from sphinx_nativeapi.matching import match
    from sphinx_nativeapi.scanner import scan

    try:
        model = scan(project.request, table, ScanCache(cache_dir))
    except UnknownPlatformError as exc:
        raise NativeApiError(str(exc), project.source) from None
    tables: dict[str, list[SymbolTable]] = {}
    sources: dict[str, list[tuple[str, list[SymbolTable]]]] = {}
    errors: list[tuple[str, str | None]] = []
    for platform, paths in project.binaries:
        for path in paths:
            try:
                read = read_symbols(path, platform)
            except NativeApiError as exc:
                errors.append((exc.problem, exc.path))
                continue
            tables.setdefault(platform, []).extend(read)
            sources.setdefault(platform, []).append((path, read))
    report = None
    if tables:
        report = match(model, tables, export_macros=project.request.export_macros, ignore=project.ignore)
    return model, tables, report, errors, sources


def start(app: Sphinx) -> None:
    """A new build (a new app in this process, e.g. a test or a live server) scans afresh."""
    with _lock:
        _memo.clear()
        _dirs.update(confdir=str(app.confdir), doctreedir=str(app.doctreedir))


def preload(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Load every project in the main process before parallel readers fork, so none scans twice."""
    if not docnames:
        return
    from sphinx_nativeapi.sphinxext.history import project_history

    for name in project_names(env.config):
        with contextlib.suppress(NativeApiError):  # reported where a directive or the gate uses it
            project_history(load(env.config, name), env.config)  # the history's diffs too, before forks
