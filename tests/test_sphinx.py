"""The Sphinx extension on small fixture projects (tests/sphinx_projects), with real sphinx-build runs."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cases import CASES

pytest_plugins = "sphinx.testing.fixtures"

PROJECTS = Path(__file__).parent / "sphinx_projects"


def copy_project(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(PROJECTS / f"test-{name}", target)
    return target


def warnings_of(app) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


@pytest.fixture
def basic(tmp_path: Path) -> Path:
    return copy_project(tmp_path, "basic")


def test_html_objects_references_and_abi_tables(make_app, basic: Path) -> None:
    app = make_app("html", srcdir=basic)
    app.build()
    assert warnings_of(app) == ""
    domain = app.env.get_domain("c")
    objects = {name: (docname, objtype) for name, _, objtype, docname, _, _ in domain.get_objects()}
    assert objects["basic_add"] == ("api", "function")
    assert objects["basic_point"] == ("names", "struct")
    assert objects["basic_point.weight"] == ("names", "member")
    assert objects["BASIC_SQUARE"] == ("api", "macro")
    assert objects["basic_version"] == ("api", "member")  # the C domain files c:var as a member
    assert objects["basic_color.BASIC_GREEN"][1] == "enumerator"
    index = (app.outdir / "index.html").read_text()
    assert 'href="api.html#c.basic_add"' in index
    assert 'href="names.html#c.basic_point"' in index
    api = (app.outdir / "api.html").read_text()
    # The doc comment's own reST reference, resolved across pages.
    assert re.search(r'href="#c\.basic_sum"', api)
    assert "nativeapi.css" in api
    names = (app.outdir / "names.html").read_text()
    # LP64 and LLP64 disagree on the size of a struct with a long: the cell stands out.
    assert re.search(r'<td class="nativeapi-differs"><p><strong>16 \*</strong>', names)
    assert re.search(r'<td class="nativeapi-differs"><p><strong>12 \*</strong>', names)
    genindex = (app.outdir / "genindex.html").read_text()
    assert "basic_add" in genindex and "basic_point" in genindex


def test_doxygen_references_become_cross_references(make_app, basic: Path) -> None:
    app = make_app("html", srcdir=basic)
    app.build()
    assert warnings_of(app) == ""
    api = (app.outdir / "api.html").read_text()
    sum_doc = api.split('id="c.basic_sum"', 1)[1].split('<dl class="c ', 1)[0]
    # NAME() and ::NAME that the project declares link to where a directive rendered them.
    assert re.search(r'<a class="reference internal" href="#c\.basic_add"[^>]*><code[^>]*>'
                     r'<span class="pre">basic_add\(\)</span>', sum_doc)
    size = r'href="names\.html#c\.basic_size"[^>]*><code[^>]*><span class="pre">basic_size<'
    assert re.search(size, sum_doc)
    # Names the project does not declare stay the text they were.
    assert "not like sum() or ::nothing." in sum_doc
    # An @see target is a reference too.
    see = sum_doc.split("seealso", 1)[1]
    assert 'href="#c.basic_version"' in see


def test_abi_tables_in_html_are_what_docutils_writes_for_them(make_app, basic: Path) -> None:
    """HTML writes the ABI tables straight from their data; the markup must be what Sphinx's own
    writer makes of the docutils tables the other builders get, so that themes style both alike."""
    from sphinx.util.docutils import new_document

    from sphinx_nativeapi.sphinxext.factsnode import expand, nativeapi_facts

    app = make_app("html", srcdir=basic)
    app.build()

    def written(node) -> str:
        document = new_document("facts", app.builder.docsettings)
        document += node
        translator = app.builder.create_translator(document, app.builder)
        document.walkabout(translator)
        return re.sub(r">\s+<", "><", "".join(translator.body)).strip()

    seen = set()
    for docname in ("api", "names"):
        for node in app.env.get_doctree(docname).findall(nativeapi_facts):
            direct = written(node.deepcopy())
            assert direct == written(expand(node)), docname
            seen.update(re.findall(r'class="([\w -]+)"', direct))
    # Both kinds of table, differing cells and the legend were compared.
    assert {"nativeapi-table nativeapi-abi docutils align-default", "nativeapi-differs"} <= seen
    offsets = "nativeapi-table nativeapi-abi nativeapi-offsets docutils align-default"
    assert {"nativeapi-legend", offsets} <= seen


def test_text_builder_shows_symbols_and_marks(make_app, basic: Path) -> None:
    app = make_app("text", srcdir=basic)
    app.build()
    api = (app.outdir / "api.txt").read_text()
    assert "int basic_add(int a, int b)" in api
    assert '"basic_add"' in api and "cdecl" in api and "default (BASIC_API)" in api
    names = (app.outdir / "names.txt").read_text()
    assert "**16 *" in names and "Marked cells (*) differ between platforms." in names
    # :platforms: narrows the table to the platforms named.
    size_part = names.split("typedef size_t basic_size", 1)[1]
    assert "windows-x86_64" in size_part and "linux-x86_64" not in size_part


def test_latex_builder(make_app, basic: Path) -> None:
    app = make_app("latex", srcdir=basic)
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text()
    assert r"basic\_add" in tex
    assert r"\sphinxstyletheadfamily" in tex  # the ABI tables are real LaTeX tables
    assert "Marked cells (*) differ between platforms." in tex


def test_warnings_at_directive_with_type(make_app, basic: Path) -> None:
    (basic / "bad.rst").write_text(
        "Bad\n===\n\n"
        ".. native-api:: no_such_thing\n\n"
        ".. native-api:: basic_add\n   :project: nope\n\n"
        ".. native-api:: basic_add\n   :platforms: macos-arm64\n\n"
        ".. native-api-file:: basic/missing.h\n"
    )
    app = make_app("html", srcdir=basic)
    app.build()
    lines = warnings_of(app).splitlines()
    bad = str(basic / "bad.rst")
    expected = [
        (4, "'no_such_thing' names no declaration"),
        (6, "unknown project 'nope'"),
        (9, "platform(s) macos-arm64 not scanned"),
        (12, "no header 'basic/missing.h'"),
    ]
    for line, text in expected:
        at = f"{bad}:{line}: WARNING:"
        assert any(w.startswith(at) and text in w and "[nativeapi." in w for w in lines), (line, lines)


def test_header_named_as_an_include_spells_it(make_app, basic: Path) -> None:
    """Headers given by absolute path and found through the compiler's search path (an -isystem dir,
    as /usr/include is), not an include dir: a page names one as ``#include`` does."""
    include = basic / "include"
    project = {
        "headers": [str(include / "basic" / "api.h")],
        "args": ["-isystem", str(include)],
        "platforms": ["linux-x86_64"],
    }
    (basic / "bare.rst").write_text(
        "Bare\n====\n\n.. native-api-file:: basic/types.h\n\n.. native-api-file:: nope/types.h\n"
    )
    app = make_app("html", srcdir=basic, confoverrides={"nativeapi_projects": {"basic": project}})
    app.build()
    page = (app.outdir / "bare.html").read_text()
    assert 'id="c.basic_point"' in page  # types.h, reached through api.h -> common.h
    assert f"{basic / 'bare.rst'}:6: WARNING: no header 'nope/types.h'" in warnings_of(app)


