"""ApiModel (+ SymbolTable) -> the C API of one platform, as an FFI sees it: what ctypes and cffi share.

The C API is the functions and variables with C linkage that a binary can export (not inline, static,
template or members), the types they use (transitively, a system header's too) and the API's own
types, enums and integer constants. Names are made safe for a Python module here, once, so that the
ctypes module, the cffi ``cdef`` and the per-declaration snippets in the docs agree.
"""

from __future__ import annotations

import keyword
from dataclasses import dataclass, field
from typing import Any

from sphinx_nativeapi.ffi.constants import integer_value
from sphinx_nativeapi.matching import export_names
from sphinx_nativeapi.model import ApiModel, Declaration, PlatformFacts
from sphinx_nativeapi.platforms import Platform
from sphinx_nativeapi.symbols import SymbolTable

Type = dict[str, Any]

# Calling conventions that are a platform's default one, by whether the platform is Windows.
_DEFAULT_CONVENTIONS = {None, "cdecl", "aapcs", "aapcs-vfp"}
# Names a generated module defines or imports itself.
RESERVED = frozenset(
    {
        "ctypes",
        "load",
        "bytes_in",
        "PLATFORM",
        "LIBRARY",
        "CFUNCTYPE",
        "WINFUNCTYPE",
        "POINTER",
        "Structure",
        "Union",
    }
)


class Unexpressible(Exception):
    """A type the FFI cannot state exactly; the message says why (it is shown in the output)."""


@dataclass
class Function:
    decl: Declaration
    symbol: str  # the name to look up in the loaded library
    alternatives: tuple[str, ...]  # other names the library may export it under (no binary told)
    ctype: Type
    stdcall: bool


@dataclass
class Variable:
    decl: Declaration
    symbol: str
    ctype: Type


@dataclass
class Record:
    usr: str
    name: str  # the identifier in the generated code
    tag: str  # "struct" or "union"
    definition: Type | None  # None: opaque (declared, never defined where the scan could see it)
    decl: Declaration | None  # the API's own declaration, None for a system header's or unnamed one


@dataclass
class Typedef:
    usr: str
    name: str
    ctype: Type
    decl: Declaration


@dataclass
class Enum:
    usr: str
    name: str
    integer: Type
    decl: Declaration | None


@dataclass
class Constant:
    name: str
    value: int
    decl: Declaration


@dataclass
class FfiApi:
    platform: Platform
    functions: list[Function] = field(default_factory=list)
    variables: list[Variable] = field(default_factory=list)
    records: dict[str, Record] = field(default_factory=dict)
    typedefs: dict[str, Typedef] = field(default_factory=dict)
    enums: dict[str, Enum] = field(default_factory=dict)
    constants: list[Constant] = field(default_factory=list)
    skipped: list[tuple[Declaration, str]] = field(default_factory=list)  # with the reason why

    @property
    def stdcall(self) -> bool:
        return self.platform.is_x86_32 and self.platform.is_windows


def safe_name(name: str) -> str:
    """A C identifier that is a Python keyword or one of the module's own names gets a ``_``."""
    return name + "_" if keyword.iskeyword(name) or name in RESERVED else name


def c_api(model: ApiModel, platform: Platform, tables: list[SymbolTable] | None = None) -> FfiApi:
    """The C API of ``model`` on ``platform``; with ``tables`` (the platform's binaries), functions and
    variables are looked up under the names the binaries really export, and those not exported are
    skipped with that reason."""
    return _Collector(model, platform, tables or []).run()


def is_c_api(decl: Declaration, facts: PlatformFacts | None) -> bool:
    """Can a binary export this function or variable under a C name?"""
    return (
        decl.kind in ("function", "variable")
        and decl.parent is None
        and decl.extern_c
        and decl.linkage == "external"
        and not (decl.inline or decl.static or decl.template)
        and facts is not None
    )


def _is_scoped(enum: Declaration) -> bool:
    return enum.signature.startswith(("enum class ", "enum struct "))


CXX_REASON = "C++, which ctypes and cffi cannot call (only functions with C linkage)"


