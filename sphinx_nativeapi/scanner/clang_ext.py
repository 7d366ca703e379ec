"""libclang C functions that the Python bindings of the PyPI wheel do not wrap, called through their ctypes
library: calling conventions, every C++ mangling of a constructor or destructor, field offsets, invalid
declarations, deprecation messages and pretty-printed declarations.

Each is registered once with its exact C signature; a wrong ``argtypes`` would read garbage from the
stack, which is how a binding turns into a wrong mangled name.
"""

from __future__ import annotations

import ctypes
import os
from functools import cache

from clang import cindex

from sphinx_nativeapi.scanner.encoding import decode

# CXCallingConv, from clang-c/Index.h. Names follow clang's attribute spelling.
CALLING_CONVENTIONS = {
    1: "cdecl",
    2: "stdcall",
    3: "fastcall",
    4: "thiscall",
    5: "pascal",
    6: "aapcs",
    7: "aapcs-vfp",
    8: "regcall",
    9: "intel_ocl_bicc",
    10: "ms_abi",
    11: "sysv_abi",
    12: "vectorcall",
    13: "swiftcall",
    14: "preserve_most",
    15: "preserve_all",
    16: "aarch64_vector_pcs",
    17: "swiftasynccall",
    18: "aarch64_sve_pcs",
    19: "m68k_rtd",
}

# enum CXPrintingPolicyProperty, from clang-c/Index.h.
_POLICY_TERSE_OUTPUT = 17  # no bodies, no member lists
_POLICY_POLISH_FOR_DECLARATION = 18  # no attributes


class _String(ctypes.Structure):
    """CXString without the bindings' ``__del__``: strings inside a CXStringSet belong to the set."""

    _fields_ = [("data", ctypes.c_void_p), ("private_flags", ctypes.c_uint)]


class _StringSet(ctypes.Structure):
    _fields_ = [("Strings", ctypes.POINTER(_String)), ("Count", ctypes.c_uint)]


_VISITOR = ctypes.CFUNCTYPE(ctypes.c_int, cindex.Cursor, cindex.Cursor, ctypes.c_void_p)
_CONTINUE = 1  # CXChildVisit_Continue


_SIGNATURES: list[tuple[str, list, object]] = [
    # (C function, argument types, result type), exactly as clang-c/Index.h declares them.
    ("clang_getFunctionTypeCallingConv", [cindex.Type], ctypes.c_int),
    ("clang_Cursor_getCXXManglings", [cindex.Cursor], ctypes.POINTER(_StringSet)),
    ("clang_disposeStringSet", [ctypes.POINTER(_StringSet)], None),
    ("clang_getCString", [_String], ctypes.c_char_p),
    ("clang_disposeString", [_String], None),
    ("clang_Cursor_getOffsetOfField", [cindex.Cursor], ctypes.c_longlong),
    ("clang_isInvalidDeclaration", [cindex.Cursor], ctypes.c_uint),
    ("clang_Cursor_isFunctionInlined", [cindex.Cursor], ctypes.c_uint),
    ("clang_Cursor_isInlineNamespace", [cindex.Cursor], ctypes.c_uint),
    ("clang_Cursor_isAnonymousRecordDecl", [cindex.Cursor], ctypes.c_uint),
    ("clang_Cursor_isMacroFunctionLike", [cindex.Cursor], ctypes.c_uint),
    ("clang_CXXMethod_isDeleted", [cindex.Cursor], ctypes.c_uint),
    (
        "clang_getCursorPlatformAvailability",
        [
            cindex.Cursor,
            ctypes.POINTER(ctypes.c_int),
            ctypes.POINTER(_String),
            ctypes.POINTER(ctypes.c_int),
            ctypes.POINTER(_String),
            ctypes.c_void_p,
            ctypes.c_int,
        ],
        ctypes.c_int,
    ),
    ("clang_getCursorPrintingPolicy", [cindex.Cursor], ctypes.c_void_p),
    ("clang_PrintingPolicy_setProperty", [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint], None),
    ("clang_PrintingPolicy_dispose", [ctypes.c_void_p], None),
    ("clang_getCursorPrettyPrinted", [cindex.Cursor, ctypes.c_void_p], _String),
    ("clang_getCursorLocation", [cindex.Cursor], cindex.SourceLocation),
    (
        "clang_getExpansionLocation",
        [
            cindex.SourceLocation,
            ctypes.POINTER(ctypes.c_void_p),
            ctypes.c_void_p,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ],
        None,
    ),
    ("clang_getFileName", [ctypes.c_void_p], _String),
    ("clang_getIncludedFile", [cindex.Cursor], ctypes.c_void_p),
    (
        "clang_getLocation",
        [cindex.TranslationUnit, ctypes.c_void_p, ctypes.c_uint, ctypes.c_uint],
        cindex.SourceLocation,
    ),
    ("clang_Location_isInSystemHeader", [cindex.SourceLocation], ctypes.c_int),
    ("clang_Cursor_hasAttrs", [cindex.Cursor], ctypes.c_uint),
    ("clang_getCursorAvailability", [cindex.Cursor], ctypes.c_int),
    ("clang_visitChildren", [cindex.Cursor, _VISITOR, ctypes.c_void_p], ctypes.c_uint),
    ("clang_getCursorExtent", [cindex.Cursor], cindex.SourceRange),
    ("clang_getRangeStart", [cindex.SourceRange], cindex.SourceLocation),
    ("clang_getClangVersion", [], _String),
    ("clang_getSpecializedCursorTemplate", [cindex.Cursor], cindex.Cursor),
    ("clang_Cursor_isNull", [cindex.Cursor], ctypes.c_int),
    ("clang_isVirtualBase", [cindex.Cursor], ctypes.c_uint),
    (
        "clang_getOverriddenCursors",
        [cindex.Cursor, ctypes.POINTER(ctypes.POINTER(cindex.Cursor)), ctypes.POINTER(ctypes.c_uint)],
        None,
    ),
    ("clang_disposeOverriddenCursors", [ctypes.POINTER(cindex.Cursor)], None),
]


