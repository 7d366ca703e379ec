"""An on-disk cache of per-platform scans: a second scan of unchanged inputs parses nothing.

An entry is keyed by everything that decides the result but the files (the request, the platform, the
clang arguments, libclang's and this package's versions), and holds the content hash of every file
the unit read. It is valid while every one of those files has the same content: a file whose size and
mtime are unchanged is taken as unchanged; one whose stat changed is hashed again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from typing import Any

from sphinx_nativeapi import __version__
from sphinx_nativeapi.platforms import Platform
from sphinx_nativeapi.scanner.clang_ext import libclang_version
from sphinx_nativeapi.scanner.request import ScanRequest

# Part of every key: raised whenever what the scanner reports changes, so that a cache written by
# another build of the same version is never read as this one's (2: self-naming macros dropped,
# class template signatures with their parameters; 3: code blocks of guessed language marked;
# 4: per-platform variants of one name folded, declarations invented by error recovery dropped;
# 5: parentheses around a declared name left out of the signature; 6: unnamed types of fields;
# 7: raw doc comments, parsed when rendered; 8: constructors of partial specializations named as the
# class; 9: class templates declared through a macro keep their keyword and parameters; 10: unnamed
# record types of fields told apart by their field; 11: the doc comment above a declaration a macro
# starts, and export macros of declarations inside classes; 12: friends, explicit specializations,
# alias templates, out-of-line nested classes, inline per platform, recovery fragments dropped; 13: system
# headers of the API not found; 14: each declaration's type as plain data for FFI generation,
# ``PlatformFacts.ctype``); 15: explicit specializations of nested classes, anonymous namespaces; 16: a
# class's bases, the methods a virtual method overrides).
FORMAT = 16


def default_cache_dir() -> str:
    base = os.environ.get("NATIVEAPI_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "sphinx-nativeapi"
    )
    return base


def _file_hash(path: str) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def _stat(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


class ScanCache:
    def __init__(self, directory: str | None = None) -> None:
        self.directory = directory or default_cache_dir()

    def _key(self, request: ScanRequest, platform: Platform, args: list[str]) -> str:
        identity = {
            "format": FORMAT,
            "package": __version__,
            "libclang": libclang_version(),
            "request": request.to_json(),
            "platform": platform.to_json(),
            "args": args,
        }
        return hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()

    def _path(self, key: str) -> str:
        return os.path.join(self.directory, key[:2], key + ".json")

    def load(self, request: ScanRequest, platform: Platform, args: list[str]) -> dict[str, Any] | None:
        path = self._path(self._key(request, platform, args))
        try:
            with open(path, encoding="utf-8") as handle:
                entry = json.load(handle)
        except (OSError, ValueError):
            return None
        for file, (size, mtime, digest) in entry["files"].items():
            if _stat(file) == (size, mtime):
                continue
            if _file_hash(file) != digest:
                return None
        return entry["result"]

    def store(
        self,
        request: ScanRequest,
        platform: Platform,
        args: list[str],
        result: dict[str, Any],
        files: list[str],
    ) -> None:
        records = {}
        for file in files:
            stat, digest = _stat(file), _file_hash(file)
            if stat is None or digest is None:
                return  # a file that vanished mid-scan: nothing trustworthy to store
            records[file] = [stat[0], stat[1], digest]
        path = self._path(self._key(request, platform, args))
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            # Written aside and renamed: parallel Sphinx readers never see half an entry.
            fd, temp = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump({"files": records, "result": result}, handle)
            os.replace(temp, path)
        except OSError:
            pass  # a read-only or full cache directory only costs speed
