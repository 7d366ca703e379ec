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
import os
from typing import TYPE_CHECKING

from sphinx_nativeapi.collector import freeze_for_exit

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


def _settle() -> None:
    gc.collect(1)
    gc.freeze()


# (pid, was it on) of the process that turned the collector off: process-wide, like the collector.
_paused: list[tuple[int, bool]] = []


def _pause() -> None:
    if not _paused:
        _paused.append((os.getpid(), gc.isenabled()))
        gc.disable()


def _resume() -> None:
    """Turn the collector back on, in the process that turned it off (a forked reader never did)."""
    if _paused and _paused[0][0] == os.getpid() and _paused.pop()[1]:
        gc.enable()


def _forked() -> None:
    """A forked reader or writer makes and drops pages' worth of cycles: it needs its collector."""
    if _paused and _paused.pop()[1]:
        gc.enable()


if hasattr(os, "register_at_fork"):  # POSIX; elsewhere Sphinx's readers are not forked
    os.register_at_fork(after_in_child=_forked)


def before_loading(app: Sphinx, config: Config) -> None:
    _pause()


def after_loading(app: Sphinx) -> None:
    """What was loaded lives to the end of the build: frozen as it is (collecting the young
    generation first would walk all of it, 0.25 s, for the few temporaries unpickling leaves)."""
    gc.freeze()
    _resume()


def before_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """The loaded environment and projects: alive for the whole build. Under ``-j``, this process
    then only unpickles and merges what the readers send back, all of it kept: no collections."""
    _settle()
    if app.parallel > 1 and len(docnames) > 1:
        _pause()


def page_read(app: Sphinx, doctree: nodes.document) -> None:
    _resume()  # this process reads after all (Sphinx fell back to reading serially)
    _settle()


def after_reading(app: Sphinx, env: BuildEnvironment) -> None:
    _resume()
    _settle()


def page_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Under ``-j``, this process unpickles each page's doctree to resolve it before a writer gets
    it; without this, the merged environment was walked by a dozen full collections (5.7 s)."""
    _settle()


def build_finished(app: Sphinx, exception: Exception | None) -> None:
    """Everything back to the collector: a process that builds again (tests, a server) frees it."""
    _resume()
    gc.unfreeze()
    atexit.unregister(freeze_for_exit)  # registered once, however many builds the process runs
    atexit.register(freeze_for_exit)
