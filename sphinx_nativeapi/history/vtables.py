"""A C++ class's bases and the vtable slots its own virtual functions take, per C++ ABI.

A virtual function that overrides a base's takes the base's slot, so adding one changes no vtable:
only the functions a class *introduces* get slots of its own, after its bases' ones. The two ABIs
differ in which overrides still get a slot and in the order of the introduced ones:

- Itanium (Linux, macOS, MinGW): the class shares its primary base's vtable (the first non-virtual
  base that has a vtable, and that base's primary base, and so on) and appends, in declaration order,
  every virtual function that does not override a function of that chain: an override of a
  secondary base's function gets a slot of its own too.
- Microsoft: every override of any base's function reuses the base's slot; the introduced functions
  are appended grouped by name, the groups in the order their names are first declared in the class
  (by any member: an override, a field), each group in reverse declaration order (what clang's
  MicrosoftVTableContext does, after MSVC).

Not modelled (each an error towards reporting a change, never towards missing one): a covariant
override whose return needs an adjustment (it gets a new slot on Itanium), a nearly empty virtual
base as Itanium primary base, and bases that are not in the API (a template's specialization, another
library's class): whether they have a vtable is not known, so the chain stops there.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sphinx_nativeapi.platforms import DEFAULT_PLATFORMS

if TYPE_CHECKING:
    from sphinx_nativeapi.history.declarations import Side
    from sphinx_nativeapi.model import Declaration


def virtual_methods(side: Side, decl: Declaration) -> list[Declaration]:
    """The class's own virtual functions, in declaration order."""
    methods = [d for d in side.kids(decl) if d.virtual and d.kind in ("method", "destructor")]
    return sorted(methods, key=lambda d: d.line)


def knows_overrides(side: Side, decl: Declaration) -> bool:
    """A dump written before the scan told overrides has none: then every virtual function counts."""
    return all(d.overrides is not None for d in virtual_methods(side, decl))


def own_slots(side: Side, decl: Declaration, overrides: bool = True) -> list[Declaration]:
    """The virtual functions that take vtable slots of the class's own, in slot order, on the side's
    platform (Itanium where the platform is not a known Microsoft one); ``overrides=False``: every
    virtual function, in declaration order (what a dump without overrides allows)."""
    methods = virtual_methods(side, decl)
    if not overrides:
        return methods
    platform = DEFAULT_PLATFORMS.get(side.platform)
    if platform is not None and platform.cxx_abi == "microsoft":
        return [d for d in _microsoft_order(side, decl, methods) if not d.overrides]
    chain = _primary_chain(side, decl, {_owner(m) for d in methods for m in d.overrides or ()})
    return [d for d in methods if not any(_owner(m) in chain for m in d.overrides or ())]


def _microsoft_order(side: Side, decl: Declaration, methods: list[Declaration]) -> list[Declaration]:
    groups: dict[str, list[Declaration]] = {}
    for member in sorted(side.kids(decl), key=lambda d: d.line):  # stable: a line's order stays
        groups.setdefault(member.name, [])
    for method in methods:
        groups[method.name].append(method)
    return [method for group in groups.values() for method in reversed(group)]


def _owner(method: str) -> str:
    return method.rpartition("::")[0]


def _primary_chain(side: Side, decl: Declaration, owners: set[str]) -> set[str]:
    """The canonical names of the Itanium primary base, its primary base, and so on, as far as known."""
    chain: set[str] = set()
    current: Declaration | None = decl
    while current is not None and current.bases:
        primary = None
        for base in current.bases:
            if base["virtual"]:
                continue
            dynamic = _dynamic(side, base["canonical"], owners, set())
            if dynamic is None:
                return chain  # whether it has a vtable is not known: neither is what follows
            if dynamic:
                primary = base["canonical"]
                break
        if primary is None or primary in chain:
            break
        chain.add(primary)
        current = side.types.records.get(primary)
    return chain


def _dynamic(side: Side, name: str, owners: set[str], seen: set[str]) -> bool | None:
    """Whether the class has a vtable (a virtual function or base of its own or of a base); None:
    not known (the class is not in the release)."""
    if name in owners:
        return True  # a method of it is overridden
    record = side.types.records.get(name)
    if record is None or record.bases is None or name in seen:
        return None
    seen.add(name)
    if virtual_methods(side, record) or any(b["virtual"] for b in record.bases):
        return True
    answers = [_dynamic(side, b["canonical"], owners, seen) for b in record.bases]
    return True if True in answers else None if None in answers else False


def slot_text(method: Declaration) -> str:
    """A slot as clang's vtable dumps print it, ``a(int) const``: overloads on ``const`` are two."""
    const = " const" if _CONST.search(method.signature) else ""
    return f"{method.name}({', '.join(p.get('type') or '?' for p in method.params or [])}){const}"


_CONST = re.compile(r"\)\s*const\b[^()]*$")


def base_text(base: dict) -> str:
    """A base as its class's declaration writes it: ``public virtual ns::Base``."""
    return f"{base['access']} {'virtual ' if base['virtual'] else ''}{base['canonical']}"
