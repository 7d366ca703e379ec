"""A declaration's type on one platform as plain data: what an FFI generator needs and a spelling hides.

A spelling says ``long`` or ``uv_os_sock_t``; a caller through ctypes or cffi needs the platform's
answer: a 4-byte signed integer, a pointer to a struct of this layout, a stdcall function of these
parameters. Clang knows each answer per target, so it is asked here, once, while the unit is alive.

A type is a dict with a ``kind``:

- ``void``; ``bool``, ``char`` (plain ``char``), ``int``, ``float`` with ``size`` (bytes), ``signed``
  for ``char`` and ``int``, ``long_double`` for a ``long double``;
- ``pointer`` (``pointee``, ``const``), ``array`` (``element``, ``length``: None when unsized);
- ``function``: ``return``, ``params``, ``variadic``, ``proto`` (False for ``f()`` in C), ``cc``;
- ``typedef``, ``record``, ``enum`` *of the API*: a reference by ``name`` and ``usr`` to the API's own
  declaration, which carries the definition (typedefs from elsewhere, ``size_t``, are resolved to what
  they stand for: the facts differ per platform, the name does not);
- ``record`` of no API declaration (an unnamed one, or one from a system header): its ``definition``
  inline, at its first appearance in the tree (a second, or a cycle, refers to it by ``usr``);
- ``unsupported``: ``spelling`` and ``reason`` (a C++ reference, a vector type, ``__int128``).

A record's definition is ``tag``, ``size``, ``align``, ``pack`` (the packing that brings its fields'
natural alignment down to its own, or None), ``over_aligned`` and ``fields``: ``name`` (None for an
anonymous member), ``type``, ``offset`` in bits, ``bits`` (a bit-field's width, else None).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from clang import cindex
from clang.cindex import CursorKind as K
from clang.cindex import TypeKind as T

from sphinx_nativeapi.scanner import clang_ext

Type = dict[str, Any]

_SIGNED = {T.SCHAR, T.SHORT, T.INT, T.LONG, T.LONGLONG, T.INT128}
_UNSIGNED = {T.UCHAR, T.USHORT, T.UINT, T.ULONG, T.ULONGLONG, T.UINT128, T.CHAR16, T.CHAR32}
_FLOATS = {T.FLOAT, T.DOUBLE, T.LONGDOUBLE, T.HALF, T.FLOAT128}
_FUNCTIONS = {T.FUNCTIONPROTO, T.FUNCTIONNOPROTO}
_RECORD_KINDS = {K.STRUCT_DECL: "struct", K.UNION_DECL: "union", K.CLASS_DECL: "class"}
# Sugar that says nothing about the type: its canonical type says it all.
_SUGAR = {T.ELABORATED}


def _size(value: int) -> int | None:
    return value if value >= 0 else None


def _unsupported(ctype: cindex.Type, reason: str) -> Type:
    return {"kind": "unsupported", "spelling": ctype.spelling, "reason": reason}


class TypeFacts:
    """Types of one unit -> plain data. ``in_api`` tells a declaration of the API's own files."""

    def __init__(self, in_api: Callable[[cindex.Cursor], bool]) -> None:
        self.in_api = in_api
        self._defining: set[str] = set()
        self._definitions: dict[str, Type] = {}  # a system header's records, once per unit
        self._named: dict[tuple[cindex.Cursor, str | None], Type] = {}

    # -- declarations -------------------------------------------------------------------------------

    def of_declaration(self, cursor: cindex.Cursor, kind: str) -> Type | None:
        """The type a declaration of ``kind`` stands for: a function's signature, a variable's type, a
        typedef's target, a record's definition, an enum's integer."""
        if kind == "function":
            return self.of_type(cursor.type)
        if kind == "variable":
            return self.of_type(cursor.type)
        if kind == "typedef":
            return self.of_type(cursor.underlying_typedef_type)
        if kind in ("struct", "union"):
            return self.definition(cursor)
        if kind == "enum":
            return self._enum_integer(cursor)
        return None

    def definition(self, cursor: cindex.Cursor) -> Type:
        """A record's layout and fields; ``complete`` False for one declared but not defined here."""
        tag = _RECORD_KINDS.get(cursor.kind, "struct")
        definition = cursor.get_definition()
        if definition is None:
            return {"kind": "record", "tag": tag, "complete": False}
        rtype = definition.type
        size, align = _size(rtype.get_size()), _size(rtype.get_align())
        if size is None or align is None:
            return {"kind": "record", "tag": tag, "complete": False}
        usr = definition.get_usr()
        self._defining.add(usr)
        try:
            fields, natural = self._fields(definition, rtype)
        finally:
            self._defining.discard(usr)
        return {
            "kind": "record",
            "tag": tag,
            "complete": True,
            "size": size,
            "align": align,
            "pack": align if align < natural else None,
            "over_aligned": align > natural,
            "fields": fields,
        }

    def _fields(self, record: cindex.Cursor, rtype: cindex.Type) -> tuple[list[Type], int]:
        """The fields, and the largest alignment their types ask for (what the record's own alignment
        is unless something packs it)."""
        fields: list[Type] = []
        natural = 1
        for child in clang_ext.children(record):
            if child.kind == K.FIELD_DECL:
                offset = clang_ext.field_offset_bits(child)
                bits = child.get_bitfield_width() if child.is_bitfield() else None
                fields.append(
                    {
                        "name": child.spelling or None,
                        "type": self.of_type(child.type),
                        "offset": offset,
                        "bits": bits,
                    }
                )
                natural = max(natural, child.type.get_align())
            elif child.kind in _RECORD_KINDS and clang_ext.is_anonymous_member(child):
                inner = self.definition(child)
                fields.append(
                    {
                        "name": None,
                        "type": {
                            "kind": "record",
                            "tag": inner["tag"],
                            "name": None,
                            "usr": child.get_usr(),
                            "definition": inner,
                        },
                        "offset": _anonymous_offset(rtype, child),
                        "bits": None,
                    }
                )
                natural = max(natural, child.type.get_align())
        return fields, natural

    def _enum_integer(self, cursor: cindex.Cursor) -> Type:
        integer = self._builtin(cursor.enum_type.get_canonical())
        return integer if integer is not None else _unsupported(cursor.enum_type, "not an integer type")

    # -- types --------------------------------------------------------------------------------------

    def of_type(self, ctype: cindex.Type, name_hint: str | None = None) -> Type:
        kind = ctype.kind
        if kind in _SUGAR:
            return self.of_type(ctype.get_named_type(), name_hint)
        if kind in (T.TYPEDEF, T.RECORD, T.ENUM):
            # Named types recur in every signature that uses them: each is worked out once per unit
            # (but a record still being defined, whose reference inside itself has no definition).
            declaration = ctype.get_declaration()
            key = (declaration, name_hint)
            found = self._named.get(key)
            if found is None:
                found = self._named_type(ctype, kind, declaration, name_hint)
                if found.get("usr") not in self._defining:
                    self._named[key] = found
            return found
        if kind == T.POINTER:
            pointee = ctype.get_pointee()
            return {
                "kind": "pointer",
                "pointee": self.of_type(pointee),
                "const": pointee.is_const_qualified(),
            }
        if kind == T.CONSTANTARRAY:
            return {
                "kind": "array",
                "element": self.of_type(ctype.element_type),
                "length": ctype.element_count,
            }
        if kind in (T.INCOMPLETEARRAY, T.VARIABLEARRAY):
            return {"kind": "array", "element": self.of_type(ctype.element_type), "length": None}
        if kind in _FUNCTIONS:
            return self._function(ctype, list(ctype.argument_types()) if kind == T.FUNCTIONPROTO else [])
        if kind == T.VOID:
            return {"kind": "void"}
        builtin = self._builtin(ctype)
        if builtin is not None:
            return builtin
        canonical = ctype.get_canonical()
        if canonical.kind != kind:  # attributed, parenthesised, typeof, macro-qualified...
            return self.of_type(canonical, name_hint)
        return _unsupported(ctype, _REASONS.get(kind, f"a {kind.spelling} type"))

    def _named_type(
        self, ctype: cindex.Type, kind: cindex.TypeKind, declaration: cindex.Cursor, name_hint: str | None
    ) -> Type:
        if kind == T.RECORD:
            return self._record(ctype, name_hint)
        if kind == T.ENUM:
            return self._enum(ctype, name_hint)
        underlying = declaration.underlying_typedef_type
        name = declaration.spelling
        if self.in_api(declaration) and not self._names_its_tag(name, underlying):
            return {"kind": "typedef", "name": name, "usr": declaration.get_usr()}
        return self.of_type(underlying, name)

    @staticmethod
    def _names_its_tag(name: str, underlying: cindex.Type) -> bool:
        """``typedef struct X X;`` or ``typedef struct {...} X;``: the model has the record (or enum)
        under that name and no typedef, so the type is the record's."""
        while underlying.kind in _SUGAR:
            underlying = underlying.get_named_type()
        if underlying.kind not in (T.RECORD, T.ENUM):
            return False
        spelling = underlying.get_declaration().spelling
        return spelling == name or _is_unnamed(spelling)

    def _builtin(self, ctype: cindex.Type) -> Type | None:
        kind = ctype.kind
        size = _size(ctype.get_size())
        if size is None:
            return None
        if kind == T.BOOL:
            return {"kind": "bool", "size": size}
        if kind in (T.CHAR_S, T.CHAR_U):
            return {"kind": "char", "size": size, "signed": kind == T.CHAR_S}
        if kind in (T.INT128, T.UINT128):
            return None
        if kind in _SIGNED or kind in _UNSIGNED:
            return {"kind": "int", "size": size, "signed": kind in _SIGNED}
        if kind == T.WCHAR:  # its sign differs per target, and no character code needs the sign bit
            return {"kind": "int", "size": size, "signed": size == 4}
        if kind in _FLOATS and kind not in (T.HALF, T.FLOAT128):
            return {"kind": "float", "size": size, "long_double": kind == T.LONGDOUBLE}
        return None

    def _function(self, ftype: cindex.Type, params: list[cindex.Type]) -> Type:
        proto = ftype.kind == T.FUNCTIONPROTO
        return {
            "kind": "function",
            "return": self.of_type(ftype.get_result()),
            "params": [self.of_type(p) for p in params],
            "variadic": proto and ftype.is_function_variadic(),
            "proto": proto,
            "cc": clang_ext.calling_convention(ftype),
        }

    def _record(self, ctype: cindex.Type, name_hint: str | None) -> Type:
        declaration = ctype.get_declaration()
        tag = _RECORD_KINDS.get(declaration.kind, "struct")
        if tag == "class" or declaration.kind not in _RECORD_KINDS:
            return _unsupported(ctype, "a C++ class")
        name = (None if _is_unnamed(declaration.spelling) else declaration.spelling) or name_hint
        usr = declaration.get_usr()
        if name is not None and self.in_api(declaration):
            return {"kind": "record", "tag": tag, "name": name, "usr": usr}
        out: Type = {"kind": "record", "tag": tag, "name": name, "usr": usr}
        if usr in self._definitions:
            out["definition"] = self._definitions[usr]
        elif usr not in self._defining:
            out["definition"] = self._definitions[usr] = self.definition(declaration)
        return out

    def _enum(self, ctype: cindex.Type, name_hint: str | None) -> Type:
        declaration = ctype.get_declaration()
        integer = self._enum_integer(declaration)
        name = (None if _is_unnamed(declaration.spelling) else declaration.spelling) or name_hint
        if name is not None and self.in_api(declaration):
            return {"kind": "enum", "name": name, "usr": declaration.get_usr(), "integer": integer}
        return integer


