"""A parsed doc comment: what the comment parser (``comments.py``) makes of a declaration's raw
comment, and what the Sphinx extension renders. Plain data, apart from the model that holds the raw
text, so that the parser builds on these types without importing the model that calls it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ParamDoc:
    name: str
    direction: str | None  # "in", "out", "inout" or None
    text: str


# The class of a code block in a doc's reST whose language the comment did not name (a guess): the
# Sphinx extension highlights such blocks leniently.
GUESSED_LANGUAGE = "nativeapi-guessed-language"


@dataclass
class Doc:
    """A parsed doc comment. Text values are reStructuredText, ready for Sphinx to render."""

    brief: str | None = None
    body: str = ""  # the description after the brief, reST (Doxygen @code blocks become code blocks)
    params: list[ParamDoc] = field(default_factory=list)
    tparams: list[ParamDoc] = field(default_factory=list)
    returns: str | None = None
    retvals: list[ParamDoc] = field(default_factory=list)  # name = the value returned
    throws: list[ParamDoc] = field(default_factory=list)  # name = the exception type (@throws, :raises:)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    deprecated: str | None = None
    since: str | None = None
    see: list[str] = field(default_factory=list)
