"""The platform table: a platform name stands for a clang target triple and what follows from it.

Every per-platform fact in the model (symbol names, layouts, calling conventions, exports) is keyed by
these names, so the table is the one place that knows which triple, object format, C++ ABI and data
model a name means. Users add their own (``nativeapi_platforms`` in conf.py, ``platforms`` entries
given as dicts in ``[tool.nativeapi]``).
"""

from __future__ import annotations

import sys
from typing import NamedTuple

from sphinx_nativeapi.errors import NativeApiError


class Platform(NamedTuple):
    """One target: the facts that decide how a declaration turns into a symbol and a layout.

    A named tuple, not a dataclass: the commands that only read binaries look platform names up too,
    and the dataclass machinery was a fifth of their imports."""

    name: str
    triple: str
    format: str  # "elf", "pe" or "macho"
    cxx_abi: str  # "itanium" or "microsoft"
    data_model: str  # "LP64", "LLP64" or "ILP32"

    @property
    def c_prefix(self) -> str:
        """The prefix an object file puts before a C name (Mach-O always, 32-bit Windows for cdecl)."""
        if self.format == "macho" or (self.format == "pe" and self.is_x86_32):
            return "_"
        return ""

    @property
    def is_x86_32(self) -> bool:
        return self.triple.split("-", 1)[0] in {"i386", "i486", "i586", "i686", "x86"}

    @property
    def is_windows(self) -> bool:
        return self.format == "pe"

    def to_json(self) -> dict[str, str]:
        return self._asdict()


DEFAULT_PLATFORMS: dict[str, Platform] = {
    p.name: p
    for p in (
        Platform("linux-x86_64", "x86_64-pc-linux-gnu", "elf", "itanium", "LP64"),
        Platform("linux-aarch64", "aarch64-unknown-linux-gnu", "elf", "itanium", "LP64"),
        Platform("linux-x86", "i686-pc-linux-gnu", "elf", "itanium", "ILP32"),
        Platform("macos-x86_64", "x86_64-apple-macosx11.0", "macho", "itanium", "LP64"),
        Platform("macos-arm64", "arm64-apple-macosx11.0", "macho", "itanium", "LP64"),
        Platform("windows-x86_64", "x86_64-pc-windows-msvc", "pe", "microsoft", "LLP64"),
        Platform("windows-x86", "i686-pc-windows-msvc", "pe", "microsoft", "ILP32"),
        Platform("windows-arm64", "aarch64-pc-windows-msvc", "pe", "microsoft", "LLP64"),
        Platform("windows-x86_64-mingw", "x86_64-w64-windows-gnu", "pe", "itanium", "LLP64"),
        Platform("windows-x86-mingw", "i686-w64-windows-gnu", "pe", "itanium", "ILP32"),
    )
}


class UnknownPlatformError(NativeApiError):
    """A platform name that is neither a default nor one the user defined."""

    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(f"unknown platform {name!r}; known platforms: {', '.join(sorted(known))}")
        self.name = name


class PlatformTable:
    """The default platforms plus the user's own, looked up by name."""

    def __init__(self, extra: dict[str, dict[str, str]] | None = None) -> None:
        self._platforms = dict(DEFAULT_PLATFORMS)
        for name, spec in (extra or {}).items():
            self._platforms[name] = platform_from_spec(name, spec)

    def __getitem__(self, name: str) -> Platform:
        try:
            return self._platforms[name]
        except KeyError:
            raise UnknownPlatformError(name, list(self._platforms)) from None

    def __contains__(self, name: object) -> bool:
        return name in self._platforms

    def names(self) -> list[str]:
        return list(self._platforms)

    def host(self) -> Platform:
        return self[host_platform_name()]


def platform_from_spec(name: str, spec: dict[str, str]) -> Platform:
    """A user platform from a dict; format, ABI and data model follow from the triple unless given."""
    triple = spec["triple"]
    arch, _, rest = triple.partition("-")
    if "windows" in rest or "win32" in rest:
        fmt = "pe"
        abi = "itanium" if ("gnu" in rest or "mingw" in rest) else "microsoft"
    elif "apple" in rest or "darwin" in rest or "macos" in rest or "ios" in rest:
        fmt, abi = "macho", "itanium"
    else:
        fmt, abi = "elf", "itanium"
    bits32 = arch in {"i386", "i486", "i586", "i686", "x86", "arm", "armv7", "thumbv7", "riscv32", "wasm32"}
    model = "ILP32" if bits32 else ("LLP64" if fmt == "pe" else "LP64")
    return Platform(
        name=name,
        triple=triple,
        format=spec.get("format", fmt),
        cxx_abi=spec.get("cxx_abi", abi),
        data_model=spec.get("data_model", model),
    )


def host_platform_name() -> str:
    """The default platform that describes the machine this runs on."""
    import platform as host  # not for the commands that never ask

    machine = host.machine().lower()
    arch = {"amd64": "x86_64", "x86_64": "x86_64", "aarch64": "aarch64", "arm64": "arm64"}.get(machine, "x86")
    if sys.platform == "darwin":
        return "macos-arm64" if arch in {"arm64", "aarch64"} else "macos-x86_64"
    if sys.platform == "win32":
        return {"x86_64": "windows-x86_64", "aarch64": "windows-arm64", "arm64": "windows-arm64"}.get(
            arch, "windows-x86"
        )
    return {"x86_64": "linux-x86_64", "aarch64": "linux-aarch64", "arm64": "linux-aarch64"}.get(
        arch, "linux-x86"
    )
