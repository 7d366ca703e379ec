"""FfiApi -> ctypes: an importable module for one platform, and a snippet per declaration for the docs.

Every integer is spelled by its size on the platform the code is for (``c_int32`` for a Windows
``long``, ``c_int64`` for a Linux one), never by a host-dependent name such as ``c_long``: a module
generated on Linux for Windows must be right on Windows. A record's fields come with ``_pack_`` where
the header packs it, bit-field widths and ``_anonymous_`` members; stdcall functions and callbacks of
32-bit Windows go through ``WinDLL`` and ``WINFUNCTYPE``. A type ctypes cannot state exactly is left
out with its reason in a comment, never approximated.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sphinx_nativeapi.ffi.api import (
    CXX_REASON,
    Enum,
    FfiApi,
    Function,
    Record,
    Type,
    Typedef,
    Unexpressible,
    Variable,
)
from sphinx_nativeapi.ffi.bitfields import align_of_integer, explicit_layout

_IMPORTS = ("CFUNCTYPE", "POINTER", "Structure", "Union")


@dataclass
class _Deps:
    """What a type's expression needs defined first: typedef names, and records used by value (ctypes
    fixes a record's size when the record is used, so its fields must be set before)."""

    typedefs: set[str] = field(default_factory=set)
    records: set[str] = field(default_factory=set)


