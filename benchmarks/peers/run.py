"""Side-by-side benchmark: libgit2's public headers documented by this project, its peers and the floors.

One command from a fresh clone (as root, for the Debian packages): ``python3 benchmarks/peers/run.py``.
It installs libgit2-dev and Doxygen when missing, creates one venv per tool under benchmarks/work/,
builds each tool's project several times and prints a markdown table (also written to RESULTS.md).
See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import builds
import environments
import report
import workspace
from report import OURS
from tools import Tool, all_tools

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
WORK = REPO / "benchmarks" / "work"


@dataclass
class Column:
    """What was measured for one tool, all repetitions kept (the report takes the best)."""

    tool: Tool
    failed: str | None = None
    versions: dict[str, str] = field(default_factory=dict)
    cold: list[float] = field(default_factory=list)
    prebuild: list[float] = field(default_factory=list)
    nochange: list[float] = field(default_factory=list)
    nochange_read: list[str] = field(default_factory=list)
    touch: list[float] = field(default_factory=list)
    touch_prebuild: list[float] = field(default_factory=list)
    touch_read: list[str] = field(default_factory=list)
    parallel: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)
    functions: int = 0
    objects: int = 0


class StepFailed(Exception):
    pass


def _step(column: Column, name: str, command: list[str], cwd: Path | None = None) -> builds.Measured:
    log = column_log(column, name)
    measured = builds.measure(command, log, cwd=cwd)
    if not measured.ok:
        raise StepFailed(f"{name}: exit {measured.returncode} ({log})\n{builds.tail(log)}")
    return measured


def column_log(column: Column, name: str) -> Path:
    return WORK / "logs" / f"{column.tool.key}-{name}.log"


def measure_tool(ws: workspace.Workspace, tool: Tool, repetitions: int) -> Column:
    column = Column(tool)
    try:
        bin_dir = environments.ensure_venv(ws, tool)
    except environments.SetupFailed as error:
        column.failed = f"setup: {error}\n{builds.tail(error.log) if error.log else ''}"
        return column
    column.versions = environments.versions(bin_dir, tool.reported)
    project = ws.project(tool.key)
    shutil.rmtree(project, ignore_errors=True)
    tool.write_project(ws, project / "src")

    def prebuild(name: str) -> float:
        if tool.prebuild is None:
            return 0.0
        shutil.rmtree(project / "doxygen", ignore_errors=True)
        return _step(column, name, tool.prebuild(ws, project), cwd=project).wall_s

    def build(name: str, jobs: int = 1) -> builds.Measured:
        return _step(column, name, builds.sphinx_command(bin_dir, project, jobs), cwd=project)

    watched = ws.include_dir / workspace.WATCHED
    try:
        for rep in range(repetitions):
            shutil.rmtree(project / "_build", ignore_errors=True)
            column.prebuild.append(prebuild(f"prebuild-{rep}"))
            cold = build(f"cold-{rep}")
            column.cold.append(cold.wall_s)
            column.rss_kb.append(cold.maxrss_kb)
            if rep == 0:
                column.functions, column.objects = builds.count_rendered(project / "_build" / "html")
                if column.functions == 0 and tool.key != "empty":
                    raise StepFailed(f"cold-0: rendered no function\n{builds.tail(cold.log)}")
            nochange = build(f"nochange-{rep}")
            column.nochange.append(nochange.wall_s)
            column.nochange_read = nochange.pages_read()
            time.sleep(0.05)  # a touch strictly newer than everything the build recorded
            os.utime(watched)
            column.touch_prebuild.append(prebuild(f"touch-prebuild-{rep}"))
            touched = build(f"touch-{rep}")
            column.touch.append(touched.wall_s)
            column.touch_read = touched.pages_read()
            shutil.rmtree(project / "_build", ignore_errors=True)
            column.parallel.append(build(f"parallel-{rep}", jobs=2).wall_s)
    except StepFailed as error:
        column.failed = str(error)
    return column


def clang_floor(ws: workspace.Workspace, repetitions: int) -> dict:
    """libclang's bare parse and the inclusion lists, in the floor venv (which has the libclang wheel)."""
    spec = WORK / "clang-floor.json"
    spec.write_text(
        json.dumps(
            {
                "include_dir": str(ws.include_dir),
                "headers": list(ws.headers),
                "args": ws.clang_args,
                "repetitions": repetitions,
                "watched": workspace.WATCHED,
            }
        ),
        encoding="utf-8",
    )
    python = ws.venv("empty") / "bin" / "python"
    out = subprocess.run(
        ["nice", "-n", "10", str(python), str(HERE / "clang_floor.py"), str(spec)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


# The platforms whose scan is set against libclang's bare parse (the benchmark's pages use the first).
SCAN_PLATFORMS = ("linux-x86_64", "macos-arm64", "windows-x86_64", "windows-x86")


def scan_ratio(ws: workspace.Workspace, repetitions: int) -> list[dict]:
    """This project's scan of the header set against libclang's bare parse of the same unit (the
    scanner's own arguments), per platform, in this project's venv: ``benchmarks/bench_scan.py``."""
    python = ws.venv(OURS) / "bin" / "python"
    headers = [str(ws.include_dir / h) for h in ws.headers]
    command = [str(python), str(REPO / "benchmarks" / "bench_scan.py"), "--json"]
    command += ["--repeat", str(repetitions), "--headers", *headers, "-I", str(ws.include_dir)]
    command += [arg for name in SCAN_PLATFORMS for arg in ("--platform", name)]
    out = subprocess.run(["nice", "-n", "10", *command], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="each measurement once (for development)")
    parser.add_argument("--repetitions", type=int, default=3, help="runs per measurement; the best counts")
    parser.add_argument(
        "--tools", help="comma-separated subset of: nativeapi,hawkmoth,c-autodoc,breathe,empty"
    )
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    repetitions = 1 if args.quick else args.repetitions

    workspace.ensure_system_packages()
    ws = workspace.prepare(WORK, REPO)
    tools = all_tools(ws)
    if args.tools:
        wanted = set(args.tools.split(","))
        tools = [t for t in tools if t.key in wanted or t.key == "empty"]  # the floor venv runs libclang

    columns = []
    for tool in tools:
        print(f"== {tool.title}", file=sys.stderr, flush=True)
        try:
            columns.append(measure_tool(ws, tool, repetitions))
        except Exception:  # a harness fault in one column must not lose the others' figures
            columns.append(Column(tool, failed=traceback.format_exc(limit=4)))
        if columns[-1].failed:
            print(f"   failed: {columns[-1].failed}", file=sys.stderr, flush=True)
    floor = clang_floor(ws, repetitions)
    if any(c.tool.key == OURS and not c.failed for c in columns):
        print("== scan against the bare parse", file=sys.stderr, flush=True)
        floor["scan"] = scan_ratio(ws, repetitions)
    context = {
        "repetitions": repetitions,
        "headers": len(ws.headers),
        "libgit2": workspace.libgit2_version(ws),
        "doxygen": subprocess.run(["doxygen", "--version"], capture_output=True, text=True).stdout.strip(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "date": time.strftime("%Y-%m-%d"),
    }
    text = report.render(columns, floor, context)
    print(text)
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
