"""The benchmark's inputs: libgit2's headers (copied so that touching one is safe), the header set, flags.

The header set, the same for every tool: every ``git2/*.h`` (66 headers), one page each, in a folder
``git2/`` (libgit2 has an ``index.h``, which would clash with the root ``index`` page). Left out:
``git2/stdint.h`` (an MSVC-only shim), ``git2.h`` (only includes the others: it declares nothing) and
``git2/sys/*.h`` (the backend API for implementers, not included by ``git2.h``). ``git2/deprecated.h`` is
in: ``git2.h`` includes it and the library exports what it declares.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

SYSTEM_INCLUDE = Path("/usr/include")
LIBGIT2_SO = Path("/usr/lib/x86_64-linux-gnu/libgit2.so.1.5")
APT_PACKAGES = ["libgit2-dev", "doxygen", "libgcc-12-dev"]
EXCLUDED = {"git2/stdint.h"}
# The header whose touch is measured: nearly every other header includes it, most indirectly.
WATCHED = "git2/types.h"


@dataclass(frozen=True)
class Workspace:
    """Where one run keeps its copies, environments, projects and logs (all under benchmarks/work/)."""

    root: Path
    repo: Path
    include_dir: Path
    headers: tuple[str, ...]
    builtin_include: Path

    @property
    def clang_args(self) -> list[str]:
        """The flags given to every libclang-based tool: the copied headers, then GCC's builtin headers
        (the ``libclang`` wheel has no ``stddef.h``; without one, clang silently takes ``size_t`` as int)."""
        return [f"-I{self.include_dir}", "-isystem", str(self.builtin_include)]

    def venv(self, name: str) -> Path:
        return self.root / "venvs" / name

    def project(self, name: str) -> Path:
        return self.root / "projects" / name

    def logs(self) -> Path:
        path = self.root / "logs"
        path.mkdir(parents=True, exist_ok=True)
        return path


def ensure_system_packages() -> None:
    """Install libgit2's headers and Doxygen from Debian when they are missing (as root, like CI)."""
    missing = not (SYSTEM_INCLUDE / "git2.h").exists() or shutil.which("doxygen") is None
    missing = missing or not _gcc_builtin_dirs()
    if not missing:
        return
    if os.geteuid() != 0:
        raise SystemExit(f"missing Debian packages; as root run: apt-get install -y {' '.join(APT_PACKAGES)}")
    subprocess.run(["apt-get", "update"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["apt-get", "install", "-y", *APT_PACKAGES], check=True, stdout=subprocess.DEVNULL)


def _gcc_builtin_dirs() -> list[str]:
    return sorted(glob.glob("/usr/lib/gcc/x86_64-linux-gnu/*/include/stddef.h"))


def prepare(root: Path, repo: Path) -> Workspace:
    """Copy the public headers into the work dir (fresh each run, so a touch never reaches /usr)."""
    include_dir = root / "include"
    shutil.rmtree(include_dir, ignore_errors=True)
    include_dir.mkdir(parents=True)
    shutil.copy2(SYSTEM_INCLUDE / "git2.h", include_dir / "git2.h")
    shutil.copytree(SYSTEM_INCLUDE / "git2", include_dir / "git2")
    headers = tuple(
        sorted(
            f"git2/{p.name}" for p in (include_dir / "git2").glob("*.h") if f"git2/{p.name}" not in EXCLUDED
        )
    )
    builtin = Path(_gcc_builtin_dirs()[-1]).parent
    return Workspace(root=root, repo=repo, include_dir=include_dir, headers=headers, builtin_include=builtin)


def libgit2_version(ws: Workspace) -> str:
    text = (ws.include_dir / "git2" / "version.h").read_text(encoding="utf-8")
    match = re.search(r'#define LIBGIT2_VERSION\s+"([^"]+)"', text)
    return match.group(1) if match else "unknown"
