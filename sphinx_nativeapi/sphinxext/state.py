"""What pages rendered, kept on the build environment: the gate and the ABI pages read it.

``env.nativeapi_rendered`` maps a docname to the declarations its directives rendered, as
``(project, declaration key, anchor, documented)``; ``env.nativeapi_live`` holds the pages of ABI and
coverage tables. Both are purged with the page and merged from parallel
readers, so a ``-j N`` build knows what a serial one knows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

Entry = tuple[str, str, "str | None", bool]


def rendered(env: BuildEnvironment) -> dict[str, list[Entry]]:
    if not hasattr(env, "nativeapi_rendered"):
        env.nativeapi_rendered = {}
    return env.nativeapi_rendered


def note(env: BuildEnvironment, docname: str, entries: list[Entry]) -> None:
    rendered(env).setdefault(docname, []).extend(entries)


def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    rendered(env).pop(docname, None)
    live(env).discard(docname)


def merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    theirs = rendered(other)
    for docname in docnames:
        if docname in theirs:
            rendered(env)[docname] = theirs[docname]
    live(env).update(live(other) & set(docnames))


def locations(env: BuildEnvironment, project: str) -> dict[str, tuple[str, str | None, bool]]:
    """Each rendered declaration of a project -> (docname, anchor, documented); first page wins."""
    out: dict[str, tuple[str, str | None, bool]] = {}
    for docname in sorted(rendered(env)):
        for name, key, anchor, documented in rendered(env)[docname]:
            if name == project and key not in out:
                out[key] = (docname, anchor, documented)
    return out


def live(env: BuildEnvironment) -> set[str]:
    """Pages whose tables are about the whole set (ABI, coverage): re-read whenever any page is."""
    if not hasattr(env, "nativeapi_live"):
        env.nativeapi_live = set()
    return env.nativeapi_live


def note_live(env: BuildEnvironment, docname: str) -> None:
    live(env).add(docname)