def shown_text(markup: str) -> str:
    """HTML as a reader sees it: the text, entities decoded, whitespace folded, no ¶ links."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).replace("¶", "").split())


def one_header_page(
    make_app, tmp_path: Path, name: str, source: str, options: str = "", after: str = "", **project
) -> tuple[object, str]:
    """A project of one header, documented by one ``native-api-file`` page: built, and its HTML."""
    srcdir = tmp_path / "docs"
    srcdir.mkdir()
    (srcdir / name).write_text(source)
    settings = {"headers": [name], "platforms": ["linux-x86_64"], **project}
    conf = f'extensions = ["sphinx_nativeapi"]\nnativeapi_projects = {{"p": {settings!r}}}\n'
    (srcdir / "conf.py").write_text(conf)
    (srcdir / "index.rst").write_text(f"P\n=\n\n.. native-api-file:: {name}\n{options}\n{after}")
    app = make_app("html", srcdir=srcdir)
    app.build()
    return app, (app.outdir / "index.html").read_text()


def test_class_template_and_its_specializations_are_three_objects(make_app, tmp_path: Path) -> None:
    """A class template, a partial and an explicit specialization share a name: each is rendered with
    its parameters and arguments, so Sphinx's C++ domain sees three objects, not one declared thrice."""
    app, page = one_header_page(
        make_app,
        tmp_path,
        "spec.hpp",
        "namespace ns {\n"
        "/** Primary. */\ntemplate <bool skip, typename T> struct Destructor { static int x; };\n"
        "/** Partial. */\ntemplate <typename T> struct Destructor<true, T> { static int y; };\n"
        "/** Explicit. */\ntemplate <> struct Destructor<false, int> { static int z; };\n"
        "}\n",
        "   :undoc-members:",
        language="c++",
        std="c++17",
    )
    assert warnings_of(app) == ""
    signatures = [
        re.sub(r"\s+|¶", "", html.unescape(re.sub(r"<[^>]+>", "", found)))
        for found in re.findall(r'<dt class="sig sig-object cpp" id="[^"]+">(.*?)</dt>', page, re.S)
    ]
    assert "template<boolskip,typenameT>structns::Destructor" in signatures, signatures
    assert "template<typenameT>structns::Destructor<true,T>" in signatures
    assert "template<>structns::Destructor<false,int>" in signatures


def test_unlabelled_code_in_a_comment_never_warns(make_app, tmp_path: Path) -> None:
    """An unlabelled code block is highlighted as the header's language, but it is as often pseudo-code
    (freetype.h's): Sphinx must not warn that it could not lex it, or -W fails on a third party's text."""
    app, page = one_header_page(
        make_app,
        tmp_path,
        "pseudo.h",
        "/**\n * Positions glyphs.\n *\n * ```\n * for all glyphs do\n"
        " *   <load glyph with `FT_Load_Glyph'>\n * endfor\n * ```\n */\nvoid place(int origin_x);\n",
    )
    assert warnings_of(app) == ""
    assert re.search(r'<div class="(?=[^"]*nativeapi-guessed-language)(?=[^"]*highlight-c)', page)  # C, still