_REASONS = {
    T.LVALUEREFERENCE: "a C++ reference",
    T.RVALUEREFERENCE: "a C++ reference",
    T.MEMBERPOINTER: "a C++ pointer to member",
    T.INT128: "a 128-bit integer, which ctypes has no type for",
    T.UINT128: "a 128-bit integer, which ctypes has no type for",
    T.FLOAT128: "a 128-bit float, which ctypes has no type for",
    T.HALF: "a half-precision float, which ctypes has no type for",
    T.COMPLEX: "a complex number, which ctypes has no type for",
    T.VECTOR: "a vector type, which ctypes has no type for",
    T.EXTVECTOR: "a vector type, which ctypes has no type for",
}


def _is_unnamed(spelling: str) -> bool:
    return not spelling or "(anonymous" in spelling or "(unnamed" in spelling


def _anonymous_offset(rtype: cindex.Type, anonymous: cindex.Cursor) -> int | None:
    """An anonymous member's bit offset in its parent: its first named field's, less that field's
    offset inside it."""
    for child in clang_ext.children(anonymous):
        if child.kind == K.FIELD_DECL and child.spelling:
            outer = rtype.get_offset(child.spelling)
            inner = clang_ext.field_offset_bits(child)
            return outer - inner if outer >= 0 and inner is not None else None
    return None


def attach(
    pairs: list[tuple[Any, cindex.Cursor]], platform: str, in_api: Callable[[cindex.Cursor], bool]
) -> None:
    """Give each declaration's facts on ``platform`` its type (``PlatformFacts.ctype``), where the
    declaration's types resolved and it is one an FFI can reach."""
    facts_of = TypeFacts(in_api)
    for decl, cursor in pairs:
        facts = decl.platforms.get(platform)
        if facts is None or facts.incomplete or decl.template:
            continue
        if decl.kind in ("function", "variable") and decl.parent is not None:
            continue  # members of a record or namespace: C++, out of an FFI's reach
        facts.ctype = facts_of.of_declaration(cursor, decl.kind)
