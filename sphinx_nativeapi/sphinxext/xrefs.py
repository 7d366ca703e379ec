"""Doxygen's references in doc comments -> the domains' cross-references.

Doxygen links ``::NAME`` and ``NAME()`` in prose, and the targets of ``@see``, to the declarations
they name. Here each candidate is one dict lookup in the project's declarations: a name the project
declares becomes a ``pending_xref`` of the C or C++ domain (so it resolves wherever a directive
rendered it, and to nothing, as plain text, where none did); anything else stays the text it was.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from docutils import nodes
from sphinx import addnodes


class Target(NamedTuple):
    domain: str  # "c" or "cpp"
    role: str  # the domain's role: func, type, struct, enumerator, ...
    name: str  # as the domain names the object


Resolve = Callable[[str], "Target | None"]

# ::NAME, NAME(), ::NAME(); qualified C++ names too. Only these forms are Doxygen's automatic links.
_CANDIDATE = re.compile(r"(?<![\w:])(::)?((?:[A-Za-z_]\w*::)*~?[A-Za-z_]\w*)(\(\))?")
# Where text is not prose: code, links already made, raw output.
_SKIP = (nodes.literal_block, nodes.reference, addnodes.pending_xref, nodes.raw, nodes.comment)


def _xref(target: Target, text: str) -> addnodes.pending_xref:
    content = nodes.literal(text, text, classes=["xref", target.domain, f"{target.domain}-{target.role}"])
    return addnodes.pending_xref(
        "", content, refdomain=target.domain, reftype=target.role, reftarget=target.name, refexplicit=True
    )


def _inside(node: nodes.Node, kinds: tuple[type, ...]) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parent
    return False


def _split(text: str, resolve: Resolve) -> list[nodes.Node] | None:
    """The text with its references made links, or None when it has none."""
    out: list[nodes.Node] = []
    done = 0
    for match in _CANDIDATE.finditer(text):
        if not (match.group(1) or match.group(3)):
            continue
        target = resolve(match.group(2))
        if target is None:
            continue
        out.append(nodes.Text(text[done : match.start()]))
        out.append(_xref(target, match.group(2) + (match.group(3) or "")))
        done = match.end()
    if not out:
        return None
    out.append(nodes.Text(text[done:]))
    return [n for n in out if not isinstance(n, nodes.Text) or n.astext()]


def link(found: list[nodes.Node], resolve: Resolve, see: bool = False) -> None:
    """Turn the references in parsed doc text into cross-references, in place.

    In prose, ``::NAME`` and ``NAME()``; a literal that is exactly such a reference (or, in ``@see``,
    any name) becomes a link with the literal as its text, as ``:c:func:`` makes it.
    """
    for root in found:
        if not isinstance(root, nodes.Element):
            continue
        for literal in list(root.findall(nodes.literal)):
            if _inside(literal, _SKIP):
                continue
            match = _CANDIDATE.fullmatch(literal.astext())
            if match is None or not (see or match.group(1) or match.group(3)):
                continue
            target = resolve(match.group(2))
            if target is not None:
                literal.replace_self(_xref(target, literal.astext().removeprefix("::")))
        for text in list(root.findall(nodes.Text)):
            value = text.astext()
            if ("::" not in value and "()" not in value) or _inside(text, (*_SKIP, nodes.literal)):
                continue
            replaced = _split(value, resolve)
            if replaced is not None:
                text.parent.replace(text, replaced)
