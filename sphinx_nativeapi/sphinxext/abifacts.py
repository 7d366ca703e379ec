"""The ABI facts under one rendered declaration, per platform, as docutils tables.

Functions and variables: the symbol name(s) each platform's linker sees, the calling convention, the
export attribute (and the macro that spelled it), and the status against the binary. Types: size and
alignment per platform, and a field-offset table with one column per platform, in which the cells that
differ between platforms stand out. Unknown is printed as unknown, never guessed.
"""

from __future__ import annotations

from docutils import nodes

from sphinx_nativeapi.model import Declaration, PlatformFacts
from sphinx_nativeapi.sphinxext.projects import LoadedProject
from sphinx_nativeapi.sphinxext.tables import Cell, differing, table

SYMBOL_KINDS = {"function", "method", "constructor", "destructor", "variable"}
LAYOUT_KINDS = {"struct", "union", "class", "enum", "typedef"}
UNKNOWN = "unknown"


def _symbols(facts: PlatformFacts) -> str | list[nodes.Node]:
    if facts.symbols is None:
        return UNKNOWN
    if not facts.symbols:
        return "none"
    out: list[nodes.Node] = []
    for i, name in enumerate(facts.symbols):
        if i:
            out.append(nodes.Text(", "))
        out.append(nodes.literal(name, name))
    return out


def _export(facts: PlatformFacts) -> str:
    if facts.export is None:
        return "not marked"
    return f"{facts.export} ({facts.export_macro})" if facts.export_macro else facts.export


def _number(value: int | None) -> str:
    return UNKNOWN if value is None else str(value)


def _offset(layout) -> str:
    if layout is None:
        return "absent"
    if layout.bit_width is not None:
        return (
            f"bit {layout.bit_offset} ({layout.bit_width} bits)" if layout.bit_offset is not None else UNKNOWN
        )
    return _number(layout.offset)


def _legend(any_differs: bool) -> list[nodes.Node]:
    if not any_differs:
        return []
    text = "Marked cells (*) differ between platforms."
    return [nodes.paragraph(text, text, classes=["nativeapi-legend"])]


def symbol_table(loaded: LoadedProject, decl: Declaration, platforms: list[str]) -> list[nodes.Node]:
    rows = []
    conventions = [decl.platforms[p].calling_convention for p in platforms if p in decl.platforms]
    conv_differs = differing(conventions)
    for platform in platforms:
        facts = decl.platforms.get(platform)
        if facts is None:
            rows.append([Cell(platform, literal=True), "not declared", "", "", ""])
            continue
        rows.append(
            [
                Cell(platform, literal=True),
                _symbols(facts),
                Cell(facts.calling_convention or "", differs=conv_differs),
                _export(facts),
                loaded.status_text(decl, platform),
            ]
        )
    headers = ["Platform", "Symbol", "Convention", "Export", "Status"]
    return [table(headers, rows, classes=["nativeapi-abi"]), *_legend(conv_differs)]


def layout_tables(loaded: LoadedProject, decl: Declaration, platforms: list[str]) -> list[nodes.Node]:
    present = [p for p in platforms if p in decl.platforms]
    if not present:
        return []
    sizes = [decl.platforms[p].size for p in present]
    aligns = [decl.platforms[p].align for p in present]
    size_differs, align_differs = differing(sizes), differing(aligns)
    if all(s is None for s in sizes) and decl.kind in ("struct", "union", "class"):
        text = "Incomplete type: no size or layout (declared, not defined, in these headers)."
        return [nodes.paragraph(text, text, classes=["nativeapi-incomplete"])]
    rows = [
        [
            Cell(p, literal=True),
            Cell(_number(decl.platforms[p].size), differs=size_differs),
            Cell(_number(decl.platforms[p].align), differs=align_differs),
        ]
        for p in present
    ]
    out: list[nodes.Node] = [table(["Platform", "Size", "Align"], rows, classes=["nativeapi-abi"])]
    any_differs = size_differs or align_differs
    field_names: list[str] = []
    by_platform: dict[str, dict[str, object]] = {}
    for p in present:
        layouts = decl.platforms[p].fields or []
        by_platform[p] = {f.name: f for f in layouts}
        field_names += [f.name for f in layouts if f.name not in field_names]
    if field_names:
        field_rows = []
        for name in field_names:
            values = [_offset(by_platform[p].get(name)) for p in present]
            differs = differing(values)
            any_differs = any_differs or differs
            field_rows.append(
                [Cell(name or "(anonymous)", literal=True), *(Cell(v, differs=differs) for v in values)]
            )
        out.append(
            table(["Field offset", *present], field_rows, classes=["nativeapi-abi", "nativeapi-offsets"])
        )
    return out + _legend(any_differs)


def facts_nodes(loaded: LoadedProject, decl: Declaration, platforms: list[str]) -> list[nodes.Node]:
    """The ABI block for a declaration, or nothing for kinds that have no ABI of their own."""
    if decl.kind in SYMBOL_KINDS:
        content = symbol_table(loaded, decl, platforms)
    elif decl.kind in LAYOUT_KINDS:
        content = layout_tables(loaded, decl, platforms)
    else:
        return []
    if not content:
        return []
    return [nodes.container("", *content, classes=["nativeapi-facts"])]