def test_a_name_declared_per_platform_is_one_object(make_app, tmp_path: Path) -> None:
    """#ifdef _WIN32 typedef long long off_t; #else typedef long off_t; #endif: one object in the C
    domain (two were a duplicate declaration), and the page says what Windows declares."""
    app, page = one_header_page(
        make_app,
        tmp_path,
        "pv.h",
        "#ifdef _WIN32\ntypedef long long pv_off_t;\n#else\ntypedef long pv_off_t;\n#endif\n"
        "/** Moves. */\nint pv_seek(pv_off_t offset);\n",
        "   :undoc-members:",
        platforms=["linux-x86_64", "windows-x86_64"],
    )
    assert warnings_of(app) == ""
    assert page.count('id="c.pv_off_t"') == 1
    assert "Declared on windows-x86_64 as: typedef long long pv_off_t" in page


def test_a_macro_named_like_a_function_leaves_the_name_to_it(make_app, tmp_path: Path) -> None:
    """zlib.h: "int gzgetc(gzFile file);" and "#define gzgetc(g) ...(gzgetc)(g)": one object, the
    exported function (two were a duplicate C declaration); a macro of its own name stays."""
    app, page = one_header_page(
        make_app,
        tmp_path,
        "gz.h",
        "/** Reads a byte. */\nint gzgetc(void *file);\n"
        "#define gzgetc(g) (gzgetc)(g)\n/** Buffer size. */\n#define GZ_BUFSIZE 8192\n",
        "   :undoc-members:",
    )
    assert warnings_of(app) == ""
    assert page.count('id="c.gzgetc"') == 1
    assert re.search(r'<dl class="c function">\s*<dt class="sig sig-object c" id="c.gzgetc"', page)
    assert re.search(r'<dl class="c macro">\s*<dt class="sig sig-object c" id="c.GZ_BUFSIZE"', page)


def test_fields_of_unnamed_type_render_with_an_anonymous_type(make_app, tmp_path: Path) -> None:
    """gnutls.h: two fields whose types are unnamed unions with members of the same names. Each union is
    Sphinx's anonymous "@field" in the struct's scope (two x509 members flattened into the struct were
    a duplicate declaration, and "union  cert" did not parse)."""
    app, page = one_header_page(
        make_app,
        tmp_path,
        "u.h",
        "struct retr {\n  union { int *x509; long pgp; } cert;\n  union { char x509; double pgp; } key;\n"
        "  union { int i; float f; };\n};\n",
        after=":c:member:`retr.cert`, :c:member:`retr.@key.x509`\n",
    )
    assert warnings_of(app) == ""
    ids = [html.unescape(i) for i in re.findall(r'<dt class="sig sig-object c" id="([^"]+)"', page)]
    assert ids == [
        "c.retr", "c.retr.@cert", "c.retr.@cert.x509", "c.retr.@cert.pgp", "c.retr.cert",
        "c.retr.@key", "c.retr.@key.x509", "c.retr.@key.pgp", "c.retr.key", "c.retr.i", "c.retr.f",
    ]  # fmt: skip
    assert 'href="#c.retr.cert"' in page and 'href="#c.retr.&#64;key.x509"' in page


def test_a_tag_named_like_a_function_is_rendered_under_its_typedef(make_app, tmp_path: Path) -> None:
    """gnutls.h: "typedef enum gnutls_random_art {...} gnutls_random_art_t;" and a function
    gnutls_random_art(). C keeps tags apart; Sphinx's C domain has one object per name."""
    app, page = one_header_page(
        make_app,
        tmp_path,
        "t.h",
        "/** Art kinds. */\ntypedef enum art { ART_OPENSSH = 1 } art_t;\n"
        "/** Draws. */\nint art(art_t type);\n/** Sizes. */\nstruct box { int w; };\n",
    )
    assert warnings_of(app) == ""
    ids = re.findall(r'<dt class="sig sig-object c" id="([^"]+)"', page)
    assert ids == ["c.art_t", "c.art_t.ART_OPENSSH", "c.art", "c.box", "c.box.w"]
    assert 'href="#c.art_t"' in page  # the function's parameter type links to the enum


def test_a_tag_named_like_a_function_without_a_typedef_is_scoped(make_app, tmp_path: Path) -> None:
    """jansson.h's "enum json_error_code" beside json_error_code(), glibc's "struct stat" beside stat():
    no typedef names the tag, so its object lives in the C domain's scope "tag" and keeps its name."""
    app, page = one_header_page(
        make_app,
        tmp_path,
        "j.h",
        "/** Codes. */\nenum code { CODE_OK, CODE_BAD };\n"
        "/** The code of @p e; CODE_BAD when it failed. */\nenum code code(int e);\n"
        "/** Status. */\nstruct stat { int mode; };\n"
        "/** Fills @p s; see stat::mode. */\nint stat(struct stat *s);\n",
        "   :undoc-members:",
    )
    assert warnings_of(app) == ""
    ids = re.findall(r'<dt class="sig sig-object c" id="([^"]+)"', page)
    assert ids == [
        "c.tag.code", "c.tag.code.CODE_OK", "c.tag.code.CODE_BAD", "c.code",
        "c.tag.stat", "c.tag.stat.mode", "c.stat",
    ]  # fmt: skip
    signatures = re.findall(r'<dt class="sig sig-object c"[^>]*>(.*?)</dt>', page, re.S)
    shown = [shown_text(dt) for dt in signatures]
    assert shown[0] == "enum code" and shown[4] == "struct stat" and shown[5] == "int mode"
    assert 'href="#c.tag.code.CODE_BAD"' in page and 'href="#c.tag.stat.mode"' in page


