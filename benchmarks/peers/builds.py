"""One measured build: sphinx-build under the rusage wrapper, niced, with its log and what it re-read."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
WRAPPER = HERE / "measure_child.py"
# Sphinx names each document it reads, one per line when its output is not a terminal:
# "reading sources... [ 50%] git2/types".
# Far above any peer's build on this machine: only a hang reaches it.
TIMEOUT_S = 1200
READING = re.compile(r"^reading sources\.\.\. \[\s*\d+%\] (\S+)", re.MULTILINE)


@dataclass(frozen=True)
class Measured:
    returncode: int
    wall_s: float
    maxrss_kb: int
    log: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def pages_read(self) -> list[str]:
        return READING.findall(self.log.read_text(encoding="utf-8", errors="replace"))


def measure(command: list[str], log: Path, cwd: Path | None = None) -> Measured:
    """Run under ``nice -n 10`` (other engineers share the 2 cores) in a fresh wrapper process."""
    result = log.with_suffix(".json")
    subprocess.run(
        [
            "nice",
            "-n",
            "10",
            sys.executable,
            str(WRAPPER),
            str(result),
            str(log),
            str(TIMEOUT_S),
            "--",
            *command,
        ],
        check=True,
        cwd=cwd,
    )
    data = json.loads(result.read_text(encoding="utf-8"))
    return Measured(data["returncode"], data["wall_s"], data["maxrss_kb"], log)


def sphinx_command(bin_dir: Path, project: Path, jobs: int) -> list[str]:
    return [
        str(bin_dir / "sphinx-build"),
        "-b",
        "html",
        "-N",
        "-j",
        str(jobs),
        "-d",
        str(project / "_build" / "doctrees"),
        str(project / "src"),
        str(project / "_build" / "html"),
    ]


def tail(log: Path, lines: int = 15) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


class _ObjectCounter(HTMLParser):
    """Counts Sphinx domain objects (``<dl class="c function">``, ``<dl class="cpp class">``...)."""

    def __init__(self) -> None:
        super().__init__()
        self.functions = 0
        self.objects = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "dl":
            return
        classes = (dict(attrs).get("class") or "").split()
        if classes and classes[0] in ("c", "cpp"):
            self.objects += 1
            self.functions += "function" in classes[1:]


def count_rendered(html_dir: Path) -> tuple[int, int]:
    """(functions, all objects) rendered on the header pages."""
    counter = _ObjectCounter()
    for page in sorted((html_dir / "git2").glob("*.html")):
        counter.feed(page.read_text(encoding="utf-8"))
    return counter.functions, counter.objects
