"""The semver bump a set of changes requires, and the bump two release names make.

Any break (binary or source) requires a major release, new API a minor one, anything else a patch.
Under 0.y.z, as Cargo reads semver, the minor number is the major one: 0.4 -> 0.5 may break.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sphinx_nativeapi.errors import NativeApiError

BUMPS = ("patch", "minor", "major")
_VERSION = re.compile(r"v?(\d+)(?:\.(\d+))?(?:\.(\d+))?")


def required_bump(kinds: Iterable[str]) -> str | None:
    """The least bump that allows every change (of unwaived kinds); None when there is no change."""
    kinds = set(kinds)
    if not kinds:
        return None
    if kinds & {"binary-break", "source-break"}:
        return "major"
    if "compatible" in kinds:
        return "minor"
    return "patch"


def parse_version(name: str) -> tuple[int, int, int] | None:
    """``1.4``, ``v1.4.2``, ``1.4.2rc1`` -> (1, 4, 2); None for a name that is no version."""
    match = _VERSION.match(name.strip())
    if match is None:
        return None
    return tuple(int(part or 0) for part in match.groups())  # type: ignore[return-value]


def version_key(name: str) -> tuple:
    """Order release names as versions (names that are none sort first, by name)."""
    parsed = parse_version(name)
    return (1, parsed, name) if parsed is not None else (0, (), name)


def release_bump(old: str, new: str) -> str | None:
    """The bump from release ``old`` to ``new``; None when either name is no version."""
    a, b = parse_version(old), parse_version(new)
    if a is None or b is None:
        return None
    if b <= a:
        raise NativeApiError(f"release {new!r} is not after {old!r}")
    if a[0] == 0 and b[0] == 0:  # 0.y.z: y is the major number
        return "major" if a[1] != b[1] else "minor" if a[2] != b[2] else "patch"
    return "major" if a[0] != b[0] else "minor" if a[1] != b[1] else "patch"


def too_small(made: str | None, required: str | None) -> bool:
    return made is not None and required is not None and BUMPS.index(made) < BUMPS.index(required)
