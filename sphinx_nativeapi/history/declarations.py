"""Changes of the headers' declarations on one platform: functions, variables, types, enums, macros.

Declarations of two releases are paired by kind and qualified name (overloads by clang's USR, which
spells their parameters, then the one left on each side); members (fields, enumerators, virtual
methods) are compared through their parent. What a change does to compiled callers is decided from the
platform's facts (symbols, calling convention, layouts) and from ``types`` for spelt types.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sphinx_nativeapi.history.change import Change, change
from sphinx_nativeapi.history.types import TypeResolver, typedef_target
from sphinx_nativeapi.history.vtables import base_text, knows_overrides, own_slots, slot_text
from sphinx_nativeapi.model import Declaration, FieldLayout, PlatformFacts

FUNCTIONS = frozenset({"function", "method", "constructor", "destructor"})
RECORDS = frozenset({"struct", "union", "class"})
MEMBERS = frozenset({"field", "enumerator"})
_EXPORTED = frozenset({"dllexport", "dllimport", "default", "protected"})
# A last enumerator that counts or bounds the others: it moves when one is added, by design.
_SENTINEL = re.compile(r"(^|_)(MAX|COUNT|LAST|END|NUM|SIZE|SENTINEL|LIMIT)(_[A-Z0-9_]*)?$|^(NUM|N)_",
                       re.IGNORECASE)


@dataclass
class Side:
    """One release on one platform: its declarations, their children and its types."""

    declarations: list[Declaration]
    platform: str
    exported: set[str] | None  # the export names of its binaries; None: no binary for the platform

    def __post_init__(self) -> None:
        self.types = TypeResolver(self.declarations, self.platform)
        self.children: dict[str, list[Declaration]] = {}
        self.by_usr: dict[str, Declaration] = {d.usr: d for d in self.declarations if d.usr}
        for decl in self.declarations:
            if decl.parent:
                self.children.setdefault(decl.parent, []).append(decl)

    def facts(self, decl: Declaration) -> PlatformFacts | None:
        return decl.platforms.get(self.platform)

    def kids(self, decl: Declaration, kind: str | None = None) -> list[Declaration]:
        found = self.children.get(decl.usr, []) if decl.usr else []
        return [d for d in found if kind is None or d.kind == kind]

    def is_exported(self, decl: Declaration) -> bool:
        """Whether compiled callers bind to the declaration on this platform: a symbol clang computed
        that the binary (when there is one) exports."""
        facts = self.facts(decl)
        if facts is None or not facts.symbols:
            return False
        if self.exported is None:
            return True
        # A PE export table drops the one '_' an x86 object name carries: '_f' -> 'f', and an Itanium
        # name on MinGW '__ZN1a1fEv' -> '_ZN1a1fEv' (as ``exports.owners`` pairs them).
        exported = self.exported
        return any(s in exported or (s.startswith("_") and s[1:] in exported) for s in facts.symbols)


def identity(decl: Declaration) -> tuple[str, str]:
    group = "function" if decl.kind in FUNCTIONS else "record" if decl.kind in RECORDS else decl.kind
    return group, decl.qualified_name or decl.usr


def pair(old: list[Declaration], new: list[Declaration]) -> tuple[
        list[tuple[Declaration, Declaration]], list[Declaration], list[Declaration]]:
    """(paired, removed, added): by kind and name; overloads by USR, then the one left on each side."""
    olds: dict[tuple[str, str], list[Declaration]] = {}
    news: dict[tuple[str, str], list[Declaration]] = {}
    for decl in old:
        olds.setdefault(identity(decl), []).append(decl)
    for decl in new:
        news.setdefault(identity(decl), []).append(decl)
    paired, removed, added = [], [], []
    for key in olds.keys() | news.keys():
        left, right = list(olds.get(key, ())), list(news.get(key, ()))
        if len(left) == 1 and len(right) == 1:  # the common case: one declaration on each side
            paired.append((left[0], right[0]))
            continue
        if key[0] == "macro" and left and right:
            # A macro defined in several places (#if branches, #undef): what the header leaves in
            # effect is its last definition; the others are no API of their own.
            paired.append((max(left, key=_at), max(right, key=_at)))
            continue
        by_usr = {d.usr: d for d in right if d.usr}
        for decl in list(left):
            match = by_usr.pop(decl.usr, None) if decl.usr else None
            if match is not None:
                paired.append((decl, match))
                left.remove(decl)
                right.remove(match)
        if len(left) == 1 and len(right) == 1:
            paired.append((left[0], right[0]))
            left, right = [], []
        removed += left
        added += right
    return paired, removed, added


def _deleted(decl: Declaration) -> bool:
    """``= delete``: the scan marks deleted methods, and a deleted free function only in its text."""
    return decl.deleted or decl.signature.rstrip().endswith("= delete")


def _at(decl: Declaration) -> tuple[str, int]:
    return decl.file, decl.line


class DeclarationDiff:
    """The changes of the paired declarations of two releases on one platform."""

    def __init__(self, old: Side, new: Side) -> None:
        self.old, self.new = old, new
        self.platform = new.platform

    def _change(self, rule: str, what: str, decl: Declaration, *, old: object = None, new: object = None,
                symbol: str | None = None, kind: str | None = None) -> Change:
        facts = decl.platforms.get(self.platform)
        if symbol is None and facts is not None and facts.symbols:
            symbol = facts.symbols[0]
        return change(rule, what, platform=self.platform, declaration=decl.qualified_name, symbol=symbol,
                      file=decl.file, line=decl.line, old=old, new=new, kind=kind)

    def removed(self, decl: Declaration) -> Iterator[Change]:
        rule = "macro.removed" if decl.kind == "macro" else "declaration.removed"
        yield self._change(rule, f"The {decl.kind} {decl.qualified_name} was removed from the headers",
                           decl, old=decl.signature)

    def added(self, decl: Declaration) -> Iterator[Change]:
        rule = "macro.added" if decl.kind == "macro" else "declaration.added"
        yield self._change(rule, f"The {decl.kind} {decl.qualified_name} was added", decl,
                           new=decl.signature)

    def changed(self, o: Declaration, n: Declaration) -> Iterator[Change]:
        fo, fn = self.old.facts(o), self.new.facts(n)
        if fo is None or fn is None:
            return
        if o.deprecated is None and n.deprecated is not None:
            yield self._change("declaration.deprecated", f"{n.qualified_name} is deprecated"
                               + (f": {n.deprecated}" if n.deprecated else ""), n, new=n.deprecated or "")
        if n.kind in FUNCTIONS:
            yield from self._function(o, n, fo, fn)
        elif n.kind == "variable":
            yield from self._variable(o, n, fo, fn)
        elif n.kind in RECORDS:
            yield from self._record(o, n, fo, fn)
        elif n.kind == "enum":
            yield from self._layout(n, fo, fn)
            yield from self._enum(o, n)
        elif n.kind == "typedef":
            yield from self._typedef(o, n, fo, fn)
        elif n.kind == "macro" and o.params is None and n.params is None and o.value != n.value:
            yield self._change("macro.value-changed", f"The value of the macro {n.name} changed from "
                               f"{o.value} to {n.value}", n, old=o.value, new=n.value)

    # Functions and variables.

    def _exported_kind(self, o: Declaration) -> str | None:
        """A binary break of a function that compiled callers do not bind to (inline, static, not
        exported) only breaks sources."""
        return None if self.old.is_exported(o) else "source-break"

    def _function(self, o: Declaration, n: Declaration, fo: PlatformFacts,
                  fn: PlatformFacts) -> Iterator[Change]:
        soft = self._exported_kind(o)
        name = n.qualified_name
        if fo.symbols and fn.symbols and set(fo.symbols) != set(fn.symbols) and not fo.incomplete \
                and not fn.incomplete:
            yield self._change("export.renamed", f"The symbol of {name} changed from {' '.join(fo.symbols)} "
                               f"to {' '.join(fn.symbols)}", n, old=" ".join(fo.symbols),
                               new=" ".join(fn.symbols), kind=soft)
        before_cc, after_cc = fo.calling_convention, fn.calling_convention
        if before_cc and after_cc and before_cc != after_cc:
            yield self._change("function.calling-convention-changed", f"The calling convention of {name} "
                               f"changed from {fo.calling_convention} to {fn.calling_convention}", n,
                               old=fo.calling_convention, new=fn.calling_convention, kind=soft)
        if o.variadic != n.variadic:
            now = "now" if n.variadic else "no longer"
            yield self._change("function.variadic-changed", f"{name} is {now} variadic", n, old=o.variadic,
                               new=n.variadic, kind=soft)
        if not _deleted(o) and _deleted(n):
            yield self._change("function.deleted", f"{name} is now deleted (= delete)", n)
        if not o.inline and n.inline and fo.symbols and not _deleted(n):  # a deleted function is inline too
            yield self._change("function.became-inline", f"{name} is now inline", n, kind=soft)
        if n.kind == "method" and o.virtual != n.virtual:
            rule = "class.method-became-virtual" if n.virtual else "class.method-became-nonvirtual"
            yield self._change(rule, f"{name} is {'now' if n.virtual else 'no longer'} virtual", n,
                               old="virtual" if o.virtual else "non-virtual",
                               new="virtual" if n.virtual else "non-virtual", kind=soft)
        if fo.export in _EXPORTED and fn.export not in _EXPORTED and not n.inline:
            yield self._change("export.unmarked", f"{name} is no longer marked for export (it was "
                               f"{fo.export}{f' through {fo.export_macro}' if fo.export_macro else ''})", n,
                               old=fo.export, new=fn.export, kind=soft)
        old_params, new_params = o.params or [], n.params or []
        if len(old_params) != len(new_params):
            yield self._change("function.parameters-changed", f"{name} takes {len(new_params)} parameters "
                               f"instead of {len(old_params)}", n, old=_params(old_params),
                               new=_params(new_params), kind=soft)
        else:
            for index, (a, b) in enumerate(zip(old_params, new_params, strict=True), 1):
                if a.get("type") == b.get("type"):  # the usual case, before the text of what it is
                    continue
                yield from self._spelt(n, f"parameter {index} ({b.get('name') or a.get('name') or '?'}) of "
                                       f"{name}", a.get("type"), b.get("type"), "function.parameter", soft)
        if n.kind in ("function", "method") and o.type != n.type:
            yield from self._spelt(n, f"the return type of {name}", o.type, n.type, "function.return", soft)

    def _spelt(self, n: Declaration, what: str, before: str | None, after: str | None, prefix: str,
               soft: str | None) -> Iterator[Change]:
        """A type spelt in a signature: an ABI change, a change of spelling only, or no change."""
        if before == after or before is None or after is None:
            return
        if prefix == "function.parameter":  # an array parameter is a pointer, whatever its bound says
            before, after = _decayed(before), _decayed(after)
        canon_old, canon_new = self.old.types.canonical(before), self.new.types.canonical(after)
        pass_old, pass_new = self.old.types.passing(before), self.new.types.passing(after)
        if canon_old == canon_new and (pass_old == pass_new or None in (pass_old, pass_new)):
            return  # a typedef to the same type
        if pass_old is not None and pass_new is not None and pass_old == pass_new:
            yield self._change(f"{prefix}-type-changed", f"The type of {what} changed from {before} to "
                               f"{after}, passed the same way ({pass_new})", n, old=before, new=after)
            return
        how = f" ({pass_old} -> {pass_new})" if pass_old and pass_new else " (its ABI could not be told)"
        rule = f"{prefix}-abi-changed"
        yield self._change(rule, f"The type of {what} changed from {before} to {after}{how}", n, old=before,
                           new=after, kind=soft)

    def _variable(self, o: Declaration, n: Declaration, fo: PlatformFacts,
                  fn: PlatformFacts) -> Iterator[Change]:
        soft = self._exported_kind(o)
        if fo.symbols and fn.symbols and set(fo.symbols) != set(fn.symbols):
            yield self._change("export.renamed", f"The symbol of {n.qualified_name} changed from "
                               f"{' '.join(fo.symbols)} to {' '.join(fn.symbols)}", n,
                               old=" ".join(fo.symbols), new=" ".join(fn.symbols), kind=soft)
        if fo.export in _EXPORTED and fn.export not in _EXPORTED:
            yield self._change("export.unmarked", f"{n.qualified_name} is no longer marked for export", n,
                               old=fo.export, new=fn.export, kind=soft)
        if o.type != n.type or fo.size != fn.size:
            size_changed = fo.size is not None and fn.size is not None and fo.size != fn.size
            same = self.old.types.canonical(o.type) == self.new.types.canonical(n.type)
            if size_changed or not same:
                kind = soft if size_changed or self.old.types.passing(o.type) != self.new.types.passing(
                    n.type) else "source-break"
                yield self._change("variable.type-changed", f"The type of {n.qualified_name} changed from "
                                   f"{o.type} ({fo.size} bytes) to {n.type} ({fn.size} bytes)", n,
                                   old=o.type, new=n.type, kind=kind)

    # Types.

    def _layout(self, n: Declaration, fo: PlatformFacts, fn: PlatformFacts) -> Iterator[Change]:
        if fo.size is not None and fn.size is not None and fo.size != fn.size:
            yield self._change("type.size-changed", f"The size of {n.qualified_name} changed from {fo.size} "
                               f"to {fn.size} bytes", n, old=fo.size, new=fn.size)
        if fo.align is not None and fn.align is not None and fo.align != fn.align:
            yield self._change("type.alignment-changed", f"The alignment of {n.qualified_name} changed from "
                               f"{fo.align} to {fn.align} bytes", n, old=fo.align, new=fn.align)

    def _record(self, o: Declaration, n: Declaration, fo: PlatformFacts,
                fn: PlatformFacts) -> Iterator[Change]:
        name = n.qualified_name
        if fo.size is not None and fn.size is None and fn.fields is None and not fn.incomplete \
                and not n.template:
            yield self._change("type.became-opaque", f"{name} has no definition in the headers any more", n,
                               old=f"{fo.size} bytes", new="opaque")
            return
        if fo.size is None and fo.fields is None and fn.size is not None and not fo.incomplete \
                and not o.template:
            yield self._change("type.became-complete", f"{name} is now defined ({fn.size} bytes)", n,
                               old="opaque", new=f"{fn.size} bytes")
            return
        yield from self._layout(n, fo, fn)
        yield from self._fields(o, n, fo, fn)
        yield from self._bases(o, n)
        yield from self._vtable(o, n)

    def _fields(self, o: Declaration, n: Declaration, fo: PlatformFacts,
                fn: PlatformFacts) -> Iterator[Change]:
        if fo.fields is None or fn.fields is None:
            return
        name = n.qualified_name
        before: dict[str, FieldLayout] = {f.name: f for f in fo.fields if f.name}
        after: dict[str, FieldLayout] = {f.name: f for f in fn.fields if f.name}
        old_decls = {d.name: d for d in self.old.kids(o, "field")}
        new_decls = {d.name: d for d in self.new.kids(n, "field")}
        grew = fo.size is not None and fn.size is not None and fn.size > fo.size
        for field in [f for f in before if f not in after]:  # at its line in OLD
            yield self._change("type.field-removed", f"The field {field} of {name} was removed",
                               old_decls.get(field, n), old=_field_text(before[field], old_decls.get(field)))
        for field in [f for f in after if f not in before]:
            rule = "type.field-added-size" if grew else "type.field-added"
            yield self._change(rule, f"The field {field} was added to {name}" + (
                f", which grew from {fo.size} to {fn.size} bytes" if grew else ", its size unchanged"),
                new_decls.get(field, n), new=_field_text(after[field], new_decls.get(field)))
        for field in [f for f in after if f in before]:
            a, b = before[field], after[field]
            decl = new_decls.get(field, n)
            label = f"{name}::{field}" if "::" in name or n.kind == "class" else f"{name}.{field}"
            if a.bit_width != b.bit_width:
                yield self._change("type.bit-field-width-changed", f"The width of the bit-field {label} "
                                   f"changed from {a.bit_width} to {b.bit_width} bits", decl, old=a.bit_width,
                                   new=b.bit_width)
            elif a.size is not None and b.size is not None and a.size != b.size:
                old_type = old_decls[field].type if field in old_decls else None
                new_type = new_decls[field].type if field in new_decls else None
                yield self._change("type.field-type-changed", f"The field {label} changed from {old_type} "
                                   f"({a.size} bytes) to {new_type} ({b.size} bytes)", decl,
                                   old=f"{old_type} ({a.size} bytes)", new=f"{new_type} ({b.size} bytes)")
            elif field in old_decls and field in new_decls and old_decls[field].type != new_decls[field].type:
                before_type, after_type = old_decls[field].type, new_decls[field].type
                canon_old = self.old.types.canonical(before_type)
                canon_new = self.new.types.canonical(after_type)
                pass_old, pass_new = self.old.types.passing(before_type), self.new.types.passing(after_type)
                if canon_old != canon_new:
                    same = pass_old == pass_new and pass_old is not None
                    rule = "type.field-type-spelling-changed" if same else "type.field-type-changed"
                    yield self._change(rule, f"The field {label} changed from {before_type} to "
                                       f"{after_type}", decl, old=before_type, new=after_type)
            if a.bit_offset is not None and b.bit_offset is not None and a.bit_offset != b.bit_offset:
                yield self._change("type.field-offset-changed", f"The field {label} moved from "
                                   f"{_offset(a)} to {_offset(b)}", decl, old=_offset(a), new=_offset(b))

    def _bases(self, o: Declaration, n: Declaration) -> Iterator[Change]:
        """Direct bases, by canonical name: their order is the order of the subobjects and vtables."""
        if o.bases is None or n.bases is None:
            return
        name = n.qualified_name
        before = {b["canonical"]: b for b in o.bases}
        after = {b["canonical"]: b for b in n.bases}
        old_text, new_text = ", ".join(map(base_text, o.bases)), ", ".join(map(base_text, n.bases))
        for base in [b for b in before if b not in after]:
            yield self._change("class.base-removed", f"The base {base} was removed from {name}", n,
                               old=old_text, new=new_text)
        for base in [b for b in after if b not in before]:
            yield self._change("class.base-added", f"The base {base} was added to {name}", n, old=old_text,
                               new=new_text)
        common_old = [b for b in before if b in after]
        common_new = [b for b in after if b in before]
        if common_old != common_new:
            yield self._change("class.bases-reordered", f"The bases of {name} were reordered", n,
                               old=", ".join(common_old), new=", ".join(common_new))
        for base in common_new:
            a, b = before[base], after[base]
            if a["virtual"] != b["virtual"]:
                now = "now" if b["virtual"] else "no longer"
                yield self._change("class.base-virtual-changed", f"The base {base} of {name} is {now} "
                                   "virtual", n, old=base_text(a), new=base_text(b))
            if a["access"] != b["access"]:
                # The type info records whether a base is public: nothing else of the access is compiled.
                wider = _ACCESS.index(b["access"]) < _ACCESS.index(a["access"])
                kind = "compatible" if wider else None if a["access"] == "public" else "source-break"
                yield self._change("class.base-access-changed", f"The base {base} of {name} changed from "
                                   f"{a['access']} to {b['access']}", n, old=base_text(a), new=base_text(b),
                                   kind=kind)

    def _vtable(self, o: Declaration, n: Declaration) -> Iterator[Change]:
        """The virtual functions that take slots of the class's own (``vtables``), in slot order: an
        override of a base's function takes the base's slot, so adding one is no vtable change."""
        overrides = knows_overrides(self.old, o) and knows_overrides(self.new, n)

        def slots(side: Side, decl: Declaration) -> list[str]:
            return [slot_text(d) for d in own_slots(side, decl, overrides)]

        before, after = slots(self.old, o), slots(self.new, n)
        if before == after:
            return
        for slot in [s for s in after if s not in before]:
            yield self._change("class.virtual-added", f"The virtual function {slot} was added to "
                               f"{n.qualified_name}", n, old=", ".join(before), new=", ".join(after))
        for slot in [s for s in before if s not in after]:
            yield self._change("class.virtual-removed", f"The virtual function {slot} was removed from "
                               f"{n.qualified_name}", n, old=", ".join(before), new=", ".join(after))
        common_old = [s for s in before if s in after]
        common_new = [s for s in after if s in before]
        if common_old != common_new:
            yield self._change("class.vtable-reordered", f"The virtual functions of {n.qualified_name} were "
                               "reordered", n, old=", ".join(common_old), new=", ".join(common_new))

    def _enum(self, o: Declaration, n: Declaration) -> Iterator[Change]:
        before = {d.name: d for d in self.old.kids(o, "enumerator")}
        after = {d.name: d for d in self.new.kids(n, "enumerator")}
        last = list(after)[-1] if after else None  # in declaration order, as the scan gives them
        for name in [e for e in before if e not in after]:
            yield self._change("enum.enumerator-removed", f"The enumerator {name} of {n.qualified_name} was "
                               "removed", before[name], old=before[name].value)
        for name in [e for e in after if e not in before]:
            yield self._change("enum.enumerator-added", f"The enumerator {name} = {after[name].value} was "
                               f"added to {n.qualified_name}", after[name], new=after[name].value)
        for name in [e for e in after if e in before and before[e].value != after[e].value]:
            rule = ("enum.last-enumerator-moved" if name == last and _SENTINEL.search(name)
                    else "enum.enumerator-value-changed")
            yield self._change(rule, f"The value of {name} changed from {before[name].value} to "
                               f"{after[name].value}", after[name], old=before[name].value,
                               new=after[name].value)

    def _typedef(self, o: Declaration, n: Declaration, fo: PlatformFacts,
                 fn: PlatformFacts) -> Iterator[Change]:
        before = self.old.types.canonical(_aliased(o, fo))
        after = self.new.types.canonical(_aliased(n, fn))
        if before == after:
            return
        size_changed = fo.size is not None and fn.size is not None and fo.size != fn.size
        pass_old, pass_new = self.old.types.passing(o.type), self.new.types.passing(n.type)
        same = not size_changed and pass_old is not None and pass_old == pass_new
        rule = "typedef.spelling-changed" if same else "typedef.changed"
        sizes = f" ({fo.size} -> {fn.size} bytes)" if size_changed else ""
        yield self._change(rule, f"The typedef {n.qualified_name} changed from {before} to {after}{sizes}", n,
                           old=before, new=after)


_ACCESS = ("public", "protected", "private")
_ARRAY_BOUND = re.compile(r"\s*\[[^\[\]]*\]\s*$")


def _decayed(spelling: str) -> str:
    """``const uint8_t[(size)]`` -> ``const uint8_t *``: how C passes an array parameter (not a
    pointer to an array, ``int (*)[4]``, which is a pointer already)."""
    found = _ARRAY_BOUND.search(spelling)
    if found is None or "(" in spelling[:found.start()]:
        return spelling
    return spelling[:found.start()] + " *"


def _aliased(decl: Declaration, facts: PlatformFacts) -> str | None:
    """What a typedef names on one platform (its own #ifdef'd declaration, where it has one)."""
    return (facts.declared_as and typedef_target(facts.declared_as, decl.name)) or decl.type


def _params(params: list[dict[str, str]]) -> str:
    return ", ".join(p.get("type") or p.get("name") or "?" for p in params)


def _offset(field: FieldLayout) -> str:
    if field.bit_offset is not None and field.bit_offset % 8 == 0:
        return f"offset {field.bit_offset // 8}"
    return f"bit {field.bit_offset}"


def _field_text(layout: FieldLayout, decl: Declaration | None) -> str:
    spelt = decl.signature if decl is not None else layout.name
    return f"{spelt} at {_offset(layout)}"
