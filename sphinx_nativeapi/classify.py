"""What an export that no declaration owns is: compiler-generated, a template instance, or undeclared.

A C++ library exports much that no header declares: vtables, typeinfo, VTTs, thunks and guard
variables (Itanium), vftables, RTTI, deleting destructors and string literals (Microsoft), special
members the compiler wrote for a declared class (an MSVC ``dllexport`` class exports its implicit copy
constructor and ``operator=``), instances of templates, and the linker's and C runtime's own symbols.
None of those is a leak, and calling them one would bury the real leaks, so each is told apart here by
its mangled prefix first (exact) and by its demangled text second. Whatever is left is *undeclared*: a
leaked internal symbol, or a header that was not scanned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sphinx_nativeapi.model import Declaration

COMPILER_GENERATED = "compiler-generated"
TEMPLATE_INSTANCE = "template-instance"
UNDECLARED = "undeclared"

# Itanium special names (mangling ABI 5.1.4): virtual tables, VTTs, construction vtables, typeinfo and
# its name, thunks, guard variables, TLS init and wrapper functions, reference temporaries, transaction
# clones, and _ZZ: entities local to a function (a static local of an inline function is exported so
# that every library shares one).
_ITANIUM_PREFIXES = (
    "_ZTV", "_ZTT", "_ZTC", "_ZTI", "_ZTS", "_ZTh", "_ZTv", "_ZTc", "_ZGV", "_ZTW", "_ZTH", "_ZGR", "_ZGT",
    "_ZZ",
)
# Microsoft special names: ??_7 vftable, ??_8 vbtable, ??_9 vcall thunk, ??_R0-4 RTTI, ??_C@ string
# literal, ??_D vbase destructor, ??_E/??_G vector/scalar deleting destructor, ??_F default constructor
# closure, ??_L/??_M/??_O EH vector iterators, ??__E/??__F dynamic initialisers and atexit destructors
# (all "??_" except ??_U/??_V, operator new[]/delete[], which a user writes); ?$TSS thread-safe static
# guards; floating-point and SIMD constants and throw info emitted by MSVC.
_MICROSOFT_PREFIXES = ("?$TSS", "__real@", "__xmm@", "__ymm@", "__zmm@", "_TI", "_CTA", "_CT??")
_MICROSOFT_USER_SPECIALS = ("??_U", "??_V")

# Symbols the linker or the C runtime puts into every shared library, seen in real binaries: GNU ld and
# lld on ELF (section bounds, init/fini, glibc's start files), ld64 on Mach-O (image header,
# __dso_handle), and MSVC/MinGW DLL entry points.
_RUNTIME_SYMBOLS = frozenset({
    "_init", "_fini", "_edata", "_end", "_etext", "__bss_start", "__bss_start__", "__bss_end__", "__end__",
    "_bss_end__", "__data_start", "data_start", "_IO_stdin_used", "__dso_handle", "_DYNAMIC",
    "_GLOBAL_OFFSET_TABLE_", "__TMC_END__", "__libc_csu_init", "__libc_csu_fini", "__gmon_start__",
    "_ITM_registerTMCloneTable", "_ITM_deregisterTMCloneTable", "__cxa_finalize",
    "__mh_dylib_header", "__mh_execute_header", "__mh_bundle_header", "___dso_handle", "dyld_stub_binder",
    "DllMain", "_DllMain@12", "DllMain@12", "DllMainCRTStartup", "_DllMainCRTStartup@12",
    "DllMainCRTStartup@12", "DllEntryPoint", "_DllEntryPoint@12", "DllEntryPoint@12",
})
_STD_NAMESPACES = ("std::", "__gnu_cxx::", "__cxxabiv1::", "__gnu_debug::")

_OPERATOR = re.compile(
    r"operator\s*(\(\)|\[\]|<=>|<<=|>>=|<<|>>|->\*|->|&&|\|\||\+\+|--|new\[\]|delete\[\]|[-+*/%^&|~!=<>,]=?)"
)
_ABI_TAG = re.compile(r"\[abi:[^\]]*\]")
_OPEN = {"<": ">", "(": ")", "[": "]", "{": "}"}


@dataclass(frozen=True)
class DeclarationIndex:
    """The model's names that decide a class: declared records, templates, and every declaration."""

    records: frozenset[str]
    templates: frozenset[str]
    names: frozenset[str]

    @classmethod
    def of(cls, declarations: Iterable[Declaration]) -> DeclarationIndex:
        records, templates, names = set(), set(), set()
        for decl in declarations:
            names.add(decl.qualified_name)
            if decl.kind in ("class", "struct", "union"):
                records.add(decl.qualified_name)
            if decl.template:
                templates.add(decl.qualified_name)
        return cls(frozenset(records), frozenset(templates), frozenset(names))


