"""C++ that real libraries write (friends, explicit specializations, alias templates, nested classes
defined outside their class), names declared twice, and Hawkmoth's own test sources: rendered by a
real ``sphinx-build`` through ``native-api-file`` with no warning."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from test_sphinx import one_header_page, warnings_of

pytest_plugins = "sphinx.testing.fixtures"

DATA = Path(__file__).parent / "data"
CASES = Path(__file__).parent / "cases"


def signatures(page: str) -> list[str]:
    """Each object's signature as the page shows it, white space dropped."""
    found = re.findall(r'<dt class="sig sig-object (?:cpp|c)" id="[^"]+">(.*?)</dt>', page, re.S)
    return [re.sub(r"\s+|¶", "", html.unescape(re.sub(r"<[^>]+>", "", text))) for text in found]


# Hawkmoth's sources (tests/data/hawkmoth, its licence in the README there) and names its expected
# output renders: alias templates, nested ones too; an unnamed class or struct declared with its
# variable; an array of function pointers with an aggregate initialiser.
HAWKMOTH = {
    "using-alias.cpp": ["usingfootypealias=int", "template<typenameT>usingfootmplalias=T*",
                        "template<typename...Args>usingfoovaralias=void(footypealias,Args...)",
                        "template<typenameT,typename...Args>usingfoonestalias=foovaralias<footmplalias<T>,Args...>"],
    "class.cpp": ["classfoo", "class[anonymous]C"],
    "struct.c": ["structsample_struct", "intfoo", "struct[anonymous]variable"],
    "variable.c": [
        "constchar*(*const*volatile*constlegal_type_involving_function_pointer[2][2])(constchar*)"
    ],
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(HAWKMOTH))
def test_hawkmoth_sources_render_without_warnings(make_app, tmp_path: Path, name: str) -> None:
    source = (DATA / "hawkmoth" / name).read_text()
    language = "c++" if name.endswith(".cpp") else "c"
    app, page = one_header_page(make_app, tmp_path, name, source, "   :undoc-members:", language=language)
    assert warnings_of(app) == ""
    shown = signatures(page)
    for signature in HAWKMOTH[name]:
        assert signature in shown, shown


def test_variables_initialised_directly_render_without_their_initialiser(make_app, tmp_path: Path) -> None:
    """boost/optional.hpp: "const in_place_init_t in_place_init((in_place_init_t::init_tag()));"."""
    source = (
        "namespace ns {\nstruct tag_t { struct init {}; explicit tag_t(init) {} };\n"
        "/** Parenthesised. */\nconst tag_t tag((tag_t::init()));\n"
        "/** Braced. */\nconst tag_t braced{tag_t::init()};\n}\n"
    )
    app, page = one_header_page(make_app, tmp_path, "v.hpp", source, language="c++", std="c++17")
    assert warnings_of(app) == ""
    shown = signatures(page)
    assert "consttag_tns::tag" in shown and "consttag_tns::braced" in shown, shown


def test_friends_and_specializations_render_in_their_class(make_app, tmp_path: Path) -> None:
    source = (CASES / "cxx_friends_specializations.hpp").read_text()
    app, page = one_header_page(make_app, tmp_path, "fs.hpp", source, "   :undoc-members:", language="c++")
    assert warnings_of(app) == ""
    shown = signatures(page)
    for signature in (
        "template<>Foo*Create<Foo>(Arena*a)",  # in class Arena
        "template<>intarena::parse<int>(constchar*text)",
        "friendvoidswap(big&a,big&b)noexcept",
        "friendbooloperator==(constbig&a,constbig&b)",
        "friendintcompare(constbig&a,constbig&b)",
        "template<classV>friendvoidvisit(big&b,Vv)",
    ):
        assert signature in shown, shown
    assert sum("operator==" in s for s in shown) == 1  # the friend and its redeclaration: one object


