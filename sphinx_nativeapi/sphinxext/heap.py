"""Keep Python's cyclic garbage collector off the objects a build keeps until it ends.

Why: a Sphinx build holds every page's doctree from reading to writing, and on a rebuild the whole
loaded environment; each full collection walks all of them, and the collector runs more full
collections as they grow. On libgit2's 66 pages that was 4.5 s of a 26 s cold build and 7.3 s of a
29 s rebuild after touching ``git2/types.h`` (measured with ``gc.callbacks``). Here what survives each
page (its doctree, the domains' data) is moved out of the collector's sight with ``gc.freeze()``,
after a young-generation collection has freed the page's temporary cycles, and handed back with
``gc.unfreeze()`` when the build ends: collections fell to 1.0 s and 1.6 s, and peak memory did not
grow (a page's doctree lives to the end of the build anyway).

Loading the pickled environment of a rebuild makes about 300,000 objects in one go, and the
collector ran full collections over them as they grew: 0.67 s of unpickling libgit2's environment,
0.14 s with the collector off. So it is off from ``config-inited`` (just before Sphinx loads the
environment) to ``builder-inited`` (just after), and what was loaded is frozen.

The interpreter's own shutdown collects again, over the whole environment, after ``main()`` has
returned: 1.6 s of a 3.5 s no-change rebuild of libgit2, with every peer paying it too. At exit there
is nothing worth collecting (the process is about to hand its memory back), so an ``atexit`` hook,
which runs before that collection, freezes everything first. A process that goes on (tests, a server
that builds in-process) is untouched: it has no reason to exit yet.
"""

from __future__ import annotations

import atexit
import gc
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def _settle() -> None:
    gc.collect(1)
    gc.freeze()


_paused: list[bool] = []  # the collector is process-wide, so is what it was before the pause


def before_loading(app: Sphinx, config: Config) -> None:
    _paused.append(gc.isenabled())
    gc.disable()


def after_loading(app: Sphinx) -> None:
    """What was loaded lives to the end of the build: frozen as it is (collecting the young
    generation first would walk all of it, 0.25 s, for the few temporaries unpickling leaves)."""
    gc.freeze()
    if _paused and _paused.pop():
        gc.enable()


def before_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """The loaded environment and projects: alive for the whole build."""
    _settle()


def page_read(app: Sphinx, doctree: nodes.document) -> None:
    _settle()


def build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Everything back to the collector: a process that builds again (tests, a server) frees it."""
    gc.unfreeze()
    atexit.unregister(_freeze_at_exit)  # registered once, however many builds the process runs
    atexit.register(_freeze_at_exit)


def _freeze_at_exit() -> None:
    lief = sys.modules.get("lief")
    if lief is not None:  # nanobind would count what the skipped collection leaves as LIEF's leaks
        lief.disable_leak_warning()
    gc.freeze()
