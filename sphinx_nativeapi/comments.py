"""Doc comments as written in headers -> :class:`~sphinx_nativeapi.model.Doc` with reST text.

libclang hands the scanner each declaration's raw comment (``cursor.raw_comment``) with its markers,
and the model keeps that text; this module is the one place that knows comment syntax, and runs where a
declaration's doc is first asked for (``Declaration.doc``), which is mostly in Sphinx's readers.

Three kinds of content are understood:

* Javadoc/Doxygen commands (``@param`` and ``\\param`` alike), with Doxygen's Markdown subset;
* plain prose, as in the ``/* */`` blocks of zlib.h and sqlite3.h: Doxygen rules with no commands;
* reStructuredText (Hawkmoth style): passed through, with ``:param x:``-like fields lifted out.

Prose is escaped so that what Sphinx parses is what the author wrote: a lone ``*`` or ``|`` in a
comment must not turn into broken markup and a build warning on somebody else's docs page. The parser
never raises: a comment it cannot make sense of degrades to escaped text.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from functools import lru_cache

from sphinx_nativeapi.doc import GUESSED_LANGUAGE, Doc, ParamDoc

__all__ = ["parse_comment"]

# --------------------------------------------------------------------------------------------------
# Markers

_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)|//[^\n]*", re.S)
_BLOCK_OPEN = re.compile(r"\A/\*[*!]*<?")
_BLOCK_CLOSE = re.compile(r"\**\*/\Z")
_LINE_MARKER = re.compile(r"^[ \t]*//(?:/+|!)?<?", re.M)
# The star column: a run of stars followed by a blank (` * text`, sqlite's `** text`), else one star.
_STAR_COLUMN = re.compile(r"^[ \t]*(?:\*+(?=[ \t]|$)|\*)", re.M)
_NO_STAR_COLUMN = re.compile(r"^[ \t]*[^\s*]", re.M)  # a line that does not start at the star column


def _dedent(lines: list[str]) -> list[str]:
    """``textwrap.dedent`` on lines (blank lines emptied, the common run of blanks and tabs removed),
    without its three regex passes over the text: this runs several times for every comment."""
    margin = None
    out = []
    for line in lines:
        content = line.lstrip(" \t")
        if not content:
            out.append("")
            continue
        out.append(line)
        indent = line[: len(line) - len(content)]
        if margin is None or margin.startswith(indent):
            margin = indent
        elif not indent.startswith(margin):
            common = 0
            while margin[common] == indent[common]:  # neither is a prefix of the other
                common += 1
            margin = margin[:common]
    if not margin:
        return out
    cut = len(margin)
    return [line[cut:] if line else line for line in out]


def _strip_block(comment: str) -> list[str]:
    body = _BLOCK_CLOSE.sub("", _BLOCK_OPEN.sub("", comment, count=1), count=1)
    first, _, rest = body.partition("\n")
    if not rest:
        return [first.strip()]
    if not _NO_STAR_COLUMN.search(rest):
        rest = _STAR_COLUMN.sub("", rest)
    return [first.strip(), *_dedent(rest.split("\n"))]


def _strip_markers(raw: str) -> list[str]:
    """The comment's text lines, markers and common indentation removed, tabs expanded."""
    raw = raw.expandtabs(4)
    one_block = raw.startswith("/*") and raw.find("*/", 2) == len(raw) - 2  # the common case
    comments = [raw] if one_block else _COMMENT.findall(raw)
    if not comments:  # already bare text
        return _dedent(raw.split("\n"))
    lines: list[str] = []
    line_run: list[str] = []
    for comment in comments:
        if comment.startswith("//"):
            line_run.append(_LINE_MARKER.sub("", comment, count=1))
            continue
        if line_run:
            lines += _dedent("\n".join(line_run).split("\n"))
            line_run = []
        lines += _strip_block(comment)
    if line_run:
        lines += _dedent("\n".join(line_run).split("\n"))
    return [line.rstrip() for line in lines]


# --------------------------------------------------------------------------------------------------
# Regions: code and verbatim blocks are cut out before anything reads commands or escapes text.


@dataclass
class _Code:
    language: str
    text: str
    guessed: bool = False  # no language named: Doxygen's default, the header's own


@dataclass
class _Rest:
    """reST embedded in a Doxygen comment (Breathe's ``\\verbatim embed:rst`` and ``\\rst``)."""

    text: str