class CtypesWriter:
    def __init__(self, api: FfiApi) -> None:
        self.api = api
        self.names: set[str] = set()  # ctypes names used, for the import line
        self.unexpressible: dict[str, str] = {}  # record usr -> why its layout cannot be stated
        self.bytes_in = False  # whether a parameter uses the module's bytes_in()
        for record in api.records.values():
            if record.definition is not None:
                reason = self._layout_problem(record.definition)
                if reason:
                    self.unexpressible[record.usr] = reason
        for record in api.records.values():
            if record.definition is not None and record.usr not in self.unexpressible:
                try:
                    self.fields(record, _Deps())
                except Unexpressible as exc:
                    self.unexpressible[record.usr] = str(exc)
        self.names.clear()  # only what the output uses is imported

    # -- types --------------------------------------------------------------------------------------

    def _use(self, name: str) -> str:
        self.names.add(name)
        return name

    def expr(self, ctype: Type, deps: _Deps | None = None, bitfield: bool = False) -> str:
        """The ctypes expression of a type used by value (a field, a parameter, a variable)."""
        deps = deps if deps is not None else _Deps()
        kind = ctype["kind"]
        if kind == "void":
            return "None"
        if kind == "bool":
            if ctype["size"] != 1:
                raise Unexpressible(f"a {ctype['size']}-byte bool")
            return self._use("c_uint8" if bitfield else "c_bool")
        if kind == "char":
            if bitfield:
                return self._use("c_int8" if ctype["signed"] else "c_uint8")
            return self._use("c_char")
        if kind == "int":
            return self._use(_integer(ctype))
        if kind == "float":
            return self._use(self._float(ctype))
        if kind == "pointer":
            return self._pointer(ctype["pointee"], deps)
        if kind == "array":
            element = self.expr(ctype["element"], deps)
            element = f"({element})" if " * " in element else element
            return f"{element} * {ctype['length'] or 0}"
        if kind == "function":
            return self.callback(ctype, deps)
        if kind == "record":
            record = self.api.records.get(ctype["usr"])
            if record is None or record.definition is None:
                raise Unexpressible(
                    f"{ctype.get('tag', 'struct')} {ctype.get('name')} by value, whose layout is unknown"
                )
            if record.usr in self.unexpressible:
                raise Unexpressible(f"{record.name} by value: {self.unexpressible[record.usr]}")
            deps.records.add(record.usr)
            return record.name
        if kind == "enum":
            enum = self.api.enums[ctype["usr"]]
            self.expr(enum.integer)
            return enum.name
        if kind == "typedef":
            typedef = self.api.typedefs.get(ctype["usr"])
            if typedef is None:
                raise Unexpressible(f"{ctype['name']}, whose type did not resolve")
            target = self._typedef_target(typedef)
            if target.get("kind") == "function":
                raise Unexpressible(f"{typedef.name} is a function type, only pointers to it are values")
            # raises where the typedef cannot be stated; what it uses by value, its user does too
            self.expr(typedef.ctype, deps)
            deps.typedefs.add(typedef.usr)
            return typedef.name
        raise Unexpressible(ctype.get("reason") or f"a {kind} type")

    def _typedef_target(self, typedef: Typedef) -> Type:
        target = typedef.ctype
        seen = set()
        while target.get("kind") == "typedef" and target["usr"] not in seen:
            seen.add(target["usr"])
            inner = self.api.typedefs.get(target["usr"])
            if inner is None:
                break
            target = inner.ctype
        return target

    def _float(self, ctype: Type) -> str:
        size = ctype["size"]
        if size == 4 and not ctype["long_double"]:
            return "c_float"
        if size == 8:
            return "c_double"
        if ctype["long_double"] and not self.api.platform.is_windows:
            return "c_longdouble"  # the platform's own long double, which is also its CPython's
        raise Unexpressible(
            f"a {size}-byte long double, which CPython on Windows (long double = double) has no type for"
            if ctype["long_double"]
            else f"a {size}-byte float"
        )

    def _pointer(self, pointee: Type, deps: _Deps) -> str:
        kind = pointee["kind"]
        if kind == "void":
            return self._use("c_void_p")
        if kind == "char":
            return self._use("c_char_p")
        if kind == "function":
            return self.callback(pointee, deps)
        if kind == "typedef" and pointee["usr"] in self.api.typedefs:
            typedef = self.api.typedefs[pointee["usr"]]
            if self._typedef_target(typedef).get("kind") == "function":
                deps.typedefs.add(typedef.usr)
                return typedef.name  # CFUNCTYPE is the pointer to the function
        if kind == "record":
            record = self.api.records.get(pointee["usr"])
            if record is not None:  # a pointer needs no layout: an opaque record is a class too
                self.names.add("POINTER")
                return f"POINTER({record.name})"
        named = _Deps()  # a pointer needs the names it uses, not the fields of what they name
        try:
            inner = self.expr(pointee, named)
        except Unexpressible:
            return self._use("c_void_p")  # a pointer to what ctypes cannot state is still a pointer
        deps.typedefs |= named.typedefs
        if inner == "None":
            return self._use("c_void_p")
        self.names.add("POINTER")
        return f"POINTER({inner})"

    def callback(self, ctype: Type, deps: _Deps) -> str:
        """CFUNCTYPE, or WINFUNCTYPE for a stdcall function pointer on 32-bit Windows."""
        if ctype["variadic"]:
            raise Unexpressible("a pointer to a variadic function, which ctypes cannot call back")
        convention = ctype.get("cc")
        stdcall = self.api.stdcall and convention == "stdcall"
        if not stdcall and convention not in (None, "cdecl", "aapcs", "aapcs-vfp", "stdcall"):
            raise Unexpressible(f"a pointer to a {convention} function")
        restype = ctype["return"]
        if restype["kind"] in ("record", "typedef") and self._by_value_record(restype):
            raise Unexpressible("a callback that returns a struct, which ctypes cannot")
        args = [self.expr(restype, deps)]
        if ctype["proto"]:
            args += [self.expr(p, deps) for p in ctype["params"]]
        factory = self._use("WINFUNCTYPE" if stdcall else "CFUNCTYPE")
        return f"{factory}({', '.join(args)})"

    def _by_value_problem(self, record: Record, seen: frozenset[str] = frozenset()) -> str | None:
        """Why libffi cannot pass this record by value (CPython 3.12+ refuses the last two too)."""
        definition = record.definition
        if definition is None or record.usr in seen:
            return None
        if definition["pack"]:
            return "is packed and passed by value, which libffi passes as if unpacked"
        if record.tag == "union":
            return "is a union passed by value, which libffi cannot classify"
        if any(m["bits"] is not None for m in definition["fields"]):
            return "has bit-fields and is passed by value, which libffi cannot classify"
        for member in definition["fields"]:
            inner_type = member["type"]
            while inner_type["kind"] == "array":
                inner_type = inner_type["element"]
            inner = self._record_by_value(inner_type)
            if inner is not None and self._by_value_problem(inner, seen | {record.usr}):
                return f"holds {inner.name}, which libffi cannot pass by value"
        return None

    def _record_by_value(self, ctype: Type) -> Record | None:
        while ctype["kind"] == "typedef" and ctype["usr"] in self.api.typedefs:
            ctype = self.api.typedefs[ctype["usr"]].ctype
        return self.api.records.get(ctype["usr"]) if ctype["kind"] == "record" else None

    def _by_value_record(self, ctype: Type) -> bool:
        if ctype["kind"] == "typedef" and ctype["usr"] in self.api.typedefs:
            return self._typedef_target(self.api.typedefs[ctype["usr"]])["kind"] == "record"
        return ctype["kind"] == "record"

    # -- records ------------------------------------------------------------------------------------

    def _layout_problem(self, definition: Type) -> str | None:
        if definition.get("over_aligned"):
            return "its alignment is above its fields' (an aligned attribute), which ctypes cannot state"
        declared = self.api.platform.is_windows or definition["tag"] == "union"  # bit-fields as declared
        for member in definition["fields"]:
            if member["bits"] == 0 and declared:
                return "a zero-width bit-field, which ctypes cannot state"
            if member["offset"] is None:
                return "a field's offset is unknown"
        return None

    def fields(self, record: Record, deps: _Deps) -> tuple[list[str], list[str]]:
        """The ``_fields_`` entries and the ``_anonymous_`` names of a record."""
        definition = record.definition
        assert definition is not None
        members = definition["fields"]
        if (
            record.tag == "struct"
            and not self.api.platform.is_windows  # ctypes on Windows lays bit-fields out as MSVC does
            and any(m["bits"] is not None for m in members)
        ):
            return self._explicit_fields(definition, deps), []
        entries, anonymous = [], []
        for i, member in enumerate(members):
            name = member["name"]
            if name is None:
                name = f"_anon{i}" if member["bits"] is None else f"_pad{i}"
                if member["bits"] is None:
                    anonymous.append(name)
            width = member["bits"]
            ctype = self.expr(member["type"], deps, bitfield=width is not None)
            entries.append(f"({name!r}, {ctype}{f', {width}' if width is not None else ''}),")
        return entries, anonymous

    def _explicit_fields(self, definition: Type, deps: _Deps) -> list[str]:
        if any(m["name"] is None and m["bits"] is None for m in definition["fields"]):
            raise Unexpressible("an anonymous member in a struct with bit-fields")
        out = []
        for entry in explicit_layout(definition, self.api.platform, self._integer_of, self.layout_of):
            if entry.unit is not None:  # a bit-field, a gap, or a plain field inside a unit: the unit's type
                ctype = self._use(_integer({"size": entry.unit, "signed": entry.signed}))
            else:
                assert entry.member is not None
                ctype = self.expr(entry.member["type"], deps)
            width = f", {entry.width}" if entry.width is not None else ""
            out.append(f"({entry.name!r}, {ctype}{width}),")
        return out

    def layout_of(self, ctype: Type) -> tuple[int, int] | None:
        """A type's size and alignment in a struct on the platform, as its C compiler (and so ctypes
        there) lays it out; None where unknown."""
        platform = self.api.platform
        kind = ctype["kind"]
        if kind in ("int", "char", "bool"):
            return ctype["size"], align_of_integer(ctype["size"], platform)
        if kind == "float":
            size = ctype["size"]
            if ctype["long_double"]:
                return size, {16: 16, 12: 4}.get(size, 8)
            return size, align_of_integer(size, platform)
        if kind == "pointer":
            size = 4 if platform.data_model == "ILP32" else 8
            return size, size
        if kind == "array":
            element = self.layout_of(ctype["element"])
            return None if element is None else (element[0] * (ctype["length"] or 0), element[1])
        if kind == "enum":
            return self.layout_of(ctype["integer"])
        if kind == "typedef" and ctype["usr"] in self.api.typedefs:
            return self.layout_of(self.api.typedefs[ctype["usr"]].ctype)
        if kind == "record":
            record = self.api.records.get(ctype["usr"])
            if record is not None and record.definition is not None:
                return record.definition["size"], record.definition["align"]
        return None

    def _integer_of(self, ctype: Type) -> Type | None:
        """The integer a field's type is (through typedefs and enums), or None."""
        while True:
            kind = ctype["kind"]
            if kind in ("int", "char", "bool"):
                return {"size": ctype["size"], "signed": ctype.get("signed", False)}
            if kind == "enum":
                ctype = ctype["integer"]
            elif kind == "typedef" and ctype["usr"] in self.api.typedefs:
                ctype = self.api.typedefs[ctype["usr"]].ctype
            else:
                return None

    def record_class(self, record: Record) -> list[str]:
        """A record as one class statement (for the docs: what a reader copies)."""
        base = self._use("Union" if record.tag == "union" else "Structure")
        lines = [f"class {record.name}({base}):"]
        if record.definition is None:
            return [*lines, "    pass  # opaque: its layout is not part of the API"]
        if record.usr in self.unexpressible:
            return [*lines, f"    pass  # not laid out: {self.unexpressible[record.usr]}"]
        entries, anonymous = self.fields(record, _Deps())
        if record.definition["pack"]:
            lines.append(f"    _pack_ = {record.definition['pack']}")
        if anonymous:
            lines.append(f"    _anonymous_ = {tuple(anonymous)!r}")
        lines.append("    _fields_ = [")
        lines += [f"        {e}" for e in entries]
        lines.append("    ]")
        return lines

    # -- functions and variables --------------------------------------------------------------------

    def signature(self, function: Function, deps: _Deps | None = None) -> tuple[str, str | None]:
        """restype and argtypes (None for a C function declared without a prototype)."""
        deps = deps if deps is not None else _Deps()
        ctype = function.ctype
        for value in (ctype["return"], *ctype["params"]):
            record = self._record_by_value(value)
            problem = self._by_value_problem(record) if record is not None else None
            if problem:
                raise Unexpressible(f"{record.name} {problem}")
        restype = self.expr(ctype["return"], deps)
        if not ctype["proto"]:
            return restype, None
        return restype, "[" + ", ".join(self._param(p, deps) for p in ctype["params"]) + "]"

    def _param(self, ctype: Type, deps: _Deps) -> str:
        """A parameter's argtype: a ``const`` pointer to bytes (``const uint8_t *data``) also takes a
        Python ``bytes``, as ``const char *`` does (``bytes_in``, defined in the module)."""
        text = self.expr(ctype, deps)
        if ctype["kind"] == "pointer" and ctype.get("const") and text.startswith("POINTER("):
            integer = self._integer_of(ctype["pointee"])
            if integer is not None and integer["size"] == 1:
                self.bytes_in = True
                return f"bytes_in({text})"
        return text

    def function_snippet(self, function: Function) -> list[str]:
        name = function.decl.name
        try:
            restype, argtypes = self.signature(function)
        except Unexpressible as exc:
            return [f"# {name}: not callable through ctypes: {exc}"]
        library = "windll" if function.stdcall else "lib"
        lines = [f"{name} = {library}[{function.symbol!r}]"]
        if function.alternatives:
            lines[0] += f"  # or {', '.join(map(repr, function.alternatives))}, as the DLL was linked"
        if argtypes is None:
            lines.append(f"# {name} has no prototype: ctypes converts the arguments by their Python types")
        else:
            lines.append(f"{name}.argtypes = {argtypes}")
        lines.append(f"{name}.restype = {restype}")
        if function.ctype["variadic"]:
            lines.append(
                f"# variadic: pass the arguments after the {len(function.ctype['params'])} "
                "declared ones as ctypes values, e.g. c_int(1), c_double(2.0)"
            )
        return lines

    def variable_snippet(self, variable: Variable) -> list[str]:
        name = variable.decl.name
        try:
            ctype = self.expr(variable.ctype)
        except Unexpressible as exc:
            return [f"# {name}: not reachable through ctypes: {exc}"]
        ctype = f"({ctype})" if " " in ctype else ctype
        return [f"{name} = {ctype}.in_dll(lib, {variable.symbol!r})"]

    def enum_snippet(self, enum: Enum) -> list[str]:
        try:
            integer = self.expr(enum.integer)
        except Unexpressible as exc:
            return [f"# {enum.name}: {exc}"]
        lines = [f"{enum.name} = {integer}"]
        if enum.decl is not None:
            lines += [f"{c.name} = {c.value}" for c in self.api.constants if c.decl.parent == enum.decl.usr]
        return lines

    def typedef_snippet(self, typedef: Typedef) -> list[str]:
        target = self._typedef_target(typedef)
        try:
            if target.get("kind") == "function":
                text = self.callback(target, _Deps())
                return [f"{typedef.name} = {text}  # a function type: this is the pointer to it"]
            return [f"{typedef.name} = {self.expr(typedef.ctype)}"]
        except Unexpressible as exc:
            return [f"# {typedef.name}: not expressible in ctypes: {exc}"]

    def import_line(self) -> str:
        names = sorted(self.names - {"None"})
        if not names:
            return ""
        lines, line = [], "   "
        for name in names:
            if len(line) + len(name) > 96:
                lines.append(line)
                line = "   "
            line += f" {name},"
        return "from ctypes import (\n" + "\n".join([*lines, line]) + "\n)"


