"""Release x Release -> the changes, per platform, sorted: a pure function of the two releases.

On each platform both releases describe: the export tables (``exports``), the declarations
(``declarations``), and then every exported function that takes or returns, by value or through a
pointer, a type whose layout broke (what ``abidiff`` calls an indirect sub-type change).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sphinx_nativeapi import collector
from sphinx_nativeapi.history.change import Change, change
from sphinx_nativeapi.history.declarations import FUNCTIONS, MEMBERS, RECORDS, DeclarationDiff, Side, pair
from sphinx_nativeapi.history.exports import export_changes, exports
from sphinx_nativeapi.history.release import Release
from sphinx_nativeapi.model import Declaration

_LAYOUT_RULES = frozenset({"type.size-changed", "type.alignment-changed", "type.field-removed",
                           "type.field-added-size", "type.field-offset-changed", "type.field-type-changed",
                           "type.bit-field-width-changed", "typedef.changed", "class.virtual-added",
                           "class.virtual-removed", "class.vtable-reordered", "enum.enumerator-value-changed",
                           "enum.enumerator-removed", "class.base-added", "class.base-removed",
                           "class.bases-reordered", "class.base-virtual-changed"})


def common_platforms(old: Release, new: Release, only: Iterable[str] | None = None) -> list[str]:
    wanted = set(only) if only else None
    return [p for p in new.platforms if p in old.platforms and (wanted is None or p in wanted)]


def diff(old: Release, new: Release, platforms: Iterable[str] | None = None) -> list[Change]:
    """Every change from ``old`` to ``new`` on each platform both describe (or those named)."""
    with collector.paused():  # the many values made (sides, memos) are trees
        return _diff(old, new, platforms)


def _diff(old: Release, new: Release, platforms: Iterable[str] | None) -> list[Change]:
    changes: list[Change] = []
    # Declarations are paired once, by name (the same on every platform), then compared per platform.
    pairing = pair([d for d in old.model.declarations if d.kind not in MEMBERS],
                   [d for d in new.model.declarations if d.kind not in MEMBERS])
    for platform in common_platforms(old, new, platforms):
        changes += export_changes(old, new, platform)
        if platform in old.model.platforms and platform in new.model.platforms:
            changes += _declaration_changes(old, new, platform, pairing)
    return sorted(changes, key=lambda c: c.sort_key)


def _side(release: Release, platform: str) -> Side:
    tables = release.tables(platform)
    exported = set(exports(release, platform)) if tables else None
    declarations = [d for d in release.model.declarations if platform in d.platforms]
    return Side(declarations, platform, exported)


Pairing = tuple[list[tuple[Declaration, Declaration]], list[Declaration], list[Declaration]]


def _declaration_changes(old_release: Release, new_release: Release, platform: str,
                         pairing: Pairing) -> Iterator[Change]:
    """The pairing's changes on one platform, where a declaration on one side only (an #ifdef) is
    removed or added."""
    old, new = _side(old_release, platform), _side(new_release, platform)
    differ = DeclarationDiff(old, new)
    paired, removed, added = [], [d for d in pairing[1] if platform in d.platforms], \
        [d for d in pairing[2] if platform in d.platforms]
    for before, after in pairing[0]:
        here_old, here_new = platform in before.platforms, platform in after.platforms
        if here_old and here_new:
            paired.append((before, after))
        elif here_old:
            removed.append(before)
        elif here_new:
            added.append(after)
    removed_keys = {d.usr for d in removed}
    added_keys = {d.usr for d in added}
    for decl in removed:
        if decl.parent not in removed_keys:
            yield from differ.removed(decl)
    for decl in added:
        if decl.parent not in added_keys:
            yield from differ.added(decl)
    found: list[Change] = []
    for before, after in paired:
        found += differ.changed(before, after)
    yield from found
    yield from _indirect(found, paired, old, new, platform)


def _indirect(found: list[Change], paired: list[tuple[Declaration, Declaration]], old: Side, new: Side,
              platform: str) -> Iterator[Change]:
    """Exported functions and variables that use a type whose layout broke, directly or through the
    records and typedefs that hold it."""
    broken: dict[str, Change] = {}
    for item in found:
        if item.rule in _LAYOUT_RULES and item.kind == "binary-break" and item.declaration:
            broken.setdefault(item.declaration.rsplit(".", 1)[0], item)
    if not broken:
        return
    records = [n for _, n in paired if n.kind in RECORDS]
    grew = True
    while grew:  # a record that holds a broken record by value or pointer is reached through it
        grew = False
        for record in records:
            if record.qualified_name in broken:
                continue
            for field in new.kids(record, "field"):
                hit = next((broken[t] for t in new.types.names_in(field.type) if t in broken), None)
                if hit is not None:
                    broken[record.qualified_name] = hit
                    grew = True
                    break
    # Most functions use no broken type: a test of their spellings' words against the broken types and
    # the typedefs that reach them is enough to pass them by, without resolving every spelling.
    reaching = new.types.reaching(set(broken))
    for before, after in paired:
        if after.kind not in FUNCTIONS and after.kind != "variable":
            continue
        spelt = [after.type, *(p.get("type") for p in after.params or [])]
        if after.parent and after.kind in FUNCTIONS and not after.static:  # 'this' points to the class
            parent = new.by_usr.get(after.parent)
            if parent is not None:
                spelt.append(parent.qualified_name)
        spelt = [t for t in spelt if t]
        if not any(new.types.mentions(t, reaching) for t in spelt) or not old.is_exported(before):
            continue
        names = set().union(*(new.types.names_in(t) for t in spelt))
        causes = sorted({name for name in names if name in broken})
        if causes:
            cause = broken[causes[0]]
            facts = after.platforms.get(platform)
            yield change("function.uses-changed-type",
                         f"{after.qualified_name} uses {', '.join(causes)}, whose layout changed "
                         f"({cause.rule}: {cause.old} -> {cause.new})", platform=platform,
                         declaration=after.qualified_name,
                         symbol=facts.symbols[0] if facts and facts.symbols else None, file=after.file,
                         line=after.line, old=", ".join(causes), new=None)