@dataclass
class _Rubric:
    title: str


_REGION_START = re.compile(
    r"[@\\](?P<cmd>code|verbatim|f\[|dot|msc|startuml|htmlonly|latexonly|rtfonly|manonly|xmlonly"
    r"|docbookonly|internal|rst)(?P<lang>\{[^}\n]*\})?(?P<embed>[ \t]+embed:rst(?::[\w-]+)?)?"
    r"|<pre>"
    r"|^[ \t]*(?P<fence>```+|~~~+)[ \t]*\{?\.?(?P<fencelang>[\w+#.-]*)\}?[ \t]*$",
    re.M,
)
_REGION_END = {
    "code": re.compile(r"[@\\]endcode\b"),
    "verbatim": re.compile(r"[@\\]endverbatim\b"),
    "f[": re.compile(r"[@\\]f\]"),
    "dot": re.compile(r"[@\\]enddot\b"),
    "msc": re.compile(r"[@\\]endmsc\b"),
    "startuml": re.compile(r"[@\\]enduml\b"),
    "internal": re.compile(r"[@\\]endinternal\b"),
    "rst": re.compile(r"[@\\]endrst\b"),
    "pre": re.compile(r"</pre>", re.I),
}
_DROPPED_REGIONS = {
    "dot",
    "msc",
    "startuml",
    "internal",
    "htmlonly",
    "latexonly",
    "rtfonly",
    "manonly",
    "xmlonly",
    "docbookonly",
}
_LANGUAGE_ALIASES = {
    "": "c",
    "h": "c",
    "hpp": "cpp",
    "cc": "cpp",
    "cxx": "cpp",
    "hh": "cpp",
    "c++": "cpp",
    "sh": "shell",
    "py": "python",
    "txt": "text",
    "unparsed": "text",
}


@lru_cache(maxsize=64)
def _language(name: str) -> str:
    """A Pygments lexer name that Sphinx and docutils both accept, so no build warns "could not lex"."""
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    name = name.strip().lstrip(".").lower()
    name = _LANGUAGE_ALIASES.get(name, name)
    try:
        get_lexer_by_name(name)
    except ClassNotFound:
        return "text"
    return name


def _dedent_block(text: str) -> str:
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(_dedent([line.rstrip() for line in lines]))


_HTML_BLOCK = re.compile(
    r"<(?P<close>/?)(?P<tag>p|ul|ol|dl|blockquote|center|div|table|tr|li|dt|dd|td|th|h[1-6])\b[^>]*>",
    re.I,
)
# sqlite3.h: "CAPI3REF: Title" opens each block and `KEYWORDS:`-like lines index it.
_SQLITE_HEADER = re.compile(
    r"^(?:CAPI3REF:(?P<title>.*)|(?:KEYWORDS|METHOD|DESTRUCTOR|CONSTRUCTOR):.*)$", re.M
)


def _html_sub(m: re.Match[str]) -> str:
    tag = m["tag"].lower()
    if tag == "li":
        return "" if m["close"] else "\n- "
    if tag in ("td", "th"):
        return " "
    if tag == "dd":
        return "" if m["close"] else "\n"
    return "\n\n"


def _text_lines(text: str) -> list[str]:
    if "<" in text:
        text = _HTML_BLOCK.sub(_html_sub, text)
    if "CAPI3REF:" in text:
        text = _SQLITE_HEADER.sub(lambda m: f"@brief {m['title']}\n" if m["title"] else "", text)
    return text.split("\n")