@cache
def _lib() -> ctypes.CDLL:
    # A handle of our own on the same library, so that our signatures never replace the bindings' own.
    lib = ctypes.CDLL(cindex.conf.lib._name)
    for name, argtypes, restype in _SIGNATURES:
        function = getattr(lib, name)
        function.argtypes = argtypes
        function.restype = restype
    return lib


def _take_string(value: _String) -> str:
    """Copy a CXString owned by the caller into Python and free it."""
    lib = _lib()
    text = lib.clang_getCString(value)
    result = decode(text) if text else ""
    lib.clang_disposeString(value)
    return result


def calling_convention(function_type: cindex.Type) -> str | None:
    conv = _lib().clang_getFunctionTypeCallingConv(function_type)
    return CALLING_CONVENTIONS.get(conv)


def cxx_manglings(cursor: cindex.Cursor) -> list[str]:
    """Every symbol name of a C++ constructor or destructor (complete, base, deleting... variants)."""
    lib = _lib()
    strings = lib.clang_Cursor_getCXXManglings(cursor)
    if not strings:
        return []
    try:
        return [
            decode(lib.clang_getCString(strings.contents.Strings[i]) or b"")
            for i in range(strings.contents.Count)
        ]
    finally:
        lib.clang_disposeStringSet(strings)


def field_offset_bits(cursor: cindex.Cursor) -> int | None:
    offset = _lib().clang_Cursor_getOffsetOfField(cursor)
    return offset if offset >= 0 else None


def is_invalid(cursor: cindex.Cursor) -> bool:
    return bool(_lib().clang_isInvalidDeclaration(cursor))


def is_inlined(cursor: cindex.Cursor) -> bool:
    return bool(_lib().clang_Cursor_isFunctionInlined(cursor))


def is_anonymous_member(cursor: cindex.Cursor) -> bool:
    """An unnamed struct or union that no declarator uses (C11's anonymous members, whose fields
    belong to the enclosing record); not the unnamed type of a named field (``union {...} u;``)."""
    return bool(_lib().clang_Cursor_isAnonymousRecordDecl(cursor))


def is_inline_namespace(cursor: cindex.Cursor) -> bool:
    return bool(_lib().clang_Cursor_isInlineNamespace(cursor))


