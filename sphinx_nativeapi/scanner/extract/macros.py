"""Macros: object-like and function-like, with their replacement text and doc comment."""

from __future__ import annotations

from clang import cindex

from sphinx_nativeapi.scanner import clang_ext
from sphinx_nativeapi.scanner.extract.common import (
    GUARD_SUFFIX,
    ExtractorBase,
)
from sphinx_nativeapi.scanner.source_text import (
    comment_after,
    comment_before_line,
    include_guard,
    text_between,
)


class MacrosMixin(ExtractorBase):
    """Macros, once each per unit."""

    def _macro_comment(self, cursor: cindex.Cursor, path: str) -> str | None:
        if cursor.raw_comment:
            return cursor.raw_comment
        if self.request.comment_style == "plain-after":
            raw = comment_after(path, cursor.extent.end.offset, statement=False)
        else:
            raw = comment_before_line(path, cursor.location.line, self.request.comment_style)
        return raw or None

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
        first = self.macros.get(name)
        if first is not None:
            # Defined again in another header (after an #undef): one macro, the first definition.
            first.take_comment(self._macro_comment(cursor, path))
            return
        body = self.macro_bodies.get(name, [])
        function_like = clang_ext.is_macro_function_like(cursor)
        params: list[str] = []
        if function_like and body and body[0] == "(":
            close = body.index(")") if ")" in body else len(body) - 1
            params = [t for t in body[1:close] if t != ","]
            body = body[close + 1 :]
        if not function_like and not body and (name == include_guard(path) or GUARD_SUFFIX.search(name)):
            return  # an include guard
        if not function_like and body == [name]:
            # "#define XML_STATUS_OK XML_STATUS_OK" (expat; glibc's SOCK_STREAM, stdin): it only lets
            # #ifdef see the enumerator or variable of that name, which is the API and is documented;
            # rendered too, the two would be one name declared twice in Sphinx's C domain.
            return
        signature = f"{name}({', '.join(params)})" if function_like else name
        decl = self._new(cursor, path, "macro", name, name, None, signature)
        self.macros[name] = decl
        if decl.comment is None:
            decl.comment = self._macro_comment(cursor, path)
        decl.value = self._macro_value(cursor, path, function_like)
        decl.params = [{"name": p} for p in params] if function_like else None
        self._facts(decl, False)
