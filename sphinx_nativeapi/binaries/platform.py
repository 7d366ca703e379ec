"""Which platform of the table a binary was built for, from its format, machine and toolchain.

A PE file does not say which toolchain made it: an x86-64 DLL is ``windows-x86_64`` (MSVC) unless
something in it shows the GNU toolchain: GNU ``dlltool`` import glue, or Itanium-mangled C++ exports
with no Microsoft-mangled one (MSVC and clang-cl cannot make ``_Z`` names). A C-only MinGW DLL looks
like an MSVC one; the user says ``--platform windows-x86_64-mingw`` (``windows-x86-mingw``; or
``platform=``) for it.
"""

from __future__ import annotations

from collections.abc import Iterable

_PLATFORMS = {
    ("elf", "x86_64"): "linux-x86_64",
    ("elf", "aarch64"): "linux-aarch64",
    ("elf", "x86"): "linux-x86",
    ("macho", "x86_64"): "macos-x86_64",
    ("macho", "arm64"): "macos-arm64",
    ("pe", "x86_64"): "windows-x86_64",
    ("pe", "x86"): "windows-x86",
    ("pe", "arm64"): "windows-arm64",
}
_GNU_PE = {"x86_64": "windows-x86_64-mingw", "x86": "windows-x86-mingw"}


def platform_of(format: str, arch: str | None, *, gnu: bool = False) -> str | None:
    """The default platform name for an object format (elf, pe, macho) and arch; None when none fits.

    ``gnu`` says the PE file shows signs of the GNU toolchain (see :func:`looks_gnu`).
    """
    if arch is None:
        return None
    if format == "pe" and gnu and arch in _GNU_PE:
        return _GNU_PE[arch]
    return _PLATFORMS.get((format, arch))


def looks_gnu(names: Iterable[str]) -> bool:
    """Itanium-mangled names and no Microsoft-mangled one: a PE made by the GNU toolchain."""
    itanium = False
    for name in names:
        if name.startswith("?"):
            return False
        itanium = itanium or name.startswith(("_Z", "__Z"))
    return itanium
