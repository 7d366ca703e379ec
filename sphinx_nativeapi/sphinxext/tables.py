"""Plain docutils tables, the one structure that HTML, LaTeX and text builders all lay out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docutils import nodes

# What marks a cell that differs between platforms in builders without CSS (text, LaTeX).
DIFFERS_MARK = " *"
DIFFERS_CLASS = "nativeapi-differs"


@dataclass
class Cell:
    """A table cell; ``differs`` cells are bold, classed for CSS, and marked for the other builders."""

    content: str | nodes.Node | list[nodes.Node]
    differs: bool = False
    literal: bool = False


def _cell_node(value: str | Cell | nodes.Node | list[nodes.Node]) -> nodes.entry:
    cell = value if isinstance(value, Cell) else Cell(value)
    content = cell.content
    if isinstance(content, str):
        inner: list[nodes.Node] = [
            nodes.literal(content, content) if cell.literal and content else nodes.Text(content)
        ]
    elif isinstance(content, list):
        inner = content
    else:
        inner = [content]
    paragraph = nodes.paragraph()
    if cell.differs:
        paragraph += nodes.strong("", "", *inner, nodes.Text(DIFFERS_MARK))
        entry = nodes.entry("", paragraph, classes=[DIFFERS_CLASS])
    else:
        paragraph.extend(inner)
        entry = nodes.entry("", paragraph)
    return entry


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str | Cell | nodes.Node | list[nodes.Node]]],
    classes: Sequence[str] = (),
    title: str | None = None,
) -> nodes.table:
    body = nodes.tbody()
    for row in rows:
        body += nodes.row("", *(_cell_node(value) for value in row))
    # Widths from the content: the text and LaTeX writers lay columns out by them.
    widths = [len(h) for h in headers]
    for row in body.children:
        for i, entry in enumerate(row.children):
            widths[i] = max(widths[i], len(entry.astext()) + 4)  # room for markup
    group = nodes.tgroup(cols=len(headers))
    for width in widths:
        group += nodes.colspec(colwidth=min(max(width, 4), 40))
    head = nodes.thead()
    head += nodes.row("", *(nodes.entry("", nodes.paragraph(h, h)) for h in headers))
    group += head
    group += body
    result = nodes.table("", classes=["nativeapi-table", *classes])
    if title:
        result += nodes.title(title, title)
    result += group
    return result


def differing(values: Sequence[object]) -> bool:
    """Whether known values disagree (unknown values do not count as a difference)."""
    return len({v for v in values if v is not None}) > 1
