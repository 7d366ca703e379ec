"""FFI declarations under each rendered declaration: ctypes (and/or cffi), per group of platforms.

One code block per group of platforms whose declarations are the same text (most of an API is one
block; a ``long`` splits LP64 from LLP64, a stdcall function 32-bit Windows from the rest). They come
from the project's scan and binaries, through ``sphinx_nativeapi.ffi``, once per project and platform.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.model import Declaration
from sphinx_nativeapi.sphinxext.projects import LoadedProject

# The generators (and the matcher and binary readers they use) load only where a page shows FFI.
if TYPE_CHECKING:
    from sphinx_nativeapi.ffi.api import FfiApi

_LANGUAGES = {"ctypes": "python", "cffi": "c"}
# Per loaded project (kept alive here with it) and platform: its C API, and each flavor's snippets.
_APIS: dict[tuple[int, str], tuple[LoadedProject, FfiApi]] = {}
_SNIPPETS: dict[tuple[int, str, str], tuple[LoadedProject, dict[str, str]]] = {}


def flavors_option(argument: str | None) -> tuple[str, ...]:
    """``:ffi: ctypes, cffi`` (or ``none``, to leave the project's ``ffi`` out on one directive)."""
    from sphinx_nativeapi.config import ffi_flavors

    names = [n for n in (argument or "").replace(",", " ").split() if n]
    if names == ["none"]:
        return ()
    try:
        return ffi_flavors(names, "the :ffi: option")
    except NativeApiError as exc:
        raise ValueError(str(exc)) from None


def api_of(loaded: LoadedProject, platform: str) -> FfiApi:
    key = (id(loaded), platform)
    found = _APIS.get(key)
    if found is None or found[0] is not loaded:
        from sphinx_nativeapi.ffi.api import c_api

        tables = loaded.symbol_tables.get(platform) or None
        found = _APIS[key] = (loaded, c_api(loaded.model, loaded.table[platform], tables))
    return found[1]


def _snippets(loaded: LoadedProject, platform: str, flavor: str) -> dict[str, str]:
    key = (id(loaded), platform, flavor)
    found = _SNIPPETS.get(key)
    if found is None or found[0] is not loaded:
        api = api_of(loaded, platform)
        if flavor == "ctypes":
            from sphinx_nativeapi.ffi.ctypes_gen import snippets
        else:
            from sphinx_nativeapi.ffi.cffi_gen import cdef_snippets as snippets
        found = _SNIPPETS[key] = (loaded, snippets(api))
    return found[1]


def ffi_nodes(
    loaded: LoadedProject, decl: Declaration, platforms: list[str], flavors: tuple[str, ...]
) -> list[nodes.Node]:
    """Each flavor's declaration of ``decl``, one block per group of platforms that agree."""
    out: list[nodes.Node] = []
    for flavor in flavors:
        groups: dict[str, list[str]] = {}
        for platform in platforms:
            if platform not in decl.platforms:
                continue
            text = _snippets(loaded, platform, flavor).get(decl.key)
            if text is not None:
                groups.setdefault(text, []).append(platform)
        if not groups:
            continue
        box = nodes.container(classes=["nativeapi-ffi", f"nativeapi-ffi-{flavor}"])
        box += nodes.rubric(flavor, flavor)
        for text, names in groups.items():
            if len(groups) > 1 or len(names) < len(platforms):
                label = ", ".join(names)
                box += nodes.paragraph(label, "", nodes.strong(label, label))
            block = nodes.literal_block(text, text, language=_LANGUAGES[flavor])
            box += block
        out.append(box)
    return out
