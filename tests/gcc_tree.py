"""A folder laid out like ``/usr/lib/gcc`` with several GCC installs, the host's and cross ones, made of
this machine's real GCC header folders (symlinked): what a machine with ``gcc-mingw-w64`` and other
cross compilers beside its own GCC holds."""

from __future__ import annotations

import glob
import json
import os
from pathlib import Path

from sphinx_nativeapi.scanner.toolchain import ToolchainRoots, target_key

HOST_TRIPLE = "x86_64-pc-linux-gnu"


def real_gcc(want: str) -> Path | None:
    """The newest real GCC version folder on this machine for a target (e.g. the host's)."""
    found = [
        Path(d)
        for d in glob.glob("/usr/lib/gcc/*/*")
        if target_key(os.path.basename(os.path.dirname(d))) == target_key(want)
        and os.path.isfile(os.path.join(d, "include", "stddef.h"))
    ]
    return max(found, key=lambda p: p.name) if found else None


def build(root: Path) -> dict[str, Path] | None:
    """The tree under ``root``, and which install each target should get; None when this machine lacks
    the host GCC or the mingw-w64 cross GCC to build it from. Cross installs get higher versions, so
    a pick by version alone (the old rule) takes one of them."""
    host = real_gcc(HOST_TRIPLE)
    mingw = real_gcc("i686-w64-mingw32")
    if host is None or mingw is None:
        return None
    layout = {
        "x86_64-linux-gnu/12": host,
        "i686-w64-mingw32/12-win32": mingw,
        "x86_64-w64-mingw32/14-posix": mingw,
        "x86_64-linux-gnux32/15": mingw,
        "x86_64-alpine-linux-musl/16": mingw,
        "aarch64-linux-gnu/17": mingw,
        "i686-linux-gnu/18": mingw,
    }
    for name, real in layout.items():
        target = root / "gcc" / name
        target.mkdir(parents=True)
        for sub in ("include", "include-fixed"):
            if (real / sub).is_dir():
                (target / sub).symlink_to(real / sub)
    return {
        "linux-x86_64": root / "gcc" / "x86_64-linux-gnu/12/include",
        "windows-x86_64-mingw": root / "gcc" / "x86_64-w64-mingw32/14-posix/include",
        "windows-x86-mingw": root / "gcc" / "i686-w64-mingw32/12-win32/include",
        "linux-aarch64": root / "gcc" / "aarch64-linux-gnu/17/include",
        "linux-x86": root / "gcc" / "i686-linux-gnu/18/include",
    }


def roots(root: Path) -> ToolchainRoots:
    """No LLVM, no zig: only the tree's GCC installs (the judge's machine without clang)."""
    return ToolchainRoots(llvm=(), gcc=(str(root / "gcc"),), zig=False)


def roots_env(root: Path) -> str:
    """The same, as ``$NATIVEAPI_TOOLCHAIN_ROOTS`` (scans in worker processes read it too)."""
    return json.dumps({"llvm": [], "gcc": [str(root / "gcc")], "zig": False})
