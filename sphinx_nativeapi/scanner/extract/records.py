"""Structs, unions and classes: layout, members, friends, unnamed records named by their field or
variable, and nested classes defined outside their class."""

from __future__ import annotations

import re

from clang import cindex
from clang.cindex import CursorKind as K

from sphinx_nativeapi.model import Declaration, FieldLayout
from sphinx_nativeapi.scanner import clang_ext
from sphinx_nativeapi.scanner.extract.common import (
    RECORDS,
    TEMPLATES,
    ExtractorBase,
    field_typed,
    known_size,
)


class RecordsMixin(ExtractorBase):
    """Structs, unions and classes, with their members and layout."""

    def _record_signature(
        self, cursor: cindex.Cursor, kind: str, name: str, printed: str | None = None
    ) -> str:
        """``struct name``; for a class template its parameter list, for a specialization its
        arguments too (``template <typename T> struct S<true, T>``): without them a template and its
        specializations were one name, declared twice in Sphinx's C++ domain."""
        specialization = cursor.kind == K.CLASS_TEMPLATE_PARTIAL_SPECIALIZATION or (
            cursor.kind in RECORDS and cursor.displayname != name
        )
        if cursor.kind != K.CLASS_TEMPLATE and not specialization:
            return f"{kind} {name}"
        printed = printed or self._print(cursor)  # "template <...> struct S<...> final : Base {}"
        found = re.search(rf"\b(?:class|struct|union)\s+{re.escape(name)}\b", printed)
        header = printed[: found.start()].strip() if found else ""
        arguments = cursor.displayname[len(name) :] if specialization else ""
        return f"{header} {kind} {name}{arguments}".strip()

    def _record(
        self,
        cursor: cindex.Cursor,
        path: str,
        parent: Declaration | None,
        extern_c: bool,
        scope: list[str],
        name: str,
        signature: str | None = None,
    ) -> None:
        definition = cursor.get_definition()
        if definition is not None and definition != cursor and self._file(definition) in self.api_files:
            return  # a forward declaration of a record the API defines: the definition speaks for both
        usr = cursor.get_usr()
        if usr in self.seen_usrs:
            return
        self.seen_usrs.add(usr)
        printed = None
        if cursor.kind in RECORDS:
            kind = RECORDS[cursor.kind]
        else:  # a class template: its keyword decides, as clang prints it (the source may spell the
            # template's parameters through a macro: nlohmann's NLOHMANN_BASIC_JSON_TPL_DECLARATION)
            printed = self._print(cursor)
            keyword = re.search(rf"\b(class|struct|union)\s+{re.escape(name)}\b", printed)
            kind = keyword.group(1) if keyword else "class"
        qualified = self._qualify(scope, name)
        signature = signature or self._record_signature(cursor, kind, name, printed)
        decl = self._new(cursor, path, kind, name, qualified, parent, signature)
        decl.template = cursor.kind in TEMPLATES or (parent is not None and parent.template)
        incomplete = clang_ext.is_invalid(cursor) or self._has_error(path, cursor)
        facts = self._facts(decl, incomplete)
        facts.export, facts.export_macro = self._export(cursor, path)
        if definition is None or definition != cursor:
            return  # opaque to the API: no size, no members
        if self.cxx:
            decl.bases = _bases(cursor)
        if not decl.template and not incomplete:
            rtype = cursor.type
            facts.size = known_size(rtype.get_size())
            facts.align = known_size(rtype.get_align())
            if facts.size is not None:
                facts.fields = self._layout(cursor, rtype)
        self._members(cursor, path, decl, extern_c, [*scope, name])

    def _layout(self, cursor: cindex.Cursor, rtype: cindex.Type, base_bits: int = 0) -> list[FieldLayout]:
        """Every field's place, those of anonymous struct and union members flattened into the parent."""
        layout: list[FieldLayout] = []
        for child in clang_ext.children(cursor):
            if child.kind == K.FIELD_DECL:
                bits = clang_ext.field_offset_bits(child)
                if bits is None:
                    layout.append(FieldLayout(child.spelling, None, None, None))
                    continue
                bits += base_bits
                if child.is_bitfield():
                    width = child.get_bitfield_width()
                    offset = bits // 8 if bits % 8 == 0 else None
                    layout.append(FieldLayout(child.spelling, offset, bits, None, width))
                else:
                    field_size = known_size(child.type.get_size())
                    layout.append(FieldLayout(child.spelling, bits // 8, bits, field_size))
            elif child.kind in RECORDS and clang_ext.is_anonymous_member(child):
                anchor = self._anonymous_member_offset(cursor, child)
                if anchor is None:
                    layout.append(FieldLayout(child.spelling, None, None, None))
                else:
                    layout += self._layout(child, child.type, base_bits + anchor)
        return layout

    @staticmethod
    def _anonymous_member_offset(parent: cindex.Cursor, anonymous: cindex.Cursor) -> int | None:
        """The bit offset of an anonymous struct or union member, from its first named field."""
        for field in clang_ext.children(anonymous):
            if field.kind == K.FIELD_DECL and field.spelling:
                outer = parent.type.get_offset(field.spelling)
                inner = clang_ext.field_offset_bits(field)
                if outer >= 0 and inner is not None:
                    return outer - inner
                return None
        return None

    def _members(
        self, cursor: cindex.Cursor, path: str, decl: Declaration, extern_c: bool, scope: list[str]
    ) -> None:
        c_record = not self.cxx
        children = list(self._children_in_api(cursor))
        for child, child_path in children:
            kind = child.kind
            if kind == K.FIELD_DECL:
                qualified = self._qualify(scope, child.spelling, member_of_c_record=c_record)
                field = self._new(child, child_path, "field", child.spelling, qualified, decl)
                if decl.name.startswith("@"):  # see _unnamed_record
                    field.usr = f"{decl.usr}.{child.spelling}"
                field.type = child.type.spelling
                incomplete = clang_ext.is_invalid(child) or self._has_error(child_path, child)
                facts = self._facts(field, incomplete)
                if not incomplete and not decl.template:
                    facts.size = None if child.is_bitfield() else known_size(child.type.get_size())
                    facts.align = None if child.is_bitfield() else known_size(child.type.get_align())
            elif kind in RECORDS and clang_ext.is_anonymous_member(child):
                self._members(child, child_path, decl, extern_c, scope)
            elif kind in RECORDS and child.is_anonymous() and (field := field_typed(children, child)):
                self._unnamed_record(child, child_path, decl, extern_c, scope, field)
            elif kind == K.FRIEND_DECL:
                self._friend(child, child_path, decl)
            else:
                self._visit(child, child_path, decl, extern_c, scope)

    def _friend(self, cursor: cindex.Cursor, path: str, record: Declaration) -> None:
        """``friend bool operator==(const A &, const A &);``, hidden friends with a body too: functions
        of the enclosing namespace, with external linkage, documented with the class (Doxygen lists
        them under "Friends"). A friend class, or a member of another class, is no new entity; nor
        is a function that another library declared first (``friend void ::other::f(A &);``)."""
        for child in clang_ext.children(cursor):
            if child.kind not in (K.FUNCTION_DECL, K.FUNCTION_TEMPLATE):
                continue
            semantic = child.semantic_parent
            if semantic is None or semantic.kind not in (K.NAMESPACE, K.TRANSLATION_UNIT, K.LINKAGE_SPEC):
                continue
            first = child.canonical
            if first != child and self._file(first) not in self.api_files:
                continue
            names = []
            while semantic is not None and semantic.kind != K.TRANSLATION_UNIT:
                if semantic.kind == K.NAMESPACE:
                    names.append(semantic.spelling)
                semantic = semantic.semantic_parent
            self._function(child, path, record, False, names[::-1], friend=True)

    def _out_of_line_record(self, cursor: cindex.Cursor, path: str) -> None:
        """``template <class E> class Outer<E>::Handler : Base<E> {};``: the definition of the class
        that ``Outer`` declares, rendered there (not a second ``Handler`` in the namespace).

        Its explicit specialization for one ``Outer<int>`` (``template <> class Outer<int>::Handler``)
        is a class of its own, with members compiled where the library defines them: it stands in
        ``Outer``'s scope, its signature naming the specialized class, as a class template's explicit
        specialization stands beside its template."""
        owner = self._owner(cursor)
        if owner is None:
            return
        scope = owner.qualified_name.split("::") if owner.qualified_name else []
        template = clang_ext.specialized_template(cursor)
        if template is None or template.kind not in RECORDS:
            self._record(cursor, path, owner, owner.extern_c, scope, cursor.spelling)
            return
        outer = self.by_usr.get(owner.parent or "")
        # "Outer<int>::Handler" as written ("RepeatedPtrField<std::string>", not clang's canonical
        # "RepeatedPtrField<std::basic_string<char>>"), else as clang spells the type, less the scope.
        pattern = rf"\b(?:class|struct|union)\s+((?:\w+(?:<.*?>)?::)+{re.escape(cursor.spelling)})\b"
        written = re.search(pattern, self._print(cursor))
        prefix = f"{outer.qualified_name}::" if outer is not None and outer.qualified_name else ""
        spelled = written.group(1) if written else cursor.type.spelling.removeprefix(prefix)
        signature = f"template <> {RECORDS[cursor.kind]} {spelled}"
        self._record(cursor, path, outer, owner.extern_c, scope, cursor.spelling, signature)

    def _unnamed_record(
        self,
        cursor: cindex.Cursor,
        path: str,
        parent: Declaration | None,
        extern_c: bool,
        scope: list[str],
        field: str,
    ) -> None:
        """``union { ... } cert;``: the union is named ``@cert``, as Sphinx names anonymous entities,
        and its fields are reached through the field (``gnutls_retr2_st.cert.x509``). Flattened into
        the parent like an anonymous member, gnutls's two unions both declared ``x509``.

        Its identity, and its fields', is its parent's and the field's name, not clang's USR: clang
        names an unnamed record by where it is, and libuv's ``union { struct {...} io; struct {...}
        connect; } u;``, written in one macro, has both structs at the macro's expansion."""
        usr = f"{parent.usr if parent else path}:{field}"
        if usr in self.seen_usrs:
            return
        self.seen_usrs.add(usr)
        kind = RECORDS[cursor.kind]
        name = "@" + field
        qualified = self._qualify(scope, name, member_of_c_record=not self.cxx)
        decl = self._new(cursor, path, kind, name, qualified, parent, f"{kind} {name}")
        decl.usr = usr
        decl.template = parent is not None and parent.template
        incomplete = clang_ext.is_invalid(cursor) or self._has_error(path, cursor)
        facts = self._facts(decl, incomplete)
        if not decl.template and not incomplete:
            facts.size = known_size(cursor.type.get_size())
            facts.align = known_size(cursor.type.get_align())
            if facts.size is not None:
                facts.fields = self._layout(cursor, cursor.type)
        inner = f"{scope[-1]}.{field}" if scope and not self.cxx else field
        self._members(cursor, path, decl, extern_c, [*scope, inner])


def _bases(cursor: cindex.Cursor) -> list[dict[str, object]]:
    """The direct bases in declaration order, which is the order of their subobjects and vtables: the
    name as written (a typedef, a template's arguments) and clang's canonical, qualified spelling,
    which is what two releases are compared by."""
    return [
        {
            "name": child.type.spelling,
            "canonical": child.type.get_canonical().spelling,
            "access": child.access_specifier.name.lower(),
            "virtual": clang_ext.is_virtual_base(child),
        }
        for child in clang_ext.children(cursor)
        if child.kind == K.CXX_BASE_SPECIFIER
    ]
