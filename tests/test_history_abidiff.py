"""``nativeapi diff`` against ``abidiff`` (libabigail, Debian's abigail-tools), the oracle on ELF.

Both releases of the example library (``example-docs/lib``: 1.5 and 2.1) are built here for
linux-x86_64 with ``-g`` by ``zig cc``, with one version script (``abidiff`` pairs no unversioned symbol
with a versioned one), and ``abidiff --redundant`` lists every function it sees change. Each of them is
in our diff with a binary break, and nothing more is, but for one thing abidiff sees and the headers do
not: the private layout of ``example_ctx``, opaque in the public headers (defined in ``src/context.h``).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_history import LIB, nativeapi

ABIDIFF = shutil.which("abidiff")
pytestmark = pytest.mark.skipif(ABIDIFF is None, reason="abigail-tools is not installed")
RELEASES = {
    "1.5": (LIB / "releases" / "1.5" / "include", ["releases/1.5/src/example.c", "src/log.c", "src/helper.c",
                                                   "src/widget.cpp"]),
    "2.1": (LIB / "include", ["src/example.c", "src/log.c", "src/helper.c", "src/widget.cpp"]),
}
FUNCTION_RULES = ("function.", "class.method-", "export.renamed")


def zig(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "ziglang", *map(str, args)]


def build(tmp: Path, name: str) -> Path:
    include, sources = RELEASES[name]
    objects = []
    for source in sources:
        obj = tmp / f"{name}-{Path(source).stem}.o"
        tool, lang = ("c++", ["-fno-exceptions"]) if source.endswith(".cpp") else ("cc", ["-std=c99"])
        subprocess.run(zig(tool, "-target", "x86_64-linux-gnu", "-g", "-O1", "-fPIC", "-fvisibility=hidden",
                           *lang, f"-I{include}", "-Isrc", "-c", "-o", obj, source), cwd=LIB, check=True)
        objects.append(obj)
    library = tmp / f"libexample-{name}.so"
    subprocess.run(zig("cc", "-target", "x86_64-linux-gnu", "-shared", "-Wl,--version-script=src/example.map",
                       "-o", library, *objects), cwd=LIB, check=True)
    return library


def abidiff_report(old: Path, new: Path) -> dict[str, set[str]]:
    """abidiff's removed [D], added [A] and changed [C] functions and variables, by name."""
    done = subprocess.run([ABIDIFF, "--redundant", old, new], capture_output=True, text=True, check=False)
    assert done.returncode & 4, done.stdout + done.stderr  # bit 4: an ABI change
    found: dict[str, set[str]] = {"D": set(), "A": set(), "C": set(), "A-symbol": set()}
    for line in done.stdout.splitlines():
        match = re.match(r"  \[([DAC])\] '(?:function|method|static) ([^']*)'(?:\s+\{([^}]*)\})?", line)
        if match:
            name = re.search(r"([^\s(*&]+)\(", match.group(2))
            found[match.group(1)].add(name.group(1) if name else match.group(2).split()[-1])
            if match.group(3):
                key = "A-symbol" if match.group(1) == "A" else match.group(1)
                found[key].add(match.group(3).split("@")[0])
        elif re.match(r"  \[A\] (\S+)$", line):
            found["A-symbol"].add(line.split()[1].split("@")[0])
    return found


def test_diff_reports_what_abidiff_reports_on_linux(tmp_path: Path) -> None:
    if shutil.which("zig") is None and subprocess.run([*zig("version")], capture_output=True).returncode:
        pytest.skip("the ziglang package is not installed")
    libraries = {name: build(tmp_path, name) for name in RELEASES}
    oracle = abidiff_report(libraries["1.5"], libraries["2.1"])
    dumps = {}
    for name, (include, _) in RELEASES.items():
        dumps[name] = tmp_path / f"{name}.json"
        headers = [include / "example" / "example.h", include / "example" / "widget.hpp"]
        code, _, err = nativeapi("dump", *headers,
                                 "--lang", "c++", "-I", include, "--platform", "linux-x86_64",
                                 "--export-macro", "EXAMPLE_API", "--binary", libraries[name],
                                 "--release", name, "-o", dumps[name])
        assert code == 0, err
    code, out, _ = nativeapi("diff", dumps["1.5"], dumps["2.1"], "--format", "json")
    changes = json.loads(out)["changes"]
    removed = {c["declaration"] for c in changes if c["rule"] == "export.removed"}
    added = {c["symbol"] for c in changes if c["rule"] == "export.added"}
    changed = {c["declaration"]: c["kind"] for c in changes if c["rule"].startswith(FUNCTION_RULES)}
    assert oracle["D"] and oracle["D"] <= removed
    assert oracle["A-symbol"] and oracle["A-symbol"] <= added
    assert set(changed.values()) == {"binary-break"}
    # Everything we call changed, abidiff does; what it sees beyond is example_ctx's private layout.
    assert set(changed) <= oracle["C"]
    model = {d["qualified_name"]: d for d in json.loads(dumps["2.1"].read_text())["model"]["declarations"]}
    for name in oracle["C"] - set(changed):
        types = [model[name]["type"] or "", *(p["type"] for p in model[name]["params"] or [])]
        assert any("example_ctx" in t for t in types), name
        assert model["example_ctx"]["platforms"]["linux-x86_64"].get("size") is None  # opaque in the headers
    assert code & 8
