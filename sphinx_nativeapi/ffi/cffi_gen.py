"""FfiApi -> a cffi ``cdef`` for one platform: C declarations that cffi's parser accepts.

Integers are spelled ``int32_t``/``uint64_t`` by their size on the platform (cffi would read ``long``
as the host's), enums as typedefs of their integer with the enumerators as ``#define`` constants (cffi
takes an enum for an int, and a packed one is not), opaque records as ``typedef ... name``. A packed
or over-aligned record is left opaque with its reason, since ABI-mode cffi lays out one cdef with one
packing.
"""

from __future__ import annotations

from sphinx_nativeapi.ffi.api import CXX_REASON, FfiApi, Record, Type, Unexpressible


class CdefWriter:
    def __init__(self, api: FfiApi) -> None:
        self.api = api
        self.unexpressible: dict[str, str] = {}
        for record in api.records.values():
            definition = record.definition
            if definition is None:
                continue
            if definition["pack"]:
                self.unexpressible[record.usr] = (
                    f"packed to {definition['pack']}: declare it in a cdef of its own with pack="
                    f"{definition['pack']}"
                )
            elif definition["over_aligned"]:
                self.unexpressible[record.usr] = "its alignment is above its fields' (an aligned attribute)"

    def declarator(self, ctype: Type, inner: str = "", by_value: bool = True) -> str:
        """``ctype`` declaring ``inner`` (a name, or nothing for an abstract declarator)."""
        kind = ctype["kind"]
        if kind == "pointer":
            pointee = ctype["pointee"]
            const = "const " if ctype.get("const") else ""
            wrapped = f"(*{inner})" if pointee["kind"] in ("array", "function") else f"*{inner}"
            try:
                return const + self.declarator(pointee, wrapped, by_value=False)
            except Unexpressible:
                return _join("void", wrapped)  # a pointer to what cffi cannot state is still a pointer
        if kind == "array":
            length = ctype["length"]
            return self.declarator(ctype["element"], f"{inner}[{'' if length is None else length}]", by_value)
        if kind == "function":
            return self._function(ctype, inner)
        return _join(self.base(ctype, by_value), inner)

    def base(self, ctype: Type, by_value: bool = True) -> str:
        kind = ctype["kind"]
        if kind == "void":
            return "void"
        if kind == "bool":
            return "_Bool"
        if kind == "char":
            return "char"
        if kind == "int":
            if ctype["size"] not in (1, 2, 4, 8):
                raise Unexpressible(f"a {ctype['size']}-byte integer")
            return f"{'' if ctype['signed'] else 'u'}int{ctype['size'] * 8}_t"
        if kind == "float":
            if ctype["size"] == 4 and not ctype["long_double"]:
                return "float"
            if ctype["size"] == 8:
                return "double"
            if ctype["long_double"] and not self.api.platform.is_windows:
                return "long double"
            raise Unexpressible(f"a {ctype['size']}-byte long double")
        if kind == "record":
            record = self.api.records.get(ctype["usr"])
            if record is None:
                raise Unexpressible(f"{ctype.get('tag')} {ctype.get('name')}, unknown")
            if by_value and (record.definition is None or record.usr in self.unexpressible):
                raise Unexpressible(f"{record.name} by value, whose layout cffi cannot state here")
            return record.name if record.definition is None else f"{record.tag} {record.name}"
        if kind == "enum":
            return self.api.enums[ctype["usr"]].name
        if kind == "typedef":
            typedef = self.api.typedefs.get(ctype["usr"])
            if typedef is None:
                raise Unexpressible(f"{ctype['name']}, whose type did not resolve")
            return typedef.name
        raise Unexpressible(ctype.get("reason") or f"a {kind} type")

    def _function(self, ctype: Type, inner: str) -> str:
        convention = ctype.get("cc")
        if self.api.stdcall and convention == "stdcall":
            inner = f"__stdcall {inner}"
        params = [self.declarator(p) for p in ctype["params"]]
        if ctype["variadic"]:
            params.append("...")
        text = ", ".join(params) if params else ("void" if ctype["proto"] else "")
        return self.declarator(ctype["return"], f"{inner}({text})")

    def record(self, record: Record, indent: str = "") -> list[str]:
        if record.definition is None:
            return [f"{indent}typedef ... {record.name};"]
        if record.usr in self.unexpressible:
            return [f"{indent}{record.tag} {record.name}; /* opaque: {self.unexpressible[record.usr]} */"]
        lines = [f"{indent}{record.tag} {record.name} {{"]
        lines += self._members(record, indent + "    ")
        lines.append(f"{indent}}};")
        return lines

    def _members(self, record: Record, indent: str) -> list[str]:
        assert record.definition is not None
        lines = []
        for member in record.definition["fields"]:
            ctype, name, bits = member["type"], member["name"], member["bits"]
            if name is None and bits is None and ctype["kind"] == "record":  # an anonymous member
                inner = self.api.records[ctype["usr"]]
                lines.append(f"{indent}{inner.tag} {{")
                lines += self._members(inner, indent + "    ")
                lines.append(f"{indent}}};")
                continue
            width = f" : {bits}" if bits is not None else ""
            lines.append(f"{indent}{self.declarator(ctype, name or '')}{width};")
        return lines


