"""An independent oracle for the scanner: the clang inside the ``ziglang`` package, a separate compiler
with its own builtin and libc headers, compiling code generated from our model.

Layouts are checked with static assertions that it compiles (or rejects); symbol names with a file that
takes the address of each declaration, whose undefined symbols ``llvm-nm`` lists from the real object.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from sphinx_nativeapi.model import ANONYMOUS_NAMESPACE, ApiModel, Declaration, PlatformFacts

ZIG_TARGETS = {
    "linux-x86_64": "x86_64-linux-gnu",
    "linux-x86": "x86-linux-gnu",
    "linux-aarch64": "aarch64-linux-gnu",
    "macos-arm64": "aarch64-macos",
    "macos-x86_64": "x86_64-macos",
    "windows-x86_64": "x86_64-windows-msvc",
    "windows-x86": "x86-windows-msvc",
    "windows-x86_64-mingw": "x86_64-windows-gnu",
}


def llvm_nm() -> str | None:
    return shutil.which("llvm-nm") or next(
        (str(p) for p in sorted(Path("/usr/lib").glob("llvm-*/bin/llvm-nm"))), None
    )


def zig_available() -> bool:
    try:
        import ziglang  # noqa: F401
    except ImportError:
        return False
    return True


def _zig(language: str, target: str, args: list[str], work: Path) -> subprocess.CompletedProcess:
    # Always `zig cc -c`: `zig c++`, and -fsyntax-only, make zig build libc++ for the target (minutes).
    language_args = ["-x", "c++"] if language == "c++" else []
    cache = str(work / "zig-cache")
    env = {**os.environ, "ZIG_GLOBAL_CACHE_DIR": cache, "ZIG_LOCAL_CACHE_DIR": cache}
    if target.endswith("-msvc"):
        # zig has no MSVC headers; mingw-w64's, as the scanner uses them, stand in for <time.h> and co.
        import ziglang

        libc = Path(ziglang.__file__).parent / "lib" / "libc" / "include" / "any-windows-any"
        args = ["-isystem", str(libc), "-fgnuc-version=4.2.1", *args]
    return subprocess.run(
        [sys.executable, "-m", "ziglang", "cc", "-target", target, *language_args, *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env=env,
    )


def _type_name(decl: Declaration, language: str, model: ApiModel | None = None) -> str:
    if decl.name.startswith("@") and model is not None:
        # The unnamed type of a field ("union { ... } cert" is "@cert"): spelled through the field;
        # of a variable ("class { ... } C" is "@C"), through the variable.
        field = next(
            d
            for d in model.declarations
            if d.parent == decl.parent and d.kind in ("field", "variable") and d.name == decl.name[1:]
        )
        if field.kind == "variable":
            access = field.qualified_name
        else:
            parent = next(d for d in model.declarations if d.usr == decl.parent)
            access = f"((({_type_name(parent, language, model)} *)0)->{field.name})"
        if field.signature.rstrip().endswith("]"):
            access += "[0]"
        elif "*" in (field.type or ""):
            access = f"(*{access})"
        return f"__typeof__({access})"
    if (
        decl.kind in ("struct", "union", "enum")
        and language == "c"
        and decl.signature.startswith(("struct ", "union ", "enum "))
    ):
        # A C tag is spelled with its keyword, unless a typedef named it (then the signature says so too).
        return decl.signature if decl.usr.startswith(("c:@S@", "c:@U@", "c:@E@")) else decl.name
    return spelled(decl, model)


def spelled(decl: Declaration, model: ApiModel | None) -> str:
    """The name C++ code writes for a declaration: an explicit specialization of a class template
    with its arguments (``sp::Expr<int, plus>``), of a nested class with its class's
    (``al::Outer<int>::Handler``), and its members through it; an anonymous namespace's entity through
    the enclosing namespace (``an::tag``)."""
    parent = next((d for d in model.declarations if d.usr == decl.parent), None) if model else None
    scope = spelled(parent, model) if parent is not None and parent.kind != "namespace" else None
    name = decl.name
    if decl.kind in ("struct", "class", "union") and re.match(r"template\s*<>", decl.signature):
        found = re.search(rf"(\w+<.*>::)?\b{re.escape(name)}(<.*>)?$", decl.signature)
        if found and (found.group(1) or found.group(2)):
            name = found.group(0)
            if found.group(1) and scope is None:  # in the namespace, named through its class
                scope = parent.qualified_name if parent is not None else ""
    if scope is not None:
        text = f"{scope}::{name}" if scope else name
    else:
        text = decl.qualified_name.rsplit("::", 1)[0] + "::" + name if "::" in decl.qualified_name else name
    return text.replace(ANONYMOUS_NAMESPACE + "::", "")


def layout_assertions(model: ApiModel, platform: str, language: str) -> list[str]:
    assert_kw = "static_assert" if language == "c++" else "_Static_assert"
    lines = []
    public_fields = {
        (d.parent, d.name) for d in model.declarations if d.kind == "field" and d.access != "private"
    }
    for decl in model.declarations:
        facts = decl.platforms.get(platform)
        if (
            facts is None
            or facts.size is None
            or decl.template
            or decl.kind not in ("struct", "union", "class", "typedef", "enum")
        ):
            continue
        if decl.access in ("private", "protected"):
            continue
        name = _type_name(decl, language, model)
        lines.append(f'{assert_kw}(sizeof({name}) == {facts.size}, "size of {decl.qualified_name}");')
        lines.append(f'{assert_kw}(_Alignof({name}) == {facts.align}, "align of {decl.qualified_name}");')
        for field in facts.fields or ():
            public = language == "c" or (decl.usr, field.name) in public_fields
            if field.bit_width is None and field.offset is not None and field.name and public:
                lines.append(
                    f"{assert_kw}(__builtin_offsetof({name}, {field.name}) == {field.offset}, "
                    f'"offset of {decl.qualified_name}.{field.name}");'
                )
    return lines


def check_layouts(header: Path, model: ApiModel, platform: str, language: str, work: Path, args=()) -> str:
    """'' when zig's clang agrees with every size, alignment and offset; its errors otherwise."""
    suffix = ".cpp" if language == "c++" else ".c"
    source = work / f"layout-{platform}{suffix}"
    source.write_text(
        f'#include "{header}"\n' + "\n".join(layout_assertions(model, platform, language)) + "\n"
    )
    obj = work / f"layout-{platform}.o"
    run = _zig(language, ZIG_TARGETS[platform], ["-c", "-w", *args, str(source), "-o", str(obj)], work)
    return "" if run.returncode == 0 else run.stderr


