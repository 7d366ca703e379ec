"""Best-of-N wall time, shared by the benchmarks (run as scripts from this folder)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def best(repeat: int, step: Callable[[], T]) -> tuple[float, T]:
    """The shortest of ``repeat`` runs, and the value of the last: the least disturbed measurement."""
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = step()
        times.append(time.perf_counter() - start)
    return min(times), value
