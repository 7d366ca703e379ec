"""Functions, methods and variables: their symbols per platform, friends, explicit specializations,
and what a redeclaration adds (a doc comment, ``inline``)."""

from __future__ import annotations

import os
import re

from clang import cindex
from clang.cindex import CursorKind as K

from sphinx_nativeapi.model import Declaration
from sphinx_nativeapi.scanner import clang_ext
from sphinx_nativeapi.scanner.extract.common import (
    FUNCTIONS,
    RECORD_KINDS,
    X86_DECORATED,
    ExtractorBase,
    complete_constructor,
    is_specialization,
    known_size,
    template_head,
    unnamed_type,
)
from sphinx_nativeapi.scanner.source_text import text_between

_QUALIFIER = r"(?:\w+(?:<[^()]*?>)?::)+"  # "Box<long>::", "Outer::Inner::"
_DELETED = re.compile(r"\s*=\s*delete\b")


class FunctionsMixin(ExtractorBase):
    """Functions, methods and variables, friends and explicit specializations included."""

    def _symbols(
        self, cursor: cindex.Cursor, name: str, c_linkage: bool, incomplete: bool, convention: str | None
    ) -> list[str] | None:
        if incomplete:
            # A plain C name does not depend on types; an x86 @N decoration and any C++ name do.
            decorated = self.platform.is_x86_32 and self.platform.is_windows and convention in X86_DECORATED
            return [self.platform.c_prefix + name] if c_linkage and not decorated else None
        if cursor.kind in (K.CONSTRUCTOR, K.DESTRUCTOR):
            names = set(clang_ext.cxx_manglings(cursor))
            if cursor.kind == K.CONSTRUCTOR and self.platform.cxx_abi == "itanium" and len(names) == 1:
                complete = complete_constructor(next(iter(names)))
                if complete:
                    names.add(complete)
            return sorted(names) or None
        mangled = cursor.mangled_name
        return [mangled] if mangled else None

    def _function(
        self,
        cursor: cindex.Cursor,
        path: str,
        parent: Declaration | None,
        extern_c: bool,
        scope: list[str],
        friend: bool = False,
        qualified: bool = False,
    ) -> None:
        """A function or method; ``friend``: declared by a friend declaration in ``parent``;
        ``qualified``: a member rendered outside its class, its signature naming the class."""
        kind = FUNCTIONS[cursor.kind]
        first = self.first_by_usr.get(cursor.get_usr())
        if first is not None and first.kind in (kind, "method" if kind == "function" else kind):
            # The same function declared again in another header (libgit2's deprecated.h repeats
            # some), or defined after its declaration: one declaration, the first, with a doc
            # comment from either, inline if any of them says so on this platform.
            first.take_comment(cursor.raw_comment)
            if clang_ext.is_inlined(cursor):
                self._mark_inline(first)
            return
        if kind == "function" and not friend and parent is not None and parent.kind in RECORD_KINDS:
            kind = "method"  # a member function template
        name = cursor.spelling
        signature = None
        if kind in ("constructor", "destructor") and "<" in name:
            # In a partial specialization clang spells them with its canonical template arguments
            # ("__gmp_expr<type-parameter-0-0, ...>", gmpxx.h): the name is the class's, as written.
            signature = self._signature(cursor).replace(name, name.split("<", 1)[0], 1)
            name = name.split("<", 1)[0]
        specialization = cursor.kind != K.FUNCTION_TEMPLATE and is_specialization(cursor)
        if friend or specialization:
            signature = self._declared_signature(cursor, friend, qualified)
        decl = self._new(cursor, path, kind, name, self._qualify(scope, name), parent, signature)
        if friend:
            decl.friend = True
            decl.access = None  # a friend is no member: access does not apply to it
        # An explicit specialization is a function of its own, compiled where the library defines it.
        template = cursor.kind == K.FUNCTION_TEMPLATE or (
            parent is not None and parent.template and not specialization
        )
        decl.template = template
        decl.linkage = cursor.linkage.name.lower().replace("_", "-")
        decl.static = cursor.storage_class == cindex.StorageClass.STATIC and kind == "function"
        decl.inline = clang_ext.is_inlined(cursor)
        self.first_by_usr.setdefault(decl.usr, decl)
        decl.extern_c = extern_c
        if kind in ("method", "constructor", "destructor"):
            decl.virtual = cursor.is_virtual_method()
            if decl.virtual:
                decl.overrides = [_qualified(m) for m in clang_ext.overridden(cursor)]
            decl.pure_virtual = cursor.is_pure_virtual_method()
            decl.deleted = clang_ext.is_deleted_method(cursor)
            decl.static = cursor.is_static_method()
        elif self.cxx:
            decl.deleted = self._is_deleted_function(cursor, path)
        ftype = cursor.type
        decl.variadic = ftype.kind == cindex.TypeKind.FUNCTIONPROTO and ftype.is_function_variadic()
        decl.type = cursor.result_type.spelling
        decl.params = [{"name": a.spelling, "type": a.type.spelling} for a in cursor.get_arguments()]
        incomplete = clang_ext.is_invalid(cursor) or self._has_error(path, cursor)
        facts = self._facts(decl, incomplete)
        facts.inline = decl.inline
        if ftype.kind in (cindex.TypeKind.FUNCTIONPROTO, cindex.TypeKind.FUNCTIONNOPROTO):
            facts.calling_convention = clang_ext.calling_convention(ftype)
        facts.export, facts.export_macro = self._export(cursor, path)
        inherits = not friend and parent is not None and parent.kind in RECORD_KINDS
        if facts.export is None and inherits and parent.platforms.get(self.platform.name):
            inherited = parent.platforms[self.platform.name]  # members of an exported class are exported
            facts.export, facts.export_macro = inherited.export, inherited.export_macro
        if decl.linkage == "external" and not template and not decl.deleted:
            facts.symbols = self._symbols(cursor, name, extern_c, incomplete, facts.calling_convention)
        else:
            facts.symbols = []

    def _is_deleted_function(self, cursor: cindex.Cursor, path: str) -> bool:
        """``void f(int) = delete;`` outside a class: libclang asks only methods
        (``clang_CXXMethod_isDeleted``), and clang prints no ``= delete`` for a deleted explicit
        specialization, so the source text right after the declaration's extent (which ends at its
        declarator) says it. A deleted function is never compiled: it has no symbol."""
        end = cursor.extent.end
        if end.file is None or os.path.realpath(end.file.name) != path:
            return False
        return _DELETED.match(text_between(path, end.offset, end.offset + 40)) is not None

    def _declared_signature(self, cursor: cindex.Cursor, friend: bool, qualified: bool = False) -> str:
        """A friend's or an explicit specialization's declaration as its scope would write it:
        ``friend bool operator==(const A &, const A &)``, ``template <> Foo *Create<Foo>(Arena *)``
        (clang prints the specialization's arguments and the scope that an out-of-line one names)."""
        text = self._signature(cursor)
        name = cursor.spelling
        if not friend:
            # "template <> void Box<long>::put(long v)": the scope is where it is rendered.
            if not qualified:
                text = re.sub(rf"{_QUALIFIER}(?={re.escape(name)}\s*[<(])", "", text, count=1)
            if not text.startswith("template"):
                text = "template <> " + text
        else:  # clang prints a friend template as "friend template <class T> void f(T)"
            text = text.removeprefix("friend ")
            head = template_head(text)
            if not re.match(r"\s*friend\b", text[head:]):
                text = f"{text[:head]} friend {text[head:].lstrip()}".lstrip()
        return text

    def _is_inline_variable(self, cursor: cindex.Cursor, name: str, member: bool) -> bool:
        """C++17 inline variables: ``inline`` ones, and ``constexpr`` static data members.

        Every unit that uses one defines it, so a library need not export it: like an inline function.
        """
        std = self.request.std or ""
        before_17 = std.replace("gnu", "c").replace("c++", "") in ("98", "03", "11", "14", "0x", "1y")
        for token in cursor.get_tokens():
            spelling = token.spelling
            if spelling == name:
                return False
            if spelling == "inline" or (spelling == "constexpr" and member and not before_17):
                return True
        return False

    def _variable(
        self, cursor: cindex.Cursor, path: str, parent: Declaration | None, extern_c: bool, scope: list[str]
    ) -> None:
        name = cursor.spelling
        first = self.first_by_usr.get(cursor.get_usr())
        if first is not None and first.kind == "variable":
            # ``extern int errno_like;`` in two headers: one variable, as a repeated function is.
            first.take_comment(cursor.raw_comment)
            return
        unnamed = unnamed_type(cursor)
        if unnamed is not None and self._file(unnamed) == path:
            # ``class { int foo; } C;``: the class is "@C", as Sphinx names unnamed entities.
            self._unnamed_record(unnamed, path, parent, extern_c, scope, name)
        decl = self._new(cursor, path, "variable", name, self._qualify(scope, name), parent)
        self.first_by_usr.setdefault(decl.usr, decl)
        decl.linkage = cursor.linkage.name.lower().replace("_", "-")
        decl.static = cursor.storage_class == cindex.StorageClass.STATIC and parent is None
        decl.extern_c = extern_c
        decl.type = cursor.type.spelling
        decl.template = parent is not None and parent.template
        decl.inline = self.cxx and self._is_inline_variable(cursor, name, member=parent is not None)
        incomplete = clang_ext.is_invalid(cursor) or self._has_error(path, cursor)
        facts = self._facts(decl, incomplete)
        facts.export, facts.export_macro = self._export(cursor, path)
        if facts.export is None and parent is not None and parent.platforms.get(self.platform.name):
            inherited = parent.platforms[self.platform.name]
            facts.export, facts.export_macro = inherited.export, inherited.export_macro
        if not incomplete:
            facts.size = known_size(cursor.type.get_size())
            facts.align = known_size(cursor.type.get_align())
        if decl.linkage == "external" and not decl.template:
            facts.symbols = self._symbols(cursor, name, extern_c, incomplete, None)
        else:
            facts.symbols = []


def _qualified(cursor: cindex.Cursor) -> str:
    """A base class's method as the scan names it (``ns::Base::f``): a class template's
    specialization with its arguments (``Box<int>``), as a base's canonical spelling has them."""
    names = [cursor.spelling]
    scope = cursor.semantic_parent
    while scope is not None and scope.kind != K.TRANSLATION_UNIT:
        if scope.kind == K.NAMESPACE:
            names.append(scope.spelling)
        elif scope.kind != K.LINKAGE_SPEC:
            names.append(scope.displayname)
        scope = scope.semantic_parent
    return "::".join(reversed(names))
