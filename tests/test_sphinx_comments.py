"""reST faults in a library's own doc comments: one ``nativeapi.comment`` warning each, at the header line
to fix, in serial, parallel and incremental builds; the page shows what docutils recovered."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from test_sphinx import shown_text, touch, warnings_of

pytest_plugins = "sphinx.testing.fixtures"

HEADER = Path(__file__).parent / "data" / "headers" / "comment_errors.h"
FUNCTIONS = ["lib_open", "lib_close", "lib_reset", "lib_seek", "lib_flush"]


def line_of(text: str) -> int:
    return next(n for n, line in enumerate(HEADER.read_text().splitlines(), 1) if text in line)


def expected(header: Path) -> list[str]:
    return sorted(
        [
            f"{header}:{line_of('*code* is a system')}: WARNING: reST error in the doc comment of lib_open: "
            "Unexpected indentation. [nativeapi.comment]",
            f"{header}:{line_of(':nosuchrole:')}: WARNING: reST error in the doc comment of lib_close: "
            'Unknown interpreted text role "nosuchrole". [nativeapi.comment]',
            f"{header}:{line_of('.. nosuchdirective::')}: WARNING: reST error in the doc comment of "
            'lib_reset: Unknown directive type "nosuchdirective". [nativeapi.comment]',
            # Known only once the page is read, at its paragraph's line, as docutils would say it.
            f"{header}:{line_of('Moves in a stream')}: WARNING: reST error in the doc comment of lib_seek: "
            'Unknown target name: "the spec". [nativeapi.comment]',
        ]
    )


def project(tmp_path: Path, pages: int = 1, markup: str = "rst") -> Path:
    """The header, documented by its first ``pages`` pages: one function each, all on one page if there
    is one (Sphinx reads pages in parallel only from six on: the others say nothing)."""
    srcdir = tmp_path / "docs"
    srcdir.mkdir()
    shutil.copy(HEADER, srcdir)
    settings = {"headers": [HEADER.name], "platforms": ["linux-x86_64"]}
    conf = f'extensions = ["myst_parser", "sphinx_nativeapi"]\nnativeapi_projects = {{"p": {settings!r}}}\n'
    (srcdir / "conf.py").write_text(conf)
    for page in range(pages):
        names = FUNCTIONS if pages == 1 else FUNCTIONS[page : page + 1]
        if markup == "md":
            body = "".join(f"```{{native-api}} {name}\n```\n\n" for name in names)
            (srcdir / f"p{page}.md").write_text(f"# P{page}\n\n{body}")
        else:
            body = "".join(f".. native-api:: {name}\n\n" for name in names)
            (srcdir / f"p{page}.rst").write_text(f"P{page}\n==\n\n{body}")
    toctree = "\n   ".join(f"p{page}" for page in range(pages))
    (srcdir / "index.rst").write_text(f"Index\n=====\n\n.. toctree::\n\n   {toctree}\n")
    return srcdir


def warning_lines(app) -> list[str]:
    return sorted(line for line in warnings_of(app).splitlines() if line.strip())


@pytest.mark.parametrize("markup", ["rst", "md"])
def test_each_fault_is_one_typed_warning_at_its_line(make_app, tmp_path: Path, markup: str) -> None:
    srcdir = project(tmp_path, markup=markup)
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert warning_lines(app) == expected(srcdir / HEADER.name)
    page = (app.outdir / "p0.html").read_text()
    # What docutils recovered, with no mark of the fault: the indented line is a block quote, the
    # unknown role and the dangling reference are the text as written, the unknown directive its text
    # as a reST literal block.
    assert not re.search(r"problematic|system-message", page)
    assert re.search(r"<blockquote>\s*<div><p><em>code</em> is a system error code", page)
    assert ":nosuchrole:`lib_open` for the other end." in shown_text(page)
    assert re.search(r'<div class="highlight-rst notranslate">.*nosuchdirective.*all', page)
    assert re.search(r'as <a class="reference external" href="https://pubs.opengroup.org/[^"]*">POSIX', page)
    assert "and as `the spec`_ says." in shown_text(page)
    assert re.search(r'<a class="reference internal" href="#c.lib_open"', page)  # the good role, linked


def test_suppress_warnings_silences_comment_faults_only(make_app, tmp_path: Path) -> None:
    srcdir = project(tmp_path)
    (srcdir / "p0.rst").write_text((srcdir / "p0.rst").read_text() + ".. native-api:: no_such_thing\n")
    app = make_app("html", srcdir=srcdir, confoverrides={"suppress_warnings": ["nativeapi.comment"]})
    app.build()
    assert [re.sub(r".*WARNING: ", "", line) for line in warning_lines(app)] == [
        "'no_such_thing' names no declaration of project 'p' [nativeapi.config]"
    ]


def test_parallel_and_incremental_builds_report_them(make_app, tmp_path: Path) -> None:
    srcdir = project(tmp_path, pages=7)
    app = make_app("html", srcdir=srcdir, parallel=2)
    app.build()
    assert warning_lines(app) == expected(srcdir / HEADER.name)
    app.cleanup()
    # A page that is not re-read says nothing again, as Sphinx's own reading warnings do; a changed
    # header makes its pages re-read, and the faults are reported again.
    again = make_app("html", srcdir=srcdir, freshenv=False)
    again.build()
    assert warning_lines(again) == []
    again.cleanup()
    touch(srcdir / HEADER.name)
    again = make_app("html", srcdir=srcdir, freshenv=False, parallel=2)
    again.build()
    assert warning_lines(again) == expected(srcdir / HEADER.name)


def test_comment_lines_are_found_in_the_header(tmp_path: Path) -> None:
    """Each line of a comment's reST at its header line: CRLF line ends, a brief joined into one line,
    a repeated comment (the copy above the declaration); a comment the header does not hold (taken
    over from another declaration) at the declaration."""
    from sphinx_nativeapi.scanner import ScanRequest, scan
    from sphinx_nativeapi.sphinxext.commentlines import text_lines

    header = tmp_path / "crlf.h"
    source = [
        "/** Same. */", "int first(void);", "",
        "/**", " * Opens a thing", " * with a brief of two lines.", " *",
        " * Says :c:func:`first`", " *   and more.", " */", "int opens(void);",
        "/** Same. */", "int last(void);",
    ]  # fmt: skip
    header.write_bytes("\r\n".join(source).encode() + b"\r\n")
    model = scan(ScanRequest(headers=(str(header),), platforms=("linux-x86_64",)))
    decls = {d.name: d for d in model.declarations}
    opens = decls["opens"]
    brief, body = opens.doc.brief, opens.doc.body.strip().splitlines()
    assert text_lines(opens, [brief]) == [5]
    assert text_lines(opens, body) == [8, 9], body
    assert text_lines(decls["last"], ["Same."]) == [12]
    assert text_lines(decls["first"], ["Same."]) == [1]
    decls["last"].comment = "/** Only in another header. */"
    assert text_lines(decls["last"], ["Only in another header."]) == [13]
