"""``.. native-api-ffi::`` — the whole ctypes module (or cffi cdef) of one platform, for a user to copy."""

from __future__ import annotations

import os

from docutils import nodes
from docutils.parsers.rst import directives

from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.sphinxext.directives import NativeApiDirectiveBase
from sphinx_nativeapi.sphinxext.ffinodes import api_of
from sphinx_nativeapi.sphinxext.projects import LoadedProject


class NativeApiFfiDirective(NativeApiDirectiveBase):
    """``.. native-api-ffi::`` — the whole ctypes module (or cffi cdef) of one platform."""

    option_spec = {
        "project": directives.unchanged_required,
        "platform": directives.unchanged_required,
        "flavor": lambda argument: directives.choice(argument, ("ctypes", "cffi")),
    }

    def render(self, loaded: LoadedProject) -> list[nodes.Node]:
        platform = self.options.get("platform") or loaded.platforms[0]
        if platform not in loaded.platforms:
            raise NativeApiError(
                f"platform {platform} not scanned by project {loaded.project.name!r} "
                f"(it scans {', '.join(loaded.platforms)})"
            )
        api = api_of(loaded, platform)
        if self.options.get("flavor", "ctypes") == "cffi":
            from sphinx_nativeapi.ffi.cffi_gen import cdef

            text, language = cdef(api), "c"
        else:
            from sphinx_nativeapi.ffi.ctypes_module import module

            binaries = loaded.project.binaries_for(platform)
            library = (
                os.path.basename(binaries[0]) if binaries and not binaries[0].endswith(".json") else None
            )
            headers = ", ".join(os.path.basename(h) for h in loaded.project.request.headers)
            text, language = module(api, library, headers), "python"
        self.depend(loaded, set(loaded.model.includes), binaries=True)
        return [nodes.literal_block(text, text, language=language, classes=["nativeapi-ffi-module"])]
