"""The ABI facts under one rendered declaration, per platform, as docutils tables.

Functions and variables: the symbol name(s) each platform's binary exports (or, where none matched,
the object-file name clang computes, said so), the calling convention, the export attribute (and the
macro that spelled it), and the status against the binary. Types: size and
alignment per platform, and a field-offset table with one column per platform, in which the cells that
differ between platforms stand out. Unknown is printed as unknown, never guessed.
"""

from __future__ import annotations

from docutils import nodes

from sphinx_nativeapi.model import Declaration
from sphinx_nativeapi.sphinxext.projects import LoadedProject
from sphinx_nativeapi.sphinxext.tables import Cell, differing, table

SYMBOL_KINDS = {"function", "method", "constructor", "destructor", "variable"}
LAYOUT_KINDS = {"struct", "union", "class", "enum", "typedef"}
UNKNOWN = "unknown"


def _names(names: list[str]) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, name in enumerate(names):
        if i:
            out.append(nodes.Text(", "))
        out.append(nodes.literal(name, name))
    return out


def _symbols(loaded: LoadedProject, decl: Declaration, platform: str) -> tuple[str | list[nodes.Node], bool]:
    """The names the binary exports where the matcher found them (what ``GetProcAddress``, ``dlsym``
    and ctypes see), else the object-file name clang computes; and whether it is the latter."""
    exported = loaded.exported_symbols(decl, platform)
    if exported:
        return _names(exported), False
    facts = decl.platforms[platform]
    if facts.symbols is None:
        return UNKNOWN, False
    if not facts.symbols:
        return "none", False
    return _names(facts.symbols), True


def _export(loaded: LoadedProject, decl: Declaration, platform: str) -> str:
    """The export attribute and the macro that spelled it: a member inherits its class's (``class
    EXAMPLE_API Widget``), and clang reports the attribute on the member without the macro."""
    facts = decl.platforms[platform]
    if facts.export is None:
        return "not marked"
    macro = facts.export_macro
    parent = loaded.parent_of(decl)
    while macro is None and parent is not None and parent.kind in ("class", "struct", "union"):
        outer = parent.platforms.get(platform)
        if outer is not None and outer.export == facts.export:
            macro = outer.export_macro
        parent = loaded.parent_of(parent)
    return f"{facts.export} ({macro})" if macro else facts.export


def _number(value: int | None) -> str:
    return UNKNOWN if value is None else str(value)


def _offset(layout) -> str:
    if layout is None:
        return "absent"
    if layout.bit_width is not None:
        if layout.bit_offset is None:
            return UNKNOWN
        return f"bit {layout.bit_offset}, {layout.bit_width} bit{'' if layout.bit_width == 1 else 's'}"
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
    symbols = {p: _symbols(loaded, decl, p) for p in platforms if p in decl.platforms}
    object_names = [p for p, (_, is_object_name) in symbols.items() if is_object_name]
    # Object-file names only: the header says so; some: the cells say so. Exported names need no note.
    all_object_names = len(object_names) == len(symbols)
    for platform in platforms:
        facts = decl.platforms.get(platform)
        if facts is None:
            rows.append([Cell(platform, literal=True), "not declared", "", "", ""])
            continue
        names, is_object_name = symbols[platform]
        if is_object_name and not all_object_names:
            names = [*names, nodes.Text(" (object file)")]
        rows.append(
            [
                Cell(platform, literal=True),
                names,
                Cell(facts.calling_convention or "", differs=conv_differs),
                _export(loaded, decl, platform),
                loaded.status_text(decl, platform),
            ]
        )
    symbol = "Symbol (object file)" if object_names and all_object_names else "Symbol"
    headers = ["Platform", symbol, "Convention", "Export", "Status"]
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
    # "no-search": Sphinx's search index, built serially even under -j, leaves the per-object tables
    # out (most of a page's text); the ABI reference pages keep every symbol searchable.
    return [nodes.container("", *content, classes=["nativeapi-facts", "no-search"])]