def test_cxx_at_global_scope_goes_to_the_cxx_domain(make_app, tmp_path: Path) -> None:
    """gmpxx.h: overloads with references, a typedef of a template instance, explicit and partial
    specializations, all outside any namespace. Only C-linkage functions and C-shaped types are C."""
    app, page = one_header_page(
        make_app,
        tmp_path,
        "g.hpp",
        "/** A. */\nint f(int &x);\n/** B. */\nint f(double x, int y = 3);\n"
        "/** E. */\ntemplate <typename T, typename U> struct E { E(); };\n"
        "/** P. */\ntemplate <typename T> struct E<T, int> { explicit E(const T &v); ~E(); };\n"
        "/** S. */\ntemplate <> struct E<int, char> { int b; };\n"
        "/** I. */\ntypedef E<int, char> ic;\n"
        '/** C. */\nextern "C" int c_api(void);\n/** Plain. */\nstruct plain { int x; };\n'
        "/** Opaque. */\nstruct hidden;\n",
        "   :undoc-members:",
        language="c++",
        std="c++17",
    )
    assert warnings_of(app) == ""
    classes = re.findall(r'<dl class="(c|cpp) (\w+)">', page)
    assert ("cpp", "function") in classes and ("cpp", "type") in classes
    assert re.search(r'id="c.c_api"', page) and re.search(r'id="c.plain"', page)
    assert page.count("declared, not defined, in these headers") == 1  # struct hidden, not the templates
    assert "type-parameter" not in page


def test_macro_written_templates_and_unlinkable_exceptions(make_app, tmp_path: Path) -> None:
    """nlohmann/json.hpp declares a partial specialization's parameters through a macro, and writes
    "@throw type_error.302": neither may reach Sphinx's C++ domain as something it cannot parse."""
    macros = tmp_path / "macros.hpp"  # in another header, as nlohmann's are: clang's tokens go astray
    macros.write_text("#define TPL template <template <typename> class A, class B>\n#define ARGS A<B>\n")
    app, page = one_header_page(
        make_app,
        tmp_path,
        "m.hpp",
        f'#include "{macros}"\nnamespace ns {{\n'
        "/** Primary. */\ntemplate <typename T, typename U> struct H { int a; };\n"
        "/** Through a macro. */\nTPL struct H<ARGS, int> { int x; };\n"
        "/** Gets. @throw type_error.302 when wrong @throw std::exception always */\nvoid get();\n}\n",
        "   :undoc-members:",
        language="c++",
        std="c++17",
    )
    assert warnings_of(app) == ""
    shown = shown_text(page)
    assert "struct ns::H<A<B>, int>" in shown and "class ns::H<" not in shown
    assert shown.count("A template: no size or layout until it is instantiated.") == 2
    assert "Through a macro." in shown  # libclang looks for the comment in the macro's header
    assert '<span class="pre">type_error.302</span>' in page


def test_cxx_that_sphinx_cannot_parse_is_shown_as_written(make_app, tmp_path: Path) -> None:
    """nlohmann/json.hpp's "auto get() const -> decltype(... .template get_impl<T>())" is valid C++
    that Sphinx's C++ parser rejects: the declaration is shown as written, without a warning."""
    app, page = one_header_page(
        make_app,
        tmp_path,
        "d.hpp",
        "namespace ns {\ntemplate <class T> T &&dv();\nstruct J {\n"
        "  /** Impl. */\n  template <typename T> T get_impl() const;\n"
        "  /** Gets. */\n  template <typename T>\n"
        "  auto get() const -> decltype(dv<const J &>().template get_impl<T>());\n"
        "};\n}\n",
        "   :undoc-members:",
        language="c++",
        std="c++17",
    )
    assert warnings_of(app) == ""
    shown = shown_text(page)
    assert "decltype(dv<const J &>().template get_impl<T>())" in shown
    assert "Gets." in shown and "Impl." in shown


def test_a_macro_that_redefines_a_keyword_is_not_an_object(make_app, tmp_path: Path) -> None:
    """libusb.h: "#define inline __inline" for old MSVC. No C-domain object can be named "inline"."""
    app, page = one_header_page(
        make_app, tmp_path, "k.h", "/** Shim. */\n#define inline __inline\n/** Adds. */\nint add(int a);\n"
    )
    assert warnings_of(app) == ""
    assert re.findall(r'<dt class="sig sig-object c" id="([^"]+)"', page) == ["c.add"]


