"""What a directive's argument names: declarations by name, C++ overload signature or glob; headers."""

from __future__ import annotations

import fnmatch
import glob
import os
import re

from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.model import Declaration
from sphinx_nativeapi.sphinxext.projects import LoadedProject

_NESTED = {"field", "enumerator"}
_SPACES = re.compile(r"\s*([*&,<>()])\s*|\s+")


def _normal_type(text: str) -> str:
    return _SPACES.sub(lambda m: m.group(1) or " ", text.strip())


def _by_exact_name(loaded: LoadedProject, name: str) -> list[Declaration]:
    for candidate in (name, name.replace("::", "."), name.replace(".", "::")):
        found = loaded.by_name.get(candidate)
        if found:
            return found
    return []


def _overloads(loaded: LoadedProject, name: str) -> list[Declaration]:
    base, _, rest = name.partition("(")
    params, _, after = rest.rpartition(")")
    wanted = [_normal_type(p) for p in params.split(",")] if params.strip() not in ("", "void") else []
    const = after.strip() == "const"
    found = []
    for decl in _by_exact_name(loaded, base.strip()):
        types = [_normal_type(p.get("type", "")) for p in decl.params or ()]
        if types == wanted and decl.signature.rstrip().endswith(" const") == const:
            found.append(decl)
    return found


def find(loaded: LoadedProject, name: str) -> list[Declaration]:
    """Every declaration NAME stands for, in source order; one per name for macros defined per platform."""
    name = name.strip()
    if "(" in name:
        found = _overloads(loaded, name)
    elif glob.has_magic(name):
        nested = "::" in name or "." in name
        found = [
            d
            for d in loaded.model.declarations
            if (nested or d.kind not in _NESTED) and fnmatch.fnmatchcase(d.qualified_name, name)
        ]
    else:
        found = _by_exact_name(loaded, name)
    return dedupe(loaded, found)


# C11's keywords, which Sphinx's C domain refuses as names: libusb.h's "#define inline __inline" (for
# old MSVC) is a compatibility shim, not API, and no object can carry its name.
_C_KEYWORDS = frozenset(
    {
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
        "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return",
        "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
        "volatile", "while", "_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic",
        "_Imaginary", "_Noreturn", "_Static_assert", "_Thread_local"
    }
)


def dedupe(loaded: LoadedProject, decls: list[Declaration]) -> list[Declaration]:
    """A macro defined differently per platform (``#ifdef _WIN32``) is one object in the docs; a macro
    named like a C function or variable is left out, the declaration speaking for the name, and so is
    one that redefines a keyword."""
    seen: set[tuple[str, str]] = set()
    out = []
    for decl in decls:
        if decl.kind == "macro":
            if (decl.kind, decl.qualified_name) in seen or _named_in_c(loaded, decl.qualified_name):
                continue
            if decl.name in _C_KEYWORDS:
                continue
            seen.add((decl.kind, decl.qualified_name))
        if decl.kind == "typedef" and _names_a_renamed_tag(loaded, decl):
            continue
        out.append(decl)
    return out


_TAGS = ("struct", "union", "enum")


def tag_alias(loaded: LoadedProject, decl: Declaration) -> str | None:
    """The name a C struct, union or enum is rendered under when its tag is also the name of a function
    or variable (gnutls's ``enum gnutls_random_art`` and ``gnutls_random_art()``): C keeps tags apart,
    Sphinx's C domain has one object per name. It is the typedef that names the tag, if one does."""
    if decl.kind not in _TAGS or decl.parent or not decl.name:
        return None
    if not _named_in_c(loaded, decl.qualified_name, tags=False):
        return None
    spelled = f"{decl.kind} {decl.name}"
    for candidate in loaded.model.declarations:
        if candidate.kind == "typedef" and not candidate.parent and candidate.type == spelled:
            return candidate.name
    return None


# The C-domain scope of a tag that shares its name with a function or variable and has no typedef to
# be rendered under (jansson's ``enum json_error_code`` and ``json_error_code()``, glibc's ``struct
# stat`` and ``stat()``): the tag's object is ``tag.json_error_code``, shown as ``enum json_error_code``.
TAG_SCOPE = "tag"


