"""One virtual environment per tool, created by the harness and reused while its requirements hold."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tools import Tool
from workspace import Workspace

MARKER = "benchmark-requirements.json"


class SetupFailed(Exception):
    """A tool that cannot be installed or built is reported as failed; the others go on."""

    def __init__(self, message: str, log: Path | None = None) -> None:
        super().__init__(message)
        self.log = log


def ensure_venv(ws: Workspace, tool: Tool) -> Path:
    """Create (or reuse) the tool's venv; returns its bin dir."""
    venv = ws.venv(tool.key)
    wanted = {"installs": [list(i) for i in tool.installs], "salt": tool.env_salt, "python": sys.version}
    marker = venv / MARKER
    if marker.exists() and json.loads(marker.read_text(encoding="utf-8")) == wanted:
        return venv / "bin"
    log = ws.logs() / f"pip-{tool.key}.log"
    with log.open("w", encoding="utf-8") as out:
        commands = [[sys.executable, "-m", "venv", "--clear", str(venv)]]
        commands += [[str(venv / "bin" / "pip"), "install", *args] for args in tool.installs]
        for command in commands:
            out.write(f"$ {' '.join(command)}\n")
            out.flush()
            if subprocess.call(command, stdout=out, stderr=subprocess.STDOUT) != 0:
                raise SetupFailed(f"install failed: {' '.join(command[2:])}", log)
    marker.write_text(json.dumps(wanted), encoding="utf-8")
    return venv / "bin"


def versions(bin_dir: Path, names: tuple[str, ...]) -> dict[str, str]:
    """Installed versions of Sphinx, docutils and the named distributions, as pip reports them."""
    listing = subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "list", "--format=json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = {p["name"].lower(): p["version"] for p in json.loads(listing)}
    return {n: found.get(n.lower(), "?") for n in ("Sphinx", "docutils", *names)}
