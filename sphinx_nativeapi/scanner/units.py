"""One translation unit per (header set, platform): its clang arguments, the parse, which files are the
API's own, and its diagnostics as plain data.

One unit holds every header (an umbrella that includes them all), never one per header or directive:
libclang then parses each shared header once, which is most of the speed of the scan.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache

from clang import cindex

from sphinx_nativeapi.model import Diagnostic, MissingHeader
from sphinx_nativeapi.platforms import Platform
from sphinx_nativeapi.scanner import clang_ext
from sphinx_nativeapi.scanner.api_scope import HOST_SYSTEM_DIRS, ApiScope, innermost
from sphinx_nativeapi.scanner.request import ScanRequest
from sphinx_nativeapi.scanner.source_text import line_text
from sphinx_nativeapi.scanner.toolchain import HeaderSearch

UMBRELLA = "/__nativeapi__/umbrella"

_PARSE_OPTIONS = (
    cindex.TranslationUnit.PARSE_DETAILED_PROCESSING_RECORD  # macros and include directives
    | cindex.TranslationUnit.PARSE_SKIP_FUNCTION_BODIES  # inline bodies never change a declaration
    | 0x200  # CXTranslationUnit_KeepGoing: a missing include must not hide what follows it
)
_INCLUSION_DIRECTIVE = cindex.CursorKind.INCLUSION_DIRECTIVE.value
_SEVERITY = {2: "warning", 3: "error", 4: "fatal"}
_NOT_FOUND = re.compile(r"'(.+)' file not found")
_QUOTED_INCLUDE = re.compile(r'\s*#\s*(?:include|import|include_next)\s*"')


@cache
def _index() -> cindex.Index:
    return cindex.Index.create()


def clang_args(request: ScanRequest, platform: Platform, search: HeaderSearch) -> list[str]:
    args = ["-x", "c++" if request.language == "c++" else "c", f"--target={platform.triple}"]
    if request.std:
        args.append(f"-std={request.std}")
    args += search.args
    if search.system_source == "host":
        args += [f"-I{d}" for d in request.include_dirs]
    else:
        args += _cross_include_args(request)
    args += [f"-D{d}" for d in request.defines]
    # -ferror-limit=0: past clang's default of 20 errors it stops parsing, and every later declaration
    # would vanish from the model without a word.
    args += ["-ferror-limit=0", "-Wno-pragma-once-outside-header"]
    if request.comment_style == "plain":
        args.append("-fparse-all-comments")
    if "-nostdinc++" in search.args:  # the search names the C++ library's headers: -stdlib= is spent
        args += [a for a in request.args if not a.startswith("-stdlib=")]
    else:
        args += request.args
    return args


def _cross_include_args(request: ScanRequest) -> list[str]:
    """Include dirs for another platform than the host's.

    A library installed in the host's /usr/include is found there on every platform, but the host's libc
    lying beside it must not stand in for the target's: such a dir is searched after the target's own
    headers (``-idirafter``), and so is the install root of a named header that lies in one.
    """
    args: list[str] = []
    after: list[str] = []
    for directory in request.include_dirs:
        if directory.rstrip("/") in HOST_SYSTEM_DIRS:
            after.append(directory)
        else:
            args.append(f"-I{directory}")
    for header in request.headers:
        root = next((d for d in HOST_SYSTEM_DIRS if header.startswith(d + "/")), None)
        if root and root not in after:
            after.append(root)
    return args + [arg for d in after for arg in ("-idirafter", d)]


def parse(request: ScanRequest, args: list[str]) -> cindex.TranslationUnit:
    suffix = ".hpp" if request.language == "c++" else ".h"
    umbrella = "".join(f'#include "{h}"\n' for h in request.headers).encode("utf-8", "surrogateescape")
    return _index().parse(
        UMBRELLA + suffix, args=args, unsaved_files=[(UMBRELLA + suffix, umbrella)], options=_PARSE_OPTIONS
    )


@dataclass
class Inclusions:
    """Every file the unit read, which of them are the API's own, and the API's include graph."""

    all_files: list[str]
    api_files: set[str]
    api_includes: dict[str, list[str]]  # API file -> the API files it includes directly


def inclusions(
    tu: cindex.TranslationUnit, top: list[cindex.Cursor], request: ScanRequest, search: HeaderSearch
) -> Inclusions:
    """The API's files: the named headers, and the headers they include, directly or through other API
    files, that ``ApiScope`` says are the library's (by where they lie, not by how they are included).

    ``top`` is the unit's top-level cursors (the walk is shared with the extractor). The graph comes
    from every ``#include`` directive, not from clang's list of inclusions: that list
    holds only the first include of a guarded header, so every later includer of ``types.h`` would miss
    it, and its pages would go stale when it changes.
    """
    scope = ApiScope.of(request, search)
    named = {os.path.realpath(h) for h in request.headers}
    realpath = cache(os.path.realpath)
    all_files = {realpath(i.include.name) for i in tu.get_includes()} | named
    edges: dict[str, list[tuple[str, bool]]] = {}  # includer -> (included, by a quoted #include)
    system: dict[str, bool] = {}
    for cursor in top:
        if cursor._kind_id != _INCLUSION_DIRECTIVE:
            continue
        target = clang_ext.included_file(cursor)
        location = cursor.location
        if target is None or location.file is None or location.file.name.startswith(UMBRELLA):
            continue
        included = realpath(clang_ext.file_name(target))
        if included not in system:
            system[included] = clang_ext.is_system_file(tu, target)
        source = realpath(location.file.name)
        quoted = _directive_is_quoted(source, location.line)
        edges.setdefault(source, []).append((included, quoted))
    owns = cache(scope.owns)
    api = {h for h in named if owns(h, False)}
    stack = list(api)
    while stack:
        source = stack.pop()
        for included, quoted in edges.get(source, ()):
            if included in api:
                continue
            if owns(included, system[included]) or (quoted and scope.beside(source, included)):
                api.add(included)
                stack.append(included)
    graph = {path: sorted({t for t, _ in edges.get(path, ()) if t in api}) for path in sorted(api)}
    return Inclusions(sorted(all_files), api, graph)


def diagnostics(
    tu: cindex.TranslationUnit, platform: Platform, api_files: set[str], search: HeaderSearch
) -> tuple[list[Diagnostic], dict[str, list[int]]]:
    """The unit's diagnostics, and the lines of each API file that have an error.

    Faults inside system headers (a sysroot's, zig's) are summed up in one diagnostic: they are the
    target's headers' business, and each declaration they break is marked incomplete on its own.
    """
    own: list[Diagnostic] = []
    error_lines: dict[str, list[int]] = {}
    system: list[Diagnostic] = []
    for diag in tu.diagnostics:
        severity = _SEVERITY.get(diag.severity)
        if severity is None:
            continue
        location = diag.location
        path = os.path.realpath(location.file.name) if location.file else None
        item = Diagnostic(
            platform.name, severity, path, location.line or None, location.column or None, diag.spelling
        )
        if (
            path is not None
            and path not in api_files
            and (location.is_in_system_header or innermost(path, search.system_dirs) is not None)
        ):
            item.in_system_header = True
            system.append(item)
            continue
        own.append(item)
        if path is not None and severity != "warning":
            error_lines.setdefault(path, []).append(location.line)
    errors = [d for d in system if d.severity != "warning"]
    if errors:
        first = errors[0]
        own.append(
            Diagnostic(
                platform.name,
                "warning",
                first.file,
                first.line,
                first.column,
                f"{len(errors)} error(s) inside the system headers for {platform.name} "
                f"({search.system_source} headers; builtins from {search.builtin_source}); the first: "
                f"{first.message}. Declarations of the API that use what failed are marked incomplete.",
                in_system_header=True,
            )
        )
    return own, error_lines


def missing_system_headers(
    diags: list[Diagnostic], api_files: set[str], search: HeaderSearch
) -> list[MissingHeader]:
    """The system headers that an ``#include`` in the API's own files named and the unit found nowhere.

    A quoted include, or an angled one whose name lies beside the including file or in a folder above it
    (``<mylib/config.h>`` from ``include/mylib/api.h`` when the ``-I`` of ``include`` was not given),
    names the library's own header: that is a setting of the scan to fix, shown as the parse error at its
    line; the declarations that did parse keep their statuses.
    """
    found: list[MissingHeader] = []
    for diag in diags:
        match = _NOT_FOUND.fullmatch(diag.message)
        if diag.severity == "warning" or match is None or diag.file not in api_files or not diag.line:
            continue
        header = match.group(1)
        if _directive_is_quoted(diag.file, diag.line) or _lies_above(diag.file, header):
            continue
        host = search.system_source == "host"
        found.append(MissingHeader(str(diag.platform), header, diag.file, diag.line, host))
    return found


def _directive_is_quoted(path: str, line: int) -> bool:
    return bool(_QUOTED_INCLUDE.match(line_text(path, line)))


def _lies_above(path: str, header: str) -> bool:
    directory = os.path.dirname(path)
    while True:
        if os.path.isfile(os.path.join(directory, header)):
            return True
        parent = os.path.dirname(directory)
        if parent == directory:
            return False
        directory = parent
