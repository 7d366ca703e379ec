"""One node that carries a declaration's ABI tables as plain data, and how each builder writes it.

Why not docutils tables: on libgit2's 66 pages they were 46,000 of 138,000 nodes, and every one of
the forty-odd transforms that run while reading and writing a page walks every node, and every node
is pickled and unpickled once. Carried as data, the tables cost one node until they are written:
HTML builders write them straight to markup (the same markup docutils would have written for the
tables, so themes and ``nativeapi.css`` style them alike), every other builder (LaTeX, text, man,
Texinfo, ...) gets real docutils tables when the page is resolved (``expand``). The search index
skips the node (it has no children), as it skipped the ``no-search`` container the tables were in.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_nativeapi.sphinxext.tables import DIFFERS_CLASS, DIFFERS_MARK, Cell, table

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

Segment = tuple[str, bool]  # a run of text, and whether it is code (a literal)
FactCell = tuple[list[Segment], bool]  # the cell's segments, and whether it differs between platforms
# ("table", classes, headers, rows) or ("paragraph", classes, text)
Block = tuple[str, list[str], list[str], list[list[FactCell]]] | tuple[str, list[str], str]

CONTAINER_CLASSES = ["nativeapi-facts", "no-search"]


class nativeapi_facts(nodes.General, nodes.Element):
    """A declaration's ABI tables; ``blocks`` holds them as plain data."""


def _segment_nodes(segments: list[Segment]) -> list[nodes.Node]:
    return [nodes.literal(text, text) if literal else nodes.Text(text) for text, literal in segments]


def expand(node: nativeapi_facts) -> nodes.container:
    """The same tables as docutils nodes, for builders that have no writer for this node."""
    content: list[nodes.Node] = []
    for block in node["blocks"]:
        if block[0] == "table":
            _, classes, headers, rows = block
            cells = [
                [Cell(_segment_nodes(segments), differs=differs) for segments, differs in row] for row in rows
            ]
            content.append(table(headers, cells, classes=classes))
        else:
            _, classes, text = block
            content.append(nodes.paragraph(text, text, classes=classes))
    return nodes.container("", *content, classes=CONTAINER_CLASSES)


def _segments_html(translator: HTML5Translator, segments: list[Segment]) -> str:
    out = []
    for text, literal in segments:
        encoded = translator.encode(text)
        if not literal:
            out.append(encoded)
            continue
        # As Sphinx's HTML5 writer protects literal text: words in "pre" spans, breaks at spaces.
        words = [
            f'<span class="pre">{token}</span>' if token.strip() else token
            for token in translator.words_and_spaces.findall(encoded)
        ]
        out.append(f'<code class="docutils literal notranslate">{"".join(words)}</code>')
    return "".join(out)


def _table_html(
    translator: HTML5Translator, classes: list[str], headers: list[str], rows: list[list[FactCell]]
) -> str:
    styles = [c.strip(" \t\n") for c in translator.settings.table_style.split(",")]
    table_classes = " ".join(
        c for c in ["nativeapi-table", *classes, "docutils", *styles, "align-default"] if c
    )
    out = [f'<table class="{table_classes}">\n<thead>\n<tr class="row-odd">']
    out.append("\n".join(f'<th class="head"><p>{html.escape(h)}</p></th>' for h in headers))
    out.append("\n</tr>\n</thead>\n<tbody>\n")
    for index, row in enumerate(rows):
        parity = "row-odd" if index % 2 else "row-even"
        cells = []
        for segments, differs in row:
            inner = _segments_html(translator, segments)
            if differs:
                cells.append(
                    f'<td class="{DIFFERS_CLASS}"><p><strong>{inner}{DIFFERS_MARK}</strong></p></td>'
                )
            else:
                cells.append(f"<td><p>{inner}</p></td>")
        out.append(f'<tr class="{parity}">' + "\n".join(cells) + "\n</tr>\n")
    out.append("</tbody>\n</table>\n")
    return "".join(out)


def visit_html(translator: HTML5Translator, node: nativeapi_facts) -> None:
    out = [f'<div class="{" ".join(CONTAINER_CLASSES)} docutils container">\n']
    for block in node["blocks"]:
        if block[0] == "table":
            out.append(_table_html(translator, *block[1:]))
        else:
            _, classes, text = block
            out.append(f'<p class="{" ".join(classes)}">{html.escape(text, quote=False)}</p>\n')
    out.append("</div>\n")
    translator.body.append("".join(out))
    raise nodes.SkipNode


def resolve(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Real tables for every builder that does not write HTML."""
    if app.builder.format == "html":
        return
    for node in list(doctree.findall(nativeapi_facts)):
        node.replace_self(expand(node))


def register(app: Sphinx) -> None:
    app.add_node(nativeapi_facts, html=(visit_html, None))
    app.connect("doctree-resolved", resolve)
