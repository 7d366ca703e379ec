"""Enums, typedefs and alias templates, and the typedefs that only name a tag."""

from __future__ import annotations

from clang import cindex
from clang.cindex import CursorKind as K

from sphinx_nativeapi.model import Declaration
from sphinx_nativeapi.scanner import clang_ext
from sphinx_nativeapi.scanner.extract.common import (
    RECORD_KINDS,
    RECORDS,
    ExtractorBase,
    is_unnamed,
    known_size,
)


class TypesMixin(ExtractorBase):
    """Enums, typedefs and alias templates."""

    def _fold_tag_typedefs(self) -> None:
        """``typedef struct X X;`` adds no name in C++ and only a spelling in C: the struct stands for it.

        The typedef's doc comment (where C headers usually put it) goes to the struct that has none.
        """
        tags = {d.usr: d for d in self.out if d.kind in ("struct", "union", "class", "enum")}
        folded = set()
        for typedef, usr in self.tag_typedefs:
            tag = tags.get(usr)
            if tag is None:
                continue
            tag.take_comment(typedef.comment)
            folded.add(id(typedef))
        if folded:
            self.out = [d for d in self.out if id(d) not in folded]

    def _alias_template(
        self, cursor: cindex.Cursor, path: str, parent: Declaration | None, scope: list[str]
    ) -> None:
        """``template <class T> using Vec = std::vector<T>;``: a typedef that is a template."""
        name = cursor.spelling
        decl = self._new(cursor, path, "typedef", name, self._qualify(scope, name), parent)
        decl.template = True
        for child in clang_ext.children(cursor):
            if child.kind == K.TYPE_ALIAS_DECL:
                decl.type = child.underlying_typedef_type.spelling
        self._facts(decl, clang_ext.is_invalid(cursor) or self._has_error(path, cursor))

    def _enum(
        self, cursor: cindex.Cursor, path: str, parent: Declaration | None, scope: list[str], name: str | None
    ) -> None:
        usr = cursor.get_usr()
        if usr in self.seen_usrs or not cursor.is_definition():
            return
        self.seen_usrs.add(usr)
        decl = None
        enum_scope = scope
        if name is not None:
            scoped = cursor.is_scoped_enum()
            keyword = "enum class" if scoped else "enum"
            decl = self._new(
                cursor, path, "enum", name, self._qualify(scope, name), parent, f"{keyword} {name}"
            )
            decl.underlying_type = cursor.enum_type.spelling
            facts = self._facts(decl, clang_ext.is_invalid(cursor))
            facts.size = known_size(cursor.type.get_size())
            facts.align = known_size(cursor.type.get_align())
            if scoped:
                enum_scope = [*scope, name]
        for child, child_path in self._children_in_api(cursor):
            if child.kind != K.ENUM_CONSTANT_DECL:
                continue
            constant = self._new(
                child,
                child_path,
                "enumerator",
                child.spelling,
                self._qualify(enum_scope, child.spelling),
                decl or parent,
            )
            constant.value = str(child.enum_value)
            self._facts(constant, False)

    def _typedef(
        self, cursor: cindex.Cursor, path: str, parent: Declaration | None, extern_c: bool, scope: list[str]
    ) -> None:
        name = cursor.spelling
        qualified = self._qualify(scope, name)
        # Members are left alone: a class template's specializations each have their own "type".
        member = parent is not None and parent.kind in RECORD_KINDS
        first = None if member else self.typedefs.get(qualified)
        if first is not None:
            # "typedef int uv_file;" again in another header of the unit (C11 allows it; libuv's
            # win.h and unix.h, both named): one name, the first declaration. By name: clang's USR
            # of a C typedef can carry its file ("c:unix.h@T@uv_file").
            first.take_comment(cursor.raw_comment)
            return
        underlying = cursor.underlying_typedef_type
        target = underlying.get_declaration()
        inline_definition = (
            target.kind in (*RECORDS, K.ENUM_DECL)
            and target.is_definition()
            and target.location.file is not None
            and self._file(target) == path
            and cursor.extent.start.offset <= target.location.offset <= cursor.extent.end.offset
        )
        if inline_definition and (is_unnamed(target.spelling) or target.spelling == name):
            # typedef struct { ... } name;  — one declaration, documented as the struct it names.
            if target.get_usr() not in self.seen_usrs:
                if target.kind == K.ENUM_DECL:
                    self._enum(target, path, parent, scope, name)
                else:
                    self._record(target, path, parent, extern_c, scope, name)
                    if self.out and self.out[-1].usr == target.get_usr():
                        self.out[-1].signature = f"{self.out[-1].kind} {name}"
            named = self.by_usr.get(target.get_usr())
            if named is not None:  # the typedef's name is the record's, in any later header too
                self.typedefs.setdefault(qualified, named)
            return
        decl = self._new(cursor, path, "typedef", name, qualified, parent)
        if not member:
            self.typedefs[qualified] = decl
        if target.kind in (*RECORDS, K.ENUM_DECL) and target.spelling == name:
            self.tag_typedefs.append((decl, target.get_usr()))
        decl.type = underlying.spelling
        incomplete = clang_ext.is_invalid(cursor) or self._has_error(path, cursor)
        facts = self._facts(decl, incomplete)
        canonical = underlying.get_canonical()
        if not incomplete and canonical.kind not in (
            cindex.TypeKind.FUNCTIONPROTO,
            cindex.TypeKind.FUNCTIONNOPROTO,
        ):
            facts.size = known_size(underlying.get_size())
            facts.align = known_size(underlying.get_align())
