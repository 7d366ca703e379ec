"""The ABI facts under one rendered declaration, per platform, as tables.

Functions and variables: the symbol name(s) each platform's binary exports (or, where none matched,
the object-file name clang computes, said so), the calling convention, the export attribute (and the
macro that spelled it), and the status against the binary. Types: size and
alignment per platform, and a field-offset table with one column per platform, in which the cells that
differ between platforms stand out. Unknown is printed as unknown, never guessed.

The tables are plain data in one ``nativeapi_facts`` node (``factsnode``), not docutils tables: they
were a third of the nodes of libgit2's pages, and every transform of the read and write phases walks
every node. HTML writes them straight out; other builders get real tables when the page is resolved.
"""

from __future__ import annotations

from docutils import nodes

from sphinx_nativeapi.model import Declaration
from sphinx_nativeapi.sphinxext.factsnode import Block, FactCell, Segment, nativeapi_facts
from sphinx_nativeapi.sphinxext.projects import LoadedProject
from sphinx_nativeapi.sphinxext.tables import differing

SYMBOL_KINDS = {"function", "method", "constructor", "destructor", "variable"}
LAYOUT_KINDS = {"struct", "union", "class", "enum", "typedef"}
UNKNOWN = "unknown"


def _cell(text: str, differs: bool = False, literal: bool = False) -> FactCell:
    return ([(text, literal and bool(text))], differs)


def _names(names: list[str]) -> list[Segment]:
    out: list[Segment] = []
    for i, name in enumerate(names):
        if i:
            out.append((", ", False))
        out.append((name, True))
    return out


def _symbols(loaded: LoadedProject, decl: Declaration, platform: str) -> tuple[list[Segment], bool]:
    """The names the binary exports where the matcher found them (what ``GetProcAddress``, ``dlsym``
    and ctypes see), else the object-file name clang computes; and whether it is the latter."""
    exported = loaded.exported_symbols(decl, platform)
    if exported:
        return _names(exported), False
    facts = decl.platforms[platform]
    if facts.symbols is None:
        return [(UNKNOWN, False)], False
    if not facts.symbols:
        return [("none", False)], False
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


def _legend(any_differs: bool) -> list[Block]:
    if not any_differs:
        return []
    return [("paragraph", ["nativeapi-legend"], "Marked cells (*) differ between platforms.")]


def symbol_table(loaded: LoadedProject, decl: Declaration, platforms: list[str]) -> list[Block]:
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
            rows.append(
                [_cell(platform, literal=True), _cell("not declared"), _cell(""), _cell(""), _cell("")]
            )
            continue
        names, is_object_name = symbols[platform]
        if is_object_name and not all_object_names:
            names = [*names, (" (object file)", False)]
        rows.append(
            [
                _cell(platform, literal=True),
                (names, False),
                _cell(facts.calling_convention or "", differs=conv_differs),
                _cell(_export(loaded, decl, platform)),
                _cell(loaded.status_text(decl, platform)),
            ]
        )
    symbol = "Symbol (object file)" if object_names and all_object_names else "Symbol"
    headers = ["Platform", symbol, "Convention", "Export", "Status"]
    return [("table", ["nativeapi-abi"], headers, rows), *_legend(conv_differs)]


def layout_tables(loaded: LoadedProject, decl: Declaration, platforms: list[str]) -> list[Block]:
    present = [p for p in platforms if p in decl.platforms]
    if not present:
        return []
    sizes = [decl.platforms[p].size for p in present]
    aligns = [decl.platforms[p].align for p in present]
    size_differs, align_differs = differing(sizes), differing(aligns)
    if all(s is None for s in sizes) and decl.kind == "typedef" and decl.template:
        text = "An alias template: no size until it is instantiated."
        return [("paragraph", ["nativeapi-incomplete"], text)]
    if all(s is None for s in sizes) and decl.kind in ("struct", "union", "class"):
        if decl.template:
            text = "A template: no size or layout until it is instantiated."
        elif all(decl.platforms[p].incomplete for p in present):
            text = "Size and layout unknown: the declaration has errors (see the build's warnings)."
        else:
            text = "Incomplete type: no size or layout (declared, not defined, in these headers)."
        return [("paragraph", ["nativeapi-incomplete"], text)]
    rows = [
        [
            _cell(p, literal=True),
            _cell(_number(decl.platforms[p].size), differs=size_differs),
            _cell(_number(decl.platforms[p].align), differs=align_differs),
        ]
        for p in present
    ]
    out: list[Block] = [("table", ["nativeapi-abi"], ["Platform", "Size", "Align"], rows)]
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
                [_cell(name or "(anonymous)", literal=True), *(_cell(v, differs=differs) for v in values)]
            )
        out.append(("table", ["nativeapi-abi", "nativeapi-offsets"], ["Field offset", *present], field_rows))
    return out + _legend(any_differs)


def _variants(decl: Declaration, platforms: list[str]) -> list[Block]:
    """Platforms whose #ifdef declares it otherwise than the signature above says."""
    return [
        ("paragraph", ["nativeapi-variant"], f"Declared on {p} as: {decl.platforms[p].declared_as}")
        for p in platforms
        if p in decl.platforms and decl.platforms[p].declared_as
    ]


def facts_nodes(loaded: LoadedProject, decl: Declaration, platforms: list[str]) -> list[nodes.Node]:
    """The ABI block for a declaration, or nothing for kinds that have no ABI of their own."""
    if decl.kind in SYMBOL_KINDS:
        content = _variants(decl, platforms) + symbol_table(loaded, decl, platforms)
    elif decl.kind in LAYOUT_KINDS:
        content = _variants(decl, platforms) + layout_tables(loaded, decl, platforms)
    elif decl.kind == "macro":  # defined otherwise, or elsewhere, on some platform
        content = _variants(decl, platforms)
    else:
        return []
    if not content:
        return []
    return [nativeapi_facts(blocks=content)]
