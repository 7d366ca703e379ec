"""ApiModel x SymbolTable -> AbiReport: each declaration's status on each platform, and every export
that no declaration owns, classified.

Names are compared exactly as the binary stores them. Clang gives the name of an *object file*; most
binaries store that name, but a 32-bit Windows DLL's export table does not (DESIGN.md, "Matching and
coverage"): it drops the one leading ``_`` of a cdecl name, and a ``__stdcall`` ``_f@8`` may be
exported as ``_f@8`` (MSVC), ``f@8`` (MinGW) or ``f`` (a ``.def`` file), so each of those is accepted.
ELF versions are already split off by the reader; Mach-O names keep their ``_`` on both sides; import
libraries and static archives keep the object names.

The result is deterministic (every list sorted), so two runs on the same input print the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from sphinx_nativeapi.classify import DeclarationIndex, classify
from sphinx_nativeapi.demangle import demangle, undecorate
from sphinx_nativeapi.model import (
    AbiReport,
    ApiModel,
    Declaration,
    DeclarationEntry,
    ExportedEntry,
    PlatformFacts,
    PlatformReport,
    UndocumentedEntry,
    UnmatchedEntry,
)
from sphinx_nativeapi.symbols import Symbol, SymbolTable

# The kinds that can own a symbol; every other kind (types, macros, enumerators, fields, namespaces)
# is not applicable.
LINKABLE_KINDS = frozenset({"function", "variable", "method", "constructor", "destructor"})
# Export attributes that mark a declaration as part of the library's ABI. dllimport counts: it is how a
# library's own header spells "this comes from the DLL" when the header is read as its users read it.
EXPORT_MARKS = frozenset({"dllexport", "dllimport", "default", "protected"})


def export_names(object_name: str, table: SymbolTable) -> tuple[str, ...]:
    """The names under which ``table`` may store the symbol clang names ``object_name``."""
    if table.format != "pe" or table.arch != "x86" or object_name.startswith(("?", "@")):
        return (object_name,)
    if not object_name.startswith("_"):
        return (object_name,)  # vectorcall f@@8, or a name the scanner already gave undecorated
    bare = object_name[1:]
    decoration = undecorate(object_name)
    if decoration is not None and decoration.convention == "__stdcall":
        return (object_name, bare, decoration.name)
    return (bare,)


def match(
    model: ApiModel,
    tables: dict[str, list[SymbolTable]],
    export_macros: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> AbiReport:
    """The status of every declaration on every platform of the model or of ``tables``.

    ``tables`` maps a platform name to the binaries (or dumps) read for it; a platform of the model with
    no table gets ``unknown`` for everything that could have a symbol. ``export_macros`` names macros
    that mark a declaration for export even where they expand to nothing; ``ignore`` holds regexes
    (searched, as ``re.search`` does) of symbol or declaration names to leave out of the report.
    """
    patterns = [re.compile(p) for p in ignore]
    index = DeclarationIndex.of(model.declarations)
    declarations = sorted(model.declarations, key=lambda d: (d.file, d.line, d.qualified_name, d.key))
    platforms = sorted(set(model.platforms) | set(tables))
    unscanned = model.unscanned()
    reports = {}
    for name in platforms:
        if name in unscanned:
            reports[name] = _unscanned_platform(name, declarations, tables.get(name, []), patterns)
            reports[name].error = unscanned[name].message
        else:
            reports[name] = _match_platform(
                name, declarations, tables.get(name, []), index, frozenset(export_macros), patterns
            )
    return AbiReport(reports)


def _unscanned_platform(
    platform: str, declarations: list[Declaration], tables: list[SymbolTable], ignore: list[re.Pattern[str]]
) -> PlatformReport:
    """A platform whose unit missed a system header of the API: what it declared is half invented by
    clang's error recovery (a <windows.h> type unknown makes a function a variable), so every
    declaration that could own a symbol is unknown there, no other one has a status, and no export is
    classified (each would look undeclared)."""
    report = PlatformReport(
        binary=tables[0].path if tables else None, binaries=sorted({t.path for t in tables})
    )
    ignored = 0
    for decl in declarations:
        facts = decl.platforms.get(platform)
        if facts is None or decl.kind not in LINKABLE_KINDS:
            continue
        if _ignored(ignore, decl.qualified_name, *(facts.symbols or ())):
            ignored += 1
            continue
        report.unknown.append(DeclarationEntry(decl.qualified_name, decl.kind, None, decl.file, decl.line))
    _sort(report)
    report.counts = _counts(report, ignored, 0, _nameless(tables))
    return report


class _Exports:
    """The exports of a platform's binaries, by stored name (ELF version split off), per binary: which
    names a declaration may have depends on the kind of file (a DLL's export table, an import library).
    """

    def __init__(self, tables: list[SymbolTable]) -> None:
        # An import library lists a DLL's exports under their object names: with the DLL at hand, it
        # says nothing more, and its names would count each export twice.
        if any(table.format == "pe" for table in tables):
            tables = [table for table in tables if table.format != "coff-import"]
        self.tables = [(table, _by_name(table.symbols)) for table in tables]
        self.names = {name for _, by_name in self.tables for name in by_name}

    def find(self, object_names: Iterable[str]) -> list[Symbol]:
        found: list[Symbol] = []
        for object_name in object_names:
            for table, by_name in self.tables:
                for candidate in export_names(object_name, table):
                    found += [s for s in by_name.get(candidate, ()) if s not in found]
        return found


def _by_name(symbols: list[Symbol]) -> dict[str, list[Symbol]]:
    by_name: dict[str, list[Symbol]] = {}
    for symbol in symbols:
        if symbol.name:
            by_name.setdefault(symbol.name, []).append(symbol)
    return by_name


def _match_platform(
    platform: str,
    declarations: list[Declaration],
    tables: list[SymbolTable],
    index: DeclarationIndex,
    export_macros: frozenset[str],
    ignore: list[re.Pattern[str]],
) -> PlatformReport:
    exports = _Exports(tables)
    report = PlatformReport(
        binary=tables[0].path if tables else None, binaries=sorted({t.path for t in tables})
    )
    claimed: set[str] = set()
    ignored = 0
    documented = 0
    for decl in declarations:
        facts = decl.platforms.get(platform)
        if facts is None:
            continue  # not declared on this platform (#ifdef)
        found = exports.find(facts.symbols or ()) if tables else []
        claimed.update(s.name for s in found)
        if _ignored(ignore, decl.qualified_name, *(facts.symbols or ())):
            ignored += 1
            continue
        status = _status(decl, facts, bool(tables), bool(found), export_macros)
        if status == "exported":
            report.exported += [
                ExportedEntry(decl.qualified_name, s.name, s.version, s.ordinal) for s in found
            ]
            if decl.doc is None:
                report.undocumented.append(
                    UndocumentedEntry(decl.qualified_name, min(s.name for s in found), decl.file, decl.line)
                )
            else:
                documented += 1
        else:
            entry = DeclarationEntry(decl.qualified_name, decl.kind, facts.symbols, decl.file, decl.line)
            getattr(report, status).append(entry)
    for name in sorted(exports.names - claimed):
        if _ignored(ignore, name):
            ignored += 1
            continue
        text = demangle(name, platform)
        report.unmatched.append(UnmatchedEntry(name, text, classify(name, text, index)))
    _sort(report)
    report.counts = _counts(report, ignored, documented, _nameless(tables))
    return report


def _status(
    decl: Declaration, facts: PlatformFacts, has_binary: bool, found: bool, export_macros: frozenset[str]
) -> str:
    if decl.kind not in LINKABLE_KINDS or facts.symbols == [] or decl.linkage in ("internal", "no-linkage"):
        return "not_applicable"
    if not has_binary or facts.symbols is None:
        return "unknown"
    if found:
        return "exported"
    if _defined_in_header(decl, facts):
        return "not_applicable"
    if decl.access == "private":
        # Nobody outside the class can call it, and C++03's "no copying" idiom declares a private copy
        # constructor and assignment that are never defined (gflags.h's FlagSaver).
        return "internal"
    return "missing" if _marked(facts, export_macros) else "internal"


def _defined_in_header(decl: Declaration, facts: PlatformFacts) -> bool:
    """Inline (on this platform), pure virtual, deleted or template: compiled where it is used, so
    never missing.

    A variable whose declaration in the header has an initialiser (``static const int k = 8;`` in a
    class, a constexpr) is a constant for its users, not a symbol the library owes them.
    """
    inline = decl.inline if facts.inline is None else facts.inline
    if inline or decl.pure_virtual or decl.deleted or decl.template:
        return True
    return decl.kind == "variable" and "=" in decl.signature


def _marked(facts: PlatformFacts, export_macros: frozenset[str]) -> bool:
    """Marked for export: an export attribute, or an export macro (even one empty on this platform)."""
    if facts.export in EXPORT_MARKS or facts.export_macro in export_macros:
        return True
    return facts.export_macro is not None and facts.export is None


def _ignored(patterns: list[re.Pattern[str]], *names: str) -> bool:
    return any(p.search(n) for p in patterns for n in names)


def _nameless(tables: list[SymbolTable]) -> int:
    """PE exports by ordinal only (NONAME): real exports that no name can match."""
    return len({(t.path, s.ordinal) for t in tables for s in t.symbols if not s.name})


def _sort(report: PlatformReport) -> None:
    report.exported.sort(key=lambda e: (e.declaration, e.symbol, e.version or "", e.ordinal or 0))
    for status in ("missing", "internal", "not_applicable", "unknown"):
        getattr(report, status).sort(key=lambda e: (e.file, e.line, e.declaration, e.symbols or []))
    report.undocumented.sort(key=lambda e: (e.file, e.line, e.declaration, e.symbol))


def _counts(report: PlatformReport, ignored: int, documented: int, nameless: int) -> dict[str, object]:
    exported = documented + len(report.undocumented)
    counts: dict[str, object] = {
        "exported": exported,
        "exported_symbols": len({e.symbol for e in report.exported}),
        "missing": len(report.missing),
        "internal": len(report.internal),
        "not_applicable": len(report.not_applicable),
        "unknown": len(report.unknown),
        "unmatched": len(report.unmatched),
    }
    for cls in ("compiler-generated", "template-instance", "undeclared"):
        counts[cls] = sum(1 for u in report.unmatched if u.cls == cls)
    counts["undocumented"] = len(report.undocumented)
    counts["documented_percent"] = round(100.0 * documented / exported, 2) if exported else None
    counts["ignored"] = ignored
    counts["nameless_exports"] = nameless
    return counts
