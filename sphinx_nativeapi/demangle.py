"""Readable text for a symbol name, for display only (matching compares names as stored).

- Itanium C++ names (``_Z…``) go to ``cxxfilt``, which calls the C++ runtime's ``__cxa_demangle``, so
  the text is what GNU ``c++filt`` prints. On Mach-O and 32-bit Windows every C name carries an extra
  leading ``_`` (``__Z…``), removed first. Where no C++ runtime can be loaded (Windows), LLVM's
  Itanium demangler from ``pycxxfilt`` stands in.
- Microsoft C++ names (``?…``) go to ``pycxxfilt``, LLVM's demangler: the text is ``llvm-undname``'s
  (README.md, "Dependencies, and why", says why this package).
- The x86 Windows decorations of C functions are undone by a rule of our own, as no demangler does it:
  ``_f@8`` and ``f@8`` are ``__stdcall``, ``@f@8`` ``__fastcall``, ``f@@8`` ``__vectorcall``; the text is
  ``f (__stdcall, 8 bytes of arguments)``.

``demangle`` returns None for a name that is not mangled or that no demangler takes: the caller shows
the name as it is. It never raises on any input.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from sphinx_nativeapi.platforms import DEFAULT_PLATFORMS, Platform

_IDENTIFIER = r"[A-Za-z_$][A-Za-z0-9_$]*"
_DECORATIONS = (
    (re.compile(rf"@({_IDENTIFIER})@(\d+)"), "__fastcall"),
    (re.compile(rf"({_IDENTIFIER})@@(\d+)"), "__vectorcall"),
    (re.compile(rf"_({_IDENTIFIER})@(\d+)"), "__stdcall"),
    (re.compile(rf"({_IDENTIFIER})@(\d+)"), "__stdcall"),
)


@dataclass(frozen=True)
class Decoration:
    """An x86 Windows C function name taken apart."""

    name: str
    convention: str
    argument_bytes: int


def undecorate(name: str) -> Decoration | None:
    """``_f@8``, ``f@8``, ``@f@8`` or ``f@@8`` taken apart; None for any other name."""
    for pattern, convention in _DECORATIONS:
        match = pattern.fullmatch(name)
        if match:
            return Decoration(match.group(1), convention, int(match.group(2)))
    return None


def demangle(name: str, platform: str | Platform | None = None) -> str | None:
    """The readable form of ``name`` on ``platform`` (a name, a Platform, or None: guess from the name).

    None means "not mangled, or not understood": show the name itself.
    """
    if not name or "\0" in name:
        return None
    target = DEFAULT_PLATFORMS.get(platform) if isinstance(platform, str) else platform
    if name.startswith("?"):
        return _call(_microsoft(), name)
    itanium = name
    if name.startswith("__Z") and (target is None or target.c_prefix == "_"):
        itanium = name[1:]
    if itanium.startswith("_Z"):
        return _call(_itanium(), itanium)
    if target is None or (target.is_windows and target.is_x86_32):
        decoration = undecorate(name)
        if decoration is not None:
            arguments = decoration.argument_bytes
            return f"{decoration.name} ({decoration.convention}, {arguments} bytes of arguments)"
    return None


def _call(demangler: Callable[[str], str | None] | None, name: str) -> str | None:
    if demangler is None:
        return None
    try:
        text = demangler(name)
    except Exception:  # each demangler has its own error type; garbage in must never crash the caller
        return None
    return text if text and text != name else None


@cache
def _itanium() -> Callable[[str], str | None] | None:
    try:
        import cxxfilt

        cxxfilt.demangle("_Z1fv")  # loads the C++ runtime: fails where there is none
        return cxxfilt.demangle
    except Exception:
        return _pycxxfilt("itanium_demangle")


@cache
def _microsoft() -> Callable[[str], str | None] | None:
    return _pycxxfilt("msvc_demangle")


def _pycxxfilt(function: str) -> Callable[[str], str | None] | None:
    try:
        import pycxxfilt
    except ImportError:  # Python 3.10 has no wheel of it: Microsoft names are then shown as they are
        return None
    return getattr(pycxxfilt, function)
