"""Bytes from a header or from libclang as text, never failing: clang accepts a header that is not valid
UTF-8 (a Latin-1 author name in a comment, a stray byte), so the scanner must too.

The text is UTF-8 wherever the bytes are valid UTF-8, and each byte that is not is read as Windows-1252
(the five bytes that code leaves undefined as their Latin-1 code point). Why this and not another:

- ``surrogateescape`` keeps the bytes exactly, but as lone surrogates, which no UTF-8 writer accepts:
  Sphinx's HTML writer and ``json.dump(..., ensure_ascii=False)`` then fail, and a strict JSON reader
  rejects their ``\\udcXX`` escapes. ``replace`` writes anywhere but loses what the byte was.
- Headers that are not UTF-8 are, in practice, Latin-1 or Windows-1252 (an author's ``ö``, a ``©``,
  smart quotes pasted from a word processor: the ``0x93``/``0x94`` that only Windows-1252 gives a
  meaning). Every character this gives is a Unicode scalar value, so JSON, HTML and LaTeX take it.
- Per byte, not per file: a UTF-8 header with one stray Latin-1 name keeps its other UTF-8 text right.

File names are the exception: they must open again, so they are decoded as Python's ``os`` module does
(``os.fsdecode``, surrogate escapes), and encoded back the same way when handed to clang.
"""

from __future__ import annotations

import codecs

ERRORS = "nativeapi-cp1252"


def _byte_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    chunk = error.object[error.start : error.end]
    return "".join(_cp1252_or_latin1(byte) for byte in chunk), error.end


def _cp1252_or_latin1(byte: int) -> str:
    try:
        return bytes((byte,)).decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D
        return chr(byte)


codecs.register_error(ERRORS, _byte_as_cp1252)


def decode(data: bytes) -> str:
    """Header or libclang bytes as text: UTF-8, with each invalid byte as its Windows-1252 character."""
    return data.decode("utf-8", ERRORS)
