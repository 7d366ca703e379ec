"""Changes of the export tables themselves, per platform: what ``abidiff`` reports from the symbol
tables, and what a loader sees (names, versions, ordinals, forwarders, the library's own name).

Removed and added exports are exactly the set differences of the two releases' export tables (names as
each table stores them); each is attributed to the declaration that owns it where one does.
"""

from __future__ import annotations

from collections.abc import Iterator

from sphinx_nativeapi.demangle import demangle, undecorate
from sphinx_nativeapi.history.change import Change, change
from sphinx_nativeapi.history.release import Release
from sphinx_nativeapi.model import Declaration
from sphinx_nativeapi.symbols import Symbol, SymbolTable


def owners(release: Release, platform: str) -> dict[str, Declaration]:
    """Export name -> the declaration that owns it, through the names clang computed for the object file
    (a PE export table drops a cdecl name's leading ``_`` on x86, and may drop a stdcall ``@N``)."""
    index: dict[str, Declaration] = {}
    for decl in release.model.declarations:
        facts = decl.platforms.get(platform)
        for name in (facts.symbols or ()) if facts else ():
            index.setdefault(name, decl)
            if name.startswith("_"):
                index.setdefault(name[1:], decl)
            decoration = undecorate(name)
            if decoration is not None:
                index.setdefault(decoration.name, decl)
    return index


def exports(release: Release, platform: str) -> dict[str, list[Symbol]]:
    table: dict[str, list[Symbol]] = {}
    for binary in release.tables(platform):
        for symbol in binary.symbols:
            table.setdefault(symbol.name or f"#{symbol.ordinal}", []).append(symbol)
    return table


def export_changes(old: Release, new: Release, platform: str) -> Iterator[Change]:
    if not old.tables(platform) or not new.tables(platform):
        return
    before, after = exports(old, platform), exports(new, platform)
    old_owner, new_owner = owners(old, platform), owners(new, platform)

    def where(name: str, removed: bool) -> dict:
        decl = (old_owner if removed else new_owner).get(name)
        if decl is None:
            return {"declaration": demangle(name, platform) or name, "file": None, "line": None}
        return {"declaration": decl.qualified_name, "file": decl.file, "line": decl.line}

    for name in sorted(before.keys() - after.keys()):
        yield change("export.removed", f"The export {name} was removed", platform=platform, symbol=name,
                     old=name, **where(name, True))
    for name in sorted(after.keys() - before.keys()):
        yield change("export.added", f"The export {name} was added", platform=platform, symbol=name,
                     new=name, **where(name, False))
    # A DLL whose linker numbered its exports by name renumbers them whenever a name comes or goes:
    # one change says so, not one per export (thousands, in a C++ library).
    renumbered = _numbered_by_name(old.tables(platform)) and _numbered_by_name(new.tables(platform))
    moved = 0
    for name in sorted(before.keys() & after.keys()):
        yield from _same_name(name, before[name], after[name], platform, where(name, False),
                              ordinals=not renumbered)
        moved += renumbered and _ordinals(before[name]) != _ordinals(after[name])
    if moved:
        yield change("export.ordinals-renumbered", f"{moved} exports kept their names but not their "
                     "ordinals", platform=platform, declaration=None, symbol=None, file=None, line=None)
    old_versions = sorted({t.compatibility_version for t in old.tables(platform) if t.compatibility_version})
    new_versions = sorted({t.compatibility_version for t in new.tables(platform) if t.compatibility_version})
    if old_versions and new_versions and old_versions != new_versions:
        lowered = _version(new_versions[0]) < _version(old_versions[0])
        yield change("library.compatibility-version-changed", "The Mach-O compatibility version changed from "
                     f"{', '.join(old_versions)} to {', '.join(new_versions)}", platform=platform,
                     declaration=None, symbol=None, file=None, line=None, old=", ".join(old_versions),
                     new=", ".join(new_versions), kind="binary-break" if lowered else None)
    old_names = sorted({t.name for t in old.tables(platform) if t.name})
    new_names = sorted({t.name for t in new.tables(platform) if t.name})
    if old_names and new_names and old_names != new_names:
        yield change("library.name-changed", f"The library's name changed from {', '.join(old_names)} to "
                     f"{', '.join(new_names)}", platform=platform, declaration=None, symbol=None, file=None,
                     line=None, old=", ".join(old_names), new=", ".join(new_names))


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".") if part.isdigit())


def _numbered_by_name(tables: list[SymbolTable]) -> bool:
    """Whether each table's named exports have the ordinals of their places in name order (what a
    linker gives when no .def file fixes them); False for a table without ordinals (not a PE)."""
    for table in tables:
        ordinals = [o for _, o in sorted((s.name, s.ordinal) for s in table.symbols
                                         if s.name and s.ordinal is not None)]
        if not ordinals or ordinals != list(range(ordinals[0], ordinals[0] + len(ordinals))):
            return False
    return True


def _ordinals(symbols: list[Symbol]) -> list[int]:
    return sorted(s.ordinal for s in symbols if s.ordinal is not None)


def _same_name(name: str, before: list[Symbol], after: list[Symbol], platform: str,
               where: dict, *, ordinals: bool = True) -> Iterator[Change]:
    old_versions = {s.version for s in before if s.version}
    new_versions = {s.version for s in after if s.version}
    for version in sorted(old_versions - new_versions):
        yield change("export.version-removed", f"The version {version} of {name} was removed (it has "
                     f"{', '.join(sorted(new_versions)) or 'no version'} now)", platform=platform,
                     symbol=f"{name}@{version}", old=version, new=", ".join(sorted(new_versions)) or None,
                     **where)
    for version in sorted(new_versions - old_versions):
        if any(s.version == version and s.default_version is False for s in after):
            # A new hidden version of a name (name@V next to name@@W): a symbol of its own, for the
            # binaries of an older interface, as abidiff counts it. A name that merely gained its
            # default version (unversioned to name@@V) binds as before.
            yield change("export.added", f"The export {name}@{version} was added", platform=platform,
                         symbol=f"{name}@{version}", new=f"{name}@{version}", **where)
    old_default = next((s.version for s in before if s.default_version), None)
    new_default = next((s.version for s in after if s.default_version), None)
    if old_default and new_default and old_default != new_default:
        yield change("export.default-version-moved", f"The default version of {name} moved from "
                     f"{old_default} to {new_default}", platform=platform, symbol=name, old=old_default,
                     new=new_default, **where)
    old_ordinals, new_ordinals = _ordinals(before), _ordinals(after)
    if ordinals and old_ordinals and new_ordinals and old_ordinals != new_ordinals:
        old_text, new_text = ", ".join(map(str, old_ordinals)), ", ".join(map(str, new_ordinals))
        yield change("export.ordinal-changed", f"The ordinal of {name} changed from {old_text} to "
                     f"{new_text}", platform=platform, symbol=name, old=old_text, new=new_text, **where)
    old_forward = sorted({s.forwarder for s in before if s.forwarder})
    new_forward = sorted({s.forwarder for s in after if s.forwarder})
    if old_forward != new_forward:
        old_text, new_text = ", ".join(old_forward) or None, ", ".join(new_forward) or None
        yield change("export.forwarder-changed", f"The forwarder of {name} changed from "
                     f"{old_text or 'none (defined here)'} to {new_text or 'none (defined here)'}",
                     platform=platform, symbol=name, old=old_text, new=new_text, **where)
