"""The doc-comment parser: raw comments as libclang gives them -> Doc with reST that Sphinx accepts."""

from __future__ import annotations

import io
from dataclasses import asdict

import clang.cindex
import pytest
from docutils import nodes
from docutils.core import publish_doctree
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sphinx_nativeapi.comments import parse_comment
from sphinx_nativeapi.doc import Doc, ParamDoc


def rest_problems(text: str) -> list[str]:
    """docutils' warnings and errors (level >= 2) for a piece of reST, each with its message."""
    doctree = publish_doctree(
        text, settings_overrides={"report_level": 5, "halt_level": 5, "warning_stream": io.StringIO()}
    )
    messages = [*doctree.findall(nodes.system_message), *doctree.transform_messages]  # unresolved refs
    return [m.astext() for m in messages if m["level"] >= 2]


def rest_texts(doc: Doc) -> list[str]:
    texts = [doc.brief, doc.body, doc.returns, doc.deprecated, doc.since, *doc.notes, *doc.warnings, *doc.see]
    for group in (doc.params, doc.tparams, doc.retvals, doc.throws):
        texts += [p.text for p in group]
    return [t for t in texts if t]


# Each case: (id, raw comment, the Doc fields it must have). Fields not named keep their defaults.
CASES: list[tuple[str, str, dict]] = [
    ("javadoc-brief", "/** Open a file. */", {"brief": "Open a file."}),
    ("qt-bang", "/*! Open a file. */", {"brief": "Open a file."}),
    ("triple-slash", "/// Open a file.\n/// More text.", {"brief": "Open a file. More text."}),
    ("bang-lines", "//! Close it.\n//!\n//! Really.", {"brief": "Close it.", "body": "Really."}),
    ("trailing-slash", "///< The x coordinate.", {"brief": "The x coordinate."}),
    ("trailing-bang", "//!< The y coordinate.", {"brief": "The y coordinate."}),
    ("trailing-block", "/**< Width in pixels. */", {"brief": "Width in pixels."}),
    ("trailing-block-bang", "/*!< Height. */", {"brief": "Height."}),
    ("empty-block", "/** */", None),
    ("empty-lines", "///\n///", None),
    ("only-structure", "/**\n * @file foo.h\n * @defgroup foo Foo things\n * @{\n */", None),
    (
        # libgit2, include/git2/oid.h (tabs in the continuation lines)
        "libgit2-oid",
        "/**\n * Parse a hex formatted object id into a git_oid.\n *\n"
        " * @param out oid structure the result is written into.\n"
        " * @param str input hex string; must be pointing at the start of\n"
        " *\t\tthe hex sequence and have at least the number of bytes\n"
        " *\t\tneeded for an oid encoded in hex (40 bytes).\n"
        " * @return 0 or an error code\n */",
        {
            "brief": "Parse a hex formatted object id into a git_oid.",
            "params": [
                ParamDoc("out", None, "oid structure the result is written into."),
                ParamDoc(
                    "str",
                    None,
                    "input hex string; must be pointing at the start of the hex sequence "
                    "and have at least the number of bytes needed for an oid encoded in hex (40 bytes).",
                ),
            ],
            "returns": "0 or an error code",
        },
    ),
    (
        # libgit2, include/git2/oid.h: Markdown backticks become literals
        "libgit2-backticks",
        "/**\n * Parse N characters of a hex formatted object id into a git_oid.\n *\n"
        " * If N is odd, the last byte's high nibble will be read in and the\n * low nibble set to zero.\n"
        " *\n * @param out oid structure the result is written into.\n"
        " * @param str input hex string of at least size `length`\n"
        " * @param length length of the input string\n * @return 0 or an error code\n */",
        {
            "brief": "Parse N characters of a hex formatted object id into a git_oid.",
            "body": "If N is odd, the last byte's high nibble will be read in and the low nibble set to "
            "zero.",
            "params": [
                ParamDoc("out", None, "oid structure the result is written into."),
                ParamDoc("str", None, "input hex string of at least size ``length``"),
                ParamDoc("length", None, "length of the input string"),
            ],
            "returns": "0 or an error code",
        },
    ),
    (
        # libgit2, include/git2/oid.h: the file's header comment says nothing about a declaration
        "libgit2-file-header",
        "/**\n * @file git2/oid.h\n * @brief Git object id routines\n"
        " * @defgroup git_oid Git object id routines\n"
        " * @ingroup Git\n * @{\n */",
        {"brief": "Git object id routines"},
    ),
    (
        # libstdc++, bits/align.h (Doxygen-heavy C++: @brief, @a, @param, @return, @ingroup)
        "libstdcxx-align",
        "/**\n *  @brief Fit aligned storage in buffer.\n *\n"
        " *  This function tries to fit @a __size bytes of storage with alignment\n"
        " *  @a __align into the buffer @a __ptr of size @a __space bytes.\n *\n"
        " *  C++11 20.6.5 [ptr.align]\n *\n"
        " *  @tparam _Align An alignment value (i.e. a power of two)\n"
        " *  @param __size    Size of the aligned storage required.\n"
        " *  @param __ptr     Pointer to a buffer of @a __space bytes.\n"
        " *  @return the updated pointer if the aligned storage fits, otherwise nullptr.\n *\n"
        " *  @ingroup memory\n */",
        {
            "brief": "Fit aligned storage in buffer.",
            "body": "This function tries to fit *\\__size* bytes of storage with alignment "
            "*\\__align* into the "
            "buffer *\\__ptr* of size *\\__space* bytes.\n\nC++11 20.6.5 [ptr.align]",
            "tparams": [ParamDoc("_Align", None, "An alignment value (i.e. a power of two)")],
            "params": [
                ParamDoc("__size", None, "Size of the aligned storage required."),
                ParamDoc("__ptr", None, "Pointer to a buffer of *\\__space* bytes."),
            ],
            "returns": "the updated pointer if the aligned storage fits, otherwise nullptr.",
        },
    ),
    (
        # zlib.h: a plain block whose paragraphs indent their first line deeper than the rest
        "zlib-plain",
        "/*\n     This function is equivalent to deflateEnd followed by deflateInit, but\n"
        "   does not free and reallocate the internal compression state.  The stream\n"
        "   will leave the compression level and any other attributes that may have been\n"
        "   set unchanged.\n\n"
        "     deflateReset returns Z_OK if success, or Z_STREAM_ERROR if the source\n"
        "   stream state was inconsistent (such as zalloc or state being Z_NULL).\n*/",
        {
            "brief": "This function is equivalent to deflateEnd followed by deflateInit, but does not free "
            "and reallocate the internal compression state. The stream will leave the compression level "
            "and any other attributes that may have been set unchanged.",
            "body": "deflateReset returns Z_OK if success, or Z_STREAM_ERROR if the source stream state was "
            "inconsistent (such as zalloc or state being Z_NULL).",
        },
    ),
    (
        # zlib.h, deflate(): a list inside plain prose
        "zlib-list",
        "/*\n    The detailed semantics are as follows.  deflate performs one or both of the\n"
        "  following actions:\n\n"
        "  - Compress more input starting at next_in and update next_in and avail_in\n"
        "    accordingly.\n\n"
        "  - Generate more output starting at next_out and update next_out and avail_out\n"
        "    accordingly.\n*/",
        {
            "brief": "The detailed semantics are as follows. deflate performs one or both of the following "
            "actions:",
            "body": "- Compress more input starting at next_in and update next_in and avail_in accordingly."
            "\n\n- Generate more output starting at next_out and update next_out and avail_out accordingly.",
        },
    ),
    (
        # sqlite3.h: `**` star column, CAPI3REF title, ^ marks, HTML lists and <pre>
        "sqlite3",
        "/*\n** CAPI3REF: Run-Time Library Version Numbers\n** KEYWORDS: sqlite3_version sqlite3_sourceid\n"
        "**\n** These interfaces provide the same information as the [SQLITE_VERSION]\n"
        "** C preprocessor macro.  ^(Cautious programmers might include assert()\n"
        "** statements in their application.)^\n**\n** <blockquote><pre>\n"
        "** assert( sqlite3_libversion_number()==SQLITE_VERSION_NUMBER );\n** </pre></blockquote>)^\n"
        "**\n** Restrictions:\n**\n** <ul>\n** <li> Do not call it with a NULL pointer.\n"
        "** <li> Do not call it | twice.\n** </ul>\n*/",
        {
            "brief": "Run-Time Library Version Numbers",
            "body": "These interfaces provide the same information as the [SQLITE_VERSION] C preprocessor "
            "macro. (Cautious programmers might include assert() statements in their application.)\n\n"
            ".. code:: text\n\n   assert( sqlite3_libversion_number()==SQLITE_VERSION_NUMBER );\n\n"
            ")\n\nRestrictions:\n\n- Do not call it with a NULL pointer.\n\n- Do not call it \\| twice.",
        },
    ),
    (
        "directions",
        "/**\n * Copy.\n * @param[out] dst where to\n * @param[in] src from where\n"
        " * @param[in,out] state the state\n * @param[inout] ctx context\n * @param[ in, out ] z zed\n"
        " * @param[in] a,b two numbers\n */",
        {
            "brief": "Copy.",
            "params": [
                ParamDoc("dst", "out", "where to"),
                ParamDoc("src", "in", "from where"),
                ParamDoc("state", "inout", "the state"),
                ParamDoc("ctx", "inout", "context"),
                ParamDoc("z", "inout", "zed"),
                ParamDoc("a", "in", "two numbers"),
                ParamDoc("b", "in", "two numbers"),
            ],
        },
    ),
    (
        "backslash-commands",
        "/*!\n * \\brief Frob a widget.\n * \\param w the widget - must not be NULL\n"
        " * \\param flags - frob flags\n * \\returns \\c true on success\n"
        " * \\retval FROB_OK all went well\n * \\retval FROB_EAGAIN try again\n */",
        {
            "brief": "Frob a widget.",
            "params": [
                ParamDoc("w", None, "the widget - must not be NULL"),
                ParamDoc("flags", None, "frob flags"),
            ],
            "returns": "``true`` on success",
            "retvals": [
                ParamDoc("FROB_OK", None, "all went well"),
                ParamDoc("FROB_EAGAIN", None, "try again"),
            ],
        },
    ),
    (
        "one-line-sections",
        "/** Frob it. @param x the x @return 0 */",
        {"brief": "Frob it.", "params": [ParamDoc("x", None, "the x")], "returns": "0"},
    ),
    (
        "admonitions",
        "/**\n * @brief Old way.\n * @details Long story.\n * @note Not thread-safe.\n"
        " * @remark Slow.\n * @warning Frees @p ptr.\n * @attention Really.\n * @deprecated Use new_way().\n"
        " * @since 2.1\n * @see new_way, other_way()\n * @sa the manual\n"
        " * @throws std::bad_alloc when out of memory\n"
        " */",
        {
            "brief": "Old way.",
            "body": "Long story.",
            "notes": ["Not thread-safe.", "Slow."],
            "warnings": ["Frees ``ptr``.", "Really."],
            "deprecated": "Use new_way().",
            "since": "2.1",
            "see": ["``new_way``", "``other_way()``", "the manual"],
            "throws": [ParamDoc("std::bad_alloc", None, "when out of memory")],
        },
    ),
    ("deprecated-bare", "/** Old.\n * @deprecated\n */", {"brief": "Old.", "deprecated": ""}),
    (
        "code-block",
        "/**\n * Example:\n * @code{.cpp}\n * auto w = Widget();\n *     if (w) { w.frob(); }\n * @endcode\n"
        " * Then:\n * @code\n * int x = *p;\n * @endcode\n * And @verbatim raw *text* @endverbatim\n */",
        {
            "brief": "Example:",
            "body": ".. code:: cpp\n\n   auto w = Widget();\n       if (w) { w.frob(); }\n\nThen:\n\n"
            ".. code:: c\n   :class: nativeapi-guessed-language\n\n   int x = *p;\n\nAnd\n\n"
            ".. code:: text\n\n   raw *text*",
        },
    ),
    (
        "markdown",
        "/**\n * Summary with `code` and **bold** and *em*.\n *\n * # Usage\n *\n * 1. first\n"
        " * 2. second\n *    continued\n *   - nested\n *\n * ```c\n * x = y * z;\n * ```\n *\n"
        " * See [docs](https://example.org/a_b).\n */",
        {
            "brief": "Summary with ``code`` and **bold** and *em*.",
            "body": ".. rubric:: Usage\n\n#. first\n\n#. second continued\n\n   - nested\n\n"
            ".. code:: c\n\n   x = y * z;\n\nSee `docs <https://example.org/a_b>`__.",
        },
    ),
    (
        "doxygen-lists",
        "/**\n * Modes:\n * @li @c READ opens for reading\n * @li @c WRITE opens for writing\n */",
        {"brief": "Modes:", "body": "- ``READ`` opens for reading\n\n- ``WRITE`` opens for writing"},
    ),
    (
        "inline-commands",
        "/** Uses @b bold, @e italic, @em also, @ref other_thing and @p ints. Mail a@b.org. */",
        {"brief": "Uses **bold**, *italic*, *also*, ``other_thing`` and ``ints``. Mail a@b.org."},
    ),
    (
        "hard-newline",
        "/** First line @n second line */",
        {"brief": "| First line\n| second line"},
    ),
    (
        "rest-special-characters",
        "/**\n * Computes a * b | c for *ptr and foo_ and __init__ and `x` and `` ` ``.\n"
        " *\n * (a) is not a list here because it stands alone.\n * Ends with::\n */",
        {
            "brief": "Computes a \\* b \\| c for \\*ptr and foo\\_ and \\__init\\_\\_ and ``x`` and "
            "\\`\\` \\` \\`\\`.",
            "body": "\\(a) is not a list here because it stands alone. Ends with:\\:",
        },
    ),
    (
        "internal-hidden",
        "/**\n * Public part.\n * @internal\n * Secret part.\n * @endinternal\n * Public again.\n */",
        {"brief": "Public part.", "body": "Public again."},
    ),
    (
        "labelled-sections",
        "/**\n * Does it.\n * @pre x is set\n * @todo make faster\n */",
        {"brief": "Does it.", "body": ":Precondition: x is set\n\n:Todo: make faster"},
    ),
    (
        "embedded-rest",
        "/**\n * Brief.\n * @verbatim embed:rst\n * .. note:: This is reST.\n * @endverbatim\n */",
        {"brief": "Brief.", "body": ".. note:: This is reST."},
    ),
    (
        # fmt's \\rst ... \\endrst (Breathe's): reST inside, roles and literal blocks included
        "rst-region",
        "/**\n \\rst\n Makes :literal:`std::system_error`.\n\n **Example**::\n\n   throw e;\n \\endrst\n*/",
        {"body": "Makes :literal:`std::system_error`.\n\n**Example**::\n\n  throw e;"},
    ),
    (
        # Hawkmoth: the comment is reST; fields are lifted out, the rest stays as written
        "hawkmoth-rest",
        "/**\n * Frob the widget.\n *\n * The *widget* must be ``open``.\n *\n * .. note::\n *\n"
        " *    Not reentrant.\n *\n * :param w: The widget.\n * :param int flags: Frob flags,\n"
        " *     one or more.\n * :return: 0 on success.\n * :raises ValueError: never in C.\n */",
        {
            "brief": "Frob the widget.",
            "body": "The *widget* must be ``open``.\n\n.. note::\n\n   Not reentrant.",
            "params": [
                ParamDoc("w", None, "The widget."),
                ParamDoc("flags", None, "Frob flags,\none or more."),
            ],
            "returns": "0 on success.",
            "throws": [ParamDoc("ValueError", None, "never in C.")],
        },
    ),
    (
        "plain-line-comments",
        "// Return the answer.\n//\n// Never fails.",
        {"brief": "Return the answer.", "body": "Never fails."},
    ),
    (
        "banner",
        "/*************************************************\n * Banner comment.\n"
        " *************************************************/",
        {"brief": "Banner comment."},
    ),
    (
        "indented-code",
        "/**\n * Use it like this:\n *\n *     int *p = get();\n *     put(p);\n *\n * Done.\n */",
        {"brief": "Use it like this:", "body": ".. code:: text\n\n   int *p = get();\n   put(p);\n\nDone."},
    ),
    (
        "unknown-code-language",
        "/**\n * @code{.nosuchlanguage}\n * a b c\n * @endcode\n */",
        {"body": ".. code:: text\n\n   a b c"},
    ),
    (
        "html-inline",
        '/** A <b>bold</b> and <tt>mono</tt> word.<br> <a href="https://x.org">Link</a> */',
        {"brief": "A **bold** and ``mono`` word. `Link <https://x.org>`__"},
    ),
]


