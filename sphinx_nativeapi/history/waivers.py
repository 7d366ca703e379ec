"""Waivers: changes a project accepts, each with a reason (as revapi requires a justification).

``[tool.nativeapi]`` (and a Sphinx project dict) holds ``waivers = [{rule, name, platforms, reason,
expires}]``: ``rule`` a rule id or a glob of them (``type.*``), ``name`` a glob matched against the
change's declaration and symbol, ``platforms`` (optional) the platforms it covers, ``reason`` required,
``expires`` (optional) an ISO date after which it no longer waives and is warned about.
"""

from __future__ import annotations

import datetime
import fnmatch
import re
from dataclasses import dataclass
from typing import Any

from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.history.change import Change
from sphinx_nativeapi.history.rules import RULES

_MEMBER = re.compile(r"::|\.")
_KEYS = {"rule", "name", "platforms", "reason", "expires"}


@dataclass(frozen=True)
class Waiver:
    rule: str
    name: str
    reason: str
    platforms: tuple[str, ...] = ()
    expires: datetime.date | None = None

    def expired(self, today: datetime.date) -> bool:
        return self.expires is not None and self.expires < today

    def covers(self, change: Change) -> bool:
        if not fnmatch.fnmatchcase(change.rule, self.rule):
            return False
        if self.platforms and change.platform not in self.platforms:
            return False
        names = [n for n in (change.declaration, change.symbol) if n]
        if not names:  # a change of the library itself (its name): matched by its old and new value
            names = [n for n in (change.old, change.new) if n]
        if change.declaration:  # a waiver of a type covers its members (s covers s.b and s::b)
            names += [change.declaration[:m.start()] for m in _MEMBER.finditer(change.declaration)]
        return any(fnmatch.fnmatchcase(n, self.name) for n in names)


def parse_waivers(value: Any, where: str) -> tuple[Waiver, ...]:
    """Check the waivers of a project; a waiver without a reason is an error that names it."""
    if not isinstance(value, list):
        raise NativeApiError("'waivers' must be a list of tables ({rule, name, reason, ...})", where)
    waivers = []
    for index, item in enumerate(value):
        here = f"waivers[{index}]"
        if not isinstance(item, dict):
            raise NativeApiError(f"{here} must be a table with rule, name and reason", where)
        unknown = sorted(set(item) - _KEYS)
        if unknown:
            raise NativeApiError(f"{here}: unknown key(s) {', '.join(unknown)}; known: "
                                 f"{', '.join(sorted(_KEYS))}", where)
        reason = item.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise NativeApiError(f"{here} has no reason: every waiver must say why the change is accepted",
                                 where)
        rule = item.get("rule")
        if not isinstance(rule, str) or not fnmatch.filter(RULES, rule):
            raise NativeApiError(f"{here}: rule {rule!r} names no rule (see `nativeapi diff --rules`)", where)
        name = item.get("name", "*")
        if not isinstance(name, str):
            raise NativeApiError(f"{here}: name must be a string (a glob)", where)
        platforms = item.get("platforms", [])
        if isinstance(platforms, str):
            platforms = [platforms]
        if not isinstance(platforms, list) or not all(isinstance(p, str) for p in platforms):
            raise NativeApiError(f"{here}: platforms must be a list of platform names", where)
        expires = item.get("expires")
        if expires is not None:
            try:
                expires = (expires if isinstance(expires, datetime.date)
                           else datetime.date.fromisoformat(str(expires)))
            except ValueError:
                message = f"{here}: expires {expires!r} is not a date (YYYY-MM-DD)"
                raise NativeApiError(message, where) from None
        waivers.append(Waiver(rule, name, reason.strip(), tuple(platforms), expires))
    return tuple(waivers)


def apply_waivers(changes: list[Change], waivers: tuple[Waiver, ...],
                  today: datetime.date | None = None) -> list[str]:
    """Mark each change a live waiver covers; return warnings (expired waivers, waivers unused)."""
    today = today or datetime.date.today()
    warnings = []
    for waiver in waivers:
        if waiver.expired(today):
            warnings.append(f"the waiver of {waiver.rule} for {waiver.name} expired on {waiver.expires}: "
                            "it no longer waives anything")
            continue
        for item in changes:
            if item.waived is None and waiver.covers(item):
                item.waived = waiver.reason
    return warnings
