"""What ``check``, ``dump`` and ``diff`` read the same way: a project from ``--config``, merged with the
command line's scan options, ``--binary [PLATFORM=]PATH`` read into symbol tables by platform, and the
headers scanned for those platforms too.

Kept apart from ``check`` so that ``dump`` of binaries alone imports no matcher and no scanner.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from sphinx_nativeapi.binaries import read_symbols
from sphinx_nativeapi.cli.scan import add_scan_options, cache_from_args, request_from_args
from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.platforms import PlatformTable
from sphinx_nativeapi.symbols import SymbolTable

if TYPE_CHECKING:
    from sphinx_nativeapi.config import Project
    from sphinx_nativeapi.model import ApiModel
    from sphinx_nativeapi.scanner import ScanRequest


def project_of(path: str, table: PlatformTable) -> Project:
    from sphinx_nativeapi.config import load_pyproject, project_from_dict

    path = os.path.abspath(path)
    return project_from_dict("nativeapi", load_pyproject(path), os.path.dirname(path), table, source=path)


def tree_request(args: argparse.Namespace, table: PlatformTable, project: Project | None) -> ScanRequest:
    """The scan the options ask for: the project's, extended and overridden by the command line."""
    cli_request = request_from_args(args, table)
    return _merge_requests(project.request, cli_request, args) if project else cli_request


def tree_binaries(args: argparse.Namespace, table: PlatformTable,
                  project: Project | None) -> dict[str, list[SymbolTable]]:
    """The project's binaries and those of ``--binary``, read, by platform."""
    binaries = [*(project.binaries if project else ()), *(_binary_option(b, table) for b in args.binaries)]
    return _read_binaries(binaries, table)


def scan_tree(args: argparse.Namespace, request: ScanRequest, tables: dict[str, list[SymbolTable]],
              table: PlatformTable) -> ApiModel:
    """The headers scanned for the platforms the request names and those the binaries are for, with the
    C++ library the binaries were built with; a binary given for a C++ ABI it was not built for is
    warned about (``nativeapi COMMAND: warning: ...`` on standard error)."""
    import dataclasses

    from sphinx_nativeapi.scanner import scan

    for problem in _abi_mismatches(tables, table):
        print(f"nativeapi {args.command}: warning: {problem}", file=sys.stderr)
    request = _with_binaries_stdlib(request, tables, table)
    platforms = list(request.platforms) + sorted(set(tables) - set(request.platforms))
    return scan(dataclasses.replace(request, platforms=tuple(platforms)), table, cache_from_args(args))


def _merge_requests(base: ScanRequest, cli: ScanRequest, args: argparse.Namespace) -> ScanRequest:
    """The project's request, extended by the command line's lists and overridden by its values."""

    def extend(a: tuple, b: tuple) -> tuple:
        return a + tuple(x for x in b if x not in a)

    import dataclasses  # with a scan only: ``dump`` of binaries alone imports no dataclass machinery

    return dataclasses.replace(
        base,
        headers=extend(base.headers, cli.headers),
        include_dirs=extend(base.include_dirs, cli.include_dirs),
        defines=extend(base.defines, cli.defines),
        language=args.lang or base.language,
        std=args.std or base.std,
        args=base.args + cli.args,
        platforms=extend(base.platforms, cli.platforms),
        sysroots=tuple((dict(base.sysroots) | dict(cli.sysroots)).items()),
        comment_style=args.comment_style or base.comment_style,
        export_macros=extend(base.export_macros, cli.export_macros),
        api_dirs=extend(base.api_dirs, cli.api_dirs),
        exclude_headers=extend(base.exclude_headers, cli.exclude_headers),
        anonymous_namespaces=base.anonymous_namespaces or cli.anonymous_namespaces,
    )


def _binary_option(value: str, table: PlatformTable) -> tuple[str | None, tuple[str, ...]]:
    """``PLATFORM=PATH`` or ``PATH``: a prefix that is no platform name is part of the path."""
    name, sep, path = value.partition("=")
    if sep and name in table:
        return name, (path,)
    return None, (value,)


