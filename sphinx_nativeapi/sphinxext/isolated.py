"""Run the scan, the binary reading and the match in a forked child, and take back only the result.

Why: libclang's translation unit and allocator arenas stay resident in the process that parsed
(about 45 MB on libgit2's 66 headers, measured: freeing the unit does not give the pages back), and
a Sphinx build's peak memory is reached later, when every page's doctree is held at once, so the
parse would add to that peak. In a child, the parse's memory ends with the child; the parent
receives the plain-data result through a pipe (a pickle of about 1.5 MB for libgit2) and never
imports clang at all.

Where ``fork`` is unavailable or unsafe (Windows, macOS) the work runs in this process, with the
same result. A child that fails for any reason other than a ``NativeApiError`` makes the parent redo
the work itself, so that an unexpected fault shows its traceback where Sphinx reports it.

While the child works, the parent only waits for its result: work that needs no part of it (the
release history's dumps) can run then on a thread of the parent (``meanwhile``, ``in_thread``), on the
core the child leaves free.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

from sphinx_nativeapi.errors import NativeApiError

T = TypeVar("T")


def forking() -> bool:
    """Whether a child can be forked safely: POSIX, but not macOS (system frameworks forbid it)."""
    return hasattr(os, "fork") and sys.platform != "darwin"


def call(func: Callable[..., T], *args: object, meanwhile: Callable[[], object] | None = None) -> T:
    """``func(*args)``, run in a forked child where possible; its NativeApiError is raised here.

    ``meanwhile`` is called in this process once the child runs (after the fork, so that no thread it
    starts is copied into the child): it may start work on a thread that this process would otherwise
    leave idle until the result comes back.
    """
    if not forking():
        value = func(*args)
        if meanwhile is not None:
            meanwhile()
        return value
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns, never runs the parent's exit handlers
        status = 1
        try:
            os.close(read_fd)
            try:
                outcome: tuple = (True, func(*args))
            except NativeApiError as exc:
                outcome = (False, (exc.problem, exc.path))
            with os.fdopen(write_fd, "wb") as pipe:
                pickle.dump(outcome, pipe, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(write_fd)
    if meanwhile is not None:
        meanwhile()
    with os.fdopen(read_fd, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return func(*args)
    ok, value = pickle.loads(data)
    if not ok:
        raise NativeApiError(*value)
    return value


def in_thread(func: Callable[..., T], *args: object) -> Future[T]:
    """``func(*args)`` on a thread of its own: its result, or its exception, is the future's."""
    future: Future[T] = Future()

    def run() -> None:
        try:
            future.set_result(func(*args))
        except BaseException as exc:  # handed to whoever waits for the result
            future.set_exception(exc)

    threading.Thread(target=run, name=f"nativeapi-{func.__name__}", daemon=True).start()
    return future
