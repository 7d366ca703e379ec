"""example-docs built as the README says (``sphinx-build -W``), and its gate's intentional findings.

The example's conf.py expects two findings (the undocumented ``example_reset``, the leaked
``example_internal_helper``) so that ``-W`` passes. Sphinx can only silence a whole warning type, so
the second build here takes those expectations away and checks that the gate then reports these two
findings, at the right places, and nothing else: a new finding in the example cannot hide behind them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parent.parent / "example-docs"
BINARIES = {
    "linux-x86_64": "lib/bin/linux-x86_64/libexample.so",
    "windows-x86_64": "lib/bin/windows-x86_64/example.dll",
    "windows-x86": "lib/bin/windows-x86/example.dll",
    "macos-arm64": "lib/bin/macos-arm64/libexample.dylib",
}
# "FILE:LINE: WARNING: MESSAGE [PLATFORMS] [TYPE]"; LINE is empty for a binary, which has no lines.
WARNING = re.compile(
    r"^(?P<file>.+?):(?P<line>\d*):? WARNING: (?P<message>.*?)"
    r"(?: \[(?P<platforms>[\w\-, ]+)\])? \[(?P<type>[\w.]+)\]$"
)


def sphinx_build(srcdir: Path, outdir: Path, builder: str = "html") -> tuple[int, list[str]]:
    """Run the README's command (``sphinx-build -W --keep-going``); its exit code and warning lines."""
    warnings = outdir.parent / f"{outdir.name}-warnings.txt"
    command = [
        sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "--no-color",
        "-b", builder, "-w", str(warnings), str(srcdir), str(outdir),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = warnings.read_text(encoding="utf-8").splitlines() if warnings.exists() else []
    return done.returncode, [line for line in lines if line.strip()]


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


@pytest.mark.parametrize("builder", ["html", "text", "latex"])
def test_example_docs_build_with_W(tmp_path: Path, builder: str) -> None:
    code, warnings = sphinx_build(EXAMPLE, tmp_path / builder, builder)
    assert warnings == []
    assert code == 0
    if builder == "html":
        page = (tmp_path / "html" / "api" / "c.html").read_text().replace("&#64;", "@")
        # The prose's :c:func: references resolved to the objects the header's directive rendered.
        assert 'href="#c.example_open" title="example_open"' in page
        assert "_example_checksum@12" in page


def test_without_expectations_the_intentional_findings_fail_the_build(tmp_path: Path) -> None:
    srcdir = tmp_path / "example-docs"
    shutil.copytree(EXAMPLE, srcdir, ignore=shutil.ignore_patterns("_build"))
    with open(srcdir / "conf.py", "a", encoding="utf-8") as conf:
        conf.write('\nsuppress_warnings = []\nnativeapi_projects["example"].pop("ignore")\n')
    code, lines = sphinx_build(srcdir, tmp_path / "html")
    assert code != 0
    parsed = [WARNING.match(line) for line in lines]
    assert all(parsed), lines

    undocumented = [w for w in parsed if w["type"] == "nativeapi.undocumented"]
    header = srcdir / "lib" / "include" / "example" / "example.h"
    assert len(undocumented) == 1, lines
    assert Path(undocumented[0]["file"]).resolve() == header.resolve()
    assert int(undocumented[0]["line"]) == line_of(header, "example_reset(")
    assert undocumented[0]["message"].startswith("example_reset is exported")
    assert set(undocumented[0]["platforms"].split(", ")) == set(BINARIES)

    leaked = {w["platforms"]: w for w in parsed if w["type"] == "nativeapi.leaked"}
    assert set(leaked) == set(BINARIES), lines
    for platform, binary in BINARIES.items():
        warning = leaked[platform]
        assert Path(warning["file"]).resolve() == (srcdir / binary).resolve()
        assert re.match(r"_?example_internal_helper is exported by ", warning["message"])

    assert len(parsed) == len(undocumented) + len(leaked), lines
