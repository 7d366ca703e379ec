"""What every family of the walk shares: the cursor kinds it tells apart, helpers over cursors, and
the extractor's base (locations, new declarations, export attributes and the macros that spell them).

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

from sphinx_nativeapi.model import Declaration, PlatformFacts
from sphinx_nativeapi.platforms import Platform
from sphinx_nativeapi.scanner import clang_ext
from sphinx_nativeapi.scanner.request import ScanRequest
from sphinx_nativeapi.scanner.source_text import (
    comment_after,
    comment_before_line,
    line_of,
    text_between,
)

RECORDS = {K.STRUCT_DECL: "struct", K.UNION_DECL: "union", K.CLASS_DECL: "class"}
TEMPLATES = {K.CLASS_TEMPLATE, K.CLASS_TEMPLATE_PARTIAL_SPECIALIZATION, K.FUNCTION_TEMPLATE}
FUNCTIONS = {
    K.FUNCTION_DECL: "function",
    K.FUNCTION_TEMPLATE: "function",
    K.CXX_METHOD: "method",
    K.CONVERSION_FUNCTION: "method",
    K.CONSTRUCTOR: "constructor",
    K.DESTRUCTOR: "destructor",
}
_EXPORT_ATTRS = {K.DLLEXPORT_ATTR: "dllexport", K.DLLIMPORT_ATTR: "dllimport"}
_EXPORT_WORDS = re.compile(r"\b(dllexport|dllimport|visibility)\b")
X86_DECORATED = {"stdcall", "fastcall", "vectorcall"}
GUARD_SUFFIX = re.compile(r"(_H|_H_|_HPP|_HPP_|_HXX|_INCLUDED|_INCLUDED_|_H__)$", re.I)


def is_unnamed(spelling: str) -> bool:
    return not spelling or "(anonymous" in spelling or "(unnamed" in spelling


def known_size(value: int) -> int | None:
    """libclang returns a negative error code for an incomplete, dependent or invalid type."""
    return value if value >= 0 else None


def complete_constructor(base: str) -> str | None:
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


_SCOPES = {*RECORDS, K.CLASS_TEMPLATE, K.CLASS_TEMPLATE_PARTIAL_SPECIALIZATION, K.NAMESPACE}
_TRANSPARENT = {K.LINKAGE_SPEC, K.UNEXPOSED_DECL}


def is_out_of_line(cursor: cindex.Cursor) -> bool:
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


# After a variable's declarator: a name, then a name or "(" (not an attribute: __attribute__((...)),
# asm("...")), or a "*" or "&": the start of another declarator, which only a comma could introduce.
_STARTS_A_DECLARATOR = re.compile(r"\s*(?:(?!__|asm\b)[A-Za-z_]\w*\b\s*[A-Za-z_(]|[*&])")
_WRAPPERS = {cindex.TypeKind.CONSTANTARRAY, cindex.TypeKind.INCOMPLETEARRAY, cindex.TypeKind.POINTER}
RECORD_KINDS = ("class", "struct", "union")


def enclosing_classes(cursor: cindex.Cursor) -> list[str]:
    """The classes around a member, outermost first (``Outer``, ``Inner`` for ``Outer::Inner::f``)."""
    names: list[str] = []
    semantic = cursor.semantic_parent
    while semantic is not None and semantic.kind in (*RECORDS, *TEMPLATES):
        names.append(semantic.spelling)
        semantic = semantic.semantic_parent
    return names[::-1]


def is_specialization(cursor: cindex.Cursor) -> bool:
    """An explicit specialization of a function template, or of a member of a class template's
    specialization: a function of its own, with its own symbol."""
    return clang_ext.specialized_template(cursor) is not None


def template_head(text: str) -> int:
    """Where ``template <...>`` at the start of a declaration ends (0 when it has none)."""
    found = re.match(r"\s*template\s*<", text)
    if not found:
        return 0
    depth = 0
    for i in range(found.end() - 1, len(text)):
        depth += {"<": 1, ">": -1}.get(text[i], 0)
        if depth == 0:
            return i + 1
    return 0


def unnamed_type(cursor: cindex.Cursor) -> cindex.Cursor | None:
    """The unnamed class, struct or union that a variable is declared with (``class { } C;``)."""
    vtype = cursor.type
    while vtype.kind in _WRAPPERS:
        vtype = vtype.get_pointee() if vtype.kind == cindex.TypeKind.POINTER else vtype.element_type
    record = vtype.get_declaration()
    if record.kind in RECORDS and record.is_anonymous() and not clang_ext.is_anonymous_member(record):
        return record
    return None


def field_typed(siblings: list[tuple[cindex.Cursor, str]], record: cindex.Cursor) -> str | None:
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


class ExtractorBase:
    """The state of one walk and what every family of declarations uses."""

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
        # The first declaration of each function and variable: what a redeclaration adds to.
        self.first_by_usr: dict[str, Declaration] = {}
        self.by_usr: dict[str, Declaration] = {}  # scopes, for what is defined outside them
        self.macros: dict[str, Declaration] = {}
        self.typedefs: dict[str, Declaration] = {}  # by qualified name: what a typedef names
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

    def _children_in_api(self, cursor: cindex.Cursor) -> Iterable[tuple[cindex.Cursor, str]]:
        for child in clang_ext.children(cursor):
            path = self._file(child)
            if path in self.api_files:
                yield child, path

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
        self.by_usr.setdefault(decl.usr, decl)
        return decl

    def _owner(self, cursor: cindex.Cursor) -> Declaration | None:
        """The declaration of the scope a cursor defined outside it belongs to: its semantic parent,
        or for a member of a class template's specialization (``Outer<int>::Handler``), the template.
        None when that scope is not part of the API."""
        semantic = cursor.semantic_parent
        if semantic is None:
            return None
        owner = self.by_usr.get(semantic.get_usr())
        if owner is None and (template := clang_ext.specialized_template(semantic)) is not None:
            owner = self.by_usr.get(template.get_usr())
        return owner

    def _is_recovery_fragment(self, cursor: cindex.Cursor, path: str) -> bool:
        """What clang's recovery made of a line it could not parse: ``int MYLIB_CALL f(void);``, its
        calling-convention macro's header not found, is a variable ``MYLIB_CALL`` and an error. No
        variable's declarator is followed by another declarator (``f(``, ``*f``), so a variable that
        is, on an error line, is a fragment: a ``nativeapi.parse`` finding, not an object of the API.
        (``extern int x MYLIB_DEPRECATED;``, its macro not found, is the variable ``x``, kept as
        incomplete; so is a function whose types failed.) Typedefs too: libuv's win.h, read on Linux,
        makes ``typedef signed __int64 int64_t;`` a typedef ``__int64`` and
        ``typedef BOOL (PASCAL *LPFN_CONNECTEX)(...)`` one named ``PASCAL``."""
        if cursor.kind not in (K.VAR_DECL, K.TYPEDEF_DECL) or not self._has_error(path, cursor):
            return False
        if cursor.kind == K.TYPEDEF_DECL and cursor.spelling.startswith("__"):
            return True  # another compiler's keyword read as the name (``signed __int64 int64_t``)
        # What follows the declared name ("int (WINAPI *cb)(int)": "*cb", after the name "WINAPI").
        name = cursor.spelling
        offset = clang_ext.position(cursor)[2]
        if text_between(path, offset, offset + len(name)) != name:
            return False  # the name comes from a macro: the text here is not the declarator
        after = text_between(path, offset + len(name), offset + len(name) + 200)
        return _STARTS_A_DECLARATOR.match(after) is not None

    def _mark_inline(self, decl: Declaration) -> None:
        """A redeclaration made the function inline on this platform (``#ifndef _WIN32`` then
        ``inline void f(void) {}`` after ``LIB_API void f(void);``)."""
        decl.inline = True
        facts = decl.platforms.get(self.platform.name)
        if facts is not None:
            facts.inline = True

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

    def _facts(self, decl: Declaration, incomplete: bool) -> PlatformFacts:
        facts = PlatformFacts(incomplete=incomplete)
        decl.platforms[self.platform.name] = facts
        return facts

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
