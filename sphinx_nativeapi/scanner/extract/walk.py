"""The walk over one unit: top-level cursors, then each declaration by its family, then macros."""

from __future__ import annotations

from clang import cindex
from clang.cindex import CursorKind as K

from sphinx_nativeapi.model import ANONYMOUS_NAMESPACE, Declaration
from sphinx_nativeapi.scanner import clang_ext, typeinfo
from sphinx_nativeapi.scanner.extract.common import (
    FUNCTIONS,
    RECORDS,
    enclosing_classes,
    is_out_of_line,
    is_specialization,
    is_unnamed,
)
from sphinx_nativeapi.scanner.extract.functions import FunctionsMixin
from sphinx_nativeapi.scanner.extract.macros import MacrosMixin
from sphinx_nativeapi.scanner.extract.records import RecordsMixin
from sphinx_nativeapi.scanner.extract.types import TypesMixin


class Extractor(FunctionsMixin, RecordsMixin, TypesMixin, MacrosMixin):
    """Walks one unit; ``run`` returns its declarations, each with this platform's facts only."""

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

    def _visit(
        self, cursor: cindex.Cursor, path: str, parent: Declaration | None, extern_c: bool, scope: list[str]
    ) -> None:
        kind = cursor.kind
        if kind in FUNCTIONS or kind == K.VAR_DECL:
            if self._is_recovery_fragment(cursor, path):
                return
            if is_out_of_line(cursor):
                if kind != K.VAR_DECL and is_specialization(cursor):
                    # ``template <> Foo *Arena::Create<Foo>(Arena *);``: a function of its own.
                    owner = self._owner(cursor)
                    if owner is not None:
                        self._function(cursor, path, owner, False, owner.qualified_name.split("::"))
                    else:  # its class is not API (any.pb.h specializes arena.h's Arena::Create...):
                        # the function stands in its namespace, named with its class
                        classes = enclosing_classes(cursor)
                        self._function(cursor, path, parent, False, [*scope, *classes], qualified=True)
                    return
                # ``inline int C::f() {...}`` after the class: the declaration in the class speaks for
                # it, and is inline too (bodies are skipped, so clang cannot tell the declaration itself).
                declared = self.first_by_usr.get(cursor.get_usr())
                if declared is not None and clang_ext.is_inlined(cursor):
                    self._mark_inline(declared)
                return
        if kind == K.NAMESPACE:
            # An anonymous namespace's entities have internal linkage: API only when the project asks.
            if cursor.spelling or self.request.anonymous_namespaces:
                self._namespace(cursor, path, parent, scope)
        elif kind in (K.LINKAGE_SPEC, K.UNEXPOSED_DECL):
            for child, child_path in self._children_in_api(cursor):
                self._visit(child, child_path, parent, extern_c=True, scope=scope)
        elif kind in FUNCTIONS:
            self._function(cursor, path, parent, extern_c, scope)
        elif kind == K.VAR_DECL:
            self._variable(cursor, path, parent, extern_c, scope)
        elif kind in RECORDS or kind in (K.CLASS_TEMPLATE, K.CLASS_TEMPLATE_PARTIAL_SPECIALIZATION):
            if is_unnamed(cursor.spelling):
                return
            if is_out_of_line(cursor):
                self._out_of_line_record(cursor, path)
            else:
                self._record(cursor, path, parent, extern_c, scope, cursor.spelling)
        elif kind == K.ENUM_DECL:
            if not is_unnamed(cursor.spelling):
                self._enum(cursor, path, parent, scope, cursor.spelling)
            else:  # an anonymous enum declares its constants in the enclosing scope
                self._enum(cursor, path, parent, scope, None)
        elif kind in (K.TYPEDEF_DECL, K.TYPE_ALIAS_DECL):
            if not self._is_recovery_fragment(cursor, path):
                self._typedef(cursor, path, parent, extern_c, scope)
        elif kind == K.TYPE_ALIAS_TEMPLATE_DECL:
            self._alias_template(cursor, path, parent, scope)

    def _namespace(
        self, cursor: cindex.Cursor, path: str, parent: Declaration | None, scope: list[str]
    ) -> None:
        name = cursor.spelling or ANONYMOUS_NAMESPACE
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
                ("inline " if inline else "") + ("namespace " + cursor.spelling).strip(),
            )
            decl.inline = inline
            self._facts(decl, False)
        holder = self.by_usr.get(usr) or Declaration(name, qualified, "namespace", usr, path, 0, "")
        for child, child_path in self._children_in_api(cursor):
            self._visit(child, child_path, holder, extern_c=False, scope=[*scope, name])