def test_a_build_with_nothing_to_read_loads_no_scanner() -> None:
    """The extension itself imports neither the scanner, libclang's bindings, LIEF nor the demangler:
    a no-change rebuild pays for none of them (the scan runs in a forked child when there is work)."""
    heavy = ("clang", "sphinx_nativeapi.scanner", "lief", "cxxfilt", "sphinx_nativeapi.binaries")
    code = (
        "import sys, sphinx_nativeapi.sphinxext\n"
        f"print([m for m in sys.modules if m.startswith({heavy!r})])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout


def test_suppress_warnings_silences(make_app, basic: Path) -> None:
    (basic / "bad.rst").write_text("Bad\n===\n\n.. native-api:: no_such_thing\n")
    app = make_app("html", srcdir=basic, confoverrides={"suppress_warnings": ["nativeapi"]})
    app.build()
    assert "no_such_thing" not in warnings_of(app)


def test_myst_markdown_page(make_app, basic: Path) -> None:
    (basic / "other.rst").unlink()
    (basic / "other.md").write_text("# Other\n\n```{native-api-file} basic/other.h\n```\n")
    app = make_app("html", srcdir=basic, confoverrides={"extensions": ["myst_parser", "sphinx_nativeapi"]})
    app.build()
    assert warnings_of(app) == ""
    page = (app.outdir / "other.html").read_text()
    assert 'id="c.basic_other"' in page
    # The doc comment is reST even in a Markdown page: its role became a link, its stars emphasis.
    assert re.search(r'<a class="reference internal" href="api.html#c.basic_add"', page)
    assert "<em>one</em>" in page


def touch(path: Path) -> None:
    """A new modification time, later than the last read (Sphinx compares in microseconds)."""
    time.sleep(0.01)
    os.utime(path)


def _reads(make_app, srcdir: Path, **kwargs) -> list[str]:
    app = make_app("html", srcdir=srcdir, freshenv=False, **kwargs)
    seen: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: seen.extend(docnames))
    app.build()
    return sorted(seen)


def test_incremental_rebuilds_exactly_the_dependent_pages(make_app, basic: Path) -> None:
    assert _reads(make_app, basic) == ["api", "index", "names", "other"]
    assert _reads(make_app, basic) == []
    # types.h reaches api.rst only through api.h -> common.h -> types.h; names.rst documents its types.
    touch(basic / "include" / "basic" / "types.h")
    assert _reads(make_app, basic) == ["api", "names"]
    assert _reads(make_app, basic) == []
    touch(basic / "include" / "basic" / "other.h")
    assert _reads(make_app, basic) == ["other"]


def test_parallel_build_equals_serial(make_app, tmp_path: Path) -> None:
    outputs, rendered = [], []
    for jobs in (0, 2):
        srcdir = copy_project(tmp_path / f"j{jobs}", "basic")
        app = make_app("html", srcdir=srcdir, parallel=jobs)
        app.build()
        assert warnings_of(app) == ""
        outputs.append({p.name: p.read_text() for p in sorted(app.outdir.glob("*.html"))})
        entries = app.env.nativeapi_rendered
        rendered.append({doc: [e[1:] for e in found] for doc, found in entries.items()})
        app.cleanup()
    assert outputs[0] == outputs[1]
    assert rendered[0] == rendered[1] and set(rendered[0]) == {"api", "names", "other"}
    assert set(outputs[0]) >= {"api.html", "names.html", "other.html"}


def test_parallel_readers_get_chunks_of_about_equal_work(make_app, basic: Path) -> None:
    """Sphinx reads consecutive chunks of the page list in parallel: the heavy pages must be spread
    over the chunks, judged from the directives before a first build and from what was rendered after."""
    from sphinx.util.parallel import make_chunks

    from sphinx_nativeapi.sphinxext.readorder import balance

    app = make_app("html", srcdir=basic, parallel=2)
    pages = ["api", "names", "other", "index", "x1", "x2", "x3", "x4"]  # x*: no such page, no work
    for when in ("before the first build", "after it"):
        order = list(pages)
        balance(app, app.env, order)
        assert sorted(order) == sorted(pages), when
        first, second = make_chunks(order, 2)
        assert len(first) == len(second) == 4, when
        # api.rst renders the most, names.rst the next: one in each chunk, not both in the first.
        assert ("api" in first) != ("names" in first), (when, order)
        app.build()
    assert warnings_of(app) == ""


EXAMPLE_LIB = Path(__file__).parent.parent / "example-docs" / "lib"
EXAMPLE_BINARIES = {
    "linux-x86_64": "linux-x86_64/libexample.so",
    "windows-x86_64": "windows-x86_64/example.dll",
    "windows-x86": "windows-x86/example.dll",
    "macos-arm64": "macos-arm64/libexample.dylib",
}


def example_project(tmp_path: Path, platforms: list[str] | None = None) -> Path:
    """The example library (C and C++ headers, real binaries of four platforms) in a fixture project."""
    platforms = platforms or list(EXAMPLE_BINARIES)
    project = {
        "headers": ["example/example.h", "example/widget.hpp"],
        "include_dirs": [str(EXAMPLE_LIB / "include")],
        "language": "c++",
        "platforms": platforms,
        "binaries": {p: str(EXAMPLE_LIB / "bin" / EXAMPLE_BINARIES[p]) for p in platforms},
    }
    srcdir = copy_project(tmp_path, "example")
    with open(srcdir / "conf.py", "a", encoding="utf-8") as conf:
        conf.write(f"nativeapi_projects = {{'example': {project!r}}}\n")
    return srcdir


