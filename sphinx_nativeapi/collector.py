"""The cyclic garbage collector, paused while a large tree of values is built or compared.

Reading 45,000 exports or a release dump of 10,000 declarations makes hundreds of thousands of objects
that all stay alive: the collections their allocations trigger (young ones, and full ones over the
whole heap) free nothing, and cost a quarter to a half of the work (libLLVM's listing: 15-30%; the diff
of two such dumps: 2.4 s -> 1.7 s). The values are trees (no cycles), so refcounting frees them as
usual, and the collector runs again afterwards.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection inside; the collector's state before, after (a nested pause keeps it off)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def freeze_for_exit() -> None:
    """Keep the interpreter's last collection, at exit, off every value still alive: the process is about
    to hand its memory back, and that collection walks all of it (a second and a half after a rebuild
    of libgit2's docs). What it then leaves behind, nanobind would report as LIEF's leaks."""
    lief = sys.modules.get("lief")
    if lief is not None:
        lief.disable_leak_warning()
    gc.freeze()
