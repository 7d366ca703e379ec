"""A project: one dict, the same in ``[tool.nativeapi]`` of a pyproject.toml and in conf.py's
``nativeapi_projects``, turned into a checked, absolute ``Project``.

Every path in the dict is relative to the file that holds it, so a docs folder and a CI job read the
same dict the same way wherever they run from. Every mistake names the key (and the file) at fault.
"""

from __future__ import annotations

import glob
import os
import sys
from dataclasses import dataclass
from typing import Any

from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.history.waivers import Waiver, parse_waivers
from sphinx_nativeapi.platforms import PlatformTable, UnknownPlatformError
from sphinx_nativeapi.scanner.request import COMMENT_STYLES, ScanRequest, flags_from_compile_commands

KEYS = {
    "headers",
    "include_dirs",
    "defines",
    "language",
    "std",
    "args",
    "compile_commands",
    "platforms",
    "sysroots",
    "binaries",
    "export_macros",
    "comment_style",
    "ignore",
    "api_dirs",
    "exclude_headers",
    "anonymous_namespaces",
    "waivers",
    "history",
    "ffi",
}
FFI_FLAVORS = ("ctypes", "cffi")


@dataclass(frozen=True)
class Project:
    name: str
    request: ScanRequest
    binaries: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (platform, paths of binaries or dumps)
    ignore: tuple[str, ...] = ()  # regexes of symbol names to leave alone
    source: str = ""  # the file that holds the dict, for messages
    waivers: tuple[Waiver, ...] = ()  # changes between releases the project accepts, each with a reason
    history: tuple[str, ...] = ()  # release dumps (paths), in no particular order
    ffi: tuple[str, ...] = ()  # FFI declarations shown under each declaration: "ctypes", "cffi"

    def binaries_for(self, platform: str) -> tuple[str, ...]:
        return dict(self.binaries).get(platform, ())


