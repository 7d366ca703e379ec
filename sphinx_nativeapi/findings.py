"""An AbiReport read as a list of findings, each with what it means and the usual fix, and baselines.

The report says where every declaration and export stands; a *finding* is one of those that a person
may have to act on, worded as auditwheel words its findings: the fact, then the likely cause and fix.
The text and GitHub outputs print findings; ``--fail-on`` and ``--baseline`` judge them.

A baseline is the JSON that ``nativeapi check --format json`` prints: its findings are accepted, and a
gate fails only on new ones. A finding is identified by platform, class and declaration (with its
symbol names) or exported symbol, never by file and line, so that editing a header does not turn old
findings into new ones.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.model import AbiReport, DeclarationEntry, PlatformReport, UnmatchedEntry

# Every class a finding can have, in the order findings are printed.
CLASSES = (
    "missing",
    "undeclared",
    "undocumented",
    "internal",
    "unknown",
    "compiler-generated",
    "template-instance",
)
# Classes that nobody has to act on: printed only when --fail-on names them.
QUIET = frozenset({"internal", "unknown", "compiler-generated", "template-instance"})


@dataclass(frozen=True)
class Finding:
    platform: str
    cls: str
    name: str  # the declaration, or the exported symbol for an unmatched export
    symbols: tuple[str, ...]
    file: str | None
    line: int | None
    message: str

    @property
    def key(self) -> tuple[str, str, str, tuple[str, ...]]:
        return (self.platform, self.cls, self.name, self.symbols)


def findings(report: AbiReport) -> list[Finding]:
    """Every finding of a report, in a stable order: by class, then platform, file, line and name."""
    found = [f for name, platform in report.platforms.items() for f in _platform_findings(name, platform)]
    order = {cls: i for i, cls in enumerate(CLASSES)}
    return sorted(
        found, key=lambda f: (order[f.cls], f.platform, f.file or "", f.line or 0, f.name, f.symbols)
    )


def _platform_findings(platform: str, report: PlatformReport) -> Iterable[Finding]:
    binary = report.binary or "the binary"
    for entry in report.missing:
        yield _declaration_finding(platform, "missing", entry, _missing(entry, binary))
    for entry in report.internal:
        yield _declaration_finding(platform, "internal", entry, _internal(entry, binary))
    for entry in report.unknown:
        yield _declaration_finding(platform, "unknown", entry, _unknown(entry, platform, report.binary))
    for unmatched in report.unmatched:
        message = _unmatched(unmatched, binary)
        yield Finding(platform, unmatched.cls, unmatched.symbol, (unmatched.symbol,), None, None, message)
    for doc in report.undocumented:
        message = (
            f"{exported_as(doc.declaration, doc.symbol)} but has no doc comment: document it, or leave it "
            "out of the public headers if users are not meant to call it."
        )
        yield Finding(platform, "undocumented", doc.declaration, (doc.symbol,), doc.file, doc.line, message)


def exported_as(declaration: str, symbol: str) -> str:
    """"NAME is exported", with the symbol where it is not the name itself (mangled, decorated)."""
    return f"{declaration} is exported" + ("" if symbol == declaration else f" ({symbol})")


def _declaration_finding(platform: str, cls: str, entry: DeclarationEntry, message: str) -> Finding:
    symbols = tuple(entry.symbols or ())
    return Finding(platform, cls, entry.declaration, symbols, entry.file, entry.line, message)


def _names(entry: DeclarationEntry) -> str:
    return " or ".join(entry.symbols or ()) or "its symbol"


def _missing(entry: DeclarationEntry, binary: str) -> str:
    return (
        f"{entry.declaration} is marked for export but {_names(entry)} is not exported by {binary}: is its "
        "source file compiled into the library, and is it defined with exactly this signature and calling "
        "convention? Or is the symbol hidden: by a version script, by -fvisibility=hidden without the "
        "export macro on the definition, or by a .def file that leaves it out?"
    )


def _internal(entry: DeclarationEntry, binary: str) -> str:
    return (
        f"{entry.declaration} is declared in a public header but neither marked for export nor exported "
        f"by {binary}: users cannot link to it. If they should, mark it with the library's export macro; "
        "if not, move it to a private header."
    )


def _unknown(entry: DeclarationEntry, platform: str, binary: str | None) -> str:
    if binary is None:
        return (
            f"no binary or symbol dump for {platform}, so whether {entry.declaration} is exported there is "
            f"unknown: pass --binary {platform}=PATH (a library, or a dump from `nativeapi symbols --json`)."
        )
    return (
        f"the types of {entry.declaration} did not resolve on {platform}, so its symbol name is unknown: "
        "fix the scan's warnings for this header (a missing -I, -D or --sysroot)."
    )


def _unmatched(entry: UnmatchedEntry, binary: str) -> str:
    shown = f"{entry.symbol} ({entry.demangled})" if entry.demangled else entry.symbol
    if entry.cls == "undeclared":
        return (
            f"{shown} is exported by {binary} but declared in no scanned header: if it is internal, hide "
            "it (static, -fvisibility=hidden, a version script or a .def file); if it is API, scan the "
            "header that declares it."
        )
    if entry.cls == "template-instance":
        return f"{shown} is an instance of a template that {binary} exports; nothing to do."
    return (
        f"{shown} was made by the compiler or the linker (a vtable, typeinfo, thunk, guard variable, "
        "implicit special member or runtime symbol); nothing to do."
    )


def load_baseline(path: str) -> frozenset[tuple[str, str, str, tuple[str, ...]]]:
    """The keys of the findings in a baseline file: a report printed by ``check --format json``."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as exc:
        raise NativeApiError(f"cannot read the baseline: {exc.strerror}", path) from None
    except (ValueError, RecursionError) as exc:
        raise NativeApiError(f"the baseline is not valid JSON: {exc}", path) from None
    try:
        report = AbiReport.from_json(data)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise NativeApiError(
            f"not a baseline: expected the output of `nativeapi check --format json` ({exc!r})", path
        ) from None
    return frozenset(f.key for f in findings(report))