def _regions(text: str) -> list[str | _Code | _Rest]:
    """Text lines, with code, verbatim and embedded reST cut out as single items."""
    if not ("@" in text or "\\" in text or "<pre>" in text or "```" in text or "~~~" in text):
        return list(_text_lines(text))  # what every region's start needs is absent
    items: list[str | _Code | _Rest] = []
    pos = 0
    while (start := _REGION_START.search(text, pos)) is not None:
        items += _text_lines(text[pos : start.start()])
        cmd = start["cmd"] or ("fence" if start["fence"] else "pre")
        if cmd == "fence":
            end_re = re.compile(rf"^[ \t]*{re.escape(start['fence'])}[ \t]*$", re.M)
        elif cmd.endswith("only"):
            end_re = re.compile(rf"[@\\]end{cmd}\b")
        else:
            end_re = _REGION_END[cmd]
        end = end_re.search(text, start.end())
        content = text[start.end() : end.start() if end else len(text)]
        pos = end.end() if end else len(text)
        if cmd in _DROPPED_REGIONS:
            continue
        content = _dedent_block(content)
        if cmd == "rst" or start["embed"]:
            items.append(_Rest(content))
        elif content.strip():
            named = start["lang"] if cmd == "code" else start["fencelang"] if cmd == "fence" else None
            language = _language(named.strip("{}") if named else "c") if cmd in ("code", "fence") else "text"
            items.append(_Code(language, content, guessed=cmd in ("code", "fence") and not named))
    items += _text_lines(text[pos:])
    return items


# --------------------------------------------------------------------------------------------------
# Inline text: Doxygen inline commands, Markdown and HTML inline forms, and escaping of the rest.

_INLINE = re.compile(
    r"""
    (?=[`:\[<*@\\^|_hf])      # every branch starts with one of these: a fast scan over plain words
    (?:(?P<dlit>``(?=[^`\s])[^`]*?(?<=[^`\s])``)                       # a reST literal, kept
  | (?P<role>:[A-Za-z][\w.+-]*(?::[A-Za-z][\w.+-]*)*:`[^`\n]+`)       # a reST role, kept
  | (?P<link>\[(?P<ltext>[^\]\n`<>]+)\]\((?P<lurl>[a-z]+://[^)\s`<>]+)\))   # Markdown link
  | <a\s+href="(?P<aurl>[^"`<>]+)">(?P<atext>[^<`]+)</a>               # HTML link
  | (?P<tick>`(?=[^`\s])(?P<tickbody>[^`\n]*?[^`\s\\])`(?!`))        # Markdown code span
  | (?<![\w*\\])\*\*(?P<strong>[^*\s\\`](?:[^*\\`]*[^*\s\\`])?)\*\*(?![\w*])
  | (?<![\w*\\])\*(?P<em>[^*\s\\`](?:[^*\\`]*[^*\s\\`])?)\*(?![\w*])
  | <(?P<htag>b|strong|i|em|tt|code)>(?P<hbody>[^<]+)</(?P=htag)>
  | (?<![\w@\\])[@\\](?P<icmd>p|a|c|e|em|b|ref|anchor|copydoc)[ \t]+   # Doxygen inline command
      (?P<iarg>[^\s]+?)(?P<itail>[.,;:!?)]*)(?=\s|$)
  | (?<![\w@\\])[@\\]f\$(?P<math>.+?)[@\\]f\$
  | (?<![\w@\\])[@\\](?P<nl>n)(?![\w])
  | <br\s*/?>
  | (?P<url>\b(?:https?|ftp|file)://[\w\-.~:/?#\[\]@!$&'()+,;=%]*[\w/#=])
  | \\(?P<esc>[\\@&$#<>%".|=~-]|::)                                   # Doxygen's escapes
  | (?<!\S)\^(?=[(\w])|(?<=\))\^(?!\w)                                 # sqlite3.h's ^ marks
  | (?P<special>[*`|\\]|_(?=_|\W|$))
    )""",
    re.X | re.I,
)
_BEFORE_OK = frozenset(" \t\n-:/'\"<([{")
_AFTER_OK = frozenset(" \t\n-.,:;!?\\/'\")]}>")
_SPECIAL = re.compile(r"[*`|\\]|_(?=_|\W|$)")


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\g<0>", text)


def _literal(text: str) -> str:
    text = text.strip()
    if not text or "``" in text or text.endswith("`"):
        return _escape(text)
    return f"``{text}``"