def _integer(ctype: Type) -> str:
    size = ctype["size"]
    if size not in (1, 2, 4, 8):
        raise Unexpressible(f"a {size}-byte integer, which ctypes has no type for")
    return f"c_{'' if ctype['signed'] else 'u'}int{size * 8}"


def snippets(api: FfiApi) -> dict[str, str]:
    """The ctypes declaration of each declaration of the API that has one, by ``Declaration.key``:
    what a docs page shows under it (what it uses from elsewhere is in the module)."""
    writer = CtypesWriter(api)
    out: dict[str, list[str]] = {}
    for function in api.functions:
        out[function.decl.key] = writer.function_snippet(function)
    for variable in api.variables:
        out[variable.decl.key] = writer.variable_snippet(variable)
    for record in api.records.values():
        if record.decl is not None:
            lines: list[str] = []
            for inner in _embedded(api, record):
                lines += [*writer.record_class(inner), ""]
            out[record.decl.key] = lines + writer.record_class(record)
    for enum in api.enums.values():
        if enum.decl is not None:
            out[enum.decl.key] = writer.enum_snippet(enum)
    for typedef in api.typedefs.values():
        out[typedef.decl.key] = writer.typedef_snippet(typedef)
    for decl, reason in api.skipped:
        if reason != CXX_REASON:  # said in the module; under each C++ declaration it would be noise
            out[decl.key] = [f"# {decl.name}: not declared: {reason}"]
    return {key: "\n".join(lines) for key, lines in out.items() if lines}


def _embedded(api: FfiApi, record: Record) -> list[Record]:
    """The unnamed records a record's fields define (anonymous members, ``struct {...} range;``)."""
    out: list[Record] = []
    if record.definition is None:
        return out
    for member in record.definition["fields"]:
        ctype = member["type"]
        while ctype["kind"] in ("array", "pointer"):
            ctype = ctype.get("element") or ctype["pointee"]
        if ctype["kind"] == "record" and "definition" in ctype and ctype.get("name") is None:
            inner = api.records.get(ctype["usr"])
            if inner is not None and inner.decl is None:
                out += [*_embedded(api, inner), inner]
    return out
