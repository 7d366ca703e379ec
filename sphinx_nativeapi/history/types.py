"""How a type spelt in a declaration is passed on one platform, from the facts a release holds.

The scan gives each parameter's and field's type as spelt in the header (``example_level``,
``size_t``), and gives typedefs, records and enums with their sizes per platform. A diff must tell an
ABI change (``int`` -> ``long`` on LP64) from a change of spelling (a typedef to the same type), so
this module resolves a spelling through the release's own typedefs and knows the builtin types of each
data model. What it cannot resolve is None: unknown, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sphinx_nativeapi.model import Declaration
from sphinx_nativeapi.platforms import DEFAULT_PLATFORMS, Platform

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:::[A-Za-z_][A-Za-z0-9_]*)*")
_QUALIFIERS = {"const", "volatile", "restrict", "__restrict", "__restrict__", "struct", "union", "enum",
               "class", "typename"}
_RECORD_KINDS = {"struct", "union", "class"}


@dataclass(frozen=True)
class Passing:
    """How a value of a type is passed and laid out: what must stay equal for compiled callers."""

    cls: str  # "int", "float", "pointer", "record", "void"
    size: int | None
    align: int | None = None

    def __str__(self) -> str:
        return f"{self.cls} of {self.size} bytes" if self.size is not None else self.cls


def _builtin_sizes(platform: Platform) -> dict[str, tuple[str, int]]:
    pointer = 4 if platform.data_model == "ILP32" else 8
    long = 8 if platform.data_model == "LP64" else 4
    arm64 = platform.triple.split("-", 1)[0] in ("arm64", "aarch64")
    # MSVC's long double is double; MinGW keeps GCC's x87 one (12 bytes on x86, 16 on x86-64).
    if (platform.is_windows and (platform.cxx_abi == "microsoft" or arm64)) or (platform.format == "macho"
                                                                                and arm64):
        long_double = 8
    elif platform.is_x86_32:
        long_double = 12
    else:
        long_double = 16
    wchar = 2 if platform.is_windows else 4
    table: dict[str, tuple[str, int]] = {
        "void": ("void", 0), "bool": ("int", 1), "_Bool": ("int", 1), "char": ("int", 1),
        "signed char": ("int", 1), "unsigned char": ("int", 1), "char8_t": ("int", 1),
        "short": ("int", 2), "unsigned short": ("int", 2), "char16_t": ("int", 2), "char32_t": ("int", 4),
        "wchar_t": ("int", wchar), "int": ("int", 4), "unsigned int": ("int", 4), "unsigned": ("int", 4),
        "long": ("int", long), "unsigned long": ("int", long),
        "long long": ("int", 8), "unsigned long long": ("int", 8),
        "__int128": ("int", 16), "unsigned __int128": ("int", 16),
        "float": ("float", 4), "double": ("float", 8), "long double": ("float", long_double),
        "size_t": ("int", pointer), "ssize_t": ("int", pointer), "ptrdiff_t": ("int", pointer),
        "intptr_t": ("int", pointer), "uintptr_t": ("int", pointer),
        "std::size_t": ("int", pointer), "std::ptrdiff_t": ("int", pointer),
        "std::nullptr_t": ("pointer", pointer), "nullptr_t": ("pointer", pointer),
    }
    for bits in (8, 16, 32, 64):
        for prefix in ("", "std::"):
            table[f"{prefix}int{bits}_t"] = ("int", bits // 8)
            table[f"{prefix}uint{bits}_t"] = ("int", bits // 8)
    for name, (cls, size) in list(table.items()):  # "long int", "short int", "signed int", ...
        if cls == "int" and name not in ("bool", "_Bool", "char", "signed char", "unsigned char"):
            table.setdefault(name.replace("long", "long int", 1) if "long" in name else name, (cls, size))
    table["signed"] = table["signed int"] = table["int"]
    table["short int"] = table["signed short"] = table["short"]
    table["long int"] = table["signed long"] = table["long"]
    table["long long int"] = table["signed long long"] = table["long long"]
    table["unsigned long int"] = table["unsigned long"]
    table["unsigned short int"] = table["unsigned short"]
    table["unsigned long long int"] = table["unsigned long long"]
    return table


@cache
def _builtins(platform: Platform) -> dict[str, tuple[str, int]]:
    return _builtin_sizes(platform)


class TypeResolver:
    """One release's types on one platform: canonical spellings and passing."""

    def __init__(self, declarations: list[Declaration], platform: str) -> None:
        self.platform = platform
        target = DEFAULT_PLATFORMS.get(platform)
        self.builtins = _builtins(target) if target else {}
        self.pointer = None if target is None else (4 if target.data_model == "ILP32" else 8)
        self._canonical: dict[str, str] = {}  # memo: a large API spells the same types again and again
        self._names: dict[str, set[str]] = {}
        self._users: dict[str, list[str]] | None = None  # a word -> the typedefs whose target holds it
        self.typedefs: dict[str, str] = {}
        self.records: dict[str, Declaration] = {}
        for decl in declarations:
            names = {decl.qualified_name, decl.name}
            if decl.kind == "typedef" and decl.type:
                spelt = decl.type
                facts = decl.platforms.get(platform)
                if facts is not None and facts.declared_as:
                    spelt = typedef_target(facts.declared_as, decl.name) or spelt
                for name in names:
                    self.typedefs.setdefault(name, spelt)
            elif decl.kind in _RECORD_KINDS or decl.kind == "enum":
                for name in names:  # a definition wins over a forward declaration
                    known = self.records.get(name)
                    facts = known.platforms.get(platform) if known else None
                    if name and (facts is None or facts.size is None):
                        self.records[name] = decl

    def canonical(self, spelling: str | None, depth: int = 0) -> str | None:
        """The spelling with every typedef of the release replaced by what it names, qualifiers of
        records (``struct``) dropped and spaces normalised."""
        if spelling is None:
            return None
        if depth > 20:
            return spelling
        if depth == 0:
            found = self._canonical.get(spelling)
            if found is None:
                found = self._canonical[spelling] = self._resolve(spelling, 0)
            return found
        return self._resolve(spelling, depth)

    def _resolve(self, spelling: str, depth: int) -> str:

        def replace(match: re.Match[str]) -> str:
            word = match.group(0)
            if word in _QUALIFIERS - {"const", "volatile"}:
                return ""
            target = self.typedefs.get(word)
            if target is None or word in self.builtins:
                return word
            inner = self.canonical(target, depth + 1) or target
            return f"({inner})" if "(" in inner or "*" in inner else inner

        text = " ".join(_IDENT.sub(replace, spelling).split())
        for before, after in ((" *", "*"), (" &", "&"), ("( ", "("), (" )", ")"), (" ,", ","), ("*", "* ")):
            text = text.replace(before, after)
        return " ".join(text.split()).replace("* )", "*)").replace("* ,", "*,")

    def passing(self, spelling: str | None) -> Passing | None:
        """How a value of the type is passed; None when the release does not tell."""
        canonical = self.canonical(spelling)
        if canonical is None:
            return None
        if "*" in canonical or "&" in canonical or "[" in canonical or "(" in canonical:
            return Passing("pointer", self.pointer, self.pointer)
        words = [w for w in canonical.replace("::", "\0").split() if w not in ("const", "volatile")]
        base = " ".join(words).replace("\0", "::")
        if base in self.builtins:
            cls, size = self.builtins[base]
            return Passing(cls, size, size or None)
        record = self.records.get(base)
        if record is None:
            return None
        facts = record.platforms.get(self.platform)
        if facts is None or facts.size is None:
            return None
        return Passing("int" if record.kind == "enum" else "record", facts.size, facts.align)

    def reaching(self, names: set[str]) -> set[str]:
        """``names`` and every typedef that names one of them, directly or through other typedefs: the
        words a spelling must hold for ``names_in`` to find one of ``names`` (a test of a few words in
        place of resolving every spelling of a large API)."""
        if self._users is None:
            self._users = {}
            for alias, target in self.typedefs.items():
                for word in _IDENT.findall(target):
                    self._users.setdefault(word, []).append(alias)
        found, todo = set(names), list(names)
        while todo:
            for alias in self._users.get(todo.pop(), ()):
                if alias not in found:
                    found.add(alias)
                    todo.append(alias)
        return found

    def mentions(self, spelling: str, words: set[str]) -> bool:
        """Whether the spelling holds one of ``words`` (as an identifier, not inside a longer one)."""
        return not words.isdisjoint(_IDENT.findall(spelling))

    def names_in(self, spelling: str | None) -> set[str]:
        """Every record and enum a spelling names, through typedefs (for types a function uses)."""
        found = self._names.get(spelling or "")
        if found is None:
            canonical = self.canonical(spelling) or ""
            found = self._names[spelling or ""] = {w for w in _IDENT.findall(canonical) if w in self.records}
        return found


def typedef_target(declared_as: str, name: str) -> str | None:
    """``long long`` from ``typedef long long foo_off_t`` (a platform's own declaration)."""
    text = declared_as.strip().rstrip(";")
    if not text.startswith("typedef ") or not text.endswith(name):
        return None
    return text[len("typedef "):-len(name)].strip() or None
