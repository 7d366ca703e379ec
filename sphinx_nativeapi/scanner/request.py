"""What to scan: the header set and its flags, independent of where they came from (CLI, pyproject,
conf.py or compile_commands.json). Frozen and hashable, so it keys the cache."""

from __future__ import annotations

import json
import os
import shlex
from dataclasses import asdict, dataclass

from sphinx_nativeapi.errors import NativeApiError

# doxygen: /** */, ///, /*! */ comments; plain: any comment right before a declaration (sqlite3.h);
# plain-after: the plain comment right after it (zlib.h writes its docs below each prototype).
COMMENT_STYLES = ("doxygen", "plain", "plain-after")


@dataclass(frozen=True)
class ScanRequest:
    headers: tuple[str, ...]  # absolute paths
    include_dirs: tuple[str, ...] = ()
    defines: tuple[str, ...] = ()  # NAME or NAME=VALUE
    language: str = "c"  # "c" or "c++"
    std: str | None = None
    args: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()  # empty: the host platform
    sysroots: tuple[tuple[str, str], ...] = ()  # (platform, directory)
    comment_style: str = "doxygen"
    export_macros: tuple[str, ...] = ()  # macros that mark a declaration for export, even when empty
    api_dirs: tuple[str, ...] = ()  # more folders whose headers are the API's (see api_scope)
    exclude_headers: tuple[str, ...] = ()  # globs of headers that are not, even when named
    # Report what anonymous namespaces declare: internal linkage, so not API unless asked for.
    anonymous_namespaces: bool = False

    def validate(self) -> None:
        if not self.headers:
            raise NativeApiError("no header to scan")
        for header in self.headers:
            if not os.path.isfile(header):
                raise NativeApiError("no such header file", header)
        for directory in self.include_dirs:
            if not os.path.isdir(directory):
                raise NativeApiError("no such include directory", directory)
        for directory in self.api_dirs:
            if not os.path.isdir(directory):
                raise NativeApiError("no such API directory", directory)
        for platform, directory in self.sysroots:
            if not os.path.isdir(directory):
                raise NativeApiError(f"no such sysroot directory (for {platform})", directory)
        if self.language not in ("c", "c++"):
            raise NativeApiError(f"unknown language {self.language!r}: use 'c' or 'c++'")
        if self.comment_style not in COMMENT_STYLES:
            raise NativeApiError(f"unknown comment style {self.comment_style!r}: use one of {COMMENT_STYLES}")

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> ScanRequest:
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
        values["sysroots"] = tuple(tuple(pair) for pair in data.get("sysroots", ()))
        return cls(**values)

    def sysroot(self, platform: str) -> str | None:
        return dict(self.sysroots).get(platform)


_PATH_FLAGS = ("-I", "-isystem", "-iquote", "-idirafter", "-include")


def flags_from_compile_commands(
    path: str, headers: tuple[str, ...]
) -> tuple[list[str], list[str], str | None, list[str]]:
    """(include dirs, defines, std, other args) from a CMake ``compile_commands.json``.

    Headers have no entry of their own, so the flags come from the entry whose source file shares the
    longest path with the headers: in practice, the library's own sources.
    """
    try:
        with open(path, encoding="utf-8") as handle:
            entries = json.load(handle)
    except OSError as exc:
        raise NativeApiError(f"cannot read compile commands: {exc.strerror}", path) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise NativeApiError(f"not a valid compile_commands.json: {exc}", path) from None
    if not isinstance(entries, list) or not entries or not all(isinstance(e, dict) for e in entries):
        raise NativeApiError("compile_commands.json holds no list of entries", path)

    def closeness(entry: dict) -> int:
        source = os.path.join(entry.get("directory", ""), entry.get("file", ""))
        return max(len(os.path.commonpath([source, h])) if os.path.isabs(source) else 0 for h in headers)

    entry = max(entries, key=closeness)
    argv = entry.get("arguments") or shlex.split(entry.get("command", ""))
    directory = entry.get("directory", os.path.dirname(path))
    include_dirs: list[str] = []
    defines: list[str] = []
    std: str | None = None
    extra: list[str] = []
    items = iter(argv[1:])
    for arg in items:
        if arg.startswith("-D"):
            defines.append(arg[2:] or next(items, ""))
        elif arg.startswith("-U"):
            extra.append(arg if len(arg) > 2 else arg + next(items, ""))
        elif arg.startswith("-std="):
            std = arg[5:]
        elif arg.startswith("-I"):
            include_dirs.append(os.path.join(directory, arg[2:] or next(items, "")))
        else:
            flag = next((f for f in _PATH_FLAGS[1:] if arg.startswith(f)), None)
            if flag:
                value = arg[len(flag) :] or next(items, "")
                extra += [flag, os.path.join(directory, value)]
    return include_dirs, defines, std, extra
