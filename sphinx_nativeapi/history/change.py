"""One change between two releases on one platform: the diff's unit, and the JSON of its report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sphinx_nativeapi.history.rules import RULES


@dataclass
class Change:
    rule: str
    kind: str
    platform: str
    declaration: str | None  # qualified name, or the demangled export that no declaration owns
    symbol: str | None
    file: str | None  # in NEW; in OLD for what was removed
    line: int | None
    old: str | None
    new: str | None
    message: str
    waived: str | None = None  # the reason of the waiver that accepts it

    def to_json(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        if self.waived is None:
            del data["waived"]
        return data

    @property
    def sort_key(self) -> tuple:
        return (self.platform, self.file or "~", self.declaration or "", self.rule, self.symbol or "",
                self.old or "", self.new or "", self.line or 0)


def change(rule_id: str, what: str, *, platform: str, declaration: str | None, symbol: str | None,
           file: str | None, line: int | None, old: Any = None, new: Any = None,
           kind: str | None = None) -> Change:
    """A change of a rule, its message made of what changed, the rule's effect and its fix."""
    rule = RULES[rule_id]
    text = f"{what}. {rule.effect} {rule.fix}"
    return Change(rule=rule_id, kind=kind or rule.kind, platform=platform, declaration=declaration,
                  symbol=symbol, file=file, line=line, old=None if old is None else str(old),
                  new=None if new is None else str(new), message=text)