def test_nested_classes_aliases_and_names_declared_twice_are_one_object_each(
    make_app, tmp_path: Path
) -> None:
    """The out-of-line nested class, a macro defined in two headers (two pages), an extern variable
    declared in both: each one object, so no duplicate declaration."""
    srcdir = tmp_path / "docs"
    srcdir.mkdir()
    shutil.copy(CASES / "cxx_aliases_nested.hpp", srcdir / "al.hpp")
    (srcdir / "a.h").write_text(
        '/** Size. */\n#define BUF 1\n/** Error. */\nextern int err;\n#include "b.h"\n'
    )
    (srcdir / "b.h").write_text("#undef BUF\n#define BUF 2\nextern int err;\n")
    settings = {"headers": ["al.hpp", "a.h"], "platforms": ["linux-x86_64"], "language": "c++"}
    (srcdir / "conf.py").write_text(
        f'extensions = ["sphinx_nativeapi"]\nnativeapi_projects = {{"p": {settings!r}}}\n'
    )
    pages = ["al.hpp", "a.h", "b.h"]
    for i, header in enumerate(pages):
        (srcdir / f"p{i}.rst").write_text(f"P{i}\n==\n\n.. native-api-file:: {header}\n   :undoc-members:\n")
    (srcdir / "index.rst").write_text("I\n=\n\n.. toctree::\n\n   p0\n   p1\n   p2\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert warnings_of(app) == ""
    shown = signatures((app.outdir / "p0.html").read_text())
    assert "template<classE>classHandler" in shown or "classHandler" in shown, shown
    assert not any(s.endswith("al::Handler") for s in shown)
    # the explicit specialization of the nested class: an object of its own, with its member
    assert "template<>classal::Outer<int>::Handler" in shown, shown
    assert shown.count("voidrun()") == 2, shown
    assert "template<classT>usingal::Vec=vector<T>" in shown, shown
    both = (app.outdir / "p1.html").read_text() + (app.outdir / "p2.html").read_text()
    assert signatures(both).count("BUF") == 1
    assert sum(s.endswith("err") for s in signatures(both)) == 1


def test_a_macro_each_platform_defines_in_its_own_header_is_one_object(make_app, tmp_path: Path) -> None:
    """win.h and unix.h each define PM_API for their platform: one object, on the first header's page,
    which says what the other platform defines; not one on each page (a duplicate declaration)."""
    srcdir = tmp_path / "docs"
    srcdir.mkdir()
    (srcdir / "pm.h").write_text('#ifdef _WIN32\n#include "win.h"\n#else\n#include "unix.h"\n#endif\n')
    (srcdir / "win.h").write_text("/** Exports. */\n#define PM_API __declspec(dllexport)\n")
    (srcdir / "unix.h").write_text('/** Exports. */\n#define PM_API __attribute__((visibility("default")))\n')
    settings = {"headers": ["pm.h"], "platforms": ["linux-x86_64", "windows-x86_64"]}
    conf = f'extensions = ["sphinx_nativeapi"]\nnativeapi_projects = {{"p": {settings!r}}}\n'
    (srcdir / "conf.py").write_text(conf)
    for i, header in enumerate(["unix.h", "win.h"]):
        (srcdir / f"p{i}.rst").write_text(f"P{i}\n==\n\n.. native-api-file:: {header}\n")
    (srcdir / "index.rst").write_text("I\n=\n\n.. toctree::\n\n   p0\n   p1\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert warnings_of(app) == ""
    unix, win = ((app.outdir / f"p{i}.html").read_text() for i in range(2))
    assert signatures(unix) == ["PM_API"] and signatures(win) == []
    assert "Declared on windows-x86_64 as: #define PM_API __declspec(dllexport)" in html.unescape(unix)


def _anonymous_namespaces_project(tmp_path: Path, asked: bool) -> Path:
    """The case header and pick.hpp, which includes win.hpp or unix.hpp by platform, each declaring
    ``struct pick`` in an anonymous namespace; a page per header."""
    srcdir = tmp_path / f"docs-{asked}"
    srcdir.mkdir()
    shutil.copy(CASES / "cxx_anonymous_namespaces.hpp", srcdir / "an.hpp")
    pick = '#ifdef _WIN32\n#include "win.hpp"\n#else\n#include "unix.hpp"\n#endif\n'
    (srcdir / "pick.hpp").write_text(pick)
    for name in ("win", "unix"):
        source = f"namespace an {{ namespace {{\n/** On {name}. */\nstruct pick {{ int on_{name}; }};\n}}}}\n"
        (srcdir / f"{name}.hpp").write_text(source)
    for i, header in enumerate(["an.hpp", "win.hpp", "unix.hpp"]):
        (srcdir / f"p{i}.rst").write_text(f"P{i}\n==\n\n.. native-api-file:: {header}\n   :undoc-members:\n")
    (srcdir / "index.rst").write_text("I\n=\n\n.. toctree::\n\n   p0\n   p1\n   p2\n")
    settings = {
        "headers": ["an.hpp", "pick.hpp"],
        "platforms": ["linux-x86_64", "windows-x86_64"],
        "language": "c++",
        "anonymous_namespaces": asked,
    }
    conf = f'extensions = ["sphinx_nativeapi"]\nnativeapi_projects = {{"p": {settings!r}}}\n'
    (srcdir / "conf.py").write_text(conf)
    return srcdir


@pytest.mark.parametrize("asked", [True, False])
def test_anonymous_namespaces_render_as_anonymous_entities_one_per_header(
    make_app, tmp_path: Path, asked: bool
) -> None:
    """With ``anonymous_namespaces``, what they declare is shown in its namespace as
    ``an::[anonymous]::tag`` with a note of internal linkage; win.hpp's and unix.hpp's anonymous
    namespaces, each read on its platform, define a class of the same name: two objects, not one
    declared twice. Without the key, none of it is shown."""
    app = make_app("html", srcdir=_anonymous_namespaces_project(tmp_path, asked))
    app.build()
    assert warnings_of(app) == ""
    an, win, unix = (signatures((app.outdir / f"p{i}.html").read_text()) for i in range(3))
    text = html.unescape((app.outdir / "p0.html").read_text())
    # hidden, counter, tag and inner::deep, not tag's member get(), nor helper or visible
    assert text.count("Declared in an anonymous namespace: internal linkage") == (4 if asked else 0)
    if not asked:
        assert an == ["LIB_API", "staticintan::helper(int)", "intan::visible(int)"], an
        assert win == unix == []
        return
    for signature in ("structan::[anonymous]::tag", "intan::[anonymous]::hidden(int)",
                      "intan::[anonymous]::counter", "intan::[anonymous]::inner::deep(int)",
                      "intget()const", "staticintan::helper(int)", "intan::visible(int)"):  # fmt: skip
        assert signature in an, an
    assert win == ["structan::[anonymous]::pick", "inton_win"], win
    assert unix == ["structan::[anonymous]::pick", "inton_unix"], unix
