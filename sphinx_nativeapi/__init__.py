"""sphinx-nativeapi: document native (C and C++) APIs from their headers and their compiled binaries."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def setup(app: Any) -> dict[str, Any]:
    """Sphinx entry point (``extensions = ["sphinx_nativeapi"]``); Sphinx is imported only here."""
    from sphinx_nativeapi.sphinxext import setup as setup_extension

    return setup_extension(app)