@pytest.mark.parametrize(("raw", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_parse(raw: str, expected: dict | None) -> None:
    doc = parse_comment(raw)
    if expected is None:
        assert doc is None
        return
    assert doc is not None
    assert asdict(doc) == asdict(Doc(**expected))


@pytest.mark.parametrize("raw", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_rest_is_valid(raw: str) -> None:
    doc = parse_comment(raw)
    for text in rest_texts(doc) if doc else []:
        assert rest_problems(text) == [], text


def test_rest_checker_catches_bad_rest() -> None:
    """The validity check above is only worth something if it rejects what it should."""
    assert rest_problems("a *b")
    assert rest_problems("x |y| z")


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("/*!<@\\ \n\t-+`|_:.#[]()<>{}ab1 param return code")), max_size=300)
)
def test_never_raises_on_comment_like_text(raw: str) -> None:
    doc = parse_comment(raw)
    assert doc is None or isinstance(doc, Doc)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_any_text(raw: str) -> None:
    doc = parse_comment(raw)
    assert doc is None or isinstance(doc, Doc)


PROSE = st.text(alphabet=st.sampled_from(list("ab1 .,:;*`|_-+#()[]<>'\"\\\n")), min_size=1, max_size=120)


@settings(max_examples=150, deadline=None)
@given(PROSE)
@example("1````")  # four backticks: once taken for an empty reST literal
@example("`1`(`):`1")  # "(``):``" is no literal to reST
def test_prose_gives_valid_rest(prose: str) -> None:
    """Whatever a plain /* */ block holds, the reST made of it renders without a warning."""
    doc = parse_comment("/*\n" + prose.replace("*/", "* /") + "\n*/")
    for text in rest_texts(doc) if doc else []:
        assert rest_problems(text) == [], text