def _strings(value: Any, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return list(value)
    raise NativeApiError(f"{key!r} must be a string or a list of strings", where)


def _path(base: str, value: str) -> str:
    return os.path.normpath(os.path.join(base, os.path.expanduser(value)))


def _files(path: str) -> list[str]:
    """The files a path or a glob names, sorted."""
    return sorted(glob.glob(path)) if glob.has_magic(path) else [path] if os.path.isfile(path) else []


def _headers(patterns: list[str], base: str, include_dirs: list[str], where: str) -> list[str]:
    headers: list[str] = []
    for pattern in patterns:
        candidates = [_path(base, pattern)] + [_path(d, pattern) for d in include_dirs]
        matched: list[str] = []
        for candidate in candidates:
            matched = _files(candidate)
            if matched:
                break
        if not matched:
            raise NativeApiError(
                f"header {pattern!r} matches no file (looked in {base} and the include dirs)", where
            )
        headers += [h for h in matched if h not in headers]
    return headers


def project_from_dict(
    name: str, data: dict[str, Any], base_dir: str, table: PlatformTable, source: str = ""
) -> Project:
    """Check and resolve a project dict; ``source`` names the file it came from, for messages."""
    where = f"{source or base_dir} (project {name!r})"
    if not isinstance(data, dict):
        raise NativeApiError("a project must be a dict", where)
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise NativeApiError(
            f"unknown key(s) {', '.join(unknown)}; known keys: {', '.join(sorted(KEYS))}", where
        )
    include_dirs = [_path(base_dir, d) for d in _strings(data.get("include_dirs", []), "include_dirs", where)]
    for directory in include_dirs:
        if not os.path.isdir(directory):
            raise NativeApiError(f"include dir {directory} does not exist", where)
    headers = _headers(_strings(data.get("headers", []), "headers", where), base_dir, include_dirs, where)
    if not headers:
        raise NativeApiError("'headers' names no header", where)
    raw_defines = data.get("defines", [])
    if isinstance(raw_defines, dict):  # {"NAME": "VALUE", "FLAG": None}
        defines = [k if v is None else f"{k}={v}" for k, v in raw_defines.items()]
    else:
        defines = _strings(raw_defines, "defines", where)
    args = _strings(data.get("args", []), "args", where)
    std = data.get("std")
    if data.get("compile_commands"):
        commands = _path(base_dir, data["compile_commands"])
        cc_dirs, cc_defines, cc_std, cc_args = flags_from_compile_commands(commands, tuple(headers))
        include_dirs += cc_dirs
        defines += cc_defines
        std = std or cc_std
        args = cc_args + args
    platforms = _strings(data.get("platforms", []), "platforms", where)
    sysroots = data.get("sysroots", {})
    binaries = data.get("binaries", {})
    for key, mapping in (("sysroots", sysroots), ("binaries", binaries)):
        if not isinstance(mapping, dict):
            raise NativeApiError(f"{key!r} must map platform names to paths", where)
    try:
        for platform in [*platforms, *sysroots, *binaries]:
            table[platform]
    except UnknownPlatformError as exc:
        raise NativeApiError(str(exc), where) from None
    language = data.get("language", "c")
    comment_style = data.get("comment_style", "doxygen")
    if comment_style not in COMMENT_STYLES:
        raise NativeApiError(f"'comment_style' must be one of {', '.join(COMMENT_STYLES)}", where)
    api_dirs = [_path(base_dir, d) for d in _strings(data.get("api_dirs", []), "api_dirs", where)]
    for directory in api_dirs:
        if not os.path.isdir(directory):
            raise NativeApiError(f"API dir {directory} does not exist", where)
    anonymous_namespaces = data.get("anonymous_namespaces", False)
    if not isinstance(anonymous_namespaces, bool):
        raise NativeApiError("'anonymous_namespaces' must be true or false", where)
    request = ScanRequest(
        headers=tuple(headers),
        include_dirs=tuple(include_dirs),
        defines=tuple(defines),
        language=language,
        std=std,
        args=tuple(args),
        platforms=tuple(platforms),
        sysroots=tuple((p, _path(base_dir, d)) for p, d in sysroots.items()),
        comment_style=comment_style,
        export_macros=tuple(_strings(data.get("export_macros", []), "export_macros", where)),
        api_dirs=tuple(api_dirs),
        exclude_headers=tuple(_strings(data.get("exclude_headers", []), "exclude_headers", where)),
        anonymous_namespaces=anonymous_namespaces,
    )
    resolved_binaries = tuple(
        (p, tuple(_path(base_dir, b) for b in _strings(paths, f"binaries.{p}", where)))
        for p, paths in binaries.items()
    )
    return Project(
        name=name,
        request=request,
        binaries=resolved_binaries,
        ignore=tuple(_strings(data.get("ignore", []), "ignore", where)),
        source=source,
        waivers=parse_waivers(data.get("waivers", []), where),
        history=_history(_strings(data.get("history", []), "history", where), base_dir, where),
        ffi=ffi_flavors(_strings(data.get("ffi", []), "ffi", where), where),
    )


def _history(patterns: list[str], base: str, where: str) -> tuple[str, ...]:
    """Release dumps named by paths or globs; a name that matches nothing is an error."""
    found: list[str] = []
    for pattern in patterns:
        path = _path(base, pattern)
        matched = _files(path)
        if not matched and not glob.has_magic(path):
            raise NativeApiError(f"history: release dump {pattern!r} does not exist", where)
        found += [m for m in matched if m not in found]
    return tuple(found)


def ffi_flavors(values: list[str], where: str) -> tuple[str, ...]:
    unknown = [v for v in values if v not in FFI_FLAVORS]
    if unknown:
        raise NativeApiError(f"'ffi' takes {' and '.join(FFI_FLAVORS)}, not {', '.join(unknown)}", where)
    return tuple(dict.fromkeys(values))


def load_pyproject(path: str) -> dict[str, Any]:
    """The ``[tool.nativeapi]`` table of a pyproject.toml."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as exc:
        raise NativeApiError(f"cannot read: {exc.strerror}", path) from None
    except tomllib.TOMLDecodeError as exc:
        raise NativeApiError(f"not valid TOML: {exc}", path) from None
    table = data.get("tool", {}).get("nativeapi")
    if not isinstance(table, dict):
        raise NativeApiError("has no [tool.nativeapi] table", path)
    return table
