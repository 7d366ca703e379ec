"""The case headers: each carries its expected facts in a ``nativeapi-expect`` JSON comment."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from sphinx_nativeapi.cache import ScanCache
from sphinx_nativeapi.model import ApiModel
from sphinx_nativeapi.scanner import ScanRequest, scan

HERE = Path(__file__).parent
_EXPECT = re.compile(r"/\*\s*nativeapi-expect\s*(\{.*?\})\s*\*/", re.S)


@dataclass
class Case:
    path: Path
    expect: dict

    @property
    def platforms(self) -> list[str]:
        return self.expect["platforms"]

    def request(self, **overrides) -> ScanRequest:
        values = dict(
            headers=(str(self.path),),
            language=self.expect.get("language", "c"),
            std=self.expect.get("std"),
            args=tuple(self.expect.get("args", ())),
            platforms=tuple(self.platforms),
            defines=tuple(self.expect.get("defines", ())),
            export_macros=tuple(self.expect.get("export_macros", ())),
            comment_style=self.expect.get("comment_style", "doxygen"),
            anonymous_namespaces=self.expect.get("anonymous_namespaces", False),
        )
        values.update(overrides)
        return ScanRequest(**values)


def load(path: Path) -> Case:
    match = _EXPECT.search(path.read_bytes().decode("utf-8", "replace"))  # a case may hold any bytes
    assert match, f"{path} has no nativeapi-expect comment"
    return Case(path, json.loads(match.group(1)))


CASES = [load(p) for p in sorted(HERE.glob("*.h*"))]


def scan_case(case: Case, cache: ScanCache | None = None, **overrides) -> ApiModel:
    return scan(case.request(**overrides), cache=cache)