def example_app(make_app, tmp_path: Path, builder: str = "html", **overrides):
    return make_app(builder, srcdir=example_project(tmp_path), confoverrides=overrides)


def test_gate_warnings_at_header_lines_and_binaries(make_app, tmp_path: Path) -> None:
    app = example_app(make_app, tmp_path)
    app.build()
    lines = warnings_of(app).splitlines()
    header = EXAMPLE_LIB / "include" / "example" / "example.h"
    source = header.read_text().splitlines()
    reset_line = next(i for i, text in enumerate(source, 1) if "example_reset(" in text)
    undocumented = [w for w in lines if w.endswith("[nativeapi.undocumented]")]
    assert len(undocumented) == 1, lines
    assert undocumented[0].startswith(f"{header}:{reset_line}: WARNING: example_reset is exported")
    # The symbol is named once when it is the declaration's name.
    assert "example_reset is exported but has no doc comment" in undocumented[0]
    leaked = [w for w in lines if w.endswith("[nativeapi.leaked]")]
    assert len(leaked) == len(EXAMPLE_BINARIES)
    assert all("example_internal_helper" in w for w in leaked)
    # A binary has no lines: "FILE: WARNING", as Sphinx prints a whole page's warnings.
    for binary in EXAMPLE_BINARIES.values():
        at = f"{EXAMPLE_LIB / 'bin' / binary}: WARNING: "
        assert sum(w.startswith(at) for w in leaked) == 1, (at, leaked)
    assert len(lines) == len(undocumented) + len(leaked), lines


def test_gate_suppressed_and_fails_with_W(make_app, tmp_path: Path) -> None:
    suppressed = ["nativeapi.leaked", "nativeapi.undocumented"]
    quiet = example_app(make_app, tmp_path / "quiet", suppress_warnings=suppressed)
    quiet.build()
    assert warnings_of(quiet) == ""
    assert quiet.statuscode == 0
    quiet.cleanup()
    srcdir = quiet.srcdir
    command = [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(srcdir), str(tmp_path / "out")]
    strict = subprocess.run(command, capture_output=True, text=True, check=False)
    assert strict.returncode == 1 and "[nativeapi.undocumented]" in strict.stderr


def test_abi_page_links_exports_to_their_declarations(make_app, tmp_path: Path) -> None:
    app = example_app(make_app, tmp_path)
    app.build()
    abi = (app.outdir / "abi.html").read_text().replace("&#64;", "@")
    # A stdcall export, undecorated, linked to its C declaration on the C API page.
    row = re.search(r"_example_checksum@12.*?</tr>", abi, re.S).group(0)
    assert "stdcall" in row and "documented" in row and 'href="c.html#c.example_checksum"' in row
    row = re.search(r"\?resize@Widget@example@@QAEXHH@Z.*?</tr>", abi, re.S).group(0)
    assert "thiscall" in row and 'href="cxx.html#_CPPv4N7example6Widget6resizeEii"' in row
    assert re.search(r"example_internal_helper.*?leaked", abi, re.S)
    coverage_page = (app.outdir / "coverage.html").read_text()
    assert "94.4%" in coverage_page and "example_reset" in coverage_page
    index = (app.outdir / "index.html").read_text()
    assert 'href="c.html#c.example_open"' in index
    assert 'href="cxx.html#_CPPv4NK7example6Widget4drawEP11example_ctx"' in index


