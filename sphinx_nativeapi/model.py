"""The values that flow between the pipeline's stages, each with a JSON round-trip.

Every stage (scan, read, match) is a pure function from inputs to one of these values, so each one can
be cached on disk, printed by the CLI, written by one CI job and read by another. ``None`` in a
per-platform fact always means *unknown*: the scanner never guesses a layout or a mangled name.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from sphinx_nativeapi.doc import Doc, ParamDoc
from sphinx_nativeapi.symbols import SCHEMA

# How clang and c++filt name an anonymous namespace: its entities are "ns::(anonymous namespace)::f".
ANONYMOUS_NAMESPACE = "(anonymous namespace)"


@dataclass
class FieldLayout:
    name: str
    offset: int | None  # bytes; None for an unknown offset or a bit-field that starts mid-byte
    bit_offset: int | None  # bits from the start of the record
    size: int | None  # bytes; for a bit-field, None (see bit_width)
    bit_width: int | None = None  # only for bit-fields


@dataclass
class PlatformFacts:
    """What one declaration is on one platform. None means unknown, never a guess."""

    incomplete: bool = False
    symbols: list[str] | None = None
    calling_convention: str | None = None
    export: str | None = None  # "dllexport" | "dllimport" | "default" | "protected" | "hidden" | None
    export_macro: str | None = None
    size: int | None = None
    align: int | None = None
    fields: list[FieldLayout] | None = None
    # This platform's own declaration, where an #ifdef gives it another one than the declaration's
    # signature (``typedef long long foo_off_t`` on Windows, ``typedef long foo_off_t`` elsewhere).
    declared_as: str | None = None
    # Inline on this platform, where the redeclarations an #ifdef leaves differ per platform
    # (``LIB_API void f(void);`` then, under ``#ifndef _WIN32``, ``inline void f(void) {}``).
    # None: as the declaration's ``inline`` says.
    inline: bool | None = None
    # The type as plain data on this platform (scanner/typeinfo.py): what an FFI declaration is made
    # of (a function's signature, a variable's type, a record's fields, an enum's integer).
    ctype: dict[str, Any] | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PlatformFacts:
        if data.get("fields") is not None:
            data = dict(data)
            data["fields"] = [FieldLayout(**f) for f in data["fields"]]
        return cls(**data)


def _doc_json(doc: Doc | None) -> dict[str, Any] | None:
    if doc is None:
        return None
    data = dict(doc.__dict__)
    for key, value in data.items():
        if isinstance(value, list):
            data[key] = [dict(v.__dict__) if isinstance(v, ParamDoc) else v for v in value]
    return data


def _facts_json(facts: PlatformFacts) -> dict[str, Any]:
    data = dict(facts.__dict__)
    if facts.symbols is not None:
        data["symbols"] = list(facts.symbols)
    if facts.fields is not None:
        data["fields"] = [dict(f.__dict__) for f in facts.fields]
    return data


@dataclass
class Declaration:
    """One declaration of the public API, with its facts on every scanned platform."""

    name: str
    qualified_name: str
    kind: str  # function, variable, struct, union, class, enum, enumerator, typedef, macro, namespace,
    # method, constructor, destructor, field
    usr: str
    file: str
    line: int
    signature: str
    comment: str | None = None  # the raw doc comment as libclang gives it, markers included: see doc
    linkage: str | None = None  # "external", "internal", "unique-external", "no-linkage" or None
    inline: bool = False
    static: bool = False
    template: bool = False
    deleted: bool = False
    friend: bool = False  # a friend function: of the namespace, declared (and rendered) in its class
    pure_virtual: bool = False
    virtual: bool = False
    extern_c: bool = False
    variadic: bool = False
    deprecated: str | None = None  # the attribute's message, "" when it has none
    parent: str | None = None  # USR of the enclosing record, enum or namespace
    type: str | None = None  # a variable's, field's or typedef's type; a function's return type
    value: str | None = None  # an enumerator's value, an object-like macro's replacement text
    params: list[dict[str, str]] | None = None  # functions: [{"name", "type"}]; macros: [{"name"}]
    underlying_type: str | None = None  # enums
    access: str | None = None  # C++ members: "public", "protected", "private"
    # C++ classes defined in the headers: their direct bases in declaration order, each
    # {"name" (as written), "canonical" (qualified, typedefs resolved), "access", "virtual"}; None for a
    # C record or an undefined class. Where each base sits is not here: libclang 18 has no call for it.
    bases: list[dict[str, Any]] | None = None
    # Virtual methods: the qualified names of the base classes' methods this one overrides (the
    # nearest on each path up the bases), [] when it overrides none; None for other declarations.
    overrides: list[str] | None = None
    platforms: dict[str, PlatformFacts] = field(default_factory=dict)

    @property
    def doc(self) -> Doc | None:
        """The doc comment, parsed when first asked for (and then once per text in each process).

        Parsing is a third of a scan's walk, and only what renders a declaration needs it: the scanner
        keeps the text, and Sphinx's readers, in parallel under ``-j``, parse the comments they render.
        """
        from sphinx_nativeapi.comments import parse_comment  # on first use: most processes parse none

        return parse_comment(self.comment)

    def take_comment(self, comment: str | None) -> None:
        """Another declaration of the same entity's comment, when this one's says nothing (parsed
        only when the two differ: folding declarations is part of the scan, parsing is not)."""
        if comment != self.comment and self.doc is None:
            self.comment = comment

    @property
    def key(self) -> str:
        """A stable identity: USR where clang gives one (it is unique across overloads)."""
        return self.usr or f"{self.kind}:{self.qualified_name}"

    def to_json(self, doc: bool = False) -> dict[str, Any]:
        """Plain data; ``doc`` adds the parsed comment (the CLI's document), which the cache and the
        scan's workers leave to whoever renders it."""
        # What dataclasses.asdict gives, without its deep copy of every value: a scan of a large API
        # turns tens of thousands of declarations into JSON (cache, CLI, worker processes).
        data = dict(self.__dict__)
        if doc:
            data["doc"] = _doc_json(self.doc)
        if self.params is not None:
            data["params"] = [dict(p) for p in self.params]
        if self.bases is not None:
            data["bases"] = [dict(b) for b in self.bases]
        if self.overrides is not None:
            data["overrides"] = list(self.overrides)
        data["platforms"] = {name: _facts_json(facts) for name, facts in self.platforms.items()}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Declaration:
        data = dict(data)
        data["platforms"] = {k: PlatformFacts.from_json(v) for k, v in data.get("platforms", {}).items()}
        known = _DECLARATION_FIELDS or _DECLARATION_FIELDS.update(f.name for f in fields(cls)) or \
            _DECLARATION_FIELDS
        if not known.issuperset(data):  # a newer writer's key: read what this version knows
            data = {k: v for k, v in data.items() if k in known}
        return cls(**data)


# The names Declaration.from_json takes, once (``dataclasses.fields`` per call was a third of reading a
# release dump of 10,000 declarations).
_DECLARATION_FIELDS: set[str] = set()


@dataclass
class Diagnostic:
    platform: str | None
    severity: str  # "warning", "error" or "fatal"
    file: str | None
    line: int | None
    column: int | None
    message: str
    in_system_header: bool = False


@dataclass
class MissingHeader:
    """A system header (``<windows.h>``) that an ``#include`` in the API's own files named and the
    platform's unit found nowhere. What the API declares with it is then unknown or invented by
    clang's error recovery, so no ABI status is given for that platform."""

    platform: str
    header: str  # as the directive spells it, without the brackets
    file: str  # the API file whose #include named it
    line: int
    host: bool = False  # the unit read the host's own system headers

    @property
    def message(self) -> str:
        """The one text the CLI, its JSON report and the Sphinx warning all give."""
        where = f"<{self.header}> (included at {self.file}:{self.line}) was not found for {self.platform}"
        remedy = (
            "install the package that provides it"
            if self.host
            else "install sphinx-nativeapi[zig] for other platforms' system headers"
        )
        return (
            f"{where}, so no ABI status is given for {self.platform}: {remedy}, or give "
            f"{self.platform}'s system headers with --sysroot {self.platform}=DIR (a project's 'sysroots')"
        )


@dataclass
class ApiModel:
    """The scanner's output: the declarations of a header set on each requested platform."""

    platforms: list[str]
    declarations: list[Declaration]
    diagnostics: list[Diagnostic]
    # The API's own headers, each with the API headers it includes directly: what a page that documents
    # one header depends on (a change to any header it reaches must rebuild the page).
    includes: dict[str, list[str]] = field(default_factory=dict)
    missing_headers: list[MissingHeader] = field(default_factory=list)

    def unscanned(self) -> dict[str, MissingHeader]:
        """The platforms whose unit missed a system header of the API, each with the first one."""
        first: dict[str, MissingHeader] = {}
        for missing in self.missing_headers:
            first.setdefault(missing.platform, missing)
        return first

    def reached_from(self, header: str) -> list[str]:
        """The header and every API header it includes, directly or not."""
        seen = {header}
        stack = [header]
        while stack:
            for target in self.includes.get(stack.pop(), ()):
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
        return sorted(seen)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "platforms": self.platforms,
            "declarations": [d.to_json(doc=True) for d in self.declarations],
            "diagnostics": [asdict(d) for d in self.diagnostics],
            "includes": self.includes,
            "missing_headers": [asdict(m) for m in self.missing_headers],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ApiModel:
        return cls(
            platforms=list(data["platforms"]),
            declarations=[Declaration.from_json(d) for d in data["declarations"]],
            diagnostics=[Diagnostic(**d) for d in data["diagnostics"]],
            includes={k: list(v) for k, v in data.get("includes", {}).items()},
            missing_headers=[MissingHeader(**m) for m in data.get("missing_headers", ())],
        )


# The AbiReport: the match stage's output. Field names are the JSON keys of ``nativeapi check --format
# json`` (issue 4), so the report, the CLI output and a baseline file are one format.

STATUSES = ("exported", "missing", "internal", "not_applicable", "unknown")
UNMATCHED_CLASSES = ("compiler-generated", "template-instance", "undeclared")


@dataclass
class ExportedEntry:
    """One symbol of the binary that a declaration owns (a constructor's two variants are two)."""

    declaration: str
    symbol: str
    version: str | None = None
    ordinal: int | None = None


@dataclass
class DeclarationEntry:
    """A declaration with its expected symbol names (None: unknown), for every status but exported."""

    declaration: str
    kind: str
    symbols: list[str] | None
    file: str
    line: int


@dataclass
class UnmatchedEntry:
    """An export that no declaration owns, demangled and classified (``class`` is a keyword: ``cls``)."""

    symbol: str
    demangled: str | None
    cls: str

    def to_json(self) -> dict[str, Any]:
        return {"symbol": self.symbol, "demangled": self.demangled, "class": self.cls}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> UnmatchedEntry:
        return cls(symbol=data["symbol"], demangled=data["demangled"], cls=data["class"])


@dataclass
class UndocumentedEntry:
    declaration: str
    symbol: str
    file: str
    line: int


@dataclass
class PlatformReport:
    """Every declaration's status on one platform, and every export nobody declared."""

    binary: str | None  # the first binary or dump read for the platform; None: none was given
    binaries: list[str] = field(default_factory=list)
    exported: list[ExportedEntry] = field(default_factory=list)
    missing: list[DeclarationEntry] = field(default_factory=list)
    internal: list[DeclarationEntry] = field(default_factory=list)
    not_applicable: list[DeclarationEntry] = field(default_factory=list)
    unknown: list[DeclarationEntry] = field(default_factory=list)
    unmatched: list[UnmatchedEntry] = field(default_factory=list)
    undocumented: list[UndocumentedEntry] = field(default_factory=list)
    counts: dict[str, Any] = field(default_factory=dict)
    # Set when the platform's unit missed a system header of the API (MissingHeader.message): then no
    # declaration has a status there but unknown, and no export is classified.
    error: str | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["unmatched"] = [u.to_json() for u in self.unmatched]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PlatformReport:
        return cls(
            binary=data["binary"],
            binaries=list(data.get("binaries", [])),
            exported=[ExportedEntry(**e) for e in data["exported"]],
            **{s: [DeclarationEntry(**e) for e in data[s]] for s in STATUSES[1:]},
            unmatched=[UnmatchedEntry.from_json(u) for u in data["unmatched"]],
            undocumented=[UndocumentedEntry(**u) for u in data["undocumented"]],
            counts=dict(data["counts"]),
            error=data.get("error"),
        )


@dataclass
class AbiReport:
    platforms: dict[str, PlatformReport]

    def to_json(self) -> dict[str, Any]:
        return {"schema": SCHEMA, "platforms": {k: v.to_json() for k, v in sorted(self.platforms.items())}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AbiReport:
        if data.get("schema") != SCHEMA:
            raise ValueError(f"report schema {data.get('schema')!r}; this version reads schema {SCHEMA}")
        return cls({k: PlatformReport.from_json(v) for k, v in data["platforms"].items()})