def _inline_sub(m: re.Match[str]) -> str:
    g = m.groupdict()
    if g["special"] is not None:
        return "\\" + g["special"]
    if g["esc"] is not None:
        return _escape(g["esc"])
    if g["nl"] is not None or m.group(0).lower().startswith("<br"):  # a line break: reflowed
        before, after = m.string[m.start() - 1 : m.start()], m.string[m.end() : m.end() + 1]
        return "" if " " in (before, after) else " "
    if m.group(0) == "^":
        return ""
    if g["dlit"] is not None or g["role"] is not None or g["url"] is not None:
        out = m.group(0)
    elif g["tick"] is not None:
        out = _literal(g["tickbody"])
    elif g["link"] is not None:
        out = f"`{_escape(g['ltext'])} <{g['lurl']}>`__"
    elif g["aurl"] is not None:
        out = f"`{_escape(g['atext'])} <{g['aurl']}>`__"
    elif g["strong"] is not None:
        out = f"**{g['strong']}**"
    elif g["em"] is not None:
        out = f"*{g['em']}*"
    elif g["htag"] is not None:
        tag, body = g["htag"].lower(), g["hbody"].strip()
        if not body:
            return ""
        if tag in ("tt", "code"):
            out = _literal(body)
        else:
            mark = "**" if tag in ("b", "strong") else "*"
            out = f"{mark}{_escape(body)}{mark}" if not body.endswith("\\") else _escape(body)
    elif g["math"] is not None:
        out = _literal(g["math"])
    else:
        cmd, arg = g["icmd"].lower(), g["iarg"]
        if cmd == "anchor":
            return ""
        if cmd in ("p", "c", "ref", "copydoc"):
            out = _literal(arg)
        else:
            mark = "**" if cmd == "b" else "*"
            out = f"{mark}{_escape(arg)}{mark}" if not arg.endswith("\\") else _escape(arg)
        return _guard(m, out, before_only=True) + _escape(g["itail"])
    return _guard(m, out)


_CLOSERS = {"(": ")", "[": "]", "{": "}", "<": ">", "'": "'", '"': '"'}


def _guard(m: re.Match[str], out: str, before_only: bool = False) -> str:
    """Separate generated markup from adjacent word characters by an escaped space (reST's idiom);
    also from an opening bracket or quote when the markup's text starts with its closer, as in
    "(``):``", which reST does not read as markup."""
    text = m.string
    before = text[m.start() - 1] if m.start() > 0 else " "
    if before not in _BEFORE_OK or out.lstrip("`*")[:1] == _CLOSERS.get(before):
        out = "\\ " + out
    if not before_only and m.end() < len(text) and text[m.end()] not in _AFTER_OK:
        out += "\\ "
    return out


# Text at the start of a paragraph that reST would read as a list, comment, field, option or doctest.
_LINE_START = re.compile(
    "^(?:[-+\u2022\u2023\u2043](?=\\s|$)"
    r"|[-+](?=\S)|(?:\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+|#)[.)](?=\s|$)"
    r"|\((?:\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+|#)\)(?=\s|$)|\.\.(?=\s|$)|>>>"
    r"|:(?![: ])(?:[^:\\]|\\.|:(?!(?:[ `]|$)))*(?<! ):(?=\s|$))"
)


def _inline(text: str) -> str:
    """One paragraph of prose -> one line of safe reST."""
    text = " ".join(text.split())
    out = _INLINE.sub(_inline_sub, text)
    if _LINE_START.match(out):
        out = "\\" + out
    if out.endswith("::"):
        out = out[:-1] + "\\:"
    return out


# --------------------------------------------------------------------------------------------------
# Blocks: paragraphs, lists, headings, code.