def test_coverage_builder_report_and_fail_under(make_app, tmp_path: Path) -> None:
    import json

    app = example_app(make_app, tmp_path / "ok", builder="nativeapi-coverage")
    app.build()
    assert app.statuscode == 0
    report = json.loads((app.outdir / "coverage.json").read_text())
    linux = report["projects"][0]["platforms"]["linux-x86_64"]
    assert linux["exported"] == linux["documented"] + 1 and linux["leaked"] == 1
    classes = sorted({f["cls"] for f in report["projects"][0]["findings"]})
    assert classes == ["leaked", "undocumented"]
    assert "example_reset" in (app.outdir / "coverage.txt").read_text()
    app.cleanup()
    # -D passes the threshold as a string: the same value as in conf.py, and one error line, no crash.
    failing = example_app(
        make_app, tmp_path / "bar", builder="nativeapi-coverage", nativeapi_coverage_fail_under="99"
    )
    failing.build()
    assert failing.statuscode == 1
    errors = [line for line in warnings_of(failing).splitlines() if "ERROR" in line]
    percent = f"{linux['percent']:.1f}%"
    assert len(errors) == 1 and "nativeapi_coverage_fail_under (99%)" in errors[0], errors
    assert f"example on linux-x86_64 is {percent}" in errors[0]
    passing = example_app(
        make_app, tmp_path / "pass", builder="nativeapi-coverage", nativeapi_coverage_fail_under="90"
    )
    passing.build()
    assert passing.statuscode == 0 and "ERROR" not in warnings_of(passing)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("99", "documented coverage below nativeapi_coverage_fail_under (99%): example on linux-x86_64"),
        ("abc", "nativeapi_coverage_fail_under must be a percentage from 0 to 100, not 'abc'"),
        ("101", "nativeapi_coverage_fail_under must be a percentage from 0 to 100, not '101'"),
    ],
)
def test_coverage_builder_fails_with_one_error_line(tmp_path: Path, value: str, message: str) -> None:
    """The command users run: a threshold not met, or a bad one, is one error line, never a crash report."""
    srcdir = example_project(tmp_path, ["linux-x86_64"])
    command = [
        sys.executable, "-m", "sphinx", "-q", "--no-color", "-b", "nativeapi-coverage",
        "-D", f"nativeapi_coverage_fail_under={value}", str(srcdir), str(tmp_path / "out"),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stderr
    errors = [line for line in done.stderr.splitlines() if "ERROR" in line]
    assert len(errors) == 1 and errors[0].startswith(f"ERROR: {message}"), done.stderr
    assert "Traceback" not in done.stderr and "full traceback" not in done.stderr


def facts_rows(app, docname: str, anchor: str) -> tuple[list[str], dict[str, list[str]]]:
    """The header and rows (by platform) of the first ABI table under the object with that anchor,
    as the builders that do not write HTML get it."""
    from docutils import nodes
    from sphinx import addnodes

    from sphinx_nativeapi.sphinxext.factsnode import expand, nativeapi_facts

    doctree = app.env.get_doctree(docname)
    desc = next(
        d for d in doctree.findall(addnodes.desc) if anchor in d.next_node(addnodes.desc_signature)["ids"]
    )
    found = next(expand(next(desc.findall(nativeapi_facts))).findall(nodes.table))
    header, *rows = [[e.astext() for e in row.findall(nodes.entry)] for row in found.findall(nodes.row)]
    return header, {row[0]: row for row in rows}


def test_symbols_shown_are_the_exported_names(make_app, tmp_path: Path) -> None:
    from sphinx_nativeapi.binaries import read_symbols

    app = example_app(make_app, tmp_path)
    app.build()
    tables = read_symbols(EXAMPLE_LIB / "bin" / EXAMPLE_BINARIES["windows-x86"])
    dll = {s.name for t in tables for s in t.symbols}
    header, rows = facts_rows(app, "c", "c.example_open")
    assert header[1] == "Symbol"
    # A 32-bit DLL exports a cdecl function without the object file's "_": the name ctypes looks up.
    assert rows["windows-x86"][1] == "example_open" and "example_open" in dll and "_example_open" not in dll
    assert rows["windows-x86"][4].startswith("exported (ordinal ")
    # Two GNU versions: which one is the default (name@@V) and which is hidden (name@V), from the binary.
    so = read_symbols(EXAMPLE_LIB / "bin" / EXAMPLE_BINARIES["linux-x86_64"])[0].symbols
    versions = {s.version: s.default_version for s in so if s.name == "example_open"}
    default = next(v for v, is_default in versions.items() if is_default)
    hidden = next(v for v, is_default in versions.items() if is_default is False)
    assert rows["linux-x86_64"][4] == f"exported (versions {default} default, {hidden} hidden)"
    # A method inherits its class's export attribute, and the macro that spelled it is shown.
    _, rows = facts_rows(app, "cxx", "_CPPv4NK7example6Widget4drawEP11example_ctx")
    assert rows["windows-x86_64"][3] == "dllimport (EXAMPLE_API)"
    # Bit-fields: "bit N, 1 bit" / "bit N, M bits".
    options = (app.outdir / "c.html").read_text()
    assert re.search(r"bit \d+, 1 bit<", options) and re.search(r"bit \d+, [2-9]\d* bits<", options)
    assert "(1 bits)" not in options


def test_object_file_names_said_so_without_a_binary(make_app, basic: Path) -> None:
    app = make_app("html", srcdir=basic)
    app.build()
    header, rows = facts_rows(app, "api", "c.basic_add")
    assert header[1] == "Symbol (object file)"
    assert rows["linux-x86_64"][1] == "basic_add" and rows["linux-x86_64"][4] == "unknown (no binary)"


def test_function_pointer_typedef_has_parameter_fields(make_app, tmp_path: Path) -> None:
    app = example_app(make_app, tmp_path)
    app.build()
    page = (app.outdir / "c.html").read_text()
    typedef = page.split('id="c.example_log_fn"', 1)[1].split('<dl class="c ', 1)[0]
    assert "Parameters" in typedef and "Param user" not in typedef
    assert re.search(r"<strong>user</strong>", typedef)


def test_abi_page_and_leak_warning_name_the_dump(make_app, tmp_path: Path) -> None:
    import json

    from sphinx_nativeapi.binaries import dump, read_symbols

    binary = EXAMPLE_LIB / "bin" / EXAMPLE_BINARIES["linux-x86_64"]
    srcdir = example_project(tmp_path, ["linux-x86_64"])
    (srcdir / "dumps").mkdir()
    tables = read_symbols(binary)
    (srcdir / "dumps" / "linux.json").write_text(json.dumps(dump.to_json(tables)))
    (srcdir / "abi.rst").write_text("ABI\n===\n\n.. native-api-abi::\n   :platform: linux-x86_64\n")
    with open(srcdir / "conf.py", "a", encoding="utf-8") as conf:
        conf.write("nativeapi_projects['example']['binaries'] = {'linux-x86_64': 'dumps/linux.json'}\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    abi = (app.outdir / "abi.html").read_text()
    inside = tables[0].name or binary.name
    assert f"Exports of dumps/linux.json (a symbol dump of {inside}) on linux-x86_64:" in abi
    assert str(tmp_path) not in abi and str(EXAMPLE_LIB) not in abi
    # Versions as nm spells them: @@ for the default one.
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", abi.replace("&#64;", "@"), re.S)
    open_rows = [r for r in rows if '<span class="pre">example_open</span>' in r]
    versions = [s for s in tables[0].symbols if s.name == "example_open"]
    expected = {("@@" if s.default_version else "@") + s.version for s in versions}
    assert len(expected) == 2 and {re.search(r"@@?[\w.]+", r).group(0) for r in open_rows} == expected
    leaked = [w for w in warnings_of(app).splitlines() if w.endswith("[nativeapi.leaked]")]
    assert len(leaked) == 1 and leaked[0].startswith(f"{srcdir / 'dumps' / 'linux.json'}: WARNING: "), leaked


def test_a_platform_without_its_system_headers_is_one_config_warning(make_app, tmp_path, monkeypatch):
    """fxwin_sdk.h needs <windows.h> for windows-x86_64: without the [zig] extra or a sysroot, one
    nativeapi.config warning says so (the text `nativeapi check` prints), and no finding, parse error or
    status of that platform is given: the ABI tables say unknown."""
    from sphinx_nativeapi.model import MissingHeader

    monkeypatch.setenv("NATIVEAPI_TOOLCHAIN_ROOTS", '{"zig": false}')
    data = Path(__file__).parent / "data" / "check"
    srcdir = tmp_path / "docs"
    srcdir.mkdir()
    for name in ("fxwin.h", "fxwin_sdk.h"):
        shutil.copy(data / name, srcdir / name)
    dll = str(Path(__file__).parent / "fixtures" / "bin" / "windows-x86_64" / "fxwin.dll")
    project = {"headers": ["fxwin_sdk.h"], "platforms": ["windows-x86_64"]}
    project["binaries"] = {"windows-x86_64": dll}
    conf = f'extensions = ["sphinx_nativeapi"]\nnativeapi_projects = {{"p": {project!r}}}\n'
    (srcdir / "conf.py").write_text(conf)
    (srcdir / "index.rst").write_text("P\n=\n\n.. native-api-file:: fxwin.h\n\n.. toctree::\n\n   abi\n")
    (srcdir / "abi.rst").write_text("ABI\n===\n\n.. native-api-abi::\n   :platform: windows-x86_64\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    lines = warnings_of(app).splitlines()
    expected = MissingHeader("windows-x86_64", "windows.h", str(srcdir / "fxwin_sdk.h"), 7).message
    assert lines == [f"{srcdir / 'fxwin_sdk.h'}:7: WARNING: {expected} [nativeapi.config]"]
    page = html.unescape((app.outdir / "index.html").read_text())
    rows = [re.sub(r"<[^>]+>|\s+", " ", row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", page, re.S)]
    statuses = [row.strip().rsplit("  ", 1)[-1].strip() for row in rows if "windows-x86_64" in row]
    assert len(statuses) == 12 and set(statuses) == {"unknown (system headers not found)"}, rows
    abi = html.unescape((app.outdir / "abi.html").read_text())
    exports = [re.sub(r"<[^>]+>|\s+", " ", row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", abi, re.S)][1:]
    assert len(exports) >= 7 and all(" unknown " in row for row in exports), exports


@pytest.mark.parametrize("case", [c for c in CASES if "shown" in c.expect], ids=lambda c: c.path.name)
def test_case_header_page_shows_its_text(make_app, tmp_path: Path, case) -> None:
    """A case header (tests/cases) rendered as a page, its bytes as they are: every ``shown`` text is
    on the page, and the build has no warning (a case's header has no finding: no binary is named)."""
    srcdir = tmp_path / "docs"
    srcdir.mkdir()
    shutil.copyfile(case.path, srcdir / case.path.name)
    settings = {
        "headers": [case.path.name],
        "platforms": case.platforms,
        "language": case.expect.get("language", "c"),
        "comment_style": case.expect.get("comment_style", "doxygen"),
    }
    conf = f'extensions = ["sphinx_nativeapi"]\nnativeapi_projects = {{"p": {settings!r}}}\n'
    (srcdir / "conf.py").write_text(conf)
    (srcdir / "index.rst").write_text(f"P\n=\n\n.. native-api-file:: {case.path.name}\n   :undoc-members:\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert warnings_of(app) == ""
    page = shown_text((app.outdir / "index.html").read_bytes().decode("utf-8"))
    for text in case.expect["shown"]:
        assert text in page, text
