"""One translation unit's cursors -> declarations with their facts on that unit's platform.

Only declarations in the API's own files are visited (see ``units.inclusions``). Whatever depends on
types that did not resolve is left ``None``: a declaration clang marked invalid, or one on a line with
an error, gets no layout and no mangled name, because clang quietly substitutes ``int`` for an unknown
type and would hand us a wrong name with full confidence. A plain C name depends on no type, and stays.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Iterable

import cxxfilt
from clang import cindex
from clang.cindex import CursorKind as K

from sphinx_nativeapi.model import Declaration, FieldLayout, PlatformFacts
from sphinx_nativeapi.platforms import Platform
from sphinx_nativeapi.scanner import clang_ext, typeinfo
from sphinx_nativeapi.scanner.request import ScanRequest
from sphinx_nativeapi.scanner.source_text import (
    comment_after,
    comment_before_line,
    include_guard,
    line_of,
    text_between,
)

_RECORDS = {K.STRUCT_DECL: "struct", K.UNION_DECL: "union", K.CLASS_DECL: "class"}
_TEMPLATES = {K.CLASS_TEMPLATE, K.CLASS_TEMPLATE_PARTIAL_SPECIALIZATION, K.FUNCTION_TEMPLATE}
_FUNCTIONS = {
    K.FUNCTION_DECL: "function",
    K.FUNCTION_TEMPLATE: "function",
    K.CXX_METHOD: "method",
    K.CONVERSION_FUNCTION: "method",
    K.CONSTRUCTOR: "constructor",
    K.DESTRUCTOR: "destructor",
}
_EXPORT_ATTRS = {K.DLLEXPORT_ATTR: "dllexport", K.DLLIMPORT_ATTR: "dllimport"}
_EXPORT_WORDS = re.compile(r"\b(dllexport|dllimport|visibility)\b")
_X86_DECORATED = {"stdcall", "fastcall", "vectorcall"}
_GUARD_SUFFIX = re.compile(r"(_H|_H_|_HPP|_HPP_|_HXX|_INCLUDED|_INCLUDED_|_H__)$", re.I)


def _is_unnamed(spelling: str) -> bool:
    return not spelling or "(anonymous" in spelling or "(unnamed" in spelling


def _size(value: int) -> int | None:
    """libclang returns a negative error code for an incomplete, dependent or invalid type."""
    return value if value >= 0 else None


def _complete_constructor(base: str) -> str | None:
    """The complete-object (C1) name of an Itanium constructor, from its base-object (C2) name.

    libclang leaves C1 out for abstract classes, since clang never emits it for them; GCC does, and
    exports it. Of every ``C2`` in the name, the constructor's own is the one whose change to ``C1``
    leaves the demangled text the same (any other sits inside a name or a parameter type).
    """
    prefix = "_" if base.startswith("__Z") else ""
    body = base[len(prefix) :]
    try:
        text = cxxfilt.demangle(body)
    except cxxfilt.InvalidName:
        return None
    for match in re.finditer("C2", body):
        candidate = body[: match.start()] + "C1" + body[match.end() :]
        try:
            if cxxfilt.demangle(candidate) == text:
                return prefix + candidate
        except cxxfilt.InvalidName:
            continue
    return None


_SCOPES = {*_RECORDS, K.CLASS_TEMPLATE, K.CLASS_TEMPLATE_PARTIAL_SPECIALIZATION, K.NAMESPACE}
_TRANSPARENT = {K.LINKAGE_SPEC, K.UNEXPOSED_DECL}


def _is_out_of_line(cursor: cindex.Cursor) -> bool:
    """Is this the definition of a member (or namespace member) outside the scope that declares it?"""
    semantic = cursor.semantic_parent
    if semantic is None or semantic.kind not in _SCOPES:
        return False
    lexical = cursor.lexical_parent
    if lexical == semantic:  # declared in its own scope: the common case, without two USRs
        return False
    while lexical is not None and lexical.kind in _TRANSPARENT:
        lexical = lexical.semantic_parent
    return lexical is None or lexical.kind not in _SCOPES or lexical.get_usr() != semantic.get_usr()


_WRAPPERS = {cindex.TypeKind.CONSTANTARRAY, cindex.TypeKind.INCOMPLETEARRAY, cindex.TypeKind.POINTER}


def _field_typed(siblings: list[tuple[cindex.Cursor, str]], record: cindex.Cursor) -> str | None:
    """The field whose type is the unnamed record (through arrays and pointers), if one is."""
    for sibling, _ in siblings:
        if sibling.kind != K.FIELD_DECL or not sibling.spelling:
            continue
        ftype = sibling.type
        while ftype.kind in _WRAPPERS:
            ftype = ftype.get_pointee() if ftype.kind == cindex.TypeKind.POINTER else ftype.element_type
        if ftype.get_declaration() == record:
            return sibling.spelling
    return None


class Extractor:
    """Walks one unit; ``run`` returns its declarations, each with this platform's facts only."""

    def __init__(
        self,
        tu: cindex.TranslationUnit,
        platform: Platform,
        request: ScanRequest,
        api_files: set[str],
        error_lines: dict[str, list[int]],
        top: list[cindex.Cursor] | None = None,
    ) -> None:
        self.tu = tu
        self.top = top  # the unit's top-level cursors, when the caller has walked them already
        self.platform = platform
        self.request = request
        self.api_files = api_files
        self.error_lines = {path: sorted(lines) for path, lines in error_lines.items()}
        self.cxx = request.language == "c++"
        self.out: list[Declaration] = []
        self.seen_usrs: set[str] = set()
        self.functions_by_usr: dict[str, Declaration] = {}
        self.tag_typedefs: list[tuple[Declaration, str]] = []
        self._paths: dict[int | None, str | None] = {None: None}
        self.expansions: dict[str, list[tuple[int, str]]] = {}
        self.macro_bodies: dict[str, list[str]] = {}
        self._other_macro_cursors: list[cindex.Cursor] = []  # outside the API: named only if asked
        self._other_macros: dict[str, cindex.Cursor] | None = None
        self._print = clang_ext.PrettyPrinter()
        self._export_like: dict[str, bool] = {}
        self.user_export_macros = set(request.export_macros)
        self.cursors: list[tuple[Declaration, cindex.Cursor]] = []  # for typeinfo.attach

    @property
    def other_macros(self) -> dict[str, cindex.Cursor]:
        """The macros defined outside the API, by name: spelled only when an export macro needs them."""
        if self._other_macros is None:
            self._other_macros = {cursor.spelling: cursor for cursor in self._other_macro_cursors}
            self._other_macro_cursors = []
        return self._other_macros

    # -- locations ----------------------------------------------------------------------------------

    def _path(self, handle: int | None) -> str | None:
        try:
            return self._paths[handle]
        except KeyError:
            path = self._paths[handle] = os.path.realpath(clang_ext.file_name(handle))
            return path

    def _file(self, cursor: cindex.Cursor) -> str | None:
        return self._path(clang_ext.file_handle(cursor))

    def _has_error(self, path: str, cursor: cindex.Cursor) -> bool:
        lines = self.error_lines.get(path)
        if not lines:
            return False
        extent = cursor.extent
        start, end = extent.start.line, extent.end.line
        i = bisect.bisect_left(lines, start)
        return i < len(lines) and lines[i] <= end

    # -- walk ---------------------------------------------------------------------------------------

    def run(self) -> list[Declaration]:
        try:
            return self._run()
        finally:
            self._print.close()

    def _run(self) -> list[Declaration]:
        """Macro expansions first, then declarations, then macros: a declaration's export macro, or
        the macro that starts it, may be expanded inside a class that comes before it in the list."""
        pending_macros: list[tuple[cindex.Cursor, str]] = []
        declarations: list[tuple[cindex.Cursor, str]] = []
        api_handles: dict[int | None, bool] = {}  # most top-level cursors lie outside the API
        for cursor in self.top if self.top is not None else clang_ext.children(self.tu.cursor):
            kind = cursor.kind
            if kind == K.INCLUSION_DIRECTIVE:
                continue
            handle = clang_ext.file_handle(cursor)
            in_api = api_handles.get(handle)
            if in_api is None:
                in_api = api_handles[handle] = self._path(handle) in self.api_files
            if not in_api:
                if kind == K.MACRO_DEFINITION and handle is not None:
                    self._other_macro_cursors.append(cursor)
                continue
            path = self._paths[handle]
            if kind == K.MACRO_INSTANTIATION:
                self.expansions.setdefault(path, []).append((clang_ext.position(cursor)[2], cursor.spelling))
            elif kind == K.MACRO_DEFINITION:
                self._remember_macro(cursor)
                pending_macros.append((cursor, path))
            else:
                declarations.append((cursor, path))
        for expansions in self.expansions.values():
            expansions.sort()
        for cursor, path in declarations:
            self._visit(cursor, path, None, extern_c=not self.cxx, scope=[])
        for cursor, path in pending_macros:
            self._macro(cursor, path)
        self._fold_tag_typedefs()
        typeinfo.attach(self.cursors, self.platform.name, lambda c: self._file(c) in self.api_files)
        return self.out

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

    def _children_in_api(self, cursor: cindex.Cursor) -> Iterable[tuple[cindex.Cursor, str]]:
        for child in clang_ext.children(cursor):
            path = self._file(child)
            if path in self.api_files:
                yield child, path

    def _visit(
        self, cursor: cindex.Cursor, path: str, parent: Declaration | None, extern_c: bool, scope: list[str]
    ) -> None:
        kind = cursor.kind
        if (kind in _FUNCTIONS or kind == K.VAR_DECL) and _is_out_of_line(cursor):
            # ``inline int C::f() {...}`` after the class: the declaration in the class speaks for it,
            # and is inline too (bodies are skipped, so clang cannot tell the declaration itself).
            declared = self.functions_by_usr.get(cursor.get_usr())
            if declared is not None and clang_ext.is_inlined(cursor):
                declared.inline = True
            return
        if kind == K.NAMESPACE:
            self._namespace(cursor, path, parent, scope)
        elif kind in (K.LINKAGE_SPEC, K.UNEXPOSED_DECL):
            for child, child_path in self._children_in_api(cursor):
                self._visit(child, child_path, parent, extern_c=True, scope=scope)
        elif kind in _FUNCTIONS:
            self._function(cursor, path, parent, extern_c, scope)
        elif kind == K.VAR_DECL:
            self._variable(cursor, path, parent, extern_c, scope)
        elif kind in _RECORDS or kind in (K.CLASS_TEMPLATE, K.CLASS_TEMPLATE_PARTIAL_SPECIALIZATION):
            if not _is_unnamed(cursor.spelling):
                self._record(cursor, path, parent, extern_c, scope, cursor.spelling)
        elif kind == K.ENUM_DECL:
            if not _is_unnamed(cursor.spelling):
                self._enum(cursor, path, parent, scope, cursor.spelling)
            else:  # an anonymous enum declares its constants in the enclosing scope
                self._enum(cursor, path, parent, scope, None)
        elif kind in (K.TYPEDEF_DECL, K.TYPE_ALIAS_DECL):
            self._typedef(cursor, path, parent, extern_c, scope)

    # -- declarations -------------------------------------------------------------------------------

    def _qualify(self, scope: list[str], name: str, member_of_c_record: bool = False) -> str:
        if not scope:
            return name
        return f"{scope[-1]}.{name}" if member_of_c_record else "::".join([*scope, name])

    def _new(
        self,
        cursor: cindex.Cursor,
        path: str,
        kind: str,
        name: str,
        qualified: str,
        parent: Declaration | None,
        signature: str | None = None,
    ) -> Declaration:
        raw = cursor.raw_comment
        line = clang_ext.position(cursor)[1]
        if raw is None and kind != "macro":  # a macro's comment is _macro's business
            if self.request.comment_style == "plain-after":
                raw = comment_after(path, cursor.extent.end.offset)
            else:
                raw = self._comment_above_start(cursor, path)
        decl = Declaration(
            name=name,
            qualified_name=qualified,
            kind=kind,
            usr=cursor.get_usr(),
            file=path,
            line=line,
            signature=signature if signature is not None else self._signature(cursor),
            comment=raw or None,
            deprecated=clang_ext.deprecation(cursor),
            parent=parent.usr if parent else None,
        )
        if parent is not None and parent.kind in ("class", "struct", "union"):
            access = cursor.access_specifier.name.lower()
            decl.access = access if access in ("public", "protected", "private") else None
        self.out.append(decl)
        self.cursors.append((decl, cursor))
        return decl

    def _comment_above_start(self, cursor: cindex.Cursor, path: str) -> str | None:
        """The doc comment right above a declaration that a macro starts.

        libclang attaches none when a macro from another header starts the declaration (nlohmann's
        NLOHMANN_BASIC_JSON_TPL_DECLARATION before ``class basic_json``): it looks for the comment in
        the macro's file. Doxygen, reading the text, takes the block right above, and so does this.
        """
        expansions = self.expansions.get(path)
        if not expansions:
            return None
        _, offset = clang_ext.extent_start(cursor)
        found = bisect.bisect_left(expansions, (offset, ""))
        if found == len(expansions) or expansions[found][0] != offset:
            return None
        return comment_before_line(path, line_of(path, offset), self.request.comment_style)

    def _signature(self, cursor: cindex.Cursor) -> str:
        text = self._print(cursor)
        text = text[7:] if text.startswith("extern ") and not text.startswith('extern "') else text
        name = cursor.spelling
        if name and f"({name}" in text.replace("( ", "("):
            # png.h's "PNG_EXPORT(..)" is "int (PNGAPI png_sig_cmp)(...)", and clang prints the
            # parentheses that an empty PNGAPI leaves: valid C that Sphinx's C domain cannot parse.
            text = re.sub(rf"\(\s*{re.escape(name)}\s*\)(?=\s*[(\[])", name, text, count=1)
        return text

    def _record_signature(
        self, cursor: cindex.Cursor, kind: str, name: str, printed: str | None = None
    ) -> str:
        """``struct name``; for a class template its parameter list, for a specialization its
        arguments too (``template <typename T> struct S<true, T>``): without them a template and its
        specializations were one name, declared twice in Sphinx's C++ domain."""
        specialization = cursor.kind == K.CLASS_TEMPLATE_PARTIAL_SPECIALIZATION or (
            cursor.kind in _RECORDS and cursor.displayname != name
        )
        if cursor.kind != K.CLASS_TEMPLATE and not specialization:
            return f"{kind} {name}"
        printed = printed or self._print(cursor)  # "template <...> struct S<...> final : Base {}"
        found = re.search(rf"\b(?:class|struct|union)\s+{re.escape(name)}\b", printed)
        header = printed[: found.start()].strip() if found else ""
        arguments = cursor.displayname[len(name) :] if specialization else ""
        return f"{header} {kind} {name}{arguments}".strip()

    def _facts(self, decl: Declaration, incomplete: bool) -> PlatformFacts:
        facts = PlatformFacts(incomplete=incomplete)
        decl.platforms[self.platform.name] = facts
        return facts

    def _namespace(
        self, cursor: cindex.Cursor, path: str, parent: Declaration | None, scope: list[str]
    ) -> None:
        name = cursor.spelling or "(anonymous namespace)"
        qualified = self._qualify(scope, name)
        usr = cursor.get_usr()
        if usr not in self.seen_usrs:  # a namespace reopened in another header is one declaration
            self.seen_usrs.add(usr)
            inline = clang_ext.is_inline_namespace(cursor)
            decl = self._new(
                cursor,
                path,
                "namespace",
                name,
                qualified,
                parent,
                ("inline " if inline else "") + f"namespace {name}",
            )
            decl.inline = inline
            self._facts(decl, False)
        holder = Declaration(name, qualified, "namespace", usr, path, 0, "")
        for child, child_path in self._children_in_api(cursor):
            self._visit(child, child_path, holder, extern_c=False, scope=[*scope, name])

    def _export(self, cursor: cindex.Cursor, path: str) -> tuple[str | None, str | None]:
        """The explicit export attribute on the declaration, and the macro that spelled it."""
        export = None
        for child in clang_ext.children(cursor) if clang_ext.has_attributes(cursor) else ():
            kind = child.kind
            if kind in _EXPORT_ATTRS:
                export = _EXPORT_ATTRS[kind]
                break
            if kind == K.VISIBILITY_ATTR:
                export = child.spelling or None
                break
        if not self.expansions.get(path):
            return export, None
        column, offset = clang_ext.extent_start(cursor)
        name_offset = clang_ext.position(cursor)[2]
        # From the start of the line: a macro that expands to nothing lies before the extent.
        macro = self._export_macro(path, offset - (column - 1), name_offset, export is not None)
        return export, macro

    def _export_macro(self, path: str, start: int, end: int, has_attribute: bool) -> str | None:
        expansions = self.expansions.get(path)
        if not expansions:
            return None
        i = bisect.bisect_left(expansions, (start, ""))
        while i < len(expansions) and expansions[i][0] < end:
            name = expansions[i][1]
            if name in self.user_export_macros or (has_attribute and self._is_export_like(name, 0)):
                return name
            i += 1
        return None

    def _remember_macro(self, cursor: cindex.Cursor) -> None:
        tokens = [t.spelling for t in cursor.get_tokens()]
        self.macro_bodies[cursor.spelling] = tokens[1:]

    def _is_export_like(self, name: str, depth: int) -> bool:
        """Does the macro expand (through other macros too) to dllexport, dllimport or visibility?"""
        known = self._export_like.get(name)
        if known is not None:
            return known
        body = self.macro_bodies.get(name)
        if body is None and name in self.other_macros:
            self._remember_macro(self.other_macros.pop(name))
            body = self.macro_bodies.get(name)
        result = False
        if body is not None and depth < 16:
            result = any(_EXPORT_WORDS.fullmatch(t) for t in body) or any(
                t != name
                and (t in self.macro_bodies or t in self.other_macros)
                and self._is_export_like(t, depth + 1)
                for t in body
            )
        self._export_like[name] = result
        return result

    def _symbols(
        self, cursor: cindex.Cursor, name: str, c_linkage: bool, incomplete: bool, convention: str | None
    ) -> list[str] | None:
        if incomplete:
            # A plain C name does not depend on types; an x86 @N decoration and any C++ name do.
            decorated = self.platform.is_x86_32 and self.platform.is_windows and convention in _X86_DECORATED
            return [self.platform.c_prefix + name] if c_linkage and not decorated else None
        if cursor.kind in (K.CONSTRUCTOR, K.DESTRUCTOR):
            names = set(clang_ext.cxx_manglings(cursor))
            if cursor.kind == K.CONSTRUCTOR and self.platform.cxx_abi == "itanium" and len(names) == 1:
                complete = _complete_constructor(next(iter(names)))
                if complete:
                    names.add(complete)
            return sorted(names) or None
        mangled = cursor.mangled_name
        return [mangled] if mangled else None

    def _function(
        self, cursor: cindex.Cursor, path: str, parent: Declaration | None, extern_c: bool, scope: list[str]
    ) -> None:
        kind = _FUNCTIONS[cursor.kind]
        first = self.functions_by_usr.get(cursor.get_usr())
        if first is not None and first.kind == kind:
            # The same function declared again in another header (libgit2's deprecated.h repeats
            # some): one declaration, the first, with a doc comment from either.
            first.take_comment(cursor.raw_comment)
            return
        if kind == "function" and parent is not None and parent.kind in ("class", "struct", "union"):
            kind = "method"  # a member function template
        name = cursor.spelling
        signature = None
        if kind in ("constructor", "destructor") and "<" in name:
            # In a partial specialization clang spells them with its canonical template arguments
            # ("__gmp_expr<type-parameter-0-0, ...>", gmpxx.h): the name is the class's, as written.
            signature = self._signature(cursor).replace(name, name.split("<", 1)[0], 1)
            name = name.split("<", 1)[0]
        decl = self._new(cursor, path, kind, name, self._qualify(scope, name), parent, signature)
        template = cursor.kind == K.FUNCTION_TEMPLATE or (parent is not None and parent.template)
        decl.template = template
        decl.linkage = cursor.linkage.name.lower().replace("_", "-")
        decl.static = cursor.storage_class == cindex.StorageClass.STATIC and kind == "function"
        decl.inline = clang_ext.is_inlined(cursor)
        self.functions_by_usr.setdefault(decl.usr, decl)
        decl.extern_c = extern_c
        if kind in ("method", "constructor", "destructor"):
            decl.virtual = cursor.is_virtual_method()
            decl.pure_virtual = cursor.is_pure_virtual_method()
            decl.deleted = clang_ext.is_deleted_method(cursor)
            decl.static = cursor.is_static_method()
        ftype = cursor.type
        decl.variadic = ftype.kind == cindex.TypeKind.FUNCTIONPROTO and ftype.is_function_variadic()
        decl.type = cursor.result_type.spelling
        decl.params = [{"name": a.spelling, "type": a.type.spelling} for a in cursor.get_arguments()]
        incomplete = clang_ext.is_invalid(cursor) or self._has_error(path, cursor)
        facts = self._facts(decl, incomplete)
        if ftype.kind in (cindex.TypeKind.FUNCTIONPROTO, cindex.TypeKind.FUNCTIONNOPROTO):
            facts.calling_convention = clang_ext.calling_convention(ftype)
        facts.export, facts.export_macro = self._export(cursor, path)
        if facts.export is None and parent is not None and parent.platforms.get(self.platform.name):
            inherited = parent.platforms[self.platform.name]  # members of an exported class are exported
            facts.export, facts.export_macro = inherited.export, inherited.export_macro
        if decl.linkage == "external" and not template and not decl.deleted:
            facts.symbols = self._symbols(cursor, name, extern_c, incomplete, facts.calling_convention)
        else:
            facts.symbols = []

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
        decl = self._new(cursor, path, "variable", name, self._qualify(scope, name), parent)
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
            facts.size = _size(cursor.type.get_size())
            facts.align = _size(cursor.type.get_align())
        if decl.linkage == "external" and not decl.template:
            facts.symbols = self._symbols(cursor, name, extern_c, incomplete, None)
        else:
            facts.symbols = []

    def _record(
        self,
        cursor: cindex.Cursor,
        path: str,
        parent: Declaration | None,
        extern_c: bool,
        scope: list[str],
        name: str,
    ) -> None:
        definition = cursor.get_definition()
        if definition is not None and definition != cursor and self._file(definition) in self.api_files:
            return  # a forward declaration of a record the API defines: the definition speaks for both
        usr = cursor.get_usr()
        if usr in self.seen_usrs:
            return
        self.seen_usrs.add(usr)
        printed = None
        if cursor.kind in _RECORDS:
            kind = _RECORDS[cursor.kind]
        else:  # a class template: its keyword decides, as clang prints it (the source may spell the
            # template's parameters through a macro: nlohmann's NLOHMANN_BASIC_JSON_TPL_DECLARATION)
            printed = self._print(cursor)
            keyword = re.search(rf"\b(class|struct|union)\s+{re.escape(name)}\b", printed)
            kind = keyword.group(1) if keyword else "class"
        qualified = self._qualify(scope, name)
        signature = self._record_signature(cursor, kind, name, printed)
        decl = self._new(cursor, path, kind, name, qualified, parent, signature)
        decl.template = cursor.kind in _TEMPLATES or (parent is not None and parent.template)
        incomplete = clang_ext.is_invalid(cursor) or self._has_error(path, cursor)
        facts = self._facts(decl, incomplete)
        facts.export, facts.export_macro = self._export(cursor, path)
        if definition is None or definition != cursor:
            return  # opaque to the API: no size, no members
        if not decl.template and not incomplete:
            rtype = cursor.type
            facts.size = _size(rtype.get_size())
            facts.align = _size(rtype.get_align())
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
                    layout.append(FieldLayout(child.spelling, bits // 8, bits, _size(child.type.get_size())))
            elif child.kind in _RECORDS and clang_ext.is_anonymous_member(child):
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
                    facts.size = None if child.is_bitfield() else _size(child.type.get_size())
                    facts.align = None if child.is_bitfield() else _size(child.type.get_align())
            elif kind in _RECORDS and clang_ext.is_anonymous_member(child):
                self._members(child, child_path, decl, extern_c, scope)
            elif kind in _RECORDS and child.is_anonymous() and (field := _field_typed(children, child)):
                self._unnamed_record(child, child_path, decl, extern_c, scope, field)
            else:
                self._visit(child, child_path, decl, extern_c, scope)

    def _unnamed_record(
        self,
        cursor: cindex.Cursor,
        path: str,
        parent: Declaration,
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
        usr = f"{parent.usr}:{field}"
        if usr in self.seen_usrs:
            return
        self.seen_usrs.add(usr)
        kind = _RECORDS[cursor.kind]
        name = "@" + field
        qualified = self._qualify(scope, name, member_of_c_record=not self.cxx)
        decl = self._new(cursor, path, kind, name, qualified, parent, f"{kind} {name}")
        decl.usr = usr
        decl.template = parent.template
        incomplete = clang_ext.is_invalid(cursor) or self._has_error(path, cursor)
        facts = self._facts(decl, incomplete)
        if not decl.template and not incomplete:
            facts.size = _size(cursor.type.get_size())
            facts.align = _size(cursor.type.get_align())
            if facts.size is not None:
                facts.fields = self._layout(cursor, cursor.type)
        inner = f"{scope[-1]}.{field}" if scope and not self.cxx else field
        self._members(cursor, path, decl, extern_c, [*scope, inner])

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
            facts.size = _size(cursor.type.get_size())
            facts.align = _size(cursor.type.get_align())
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
        underlying = cursor.underlying_typedef_type
        target = underlying.get_declaration()
        inline_definition = (
            target.kind in (*_RECORDS, K.ENUM_DECL)
            and target.is_definition()
            and target.location.file is not None
            and self._file(target) == path
            and cursor.extent.start.offset <= target.location.offset <= cursor.extent.end.offset
        )
        if inline_definition and (_is_unnamed(target.spelling) or target.spelling == name):
            # typedef struct { ... } name;  — one declaration, documented as the struct it names.
            if target.get_usr() in self.seen_usrs:
                return
            if target.kind == K.ENUM_DECL:
                self._enum(target, path, parent, scope, name)
            else:
                self._record(target, path, parent, extern_c, scope, name)
                if self.out and self.out[-1].usr == target.get_usr():
                    self.out[-1].signature = f"{self.out[-1].kind} {name}"
            return
        decl = self._new(cursor, path, "typedef", name, self._qualify(scope, name), parent)
        if target.kind in (*_RECORDS, K.ENUM_DECL) and target.spelling == name:
            self.tag_typedefs.append((decl, target.get_usr()))
        decl.type = underlying.spelling
        incomplete = clang_ext.is_invalid(cursor) or self._has_error(path, cursor)
        facts = self._facts(decl, incomplete)
        canonical = underlying.get_canonical()
        if not incomplete and canonical.kind not in (
            cindex.TypeKind.FUNCTIONPROTO,
            cindex.TypeKind.FUNCTIONNOPROTO,
        ):
            facts.size = _size(underlying.get_size())
            facts.align = _size(underlying.get_align())

    @staticmethod
    def _macro_value(cursor: cindex.Cursor, path: str, function_like: bool) -> str:
        """The replacement text as written (tokens joined by spaces would read ``( ( x ) * ( x ) )``)."""
        extent = cursor.extent
        start = extent.start.offset
        text = text_between(path, start, extent.end.offset)
        name = cursor.spelling
        rest = text[len(name) :] if text.startswith(name) else text
        if function_like:
            depth = 0
            for i, char in enumerate(rest):
                depth += char == "("
                depth -= char == ")"
                if depth == 0 and char == ")":
                    return rest[i + 1 :].strip()
        return rest.strip()

    def _macro(self, cursor: cindex.Cursor, path: str) -> None:
        name = cursor.spelling
        body = self.macro_bodies.get(name, [])
        function_like = clang_ext.is_macro_function_like(cursor)
        params: list[str] = []
        if function_like and body and body[0] == "(":
            close = body.index(")") if ")" in body else len(body) - 1
            params = [t for t in body[1:close] if t != ","]
            body = body[close + 1 :]
        if not function_like and not body and (name == include_guard(path) or _GUARD_SUFFIX.search(name)):
            return  # an include guard
        if not function_like and body == [name]:
            # "#define XML_STATUS_OK XML_STATUS_OK" (expat; glibc's SOCK_STREAM, stdin): it only lets
            # #ifdef see the enumerator or variable of that name, which is the API and is documented;
            # rendered too, the two would be one name declared twice in Sphinx's C domain.
            return
        line = cursor.location.line
        signature = f"{name}({', '.join(params)})" if function_like else name
        decl = self._new(cursor, path, "macro", name, name, None, signature)
        if decl.comment is None:
            if self.request.comment_style == "plain-after":
                raw = comment_after(path, cursor.extent.end.offset, statement=False)
            else:
                raw = comment_before_line(path, line, self.request.comment_style)
            decl.comment = raw or None
        decl.value = self._macro_value(cursor, path, function_like)
        decl.params = [{"name": p} for p in params] if function_like else None
        self._facts(decl, False)