def is_macro_function_like(cursor: cindex.Cursor) -> bool:
    return bool(_lib().clang_Cursor_isMacroFunctionLike(cursor))


def is_deleted_method(cursor: cindex.Cursor) -> bool:
    return bool(_lib().clang_CXXMethod_isDeleted(cursor))


def specialized_template(cursor: cindex.Cursor) -> cindex.Cursor | None:
    """What the cursor specializes or was instantiated from: the template of an explicit
    specialization (``template <> Foo *Arena::Create<Foo>(Arena *)``), the member of the class
    template that a member of one of its specializations stands for; None for anything else."""
    lib = _lib()
    result = lib.clang_getSpecializedCursorTemplate(cursor)
    if lib.clang_Cursor_isNull(result):
        return None
    result._tu = cursor._tu
    return result


def is_virtual_base(cursor: cindex.Cursor) -> bool:
    """Whether a ``CXX_BASE_SPECIFIER`` names a virtual base (``class D : virtual B``)."""
    return bool(_lib().clang_isVirtualBase(cursor))


def overridden(cursor: cindex.Cursor) -> list[cindex.Cursor]:
    """The virtual methods of base classes that a method overrides, the nearest one on each path up
    its bases (``B::f`` for ``D::f`` where ``D : B``, not ``A::f`` that ``B::f`` overrides)."""
    lib = _lib()
    found = ctypes.POINTER(cindex.Cursor)()
    count = ctypes.c_uint()
    lib.clang_getOverriddenCursors(cursor, ctypes.byref(found), ctypes.byref(count))
    if not found:
        return []
    try:
        result = []
        for i in range(count.value):
            method = cindex.Cursor.from_buffer_copy(found[i])  # a copy: the array is freed below
            method._tu = cursor._tu
            result.append(method)
        return result
    finally:
        lib.clang_disposeOverriddenCursors(found)


def children(cursor: cindex.Cursor) -> list[cindex.Cursor]:
    """The cursor's children, as ``get_children`` gives them but without its per-child assertion (two
    more C calls each): a C++ unit has some 100,000 top-level cursors."""
    tu = cursor._tu
    out: list[cindex.Cursor] = []
    append = out.append

    def visit(child: cindex.Cursor, _parent: cindex.Cursor, _data: object) -> int:
        child._tu = tu  # the bindings' cursors derived from this one need the unit
        append(child)
        return _CONTINUE

    _lib().clang_visitChildren(cursor, _VISITOR(visit), None)
    return out


def position(cursor: cindex.Cursor) -> tuple[int | None, int, int]:
    """The CXFile (as an int), line and byte offset of the cursor's expansion location, in one call."""
    lib = _lib()
    handle = ctypes.c_void_p()
    line = ctypes.c_uint()
    offset = ctypes.c_uint()
    byref = ctypes.byref
    location = lib.clang_getCursorLocation(cursor)
    lib.clang_getExpansionLocation(location, byref(handle), byref(line), None, byref(offset))
    return handle.value, line.value, offset.value


def extent_start(cursor: cindex.Cursor) -> tuple[int, int]:
    """The column and byte offset where the cursor's extent starts (its expansion location)."""
    lib = _lib()
    column = ctypes.c_uint()
    offset = ctypes.c_uint()
    lib.clang_getExpansionLocation(
        lib.clang_getRangeStart(lib.clang_getCursorExtent(cursor)),
        None,
        None,
        ctypes.byref(column),
        ctypes.byref(offset),
    )
    return column.value, offset.value


def file_handle(cursor: cindex.Cursor) -> int | None:
    """The CXFile (as an int) of the cursor's expansion location: two ctypes calls, no strings.

    The bindings' ``cursor.location.file.name`` costs several wrapper objects and a string per cursor;
    over the tens of thousands of top-level cursors of a C++ unit that is most of the walk.
    """
    lib = _lib()
    handle = ctypes.c_void_p()
    lib.clang_getExpansionLocation(
        lib.clang_getCursorLocation(cursor), ctypes.byref(handle), None, None, None
    )
    return handle.value


def included_file(cursor: cindex.Cursor) -> int | None:
    """The CXFile an #include directive names, or None where it was not found (the bindings assert)."""
    return _lib().clang_getIncludedFile(cursor)


