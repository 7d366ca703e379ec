"""A parsed doc comment (``Doc``) -> docutils nodes, parsing only the comment's own text.

The structure (field lists for parameters and returns, notes, warnings, see-also) is built as nodes;
only the texts inside are reStructuredText, and most of them are plain sentences that need no parser
at all. The rest goes through a reST state, whatever the page's markup: doc comments are reST in a
MyST page too. What docutils says about that reST is the header's business, not the page's: each of its
messages is a ``nativeapi.comment`` warning at the comment's line in the header.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from docutils import nodes, utils
from docutils.parsers.rst import states
from docutils.statemachine import StringList
from docutils.utils import Reporter
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.parsing import nested_parse_to_nodes

from sphinx_nativeapi.doc import GUESSED_LANGUAGE, Doc
from sphinx_nativeapi.model import Declaration
from sphinx_nativeapi.sphinxext.commentlines import text_lines
from sphinx_nativeapi.sphinxext.xrefs import Resolve, link

_logger = logging.getLogger(__name__)
# On a named reference made from a doc comment: the declaration the comment documents.
_COMMENT_OF = "nativeapi_comment_of"

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
        self.decl = decl
        self.source = decl.file
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
        lines.items = [(self.source, line - 1) for line in text_lines(self.decl, lines.data)]
        if isinstance(self.state, states.RSTState):
            document = self.state.document
            reporter = document.reporter
            with _captured(reporter, lines) as messages:
                found = nested_parse_to_nodes(
                    self.state, lines, source=self.source, allow_section_headings=False
                )
        else:
            document = utils.new_document(self.source, self.state.document.settings)
            reporter = document.reporter
            with _captured(reporter, lines) as messages:
                found = _parse_standalone(document, lines, self.state.document)
        if "_" in text:  # a named reference ("`text`_", "name_"): resolved, or not, after the page is read
            for node in found:
                for reference in node.findall(nodes.reference) if isinstance(node, nodes.Element) else ():
                    if "refname" in reference:
                        reference[_COMMENT_OF] = self.decl.qualified_name
        if not messages:
            return found
        self._report(messages, reporter)
        return _recovered(found, document)

    def _report(self, messages: list[nodes.system_message], reporter: Reporter) -> None:
        """One ``nativeapi.comment`` warning per docutils message, at the comment's line in the header:
        a page that documents a third-party library can silence them, and pass ``-W``."""
        level = max(Reporter.WARNING_LEVEL, reporter.report_level)
        for message in messages:
            if message["level"] < level:
                continue
            line = message.get("line")
            source = message.get("source") if line else None
            location = f"{source or self.source}:{line or self.decl.line}"
            paragraph = next(iter(message.findall(nodes.paragraph)), message)
            _logger.warning(
                "reST %s in the doc comment of %s: %s",
                message["type"].lower(),
                self.decl.qualified_name,
                paragraph.astext(),
                location=location,
                type="nativeapi",
                subtype="comment",
            )


@contextmanager
def _captured(reporter: Reporter, lines: StringList) -> Iterator[list[nodes.system_message]]:
    """docutils' messages about a comment's text, kept from the page's warning stream (a plain docutils
    error there has no type to silence it by) and from its list of loose messages.

    An inline fault (an unknown role) is told by its line alone, which the reporter resolves through
    the state machine it was first given, the page's: here it is the comment's line, so the comment's
    lines resolve it.
    """

    def source_and_line(lineno: int | None = None) -> tuple[str | None, int | None]:
        try:
            source, offset = lines.info(lineno - 1)
            return source, offset + 1
        except (TypeError, IndexError):
            return None, None

    messages: list[nodes.system_message] = []
    saved = reporter.stream, reporter.observers, reporter.__dict__.get("get_source_and_line")
    reporter.stream, reporter.observers = None, [messages.append]
    reporter.get_source_and_line = source_and_line
    try:
        yield messages
    finally:
        reporter.stream, reporter.observers, resolve = saved
        if resolve is None:
            del reporter.get_source_and_line
        else:
            reporter.get_source_and_line = resolve


def _parse_standalone(document: nodes.document, lines: StringList, page: nodes.document) -> list[nodes.Node]:
    """A page that is not reST (MyST): parse into a document of our own, as MyST's eval-rst does.

    The page resolves named references once it is read: the comment's own targets and references are
    told to it, as a nested parse would have (``.. _spec: URL`` and ```spec`_`` in one comment).
    """
    machine = states.RSTStateMachine(state_classes=states.state_classes, initial_state="Body")
    machine.run(lines, document, match_titles=False)
    for target in document.findall(nodes.target):
        if target["names"]:
            target["ids"] = []  # the page gives it one of its own
            page.note_explicit_target(target)
    for reference in document.findall(nodes.reference):
        if "refname" in reference:
            page.note_refname(reference)
    return list(document.children)


def _recovered(found: list[nodes.Node], document: nodes.document) -> list[nodes.Node]:
    """What docutils made of faulty reST, without its marks of the fault (as docutils' own
    ``FilterMessages`` drops them): the message is the warning at the header, and a reader of the page
    sees the comment's text as its author wrote it, not a red span linked to a message Sphinx drops.

    Text that docutils could not place (an unknown directive, a title inside a comment) lives only in
    its message, as a literal block: that block stays, in the message's place, shown as reST.
    """
    holder = nodes.Element()
    holder.extend(found)
    dropped: list[nodes.Element] = []
    for message in list(holder.findall(nodes.system_message)):
        kept = [block.deepcopy() for block in message.children[1:] if isinstance(block, nodes.literal_block)]
        for block in kept:
            block["language"], block["force"] = "rst", True  # highlighted leniently, never a warning
        message.parent.replace(message, kept)
        dropped.append(message)
    for problem in list(holder.findall(nodes.problematic)):
        problem.parent.replace(problem, nodes.Text(problem.astext()))
        dropped.append(problem)
    for node in dropped:
        for name in node["ids"]:
            document.ids.pop(name, None)
    out = list(holder.children)
    holder.clear()  # the nodes' parent is set again where they are placed
    return out


class CommentReferences(SphinxTransform):
    """A named reference in a doc comment (```text`_``) to a target that nothing on the page defines:
    a ``nativeapi.comment`` warning and the text as written, where docutils would report a plain error
    and leave a red mark in the page. Only once the page is read is the reference known to dangle."""

    default_priority = 849  # just before docutils' DanglingReferences

    def apply(self, **kwargs: object) -> None:
        resolvers = self.document.transformer.unknown_reference_resolvers
        for reference in list(self.document.findall(nodes.reference)):
            name = reference.get(_COMMENT_OF)
            if name is None or reference.resolved or "refname" not in reference:
                continue
            if reference["refname"] in self.document.nameids or any(r(reference) for r in resolvers):
                continue  # a target, or two of that name: docutils' to resolve, or to report
            _logger.warning(
                'reST error in the doc comment of %s: Unknown target name: "%s".',
                name,
                reference["refname"],
                location=reference,
                type="nativeapi",
                subtype="comment",
            )
            reference.replace_self(nodes.Text(reference.rawsource or reference.astext()))


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
