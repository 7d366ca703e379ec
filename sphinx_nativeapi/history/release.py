"""A release dump: one self-contained, deterministic JSON file that holds a release.

It holds the release's name, every platform's declarations (the model of ``nativeapi scan --json``,
without parsed doc comments: the raw comment is kept) and every binary's exports (the tables of
``nativeapi symbols --json``). Paths of headers and binaries are stored relative to the dump's root
(the project's directory), so that dumps made in two checkouts compare. The text has one declaration
and one symbol a line, written by the C JSON encoder: its declarations diff well under version
control, and a dump of 45,000 exports is written at the speed of ``symbols --json``.

Keys whose value is null or false are left out of each declaration and its platform facts (they read
back as their defaults). Schema 1::

    {"schema": 1, "nativeapi_release": NAME, "platforms": [...],
     "model": {"declarations": [...], "diagnostics": [...], "includes": {...}},
     "binaries": [{"path", "format", "arch", "platform", "name", "symbols": [...]}]}
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from sphinx_nativeapi import collector
from sphinx_nativeapi.binaries.dump import write_tables
from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.symbols import SCHEMA, SymbolTable

if TYPE_CHECKING:
    from sphinx_nativeapi.model import ApiModel, Declaration


class Release(NamedTuple):
    """One release of a library: its name, its headers' model and its binaries' exports.

    ``model`` is None for a release of binaries alone as ``dump`` makes it (its file has an empty
    model, and reads back with one): that command, which each OS job of a CI matrix runs on its
    binaries, then imports no part of the model, a tenth of its time on libLLVM's 45,000 exports.
    """

    name: str
    model: ApiModel | None
    binaries: list[SymbolTable]
    source: str = ""  # the dump file it was read from, or "" for the current tree

    @property
    def platforms(self) -> list[str]:
        """Every platform the release describes: scanned ones first, then those only a binary has."""
        seen = list(self.model.platforms) if self.model else []
        return seen + sorted({t.platform for t in self.binaries if t.platform and t.platform not in seen})

    def tables(self, platform: str) -> list[SymbolTable]:
        return [t for t in self.binaries if t.platform == platform]


def _relative(path: str, root: str) -> str:
    """A path below the root as a relative POSIX path; any other path as it is."""
    if not path or not os.path.isabs(path):
        return path
    rel = os.path.relpath(path, root)
    return path if rel.startswith("..") else rel.replace(os.sep, "/")


def _lines(items: Iterable[Any], indent: str) -> str:
    """A JSON list with one item a line (each item encoded by the C encoder)."""
    body = f",\n{indent}".join(json.dumps(item, sort_keys=False) for item in items)
    return f"[\n{indent}{body}\n{indent[:-1]}]" if body else "[]"


def relativize(release: Release, root: str) -> Release:
    """Store every path below ``root`` relative to it, so that two checkouts' releases compare."""
    model = release.model
    if model is not None:
        for decl in model.declarations:
            decl.file = _relative(decl.file, root)
        for diag in model.diagnostics:
            diag.file = _relative(diag.file, root) if diag.file else diag.file
        model.includes = {
            _relative(k, root): [_relative(v, root) for v in vs] for k, vs in model.includes.items()
        }
    return release._replace(binaries=[t._replace(path=_relative(t.path, root)) for t in release.binaries])


def _compact(decl: Declaration) -> dict[str, Any]:
    """A declaration as ``scan --json`` has it, less the keys whose value is the default (null, false):
    a dump of 10,000 declarations on four platforms is half the size, and read twice as fast."""
    data = {k: v for k, v in decl.to_json().items() if v is not None and v is not False}
    data["platforms"] = {name: {k: v for k, v in facts.items() if v is not None and v is not False}
                         for name, facts in data["platforms"].items()}
    return data


def write(release: Release, out: TextIO) -> None:
    """The dump's text: byte-identical for the same release, wherever and whenever it is written."""
    model = release.model
    platforms = model.platforms if model else []
    includes = {k: sorted(vs) for k, vs in sorted(model.includes.items())} if model else {}
    diagnostics = model.diagnostics if model else []
    declarations = model.declarations if model else []
    # Each table's exports in the binary's own order (deterministic for the binary): sorting libLLVM's
    # 45,000 names by name took longer than writing them, and an ELF's order, unlike a PE's or a
    # Mach-O's, is its hash table's. ``diff`` compares exports as sets.
    tables = sorted(release.binaries, key=lambda t: (t.platform or "", t.path))
    out.write(
        f'{{"schema": {SCHEMA}, "nativeapi_release": {json.dumps(release.name)}, '
        f'"platforms": {json.dumps(release.platforms)},\n'
        f'"model": {{"platforms": {json.dumps(platforms)}, "includes": {json.dumps(includes)},\n'
        f' "diagnostics": {_lines((d.__dict__ for d in diagnostics), "  ")},\n'
        f' "declarations": {_lines(map(_compact, declarations), "  ")}}},\n'
        f'"binaries": ')
    write_tables(tables, out)
    out.write("}\n")


def save(release: Release, path: str) -> None:
    """Write the dump to ``path``, atomically: a reader never sees half of it."""
    tmp = f"{path}.tmp{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8") as handle:
            write(release, handle)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise NativeApiError(f"cannot write: {exc.strerror or exc}", path) from None


def is_release(path: str) -> bool:
    """Whether a file starts like a release dump (and not like a pyproject.toml or a binary)."""
    try:
        with open(path, "rb") as handle:
            return b'"nativeapi_release"' in handle.read(200)
    except OSError:
        return False


def read(path: str) -> Release:
    """A release dump read back; any problem with the file is an error that names it."""
    with collector.paused():  # hundreds of thousands of values, every one kept
        return _read(path)


def _read(path: str) -> Release:
    from sphinx_nativeapi.model import ApiModel, Declaration, Diagnostic

    try:
        with open(path, "rb") as handle:
            document = json.loads(handle.read())
    except OSError as exc:
        raise NativeApiError(f"cannot read: {exc.strerror or exc}", path) from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise NativeApiError(f"not a valid release dump (JSON): {exc}", path) from None
    if not isinstance(document, dict) or "nativeapi_release" not in document:
        raise NativeApiError('not a release dump: expected {"schema": 1, "nativeapi_release": ...}', path)
    if document.get("schema") != SCHEMA:
        raise NativeApiError(f"release dump schema {document.get('schema')!r}; this version reads "
                             f"schema {SCHEMA}", path)
    try:
        name = document["nativeapi_release"]
        model_data = document["model"]
        if not isinstance(name, str) or not isinstance(model_data, dict):
            raise TypeError("nativeapi_release must be a string and model an object")
        model = ApiModel(
            platforms=list(model_data["platforms"]),
            declarations=[Declaration.from_json(d) for d in model_data["declarations"]],
            diagnostics=[Diagnostic(**d) for d in model_data.get("diagnostics", [])],
            includes={k: list(v) for k, v in model_data.get("includes", {}).items()},
        )
        binaries = [SymbolTable.from_json(t) for t in document.get("binaries", [])]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise NativeApiError(f"not a valid release dump: {type(exc).__name__}: {exc}", path) from None
    return Release(name=name, model=model, binaries=binaries, source=path)