def is_system_file(tu: cindex.TranslationUnit, handle: int) -> bool:
    lib = _lib()
    return bool(lib.clang_Location_isInSystemHeader(lib.clang_getLocation(tu, handle, 1, 1)))


def file_name(handle: int) -> str:
    """A CXFile's name, as ``os`` names files: it must open again, whatever its bytes."""
    lib = _lib()
    value = lib.clang_getFileName(handle)
    text = lib.clang_getCString(value)
    lib.clang_disposeString(value)
    return os.fsdecode(text) if text else ""


def has_attributes(cursor: cindex.Cursor) -> bool:
    return bool(_lib().clang_Cursor_hasAttrs(cursor))


_CX_AVAILABILITY_DEPRECATED = 1


def deprecation(cursor: cindex.Cursor) -> str | None:
    """The deprecation message ("" when the attribute has none), or None when not deprecated."""
    lib = _lib()
    if lib.clang_getCursorAvailability(cursor) != _CX_AVAILABILITY_DEPRECATED:
        return None
    always_deprecated = ctypes.c_int(0)
    deprecated_message = _String()
    always_unavailable = ctypes.c_int(0)
    unavailable_message = _String()
    lib.clang_getCursorPlatformAvailability(
        cursor,
        ctypes.byref(always_deprecated),
        ctypes.byref(deprecated_message),
        ctypes.byref(always_unavailable),
        ctypes.byref(unavailable_message),
        None,
        0,
    )
    message = _take_string(deprecated_message)
    _take_string(unavailable_message)
    return message if always_deprecated.value else None


class PrettyPrinter:
    """Declarations as clang prints them: macros expanded, attributes and bodies left out.

    One printing policy serves a whole unit (clang copies it from the unit's ASTContext, whatever the
    cursor): making one per declaration cost four more C calls each.
    """

    def __init__(self) -> None:
        self._policy: int | None = None

    def __call__(self, cursor: cindex.Cursor) -> str:
        lib = _lib()
        if self._policy is None:
            self._policy = lib.clang_getCursorPrintingPolicy(cursor)
            lib.clang_PrintingPolicy_setProperty(self._policy, _POLICY_TERSE_OUTPUT, 1)
            lib.clang_PrintingPolicy_setProperty(self._policy, _POLICY_POLISH_FOR_DECLARATION, 1)
        return _take_string(lib.clang_getCursorPrettyPrinted(cursor, self._policy))

    def close(self) -> None:
        if self._policy is not None:
            _lib().clang_PrintingPolicy_dispose(self._policy)
            self._policy = None


@cache
def libclang_version() -> str:
    return _take_string(_lib().clang_getClangVersion())


def _lenient_bindings() -> None:
    """Make every string of the Python bindings convert without failing, in the one place they all go
    through: ``c_interop_string`` (every ``CXString`` result, and every ``char *`` argument), ``b``
    (the arguments and unsaved files of a parse) and ``File.name``.

    The bindings decode clang's bytes as strict UTF-8, so one Latin-1 byte in a comment made
    ``cursor.raw_comment`` (and a token's or a diagnostic's spelling) raise ``UnicodeDecodeError``
    where clang itself had parsed the file. Text is decoded as ``encoding.decode`` says; file names,
    which must open again, and everything handed to clang, the way ``os`` does.
    """

    def value(self: cindex.c_interop_string) -> str | None:
        raw = ctypes.c_char_p.value.__get__(self)
        return None if raw is None else decode(raw)

    def init(self: cindex.c_interop_string, p: str | bytes | None = None) -> None:
        ctypes.c_char_p.__init__(self, to_bytes(p or b""))

    def to_bytes(x: str | bytes) -> bytes:
        return x if isinstance(x, bytes) else x.encode("utf-8", "surrogateescape")

    def name(self: cindex.File) -> str:
        return file_name(ctypes.cast(self.obj, ctypes.c_void_p).value)

    cindex.c_interop_string.value = property(value)
    cindex.c_interop_string.__init__ = init
    cindex.b = to_bytes
    cindex.File.name = property(name)


_lenient_bindings()
