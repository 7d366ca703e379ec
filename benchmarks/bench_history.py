"""Release history: ``nativeapi diff`` of two dumps of a protobuf-sized API, and ``symbols --json`` /
``dump`` of a big library as whole processes against ``nm -D``.

Reproduce::

    python benchmarks/bench_history.py [--declarations 10000] [--repeat 3]
    apt-get install -y libllvm15 binutils     # for the second part (45,794 exports)

The API is a generated header (a quarter functions, a quarter structs of two fields with their two
field declarations, a quarter enumerators of enums) scanned for four platforms into two release
dumps, the second with a change every 50 declarations (a parameter type, a struct grown, an
enumerator revalued, a function removed). ``diff`` is timed as the command a CI job runs: a whole
process (``python -m sphinx_nativeapi diff OLD NEW --format json``). Goals: the diff in 2 s or less;
``symbols --json`` and ``dump`` of binaries alone in 2x ``nm -D`` or less; a ``history`` of 10
releases (example-docs with ten release dumps: its 1.5 under ten names) adds 10% or less to a cold
``sphinx-build`` of example-docs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import best

LLVM = "/usr/lib/x86_64-linux-gnu/libLLVM-15.so.1"
PLATFORMS = ["linux-x86_64", "windows-x86_64", "windows-x86", "macos-arm64"]


def header(count: int, changed: bool) -> str:
    """About ``count`` declarations; with ``changed``, one change in every 50."""
    lines = ["#include <stddef.h>"]
    for i in range(count // 8):
        edit = changed and i % 12 == 0
        lines.append(f"typedef struct s{i} {{ int a; {'long long' if edit else 'int'} b; }} s{i};")
        lines.append(f"enum e{i} {{ E{i}_A = 0, E{i}_B = {2 if edit else 1} }};")
        if not (changed and i % 12 == 6):
            lines.append(f"int f{i}(s{i} *p, {'long' if edit else 'int'} n);")
        lines.append(f"size_t g{i}(const char *name, enum e{i} mode);")
    return "\n".join(lines) + "\n"


def nativeapi(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "sphinx_nativeapi", *map(str, args)]


def history_overhead(repeat: int, env: dict[str, str]) -> None:
    example = Path(__file__).resolve().parent.parent / "example-docs"
    with tempfile.TemporaryDirectory(prefix="nativeapi-bench-docs-") as tmp_name:
        tmp = Path(tmp_name)
        times = {}
        for releases in (0, 10):
            srcdir = tmp / f"docs-{releases}"
            shutil.copytree(example, srcdir, ignore=shutil.ignore_patterns("_build", "history"))
            (srcdir / "history").mkdir()
            dump = json.loads((example / "history" / "1.5.json").read_text())
            for i in range(releases):
                dump["nativeapi_release"] = f"1.{i}"
                (srcdir / "history" / f"1.{i}.json").write_text(json.dumps(dump))
            if not releases:  # no history: no changes page, no waivers to apply
                (srcdir / "changes.rst").write_text("Changes\n=======\n")
            def build(srcdir: Path = srcdir) -> None:  # cold: no doctrees, no scan cache
                shutil.rmtree(srcdir / "_doctrees", ignore_errors=True)
                command = [sys.executable, "-m", "sphinx", "-q", "-E", "-b", "html", "-d",
                           srcdir / "_doctrees", srcdir, srcdir / "_build"]
                subprocess.run(command, env=env, capture_output=True, check=True)

            seconds, _ = best(repeat, build)
            times[releases] = seconds
        print(f"cold build of example-docs: {times[0]:.2f} s without history, {times[10]:.2f} s with 10 "
              f"releases: +{100 * (times[10] / times[0] - 1):.0f}% (goal: <= 10%)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--declarations", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    with tempfile.TemporaryDirectory(prefix="nativeapi-bench-history-") as tmp_name:
        tmp = Path(tmp_name)
        dumps = []
        for name, changed in (("1.0", False), ("2.0", True)):
            path = tmp / f"api-{name}.h"
            path.write_text(header(args.declarations, changed))
            out = tmp / f"{name}.json"
            platform_args = [a for p in PLATFORMS for a in ("--platform", p)]
            subprocess.run(nativeapi("dump", path, *platform_args, "--release", name, "-o", out,
                                     "--cache-dir", tmp / "cache"), check=True, env=env)
            dumps.append(out)
        count = len(json.loads(dumps[0].read_text())["model"]["declarations"])
        seconds, done = best(args.repeat, lambda: subprocess.run(
            nativeapi("diff", *dumps, "--format", "json"), capture_output=True, env=env))
        changes = done.stdout.count(b'"rule"')
        print(f"diff of two dumps ({count} declarations, {len(PLATFORMS)} platforms, "
              f"{changes} changes): {seconds:.2f} s (goal: <= 2 s)")
    history_overhead(args.repeat, env)
    nm = shutil.which("nm")
    if nm is None or not os.path.exists(LLVM):
        print(f"skipped: {LLVM} or nm is missing")
        return 0
    nm_time, _ = best(args.repeat, lambda: subprocess.run(
        [nm, "-D", "--defined-only", "--with-symbol-versions", LLVM], stdout=subprocess.DEVNULL, check=True))
    for label, command in (("symbols --json", nativeapi("symbols", "--json", LLVM)),
                           ("dump --binary", nativeapi("dump", "--release", "x", "--binary", LLVM))):
        ours, _ = best(args.repeat, lambda command=command: subprocess.run(
            command, stdout=subprocess.DEVNULL, check=True, env=env))
        print(f"{label} of {os.path.basename(LLVM)}: {ours:.2f} s, nm -D {nm_time:.2f} s: "
              f"{ours / nm_time:.1f}x (goal: <= 2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
