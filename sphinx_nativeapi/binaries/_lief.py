"""LIEF, imported once and only when a binary is read (its import costs about 0.3 s).

LIEF logs parse problems to stderr and returns ``None`` or a half-filled object; callers turn both into
a :class:`NativeApiError` instead, so LIEF's own log is silenced here.
"""

from __future__ import annotations

from functools import cache
from types import ModuleType


@cache
def lief() -> ModuleType:
    import lief as _lief

    _lief.logging.disable()
    return _lief


def text(value: str | bytes) -> str:
    """A name LIEF read: it gives ``bytes`` for a name that is not UTF-8, shown here with escapes."""
    return value if isinstance(value, str) else value.decode("utf-8", "backslashreplace")


def name_of(value: object) -> str:
    """An enum member's name; LIEF hands back a bare int for a value its enum lacks (hostile input)."""
    return getattr(value, "name", "")


def check_range(path: str, what: str, offset: int, size: int, file_size: int) -> None:
    """A structure the header points to must lie inside the file, or the file is truncated or hostile.

    LIEF parses what it can of a truncated file and returns the rest silently empty: a listing of such a
    file would look complete while it is not, so every reader checks the ranges it relies on.
    """
    from sphinx_nativeapi.errors import NativeApiError

    if offset < 0 or size < 0 or offset + size > file_size:
        raise NativeApiError(
            f"truncated or corrupt: {what} at offset {offset} with size {size} lies beyond the end "
            f"of the file ({file_size} bytes)",
            path,
        )