def tag_scope(loaded: LoadedProject, decl: Declaration) -> str | None:
    """The scope a colliding C tag is rendered in when ``tag_alias`` finds no typedef for it."""
    if decl.kind not in _TAGS or decl.parent or not decl.name or tag_alias(loaded, decl) is not None:
        return None
    return TAG_SCOPE if _named_in_c(loaded, decl.qualified_name, tags=False) else None


def c_name(loaded: LoadedProject, decl: Declaration) -> str:
    """A declaration's own name in Sphinx's C domain: for a colliding tag, its typedef's name or its
    name in the scope ``tag``; for anything else, its name."""
    name = tag_alias(loaded, decl) or decl.name
    scope = tag_scope(loaded, decl)
    return f"{scope}.{name}" if scope else name


def anonymous_namespace(header: str) -> str:
    """The name an anonymous namespace has in Sphinx's C++ domain, which has no syntax for one but
    anonymous entities ("@name", shown as "[anonymous]"): one per header, so that two headers' anonymous
    namespaces declaring the same name (win.h's and unix.h's, each read on its platform) are not one
    object declared twice. Named by the header's file name: its objects' anchors are the same on every
    machine."""
    return "@" + re.sub(r"\W", "_", os.path.basename(header), flags=re.ASCII)


def _names_a_renamed_tag(loaded: LoadedProject, typedef: Declaration) -> bool:
    """A typedef that a tag is rendered under (``tag_alias``): the tag's object speaks for both."""
    kind, _, tag = (typedef.type or "").partition(" ")
    if kind not in _TAGS or typedef.parent:
        return False
    return any(d.kind == kind and tag_alias(loaded, d) == typedef.name for d in loaded.by_name.get(tag, ()))


def _named_in_c(loaded: LoadedProject, name: str, tags: bool = True) -> bool:
    """Whether a C-domain declaration other than a macro has the name: zlib's ``gzgetc`` and png.h's
    ``png_get_uint_32`` are exported functions that a macro of the same name inlines for callers. The
    C domain has one object per name, and the function is what binaries export and the gate checks."""
    c_project = loaded.project.request.language == "c"
    return any(
        d.kind not in ("macro", "namespace")
        and (tags or d.kind not in _TAGS)
        and (c_project or (d.extern_c and d.kind in ("function", "variable")))
        for d in loaded.by_name.get(name, ())
    )


def resolve_header(loaded: LoadedProject, header: str, confdir: str) -> str:
    """HEADER as absolute, relative to conf.py's folder or an include dir, or as the end of a scanned path."""
    request = loaded.project.request
    bases = [confdir, *request.include_dirs, *(os.path.dirname(h) for h in request.headers)]
    candidates = [header] if os.path.isabs(header) else [os.path.join(b, header) for b in bases]
    known = set(loaded.model.includes) | set(loaded.by_file)
    for candidate in candidates:
        path = os.path.realpath(candidate)
        if path in known:
            return path
    for candidate in candidates:
        if os.path.isfile(candidate):
            raise NativeApiError(
                f"header is not one of project {loaded.project.name!r}'s headers nor included by them",
                os.path.realpath(candidate),
            )
    if not os.path.isabs(header):
        # As a user's #include spells it: "google/protobuf/arena.h" for headers given by absolute
        # path and found through the compiler's own search path (/usr/include), not an include dir.
        tail = os.sep + os.path.normpath(header)
        found = sorted(path for path in known if path.endswith(tail))
        if len(found) == 1:
            return found[0]
        if found:
            raise NativeApiError(f"header {header!r} is ambiguous: {', '.join(found)}; give more of its path")
    raise NativeApiError(
        f"no header {header!r} (looked relative to conf.py and the include dirs, and at the end of the "
        "paths of the project's headers and the headers they include)"
    )


def top_level(loaded: LoadedProject, path: str) -> list[Declaration]:
    """A header's declarations that stand alone: not members of a type (those render in their type)."""
    out = []
    for decl in loaded.by_file.get(path, ()):
        if decl.kind == "namespace":
            continue
        parent = loaded.parent_of(decl)
        if parent is None or parent.kind == "namespace":
            out.append(decl)
    return dedupe(loaded, out)