def referable(decl: Declaration, facts: PlatformFacts, overloaded: set[str], name: str) -> bool:
    """Named by its qualified name (not a friend, which only argument-dependent lookup finds),
    compiled by the library on this platform (not inline there: an #ifdef may make it so)."""
    return (
        decl.kind in ("function", "variable", "method")
        and not decl.friend
        and not (decl.inline if facts.inline is None else facts.inline)
        and not decl.template
        and not decl.virtual
        and not decl.deleted
        and decl.linkage == "external"
        and name not in overloaded
        and decl.access in (None, "public")
    )


def referenced_symbols(
    header: Path, model: ApiModel, platform: str, language: str, work: Path, args=()
) -> tuple[dict[str, set[str]], set[str], str]:
    """(our names per declaration, the names zig's clang references, its errors)."""
    names = {id(d): spelled(d, model) if language == "c++" else d.name for d in model.declarations}
    counts: dict[str, int] = {}
    for name in names.values():
        counts[name] = counts.get(name, 0) + 1
    overloaded = {name for name, n in counts.items() if n > 1}
    ours: dict[str, set[str]] = {}
    uses = []
    for i, decl in enumerate(model.declarations):
        facts = decl.platforms.get(platform)
        if facts is None or not facts.symbols or not referable(decl, facts, overloaded, names[id(decl)]):
            continue
        ours[names[id(decl)]] = set(facts.symbols)
        # Inside a function at -O0: the address of a dllimport object is no constant initialiser.
        if language == "c++":
            uses.append(f"auto use_{i} = &{names[id(decl)]}; (void)use_{i};")
        else:
            uses.append(f"void *use_{i} = (void *)&{decl.name}; (void)use_{i};")
    suffix = ".cpp" if language == "c++" else ".c"
    source = work / f"use-{platform}{suffix}"
    body = "\n    ".join(uses)
    source.write_text(f'#include "{header}"\nvoid nativeapi_use(void) {{\n    {body}\n}}\n')
    obj = work / f"use-{platform}.o"
    run = _zig(language, ZIG_TARGETS[platform], ["-c", "-w", "-O0", *args, str(source), "-o", str(obj)], work)
    if run.returncode != 0:
        return ours, set(), run.stderr
    nm = subprocess.run([llvm_nm(), "-u", "-j", str(obj)], capture_output=True, text=True, check=True)
    # A dllimport declaration is referenced through its import slot, __imp_ + the object name.
    names = {line.strip().removeprefix("__imp_") for line in nm.stdout.splitlines() if line.strip()}
    names.discard("_GLOBAL_OFFSET_TABLE_")  # i386 ELF: the linker's, referenced by PIC code
    # zig compiles C++ at -O0 with UBSan: what a dllexport class's inline members emit calls its runtime
    names = {name for name in names if not name.startswith("__ubsan_")}
    return ours, names, ""
