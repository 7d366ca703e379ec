"""Where each line of a doc comment's reST stands in its header, so that what docutils says about a
comment (and any warning at a node made from it) points at the line to fix, not at the declaration.

The scanner keeps a declaration's comment as libclang gives it, which is the header's text verbatim, so
the comment is found in the header by that text, and each line of a reST text made from it (dedented, a
Doxygen command cut off, a brief joined into one line) in the comment's lines, in order. A line not found
there (comments.py escaped or rewrote it) takes the line of the one before it; a comment not in the
header (taken over from another declaration of the entity, or the header changed since the scan)
leaves every line at the declaration's own line.
"""

from __future__ import annotations

import os
from functools import lru_cache

from sphinx_nativeapi.model import Declaration


@lru_cache(maxsize=16)
def _header(path: str, stamp: tuple[int, int]) -> str | None:
    """The header's text, newlines as written (a comment from a CRLF file carries its CRs)."""
    try:
        with open(path, encoding="utf-8", errors="replace", newline="") as f:
            return f.read()
    except OSError:
        return None


@lru_cache(maxsize=1024)
def _comment_start(path: str, stamp: tuple[int, int], comment: str, line: int) -> int | None:
    """The header line where the comment starts: of its copies (a short comment can be written many
    times), the last that starts at or above the declaration, else the first below it (``///<``)."""
    text = _header(path, stamp)
    if text is None:
        return None
    best = None
    at = text.find(comment)
    while at >= 0:
        start = text.count("\n", 0, at) + 1
        if start > line:
            return best or start
        best = start
        at = text.find(comment, at + 1)
    return best


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def text_lines(decl: Declaration, lines: list[str]) -> list[int]:
    """The header line (1-based) of each of ``lines``, the lines of a reST text made from decl's comment."""
    stamp = _stamp(decl.file) if decl.comment else None
    start = _comment_start(decl.file, stamp, decl.comment, decl.line) if stamp else None
    if start is None:
        return [decl.line] * len(lines)
    written = decl.comment.split("\n")
    out = []
    found, at = start, 0  # the header line of the line before; where to look for the next one
    for line in lines:
        wanted = line.strip()
        index = _find(written, wanted, at) if wanted else None
        if index is not None:
            found, at = start + index, index + 1
        out.append(found)
    return out


def _find(written: list[str], wanted: str, at: int) -> int | None:
    """The first comment line from ``at`` on that holds ``wanted``, else that ``wanted`` starts with
    (a brief joined into one line): a comment line's text without its markers and blanks, a guess
    (``*`` and ``/`` may as well be text), so it is tried last."""
    for index in range(at, len(written)):
        if wanted in written[index]:
            return index
    for index in range(at, len(written)):
        own = written[index].strip().lstrip("/*!<").removesuffix("*/").strip()
        if own and wanted.startswith(own):
            return index
    return None
