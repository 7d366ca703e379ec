"""The release history in a real ``sphinx-build`` of example-docs (2.1 against the dump of 1.5): the
since notes as Sphinx's own version-change nodes, the changes page, the ``changes`` builder, and the
gate's ``nativeapi.abi-break`` and ``nativeapi.since`` warnings at the header's line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from test_example_docs import EXAMPLE, line_of, sphinx_build

# "FILE:LINE: WARNING: MESSAGE [PLATFORMS] [TYPE]" (the types here have a "-").
WARNING = re.compile(r"^(?P<file>.+?):(?P<line>\d*):? WARNING: (?P<message>.*?)"
                     r"(?: \[(?P<platforms>[\w\-, ]+)\])? \[(?P<type>[\w.\-]+)\]$")


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).replace("&#64;", "@")


def test_notes_and_changes_page(tmp_path: Path) -> None:
    code, warnings = sphinx_build(EXAMPLE, tmp_path / "html")
    assert (code, warnings) == (0, [])
    page = (tmp_path / "html" / "api" / "c.html").read_text()
    found = re.findall(r'<div class="(?:versionadded|versionchanged|deprecated)">.*?</div>', page, re.S)
    notes = [text_of(m).strip() for m in found]
    assert any(n.startswith("Changed in version 2.1: The size of example_stats changed from 24 to 32 bytes "
                            "on linux-x86_64, macos-arm64") for n in notes), notes
    assert any("from 12 to 16 bytes on windows-x86" in n for n in notes)
    assert any(n.startswith("Deprecated since version 2.1: use example_open()") for n in notes)
    assert "_example_checksum@8 to _example_checksum@12 on windows-x86" in " ".join(notes)
    # example_reset and EXAMPLE_ERR_CLOSED are new; example_open predates the history: no note.
    reset = page[page.index('id="c.example_reset"'):]
    assert text_of(reset[:reset.index("</dd>")]).count("Added in version 2.1.") == 1
    opened = page[page.index('id="c.example_open"'):]
    assert "versionadded" not in opened[:opened.index("</dd>")]

    changes = text_of((tmp_path / "html" / "changes.html").read_text())
    for platform in ("linux-x86_64", "windows-x86_64", "windows-x86", "macos-arm64"):
        assert platform in changes
    assert changes.count("The export example_flush was removed") == 3  # the Mach-O name has a "_"
    assert "binary-break (waived)" in changes and "export.removed" in changes
    link = re.search(r'<a class="reference internal" href="api/c.html#c.example_reset"', (
        tmp_path / "html" / "changes.html").read_text())
    assert link


def test_sphinx_changes_builder_lists_the_notes(tmp_path: Path) -> None:
    code, _ = sphinx_build(EXAMPLE, tmp_path / "changes", "changes")
    assert code == 0
    listing = text_of((tmp_path / "changes" / "changes.html").read_text())
    assert "2.1" in listing and "example_stats" in listing and "example_reset" in listing


def test_unwaived_breaks_and_a_contradicted_since_fail_the_build(tmp_path: Path) -> None:
    srcdir = tmp_path / "example-docs"
    shutil.copytree(EXAMPLE, srcdir, ignore=shutil.ignore_patterns("_build"))
    header = srcdir / "lib" / "include" / "example" / "example.h"
    header.write_text(header.read_text().replace(" * @since 1.5 (", " * @since 2.0 ("))
    with open(srcdir / "conf.py", "a", encoding="utf-8") as conf:
        conf.write('\nnativeapi_projects["example"]["waivers"] = [w for w in nativeapi_projects["example"]'
                   '["waivers"] if w["name"] != "example_stats"]\n')
    code, lines = sphinx_build(srcdir, tmp_path / "html")
    assert code != 0
    parsed = [WARNING.match(line) for line in lines]
    assert all(parsed), lines
    breaks = [w for w in parsed if w["type"] == "nativeapi.abi-break"]
    size = [w for w in breaks if w["message"].startswith("The size of example_stats changed")]
    assert len(size) == 3
    assert {int(w["line"]) for w in size} == {line_of(header, "typedef struct example_stats")}
    assert {p for w in size for p in w["platforms"].split(", ")} == {
        "linux-x86_64", "macos-arm64", "windows-x86_64", "windows-x86"}
    since = [w for w in parsed if w["type"] == "nativeapi.since"]
    assert len(since) == 1 and int(since[0]["line"]) == line_of(header, "example_open(const char")
    assert "exists in 1.5" in since[0]["message"]
    assert {w["type"] for w in parsed} == {"nativeapi.abi-break", "nativeapi.since"}