def _read_binaries(
    binaries: list[tuple[str | None, tuple[str, ...]]], table: PlatformTable
) -> dict[str, list[SymbolTable]]:
    """The symbol tables of every binary, by platform: the one named, or the one each file declares."""
    tables: dict[str, list[SymbolTable]] = {}
    for platform, paths in binaries:
        for path in paths:
            read = read_symbols(path)
            if platform is not None:
                slices = [t for t in read if t.platform == platform]
                if not slices and len(read) == 1:
                    slices = [read[0]._replace(platform=platform)]
                if not slices:
                    found = ", ".join(sorted(str(t.platform) for t in read))
                    raise NativeApiError(f"has no slice for {platform} (it holds {found})", path)
                read = slices
            for symbols in read:
                if symbols.platform is None or symbols.platform not in table:
                    raise NativeApiError(
                        "cannot tell which platform this binary is for: pass --binary PLATFORM=PATH", path
                    )
                tables.setdefault(symbols.platform, []).append(symbols)
    return tables


# std::__1, libc++'s inline namespace, as the Itanium ABI mangles it: libstdc++ names no such namespace.
_LIBCXX_STD = "St3__1"


def _with_binaries_stdlib(request: ScanRequest, tables: dict[str, list[SymbolTable]],
                         table: PlatformTable) -> ScanRequest:
    """The request with ``-stdlib=libc++`` when the user named no C++ library and a binary says it was
    built with libc++: an export that names ``std::__1`` on a Linux or MinGW target (Apple's targets
    scan libc++ anyway). Scanned with the host's libstdc++ instead, every name of a function that
    takes a ``std::`` type would differ from the binary's, and the layouts of what holds one too."""
    if request.language != "c++" or any(a.startswith("-stdlib=") for a in request.args):
        return request
    for platform, found in tables.items():
        target = table[platform]
        if target.cxx_abi != "itanium" or target.format == "macho":
            continue
        if any(_LIBCXX_STD in s.name for t in found for s in t.symbols if s.name.lstrip("_").startswith("Z")):
            import dataclasses

            return dataclasses.replace(request, args=(*request.args, "-stdlib=libc++"))
    return request


def _abi_mismatches(tables: dict[str, list[SymbolTable]], table: PlatformTable) -> list[str]:
    """A DLL given for a Microsoft-ABI platform whose C++ exports are Itanium-mangled (``_Z…``: MinGW,
    zig): every C++ name clang computes for the platform differs from them, so its functions look
    unexported. Said, with the platform that fits, rather than left to look like the library's fault."""
    found = []
    for platform, binaries in tables.items():
        target = table[platform]
        if target.cxx_abi != "microsoft":
            continue
        arch = target.triple.split("-", 1)[0]
        fits = [n for n in table.names() if table[n].format == target.format and table[n].cxx_abi == "itanium"
                and table[n].triple.split("-", 1)[0] == arch]
        for binary in binaries:
            names = [s.name for s in binary.symbols]
            if any(n.startswith(("_Z", "__Z")) for n in names) and not any(n.startswith("?") for n in names):
                instead = f": give it as {fits[0]}" if fits else ""
                found.append(f"{binary.path}: its C++ exports are Itanium-mangled (_Z..., a MinGW build) but "
                             f"{platform} is a Microsoft-ABI platform, so no C++ name computed for it can "
                             f"match{instead}")
    return found


def add_tree_options(parser: argparse.ArgumentParser) -> None:
    """What says which tree of headers and binaries a command reads: ``check``, ``dump`` and ``diff``
    (for its NEW side) take them."""
    add_scan_options(parser, headers_required=False)
    parser.add_argument(
        "--binary", dest="binaries", action="append", default=[], metavar="[PLATFORM=]PATH",
        help="a library, import library, archive or symbol dump (repeatable); without PLATFORM=, the "
        "platform the file declares",
    )
    parser.add_argument("--config", metavar="PYPROJECT", help="read the project from [tool.nativeapi]")