def _is_cxx_only(decl: Declaration, parent: Declaration | None) -> bool:
    """A C++ class, or a function or variable a binary exports under a mangled name (at file or
    namespace scope; members go with their class): named in the module as out of reach."""
    if decl.parent is not None and (parent is None or parent.kind != "namespace"):
        return False
    if decl.kind == "class":
        return not decl.template
    return (
        decl.kind in ("function", "variable")
        and not decl.extern_c
        and decl.linkage == "external"
        and not (decl.inline or decl.template or decl.static)
    )


class _Collector:
    def __init__(self, model: ApiModel, platform: Platform, tables: list[SymbolTable]) -> None:
        self.model = model
        self.platform = platform
        self.tables = tables
        self.exported = {s.name for t in tables for s in t.symbols if s.name}
        self.api = FfiApi(platform)
        self.decls = {d.usr: d for d in model.declarations if platform.name in d.platforms}
        self.ordinary = {
            d.name
            for d in model.declarations
            if d.kind in ("function", "variable", "typedef", "enumerator", "macro")
        }
        self.taken: set[str] = set()

    def run(self) -> FfiApi:
        self._constants()
        for decl in self.model.declarations:
            facts = decl.platforms.get(self.platform.name)
            if facts is not None and _is_cxx_only(decl, self.decls.get(decl.parent or "")):
                self.api.skipped.append((decl, CXX_REASON))
                continue
            if facts is None or facts.ctype is None:
                if is_c_api(decl, facts) and facts is not None:
                    self.api.skipped.append((decl, "its types did not resolve on this platform"))
                continue
            if decl.kind in ("struct", "union") and not decl.name.startswith("@"):
                self._record_ref({"tag": decl.kind, "name": decl.name, "usr": decl.usr})
            elif decl.kind == "typedef" and decl.parent is None:
                self._typedef(decl.usr)
            elif decl.kind == "enum":
                self._enum(decl.usr, decl.name, facts.ctype)
            elif is_c_api(decl, facts) and not decl.name.startswith("operator"):
                self._linkable(decl, facts)
        return self.api

    # -- names --------------------------------------------------------------------------------------

    def _name(self, wanted: str, tag: str | None = None) -> str:
        """A module-level name: a tag that an ordinary name also has (``struct stat``, ``stat()``) is
        ``struct_stat``; a second use of a made-up name gets a number."""
        name = safe_name(wanted)
        if tag is not None and name in self.ordinary:
            name = f"{tag}_{wanted}"
        base, n = name, 1
        while name in self.taken:
            n += 1
            name = f"{base}_{n}"
        self.taken.add(name)
        return name

    # -- constants ----------------------------------------------------------------------------------

    def _constants(self) -> None:
        known: dict[str, int] = {}
        for decl in self.model.declarations:
            if self.platform.name not in decl.platforms:
                continue
            if decl.kind == "enumerator" and decl.value is not None:
                enum = self.decls.get(decl.parent or "")
                if enum is not None and (enum.parent is not None or _is_scoped(enum)):
                    continue  # a scoped enum's, or one in a namespace or class: not a C name
                value: int | None = int(decl.value)
            elif decl.kind == "macro" and decl.params is None:
                value = integer_value(decl.value, known)
            else:
                continue
            if value is not None and decl.name not in known:
                known[decl.name] = value
                self.taken.add(safe_name(decl.name))
                self.api.constants.append(Constant(safe_name(decl.name), value, decl))

    # -- types, transitively ------------------------------------------------------------------------

    def _walk(self, ctype: Type, owner: str = "", member: str = "") -> None:
        kind = ctype.get("kind")
        if kind == "pointer":
            self._walk(ctype["pointee"], owner, member)
        elif kind == "array":
            self._walk(ctype["element"], owner, member)
        elif kind == "function":
            self._walk(ctype["return"])
            for param in ctype["params"]:
                self._walk(param)
        elif kind == "typedef":
            self._typedef(ctype["usr"])
        elif kind == "record":
            self._record_ref(ctype, owner, member)
        elif kind == "enum":
            self._enum(ctype["usr"], ctype["name"], ctype["integer"])

    def _typedef(self, usr: str) -> None:
        if usr in self.api.typedefs:
            return
        decl = self.decls.get(usr)
        facts = decl.platforms.get(self.platform.name) if decl else None
        if decl is None or facts is None or facts.ctype is None:
            return  # shown as unexpressible where it is used
        self.api.typedefs[usr] = Typedef(usr, self._name(decl.name), facts.ctype, decl)
        self._walk(facts.ctype, decl.name)

    def _enum(self, usr: str, name: str, integer: Type) -> None:
        if usr not in self.api.enums:
            self.api.enums[usr] = Enum(usr, self._name(name, "enum"), integer, self.decls.get(usr))

    def _record_ref(self, ref: Type, owner: str = "", member: str = "") -> None:
        usr = ref["usr"]
        known = self.api.records.get(usr)
        if known is not None:
            if known.definition is None and ref.get("definition", {}).get("complete"):
                known.definition = ref["definition"]
                self._fields(known)
            return
        decl = self.decls.get(usr) if "definition" not in ref else None
        definition = decl.platforms[self.platform.name].ctype if decl is not None else ref.get("definition")
        wanted = ref.get("name") or (f"{owner}_{member}" if owner and member else f"{owner}_anon")
        tag = ref.get("tag", "struct")
        complete = definition is not None and definition.get("complete")
        record = Record(usr, self._name(wanted, tag), tag, definition if complete else None, decl)
        self.api.records[usr] = record
        if record.definition is not None:
            self._fields(record)

    def _fields(self, record: Record) -> None:
        assert record.definition is not None
        for i, member in enumerate(record.definition["fields"]):
            self._walk(member["type"], record.name, member["name"] or f"anon{i}")

    # -- functions and variables --------------------------------------------------------------------

    def _linkable(self, decl: Declaration, facts: PlatformFacts) -> None:
        if not facts.symbols:
            self.api.skipped.append((decl, "its symbol name is unknown on this platform"))
            return
        found = self._symbol(facts.symbols[0], facts.calling_convention)
        if found is None:
            names = ", ".join(t.path for t in self.tables)
            self.api.skipped.append((decl, f"not exported by {names}"))
            return
        symbol, alternatives = found
        ctype = facts.ctype
        assert ctype is not None
        self._walk(ctype)
        if decl.kind == "variable":
            self.api.variables.append(Variable(decl, symbol, ctype))
            return
        convention = ctype.get("cc")
        stdcall = self.api.stdcall and convention == "stdcall"
        if not stdcall and not self._default_convention(convention):
            self.api.skipped.append((decl, f"ctypes cannot call a {convention} function"))
            return
        self.api.functions.append(Function(decl, symbol, alternatives, ctype, stdcall))

    def _default_convention(self, convention: str | None) -> bool:
        if convention in _DEFAULT_CONVENTIONS:
            return True
        if self.platform.is_windows:
            return convention == "ms_abi" or (convention == "stdcall" and not self.platform.is_x86_32)
        return convention == "sysv_abi"

    def _symbol(self, object_name: str, convention: str | None) -> tuple[str, tuple[str, ...]] | None:
        """The name to look a symbol up by (dlsym, GetProcAddress), and the others it may have."""
        if self.platform.format == "macho":
            return object_name.removeprefix("_"), ()  # dlsym adds Mach-O's underscore itself
        if self.tables:
            for table in self.tables:
                for name in export_names(object_name, table):
                    if name in self.exported:
                        return name, ()
            return None
        if not (self.platform.is_windows and self.platform.is_x86_32):
            return object_name, ()
        # A 32-bit DLL drops a cdecl name's "_"; a stdcall name keeps its decoration as MSVC exports
        # it, or loses the "_" as MinGW's does, or all of it through a .def file.
        probe = SymbolTable("", "pe", "x86", self.platform.name, None, [])
        names = export_names(object_name, probe)
        first = 1 if convention == "stdcall" and self.platform.cxx_abi == "itanium" and len(names) > 1 else 0
        return names[first], tuple(n for i, n in enumerate(names) if i != first)
