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
releases adds 10% or less to a cold ``sphinx-build`` of libgit2's pages (``apt-get install
libgit2-dev``; see ``history_overhead``).
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
LIBGIT2_INCLUDE = Path("/usr/include")
LIBGIT2_SO = Path("/usr/lib/x86_64-linux-gnu/libgit2.so.1.5")
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
    """Cold builds of libgit2's pages (one ``native-api-file`` page per ``git2/*.h``, its ``.so``) with
    no history and with ten releases: dumps of the current tree that each lack a different share of the
    functions (the oldest the most), so that every consecutive pair has real differences."""
    if not (LIBGIT2_INCLUDE / "git2.h").exists() or not LIBGIT2_SO.exists():
        print(f"skipped the history: {LIBGIT2_INCLUDE / 'git2.h'} or {LIBGIT2_SO} is missing "
              "(apt-get install libgit2-dev)")
        return
    headers = sorted(str(p) for p in (LIBGIT2_INCLUDE / "git2").glob("*.h") if p.name != "stdint.h")
    with tempfile.TemporaryDirectory(prefix="nativeapi-bench-git2-") as tmp_name:
        tmp = Path(tmp_name)
        base = tmp / "base.json"
        command = nativeapi("dump", "--release", "1.9", "--binary", LIBGIT2_SO, "-o", base,
                            "--cache-dir", tmp / "cache", LIBGIT2_INCLUDE / "git2.h")
        subprocess.run(command, check=True, env=env)
        dump = json.loads(base.read_text())
        declarations = dump["model"]["declarations"]
        functions = [i for i, d in enumerate(declarations) if d["kind"] == "function"]
        for release in range(10):
            lacking = {i for n, i in enumerate(functions) if n % 3 == 0 and n % 10 > release}
            kept = [d for i, d in enumerate(declarations) if i not in lacking]
            model = {**dump["model"], "declarations": kept}
            text = json.dumps({**dump, "nativeapi_release": f"1.{release}", "model": model})
            (tmp / f"1.{release}.json").write_text(text)
        times = {}
        for releases in (0, 10):
            srcdir = tmp / f"docs-{releases}"
            srcdir.mkdir()
            project = {"headers": [str(LIBGIT2_INCLUDE / "git2.h"), *headers], "language": "c",
                       "platforms": ["linux-x86_64"], "binaries": {"linux-x86_64": str(LIBGIT2_SO)}}
            if releases:
                project["history"] = [str(tmp / "1.*.json")]
            (srcdir / "conf.py").write_text(
                f'extensions = ["sphinx_nativeapi"]\nnativeapi_projects = {{"git2": {project!r}}}\n'
                'nativeapi_default_project = "git2"\nsuppress_warnings = ["nativeapi"]\n')
            pages = [f"h{i:03}" for i in range(len(headers))]
            (srcdir / "index.rst").write_text("libgit2\n=======\n\n.. toctree::\n\n" +
                                              "".join(f"   {page}\n" for page in pages))
            for page, path in zip(pages, headers, strict=True):
                title = os.path.basename(path)
                text = f"{title}\n{'=' * len(title)}\n\n.. native-api-file:: {path}\n"
                (srcdir / f"{page}.rst").write_text(text)
            times[releases] = []
        for _ in range(repeat):  # alternately, so that a slow spell of the machine hits both
            for releases in (0, 10):
                srcdir = tmp / f"docs-{releases}"
                shutil.rmtree(srcdir / "_build", ignore_errors=True)  # cold: no doctrees, no scan cache
                command = [sys.executable, "-m", "sphinx", "-q", "-E", "-b", "html", "-d",
                           srcdir / "_build" / "doctrees", srcdir, srcdir / "_build" / "html"]
                seconds, _ = best(1, lambda command=command: subprocess.run(
                    command, env=env, capture_output=True, check=True))
                times[releases].append(seconds)
        without, with_history = min(times[0]), min(times[10])
        print(f"cold build of libgit2's {len(headers)} pages: {without:.2f} s without history, "
              f"{with_history:.2f} s with 10 releases: {100 * (with_history / without - 1):+.0f}% "
              "(goal: <= +10%; best of each)")


def whole_processes(repeat: int) -> None:
    r"""``symbols --json`` and ``dump --binary`` of libLLVM as a CI job runs them: the ``nativeapi``
    command of a fresh venv that ``pip install``\ ed this checkout (its bytecode compiled at install,
    no editable-install finder), against ``nm -D``, in alternating rounds (best of each)."""
    nm = shutil.which("nm")
    if nm is None or not os.path.exists(LLVM):
        print(f"skipped the whole processes: {LLVM} or nm is missing")
        return
    with tempfile.TemporaryDirectory(prefix="nativeapi-bench-venv-") as venv:
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        # Reading an ELF needs no dependency: the package alone, as pip installs it.
        subprocess.run([os.path.join(venv, "bin", "pip"), "install", "--quiet", "--no-deps",
                        str(Path(__file__).resolve().parent.parent)], check=True)
        command = os.path.join(venv, "bin", "nativeapi")
        runs = {"nm -D": [nm, "-D", "--defined-only", "--with-symbol-versions", LLVM],
                "symbols --json": [command, "symbols", "--json", LLVM],
                "dump --binary": [command, "dump", "--release", "x", "--binary", LLVM]}
        times: dict[str, list[float]] = {label: [] for label in runs}
        for _ in range(max(repeat, 5)):
            for label, argv in runs.items():
                seconds, _ = best(1, lambda argv=argv: subprocess.run(argv, stdout=subprocess.DEVNULL,
                                                                      check=True))
                times[label].append(seconds)
    nm_time = min(times.pop("nm -D"))
    for label, seconds in times.items():
        print(f"{label} of {os.path.basename(LLVM)}: {min(seconds):.3f} s, nm -D {nm_time:.3f} s: "
              f"{min(seconds) / nm_time:.2f}x (goal: <= 2x)")


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
    whole_processes(args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