HEADER = """\
/** A point. */
struct point {
    int x; ///< Abscissa.
    int y; /**< Ordinate. */
};

enum color {
    RED,   ///< Red.
    GREEN  //!< Green.
};

/**
 * Move a point.
 * @param[in,out] p the point
 * @return 0 on success
 */
int move(struct point *p);

/*
   Plain block, as zlib.h writes them.
*/
int plain(void);

// A plain line comment.
int plain_line(void);
"""


def comments_of(tmp_path, args: list[str]) -> dict[str, str]:
    header = tmp_path / "api.h"
    header.write_text(HEADER)
    tu = clang.cindex.Index.create().parse(str(header), args=["-xc", *args])
    return {
        c.spelling: c.raw_comment
        for c in tu.cursor.walk_preorder()
        if c.location.file and c.location.file.name == str(header) and c.raw_comment
    }


def test_libclang_raw_comments(tmp_path) -> None:
    raw = comments_of(tmp_path, [])
    docs = {name: parse_comment(text) for name, text in raw.items()}
    assert {name: d.brief for name, d in docs.items()} == {
        "point": "A point.",
        "x": "Abscissa.",
        "y": "Ordinate.",
        "RED": "Red.",
        "GREEN": "Green.",
        "move": "Move a point.",
    }
    assert docs["move"].params == [ParamDoc("p", "inout", "the point")]
    assert docs["move"].returns == "0 on success"


def test_libclang_plain_comments(tmp_path) -> None:
    raw = comments_of(tmp_path, ["-fparse-all-comments"])
    assert parse_comment(raw["plain"]).brief == "Plain block, as zlib.h writes them."
    assert parse_comment(raw["plain_line"]).brief == "A plain line comment."