def _join(base: str, inner: str) -> str:
    return f"{base} {inner}" if inner else base


def cdef(api: FfiApi) -> str:
    """The cdef text: constants, types, functions and variables of the platform's C API."""
    writer = CdefWriter(api)
    out = [f"/* cffi cdef of a C API for {api.platform.name} ({api.platform.triple}), by sphinx-nativeapi */"]
    out += [f"#define {c.name} {c.value}" for c in api.constants]
    for enum in api.enums.values():
        try:
            out.append(f"typedef {writer.base(enum.integer)} {enum.name};")
        except Unexpressible as exc:
            out.append(f"/* {enum.name}: {exc} */")
    anonymous = _anonymous_members(api)
    for record in api.records.values():
        if record.definition is None:
            out.append(f"typedef ... {record.name};")  # opaque: cffi's own spelling of it
        elif record.usr not in anonymous:
            out.append(f"{record.tag} {record.name};")
    out += _typedefs(api, writer)
    for record in api.records.values():
        if record.usr in anonymous or record.definition is None:
            continue
        try:
            out += writer.record(record)
        except Unexpressible as exc:
            out.append(f"/* {record.tag} {record.name}: not laid out: {exc} */")
    for function in api.functions:
        try:
            out.append(writer.declarator(function.ctype, function.decl.name) + ";")
        except Unexpressible as exc:
            out.append(f"/* {function.decl.name}: not declared: {exc} */")
    for variable in api.variables:
        try:
            out.append("extern " + writer.declarator(variable.ctype, variable.decl.name) + ";")
        except Unexpressible as exc:
            out.append(f"/* {variable.decl.name}: not declared: {exc} */")
    for decl, reason in api.skipped:
        out.append(f"/* {decl.qualified_name}: not declared: {reason} */")
    return "\n".join(out) + "\n"


def _anonymous_members(api: FfiApi) -> set[str]:
    """Records that are anonymous members of another: cffi takes them inline, not by name."""
    out = set()
    for record in api.records.values():
        for member in (record.definition or {}).get("fields", ()):
            if member["name"] is None and member["bits"] is None and member["type"]["kind"] == "record":
                out.add(member["type"]["usr"])
    return out


def _typedefs(api: FfiApi, writer: CdefWriter) -> list[str]:
    """Each typedef after the typedefs its text names (cffi's parser must know a name before use)."""
    texts: dict[str, tuple[str, set[str]]] = {}
    for typedef in api.typedefs.values():
        try:
            text = f"typedef {writer.declarator(typedef.ctype, typedef.name, by_value=False)};"
        except Unexpressible as exc:
            text = f"typedef ... {typedef.name}; /* {exc} */"
        texts[typedef.usr] = (text, _named_typedefs(typedef.ctype))
    out: list[str] = []
    done: set[str] = set()

    def emit(usr: str, stack: set[str]) -> None:
        if usr in done or usr in stack or usr not in texts:
            return
        stack.add(usr)
        text, needs = texts[usr]
        for other in sorted(needs):
            emit(other, stack)
        done.add(usr)
        out.append(text)

    for usr in texts:
        emit(usr, set())
    return out


def _named_typedefs(ctype: Type) -> set[str]:
    kind = ctype.get("kind")
    if kind == "typedef":
        return {ctype["usr"]}
    if kind == "pointer":
        return _named_typedefs(ctype["pointee"])
    if kind == "array":
        return _named_typedefs(ctype["element"])
    if kind == "function":
        out = _named_typedefs(ctype["return"])
        for param in ctype["params"]:
            out |= _named_typedefs(param)
        return out
    return set()


def cdef_snippets(api: FfiApi) -> dict[str, str]:
    """The cdef text of each declaration of the API that has one, by ``Declaration.key``."""
    writer = CdefWriter(api)
    out: dict[str, str] = {}

    def attempt(key: str, make) -> None:
        try:
            out[key] = make()
        except Unexpressible as exc:
            out[key] = f"/* not declared: {exc} */"

    for function in api.functions:
        attempt(function.decl.key, lambda f=function: writer.declarator(f.ctype, f.decl.name) + ";")
    for variable in api.variables:
        attempt(variable.decl.key, lambda v=variable: f"extern {writer.declarator(v.ctype, v.decl.name)};")
    for record in api.records.values():
        if record.decl is not None:
            attempt(record.decl.key, lambda r=record: "\n".join(writer.record(r)))
    for enum in api.enums.values():
        if enum.decl is not None:
            constants = [
                f"#define {c.name} {c.value}" for c in api.constants if c.decl.parent == enum.decl.usr
            ]
            attempt(
                enum.decl.key,
                lambda e=enum, c=constants: "\n".join([f"typedef {writer.base(e.integer)} {e.name};", *c]),
            )
    for typedef in api.typedefs.values():
        attempt(
            typedef.decl.key,
            lambda t=typedef: f"typedef {writer.declarator(t.ctype, t.name, by_value=False)};",
        )
    for decl, reason in api.skipped:
        if reason != CXX_REASON:
            out[decl.key] = f"/* {decl.name}: not declared: {reason} */"
    return out