def classify(name: str, demangled: str | None, index: DeclarationIndex) -> str:
    """The class of an export that matched no declaration: one of the three constants above."""
    core = name[1:] if name.startswith("__Z") else name  # Mach-O and i686 object names: one more "_"
    if name in _RUNTIME_SYMBOLS or core in _RUNTIME_SYMBOLS:
        return COMPILER_GENERATED
    if core.startswith(_ITANIUM_PREFIXES) or core.startswith(_MICROSOFT_PREFIXES):
        return COMPILER_GENERATED
    if name.startswith("??_") and not name.startswith(_MICROSOFT_USER_SPECIALS):
        return COMPILER_GENERATED
    if demangled is None:
        return UNDECLARED
    if "`" in demangled:  # Microsoft's `vftable', `adjustor{8}', `local static guard', `string' ...
        return COMPILER_GENERATED
    names = entity_name(demangled)
    if names is None:
        return UNDECLARED
    qualified, plain = names
    if plain.startswith(_STD_NAMESPACES):
        return TEMPLATE_INSTANCE
    scopes = _scopes(plain)
    if len(scopes) >= 2 and scopes[-2] in index.records and _is_special_member(plain):
        return COMPILER_GENERATED
    if plain != qualified and (plain in index.names or any(s in index.templates for s in scopes)):
        return TEMPLATE_INSTANCE
    if any(s in index.templates for s in scopes):
        return TEMPLATE_INSTANCE
    return UNDECLARED


def entity_name(demangled: str) -> tuple[str, str] | None:
    """The qualified name of the function or variable in a demangled text, with and without template
    arguments: ``int geo::scale<int>(int, int)`` gives ``("geo::scale<int>", "geo::scale")``, and
    ``public: virtual int __thiscall geo::Shape::sides(void) const`` ``geo::Shape::sides`` twice.
    Operators (``operator<``, ``operator()``) are set aside first, as their brackets are no brackets.
    """
    text = _ABI_TAG.sub("", demangled).replace("(anonymous namespace)", "{anonymous}")
    operators: list[str] = []

    def hide(match: re.Match[str]) -> str:
        operators.append(match.group(0))
        return f"operator#{len(operators) - 1}#"

    text = _OPERATOR.sub(hide, text)
    end = _first_at_depth_zero(text, "(")
    head = text[:end].rstrip() if end is not None else text.rstrip()
    start = _last_space_at_depth_zero(head) + 1
    name = head[start:]
    if not name:
        return None

    def restore(hidden: str) -> str:
        return re.sub(r"operator#(\d+)#", lambda m: operators[int(m.group(1))], hidden)

    return restore(name), restore(_strip_template_args(name))


def _first_at_depth_zero(text: str, char: str) -> int | None:
    stack: list[str] = []
    for i, c in enumerate(text):
        if not stack and c == char:
            return i
        if c in _OPEN:
            stack.append(_OPEN[c])
        elif stack and c == stack[-1]:
            stack.pop()
    return None


def _last_space_at_depth_zero(text: str) -> int:
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        c = text[i]
        if c in ">)]}":
            depth += 1
        elif c in "<([{":
            depth -= 1
        elif c == " " and depth == 0:
            return i
    return -1


def _strip_template_args(name: str) -> str:
    out: list[str] = []
    depth = 0
    for c in name:
        if c == "<":
            depth += 1
        elif c == ">" and depth:
            depth -= 1
        elif depth == 0:
            out.append(c)
    return "".join(out)


def _scopes(name: str) -> list[str]:
    """``a::b::c`` -> ``["a", "a::b", "a::b::c"]``."""
    parts = name.split("::")
    return ["::".join(parts[: i + 1]) for i in range(len(parts))]


def _is_special_member(name: str) -> bool:
    """A constructor, destructor or assignment operator: what a compiler writes for a class by itself."""
    parts = name.split("::")
    last, owner = parts[-1], parts[-2]
    return last in (owner, f"~{owner}", "operator=")
