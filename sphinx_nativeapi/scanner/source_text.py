"""What the scanner reads from a header's own text: a macro's doc comment and its replacement as written.

clang attaches comments to declarations only, never to ``#define``; so, as Doxygen does, a macro's
comment is the block that ends on the line right above it (or a ``///<`` after it on its own line).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from sphinx_nativeapi.scanner.encoding import decode

_TRAILING = re.compile(r"(/\*[*!]<.*?\*/|//[/!]<.*)$")


@lru_cache(maxsize=256)
def _bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return b""


_NEWLINE = re.compile(r"\r\n|\r|\n")


@lru_cache(maxsize=256)
def _lines(path: str) -> tuple[str, ...]:
    """The header's lines as clang numbers them: split at line ends only, not at the form feeds and
    other breaks that ``str.splitlines`` also splits at."""
    return tuple(_NEWLINE.split(decode(_bytes(path))))


@lru_cache(maxsize=256)
def _line_starts(path: str) -> tuple[int, ...]:
    return (0, *(m.end() for m in re.finditer(b"\n", _bytes(path))))


def line_text(path: str, line: int) -> str:
    """The text of a 1-based line ('' past the end, or for a file that cannot be read)."""
    lines = _lines(path)
    return lines[line - 1] if 0 < line <= len(lines) else ""


def line_of(path: str, offset: int) -> int:
    """The 1-based line of a byte offset."""
    return bisect.bisect_right(_line_starts(path), offset)


def text_between(path: str, start: int, end: int) -> str:
    """The source text between two byte offsets, continuation lines joined."""
    text = decode(_bytes(path)[start:end])
    return " ".join(part.strip() for part in text.replace("\\\r\n", "\\\n").split("\\\n")).strip()


def _is_doc_line(text: str, plain: bool) -> bool:
    return text.startswith(("///", "//!")) or (plain and text.startswith("//"))


def comment_before_line(path: str, line: int, style: str) -> str | None:
    """The raw comment documenting the macro defined at ``line`` (1-based), or None."""
    lines = _lines(path)
    if not 0 < line <= len(lines):
        return None
    plain = style == "plain"
    trailing = _TRAILING.search(lines[line - 1])
    if trailing:
        return trailing.group(1)
    index = line - 2
    if index < 0:
        return None
    above = lines[index].strip()
    if above.endswith("*/"):
        start = index
        while start >= 0 and "/*" not in lines[start]:
            start -= 1
        if start < 0:
            return None
        opening = lines[start].lstrip()
        if not (opening.startswith(("/**", "/*!")) or (plain and opening.startswith("/*"))):
            return None
        if opening.startswith(("/**<", "/*!<")):
            return None
        return "\n".join(lines[start : index + 1])
    if _is_doc_line(above, plain):
        start = index
        while start - 1 >= 0 and _is_doc_line(lines[start - 1].strip(), plain):
            start -= 1
        return "\n".join(line.strip() for line in lines[start : index + 1])
    return None


_AFTER = re.compile(rb"[ \t]*(?:\r?\n[ \t]*){0,2}(/\*(?![*!]<).*?\*/)", re.S)
_STATEMENT_END = re.compile(rb"[^;{}/#]*;")


def comment_after(path: str, end: int, statement: bool = True) -> str | None:
    """The plain block comment that starts right after a declaration ends (``plain-after`` style).

    The extent may end before a macro's arguments (zlib's ``OF((void))``), so the declaration ends at
    the next ``;``. Right after means: on the same line or the one or two below it, with nothing but
    white space between; anything else (another declaration, a preprocessor line) and there is none.
    A ``#define`` (``statement=False``) ends with its line.
    """
    data = _bytes(path)
    if statement:
        found = _STATEMENT_END.match(data, end)
        if found is None:
            return None
        end = found.end()
    match = _AFTER.match(data, end)
    return decode(match.group(1)) if match else None


_SPACE = rb"(?:\s|/\*.*?\*/|//[^\n]*\n)*"
_GUARD = re.compile(
    _SPACE
    + rb"#[ \t]*(?:ifndef[ \t]+(\w+)|if[ \t]+![ \t]*defined[ \t]*\(?[ \t]*(\w+)[ \t]*\)?)[ \t]*\r?\n"
    + _SPACE
    + rb"#[ \t]*define[ \t]+(\w+)",
    re.S,
)


@lru_cache(maxsize=1024)
def include_guard(path: str) -> str | None:
    """The macro of the header's include guard (``#ifndef X`` then ``#define X`` at its top), if any."""
    match = _GUARD.match(_bytes(path))
    if match is None:
        return None
    tested = (match.group(1) or match.group(2)).decode()
    return tested if match.group(3).decode() == tested else None