_LIST_ITEM = re.compile(
    r"^(?P<indent>[ \t]*)(?:(?P<bullet>[-*+])|(?P<enum>\d+[.)])|[@\\](?:li|arg)\b)"
    r"(?:[ \t]+|$)(?P<text>.*)$"
)
_RULE = re.compile(r"^[ \t]*([-=*_~#+^.<>/\\])(?:[ \t]*\1){2,}[ \t]*$")
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+(?P<title>.+?)[ \t#]*$")
_RULE_STARTS = frozenset("-=*_~#+^.<>/\\")
_LIST_STARTS = frozenset("-*+0123456789@\\")
_UNDERLINE = re.compile(r"^[ \t]*(?:=+|-+)[ \t]*$")
_NEWLINE = re.compile(r"(?<![\w@\\])[@\\]n(?!\w)")  # Doxygen's forced line break
_INDENTED_CODE = 4
_MAX_LIST_DEPTH = 6  # deeper indentation is flattened: no real comment nests further


@dataclass
class _Item:
    indent: int
    enumerated: bool
    text: list[str]
    children: list[_Item]


def _render_list(items: list[_Item], depth: int = 0) -> str:
    pad = "   " * depth
    out = []
    for item in items:
        marker = "#." if item.enumerated else "-"
        block = f"{pad}{marker} {_inline(' '.join(item.text))}".rstrip()
        if item.children:
            block += "\n\n" + _render_list(item.children, depth + 1)
        out.append(block)
    return "\n\n".join(out)


def _nest(flat: list[_Item]) -> list[_Item]:
    roots: list[_Item] = []
    stack: list[_Item] = []
    for item in flat:
        while stack and (stack[-1].indent >= item.indent or len(stack) >= _MAX_LIST_DEPTH):
            stack.pop()
        (stack[-1].children if stack else roots).append(item)
        stack.append(item)
    return roots


def _render_blocks(items: list[str | _Code | _Rest | _Rubric]) -> list[tuple[str, str]]:
    """Lines and cut-out regions -> (kind, reST) blocks, kind being para, list, code, rest or rubric."""
    blocks: list[tuple[str, str]] = []
    para: list[str] = []
    flat: list[_Item] = []
    after_blank = True

    def flush() -> None:
        nonlocal para, flat
        if para:
            joined = " ".join(para)
            if ("@n" in joined or "\\n" in joined) and _NEWLINE.search(joined):
                pieces = _NEWLINE.split(joined)
                blocks.append(("para", "\n".join(f"| {_inline(p)}".rstrip() for p in pieces)))
            else:
                text = _inline(joined)
                if text:
                    blocks.append(("para", text))
            para = []
        if flat:
            blocks.append(("list", _render_list(_nest(flat))))
            flat = []

    code: list[str] = []
    for index, item in enumerate(items):
        if isinstance(item, str) and code and (not item.strip() or _indent(item) >= _INDENTED_CODE):
            code.append(item)
            continue
        if code:
            blocks.append(("code", _code_block("text", _dedent_block("\n".join(code)))))
            code = []
        if not isinstance(item, str):
            flush()
            if isinstance(item, _Code):
                blocks.append(("code", _code_block(item.language, item.text, item.guessed)))
            elif isinstance(item, _Rest):
                blocks.append(("rest", item.text))
            else:
                blocks.append(("rubric", f".. rubric:: {_inline(item.title)}"))
            after_blank = True
            continue
        line = item
        if not line.strip():
            if not flat:
                flush()
            after_blank = True
            continue
        following = items[index + 1] if index + 1 < len(items) else None
        if (
            isinstance(following, str)
            and not para
            and not flat
            and following.lstrip(" \t").startswith(("=", "-"))
            and _UNDERLINE.match(following)
        ):
            flush()
            blocks.append(("rubric", f".. rubric:: {_inline(line)}"))
            items[index + 1] = ""
            after_blank = True
            continue
        start = line.lstrip(" \t")[:1]  # each pattern below needs its own first character
        if start in _RULE_STARTS and _RULE.match(line):
            flush()
            after_blank = True
            continue
        if start == "#" and (heading := _HEADING.match(line)):
            flush()
            blocks.append(("rubric", f".. rubric:: {_inline(heading['title'])}"))
            after_blank = True
            continue
        if after_blank and not flat and not para and _indented_block(items, index):
            code = [line]
            continue
        if (start in _LIST_STARTS or start.isdecimal()) and (list_item := _LIST_ITEM.match(line)):
            if para:
                flush()
            flat.append(
                _Item(len(list_item["indent"]), list_item["enum"] is not None, [list_item["text"]], [])
            )
        elif flat and not after_blank:
            flat[-1].text.append(line)
        elif flat and _indent(line) > flat[-1].indent:
            flat[-1].text.append(line)  # a continuation paragraph of the item, joined to it
        else:
            if flat:
                flush()
            para.append(line)
        after_blank = False
    if code:
        blocks.append(("code", _code_block("text", _dedent_block("\n".join(code)))))
    flush()
    return blocks


def _indented_block(items: list[str | _Code | _Rest | _Rubric], index: int) -> bool:
    """Markdown's indented code block: every line up to the next blank one indented 4 or more.

    zlib.h indents the first line of each paragraph deeper than the rest: that is prose, not code.
    """
    for item in items[index:]:
        if not isinstance(item, str) or not item.strip():
            return True
        if _indent(item) < _INDENTED_CODE:
            return False
    return True


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _code_block(language: str, text: str, guessed: bool = False) -> str:
    """A block whose language is only guessed carries a class that the Sphinx extension reads as
    "highlight leniently" (Sphinx's ``force``): an unlabelled block is as often pseudo-code (freetype's
    ``for all glyphs do``), which must not warn on the docs' page. A class, not Sphinx's ``:force:``
    option, so that the reST stays valid for plain docutils too."""
    options = f"   :class: {GUESSED_LANGUAGE}\n" if guessed else ""
    body = textwrap.indent(text, "   ", lambda line: bool(line.strip()))
    return f".. code:: {language}\n{options}\n{body}"


def _join(blocks: list[tuple[str, str]]) -> str:
    return "\n\n".join(text for _, text in blocks)


# --------------------------------------------------------------------------------------------------
# Doxygen sections

_SECTION_NAMES = (
    "brief|short|details|param|tparam|returns|return|result|retval|note|remarks|remark|warning|attention"
    "|deprecated|since|see|sa|throws|throw|exception|exceptions|pre|post|invariant|todo|bug|authors|author"
    "|copyright|version|date|par|section|subsection|subsubsection|paragraph"
)
_STRUCTURE_NAMES = (
    "file|fn|struct|class|union|enum|typedef|var|def|namespace|interface|protocol|category|headerfile"
    "|defgroup|addtogroup|ingroup|weakgroup|name|page|mainpage|subpage|cond|endcond|private|public"
    "|protected|privatesection|publicsection|protectedsection|hideinitializer|showinitializer|static"
    "|relates|related|relatesalso|relatedalso|memberof|overload|nosubgrouping|callgraph|callergraph"
    "|hidecallgraph|hidecallergraph|showrefby|hiderefby|showrefs|hiderefs|inherit|extends|implements"
    "|pure|ingroup|headerfile|example|dontinclude|include|includelineno|snippet|image|dotfile|mscfile"
    "|diafile|copybrief|copydetails|module|concept|idlexcept|dir|showenumvalues|hideenumvalues"
)
_COMMAND_SPLIT = re.compile(
    rf"(?<=\S)[ \t]+(?=[@\\](?:{_SECTION_NAMES}|{_STRUCTURE_NAMES}|li|arg)\b"
    r"(?![-.]\w)|[@\\][{}](?:\s|$))"
)
_SECTION = re.compile(rf"^[ \t]*[@\\](?P<cmd>{_SECTION_NAMES})\b(?![-.]\w)(?P<rest>.*)$", re.I)
_STRUCTURE = re.compile(rf"^[ \t]*(?:[@\\](?:{_STRUCTURE_NAMES})\b(?![-.]\w)|[@\\][{{}}](?:\s|$))", re.I)
_PARAM = re.compile(
    r"^(?:[ \t]*\[(?P<dir>[^\]]*)\])?[ \t]*(?P<names>[\w.$]+(?:[ \t]*,[ \t]*[\w.$]+)*)(?P<text>.*)$"
)
_FIRST_WORD = re.compile(r"^[ \t]*(?P<names>\S+)(?P<text>.*)$")
_SEPARATOR = re.compile("^[ \t]*(?:[-:\u2013\u2014]+[ \t]+|[-:\u2013\u2014]+$)")
_IDENTIFIERS = re.compile(r"^[ \t]*[~\w:.#]+(?:\(\))?(?:[ \t]*,[ \t]*[~\w:.#]+(?:\(\))?)*[ \t]*[.]?[ \t]*$")
_LABELS = {
    "todo": "Todo",
    "bug": "Bug",
    "pre": "Precondition",
    "post": "Postcondition",
    "invariant": "Invariant",
    "author": "Author",
    "authors": "Authors",
    "copyright": "Copyright",
    "version": "Version",
    "date": "Date",
}
_DIRECTIONS = {"in": "in", "out": "out", "in,out": "inout", "out,in": "inout", "inout": "inout"}
_ANY_COMMAND = re.compile(
    rf"(?<![\w@\\])[@\\](?:{_SECTION_NAMES}|{_STRUCTURE_NAMES}|code|verbatim|rst)\b", re.I
)


@dataclass
class _Section:
    kind: str  # body, brief, param, tparam, returns, retval, note, warning, deprecated, since, see, throws
    items: list[str | _Code | _Rest | _Rubric]
    names: tuple[str, ...] = ()
    direction: str | None = None
    label: str | None = None


def _split_commands(items: list[str | _Code | _Rest]) -> list[str | _Code | _Rest]:
    """One section command per line: ``/** Frob. @param x the x @return 0 */`` is three sections."""
    out: list[str | _Code | _Rest] = []
    for item in items:
        if isinstance(item, str) and ("@" in item or "\\" in item):
            out += _COMMAND_SPLIT.split(item)
        else:
            out.append(item)
    return out


def _open_section(cmd: str, rest: str, sections: list[_Section], body: _Section) -> _Section:
    cmd, rest = cmd.lower(), rest.strip()
    if cmd in ("details",):
        body.items.append("")
        body.items.append(rest)
        return body
    if cmd in ("par", "section", "subsection", "subsubsection", "paragraph"):
        title = rest.strip()
        if cmd != "par":
            title = title.split(None, 1)[1] if len(title.split(None, 1)) > 1 else ""
        body.items.append(_Rubric(title) if title else "")
        return body
    if cmd in ("param", "tparam"):
        m = _PARAM.match(rest)
        if m is None:
            m = _FIRST_WORD.match(rest)
            direction = None
        else:
            raw_dir = re.sub(r"\s+", "", (m["dir"] or "").lower())
            direction = _DIRECTIONS.get(raw_dir)
        if m is None:
            section = _Section(cmd, [], names=("",))
        else:
            names = tuple(n.strip() for n in m["names"].split(","))
            text = _SEPARATOR.sub("", m["text"], count=1).lstrip()
            section = _Section(cmd, [text], names=names, direction=direction)
    elif cmd in ("retval", "throws", "throw", "exception", "exceptions"):
        m = _FIRST_WORD.match(rest)
        kind = "retval" if cmd == "retval" else "throws"
        if m is None:
            section = _Section(kind, [], names=("",))
        else:
            section = _Section(kind, [_SEPARATOR.sub("", m["text"], count=1).lstrip()], names=(m["names"],))
    else:
        kind = {
            "short": "brief",
            "return": "returns",
            "result": "returns",
            "remark": "note",
            "remarks": "note",
            "attention": "warning",
            "sa": "see",
        }.get(cmd, cmd)
        if kind in _LABELS:
            section = _Section("label", [rest], label=_LABELS[kind])
        else:
            section = _Section(kind, [rest])
    sections.append(section)
    return section


def _named_list(doc: Doc, kind: str) -> list[ParamDoc]:
    """The doc's list of named entries of a kind: parameters, template parameters, values, exceptions."""
    return {"param": doc.params, "tparam": doc.tparams, "retval": doc.retvals, "throws": doc.throws}[kind]


def _parse_doxygen(lines: list[str]) -> Doc:
    items = _split_commands(_regions("\n".join(lines)))
    body = _Section("body", [])
    sections: list[_Section] = [body]
    current = body
    for item in items:
        if isinstance(item, str):
            if item.lstrip(" \t").startswith(("@", "\\")):  # what both patterns start with
                if _STRUCTURE.match(item):
                    continue
                if m := _SECTION.match(item):
                    current = _open_section(m["cmd"], m["rest"], sections, body)
                    continue
            if not item.strip() and current is not body:
                current = body
                body.items.append("")
                continue
        current.items.append(item)

    doc = Doc()
    for section in sections[1:]:
        text = _join(_render_blocks(section.items))
        kind = section.kind
        if kind == "brief":
            doc.brief = f"{doc.brief} {text}".strip() if doc.brief else (text or None)
        elif kind in ("param", "tparam", "retval", "throws"):
            direction = section.direction if kind == "param" else None
            _named_list(doc, kind).extend(ParamDoc(name, direction, text) for name in section.names)
        elif kind == "returns":
            doc.returns = f"{doc.returns}\n\n{text}" if doc.returns else text
        elif kind in ("note", "warning"):
            if text:
                (doc.notes if kind == "note" else doc.warnings).append(text)
        elif kind == "deprecated":
            doc.deprecated = f"{doc.deprecated}\n\n{text}".strip() if doc.deprecated else text
        elif kind == "since":
            doc.since = text or None
        elif kind == "see":
            doc.see.extend(_see_entries(section.items, text))
        elif kind == "label" and text:  # @pre, @todo, @author...: a field of the description
            body.items.append(_Rest(f":{section.label}: " + textwrap.indent(text, "   ").lstrip()))
    body_blocks = _render_blocks(body.items)
    if doc.brief is None and body_blocks and body_blocks[0][0] == "para":
        doc.brief = body_blocks[0][1]
        body_blocks = body_blocks[1:]
    doc.body = _join(body_blocks)
    return doc


def _see_entries(items: list[str | _Code | _Rest | _Rubric], text: str) -> list[str]:
    plain = " ".join(i for i in items if isinstance(i, str)).strip()
    if plain and _IDENTIFIERS.match(plain):
        return [_literal(name.strip()) for name in plain.rstrip(". \t").split(",") if name.strip()]
    return [text] if text else []


# --------------------------------------------------------------------------------------------------
# reST comments (Hawkmoth style)

_REST_SIGNAL = re.compile(
    r"^[ \t]*:(?:param|parameter|arg|argument|key|keyword|type|returns?|rtype|raises?|throws?|retval"
    r"|tparam)\b[^:\n]*:|^[ \t]*\.\.[ \t]+[\w:-]+::|:[\w-]+(?::[\w-]+)*:`[^`]+`|::[ \t]*\n[ \t]*\n[ \t]+\S",
    re.M,
)
_FIELD = re.compile(r"^:(?P<name>[A-Za-z]+)(?:[ \t]+(?P<arg>[^:\n]+?))?[ \t]*:(?:[ \t]+(?P<text>.*))?$")
_REST_PARAM = {
    "param": "param",
    "parameter": "param",
    "arg": "param",
    "argument": "param",
    "key": "param",
    "keyword": "param",
    "tparam": "tparam",
    "returns": "returns",
    "return": "returns",
    "retval": "retval",
    "raises": "throws",
    "raise": "throws",
    "throws": "throws",
    "throw": "throws",
}
_BLOCK_START = re.compile(r"^(?:\.\.|:|[-*+](?:\s|$)|\d+[.)]\s|#\.\s|\|)")


def _parse_rest(lines: list[str]) -> Doc:
    doc = Doc()
    kept: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        m = _FIELD.match(line)
        if m is None or m["name"].lower() not in _REST_PARAM:
            kept.append(line)
            index += 1
            continue
        index += 1
        field_lines = [m["text"] or ""]
        while index < len(lines) and (not lines[index].strip() or lines[index][:1] in " \t"):
            if not lines[index].strip():
                ahead = next((ln for ln in lines[index:] if ln.strip()), "")
                if ahead[:1] not in " \t":
                    break
            field_lines.append(lines[index])
            index += 1
        text = (field_lines[0].strip() + "\n" + "\n".join(_dedent(field_lines[1:]))).strip()
        kind = _REST_PARAM[m["name"].lower()]
        arg = (m["arg"] or "").split()
        name = arg[-1] if arg else ""
        if kind == "returns":
            doc.returns = f"{doc.returns}\n\n{text}" if doc.returns else text
        else:
            _named_list(doc, kind).append(ParamDoc(name, None, text))
    text = _dedent_block("\n".join(kept))
    paragraphs = re.split(r"\n[ \t]*\n", text, maxsplit=1)
    first = paragraphs[0]
    if (
        first.strip()
        and not _BLOCK_START.match(first)
        and not first.rstrip().endswith("::")
        and all(line[:1] not in " \t" for line in first.split("\n"))
    ):
        doc.brief = " ".join(first.split())
        text = paragraphs[1].strip("\n") if len(paragraphs) > 1 else ""
    doc.body = text
    return doc


# --------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 14)
def parse_comment(raw: str | None) -> Doc | None:
    """Parse one raw comment as libclang gives it (markers included); None when it says nothing.

    Cached by text: a page asks several times for each declaration's doc, and every platform's
    declaration carries the same comment. The Doc is shared, so nothing may change it.
    """
    if not raw:
        return None
    lines = _strip_markers(raw)
    text = "\n".join(lines)
    if not text.strip():
        return None
    doc = (
        _parse_rest(lines)
        if ":" in text and _REST_SIGNAL.search(text) and not _ANY_COMMAND.search(text)
        else _parse_doxygen(lines)
    )
    if doc == Doc():
        return None
    return doc
