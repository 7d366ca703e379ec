"""A parsed doc comment (``Doc``) -> docutils nodes, parsing only the comment's own text.

The structure (field lists for parameters and returns, notes, warnings, see-also) is built as nodes;
only the texts inside are reStructuredText, and most of them are plain sentences that need no parser
at all. The rest goes through a reST state, whatever the page's markup: doc comments are reST in a
MyST page too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from docutils import nodes, utils
from docutils.parsers.rst import states
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.util.parsing import nested_parse_to_nodes

from sphinx_nativeapi.model import GUESSED_LANGUAGE, Declaration, Doc
from sphinx_nativeapi.sphinxext.xrefs import Resolve, link

# Text with none of reST's inline or block markup: a plain paragraph, no parser needed. Underscores
# only inside words (``name_`` would be a reference), no "::", no URL or e-mail (both are auto-links),
# no line that could start a list, a title, a field or an indented block.
_PLAIN = re.compile(r"[A-Za-z0-9 ,.;!?'\"()/%+=<>&~^{}#_-]*")
_BAD = re.compile(r"_(?!\w)|(?<!\w)_|::|://|@|^\s|^[-+#=(0-9]", re.MULTILINE)
# What a domain can link as an exception type: a qualified name, template arguments and all.
_TYPE_NAME = re.compile(r"(?:::)?[A-Za-z_]\w*(?:::[A-Za-z_]\w*)*(?:<.*>)?$")


def _is_plain(text: str) -> bool:
    return "\n\n" not in text and bool(_PLAIN.fullmatch(text.replace("\n", " "))) and not _BAD.search(text)


class DocParser:
    """Parses doc-comment text in the context of one directive (its state, its header location)."""

    def __init__(self, state: states.RSTState, decl: Declaration, resolve: Resolve | None = None) -> None:
        self.state = state
        self.source = decl.file
        self.line = decl.line
        self.resolve = resolve

    def parse(self, text: str, see: bool = False) -> list[nodes.Node]:
        """The text as nodes, its Doxygen references (``::NAME``, ``NAME()``; ``@see`` targets) linked."""
        found = self._parse(text)
        if self.resolve is not None:
            link(found, self.resolve, see=see)
        if GUESSED_LANGUAGE in text:
            for node in found:
                for block in node.findall(nodes.literal_block):
                    if GUESSED_LANGUAGE in block["classes"]:
                        block["force"] = True  # highlighted leniently, never a build warning
        return found

    def _parse(self, text: str) -> list[nodes.Node]:
        text = text.strip()
        if not text:
            return []
        if _is_plain(text):
            return [nodes.paragraph(text, text)]
        lines = StringList(text.splitlines(), source=self.source, items=None)
        lines.items = [(self.source, self.line - 1)] * len(lines.data)
        if isinstance(self.state, states.RSTState):
            return nested_parse_to_nodes(self.state, lines, source=self.source, allow_section_headings=False)
        return self._parse_standalone(lines)

    def _parse_standalone(self, lines: StringList) -> list[nodes.Node]:
        """A page that is not reST (MyST): parse into a document of our own, as MyST's eval-rst does."""
        document = utils.new_document(self.source, self.state.document.settings)
        machine = states.RSTStateMachine(state_classes=states.state_classes, initial_state="Body")
        machine.run(lines, document, match_titles=False)
        return list(document.children)


def inline(parser: DocParser, text: str, see: bool = False) -> list[nodes.Node]:
    """Text for a field body: a single paragraph's children where it is one paragraph."""
    parsed = parser.parse(text, see=see)
    if len(parsed) == 1 and isinstance(parsed[0], nodes.paragraph):
        return list(parsed[0].children)
    return parsed


def _field(name: str, body: Iterable[nodes.Node]) -> nodes.field:
    field_body = nodes.field_body()
    children = list(body)
    if children and all(isinstance(c, (nodes.Text, nodes.Inline)) for c in children):
        field_body += nodes.paragraph("", "", *children)
    else:
        field_body.extend(children)
    return nodes.field("", nodes.field_name(name, name), field_body)


def doc_nodes(parser: DocParser, decl: Declaration) -> list[nodes.Node]:
    """The description of one declaration: brief, body, fields, then admonitions."""
    doc = decl.doc or Doc()
    out: list[nodes.Node] = []
    deprecated = doc.deprecated if doc.deprecated is not None else decl.deprecated
    if deprecated is not None:
        note = nodes.admonition(classes=["nativeapi-deprecated", "warning"])
        note += nodes.title("Deprecated", "Deprecated")
        note.extend(parser.parse(deprecated) or [nodes.paragraph("", "Deprecated.")])
        out.append(note)
    if doc.brief:
        out += parser.parse(doc.brief)
    if doc.body:
        out += parser.parse(doc.body)
    fields = nodes.field_list()
    for param in doc.tparams:
        fields += _field(f"tparam {param.name}", inline(parser, param.text))
    for param in doc.params:
        body = inline(parser, param.text)
        if param.direction:
            body[:0] = [nodes.emphasis("", f"[{param.direction}]"), nodes.Text(" ")]
        fields += _field(f"param {param.name}", body)
    if doc.returns:
        fields += _field("returns", inline(parser, doc.returns))
    for retval in doc.retvals:
        fields += _field(f"retval {retval.name}", inline(parser, retval.text))
    for throw in doc.throws:
        if _TYPE_NAME.match(throw.name):
            fields += _field(f"throws {throw.name}", inline(parser, throw.text))
        else:  # "@throw type_error.302 if ..." (nlohmann/json.hpp): no type for the domain to link
            name = nodes.literal(throw.name, throw.name)
            fields += _field("throws", [name, nodes.Text(" -- "), *inline(parser, throw.text)])
    if doc.since:
        fields += _field("Since", inline(parser, doc.since))
    if len(fields):
        out.append(fields)
    for text in doc.notes:
        out.append(nodes.note("", *parser.parse(text)))
    for text in doc.warnings:
        out.append(nodes.warning("", *parser.parse(text)))
    if doc.see:
        see = addnodes.seealso()
        paragraph = nodes.paragraph()
        for i, item in enumerate(doc.see):
            if i:
                paragraph += nodes.Text(", ")
            paragraph.extend(inline(parser, item, see=True))
        see += paragraph
        out.append(see)
    return out
