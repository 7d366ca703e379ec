"""The ``ar`` container of ``.a`` and ``.lib`` files: its members, by name, as slices of the file's bytes.

Hand-written because no maintained library reads it (LIEF does not; the format is a few dozen lines).
It knows the GNU/System V variant (``/`` and ``/SYM64/`` symbol tables, ``//`` long names, ``/N``
references, names ended by ``/``), the MSVC variant (two ``/`` linker members, long names ended by NUL,
``/<ECSYMBOLS>/``) and the BSD one (``#1/N``: the name is the first N bytes of the data,
``__.SYMDEF``). A thin archive holds no members, only paths to them, and is refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sphinx_nativeapi.errors import NativeApiError

MAGIC = b"!<arch>\n"
THIN_MAGIC = b"!<thin>\n"
_HEADER_SIZE = 60
_INDEX_NAMES = frozenset({"/", "/SYM64/", "/<ECSYMBOLS>/", "__.SYMDEF", "__.SYMDEF SORTED",
                          "__.SYMDEF_64", "__.SYMDEF_64 SORTED", "ARFILENAMES/"})


@dataclass(frozen=True)
class Member:
    name: str
    data: memoryview


def members(path: str, data: bytes) -> Iterator[Member]:
    """The archive's object members, skipping its symbol indexes and long-name table."""
    if data.startswith(THIN_MAGIC):
        raise NativeApiError("a thin archive: it holds only paths to its members, not the members", path)
    if not data.startswith(MAGIC):
        raise NativeApiError("not an ar archive", path)
    view = memoryview(data)
    long_names = b""
    offset = len(MAGIC)
    while offset < len(data):
        if data[offset:offset + 1] == b"\n":  # some writers pad with an extra newline
            offset += 1
            continue
        header = data[offset:offset + _HEADER_SIZE]
        if len(header) < _HEADER_SIZE or header[58:60] != b"`\n":
            raise NativeApiError(f"truncated or corrupt archive: bad member header at offset {offset}", path)
        raw_size = header[48:58].strip()
        if not raw_size.isdigit():
            raise NativeApiError(f"corrupt archive: member size {raw_size!r} at offset {offset}", path)
        start, size = offset + _HEADER_SIZE, int(raw_size)
        if start + size > len(data):
            raise NativeApiError(
                f"truncated archive: member at offset {offset} needs {size} bytes, "
                f"{len(data) - start} are left", path)
        body = view[start:start + size]
        offset = start + size + (size & 1)
        raw_name = header[:16].decode("latin-1").rstrip(" ")
        if raw_name == "//":
            long_names = bytes(body)
            continue
        name, body = _name(path, raw_name, body, long_names)
        if name in _INDEX_NAMES:
            continue
        yield Member(name, body)


def _name(path: str, raw: str, body: memoryview, long_names: bytes) -> tuple[str, memoryview]:
    if raw.startswith("#1/"):  # BSD: the name leads the data
        length = raw[3:]
        if not length.isdigit() or int(length) > len(body):
            raise NativeApiError(f"corrupt archive: BSD member name length {length!r}", path)
        n = int(length)
        return bytes(body[:n]).rstrip(b"\0").decode("utf-8", "replace"), body[n:]
    if raw.startswith("/") and raw[1:].isdigit():  # GNU and MSVC: an offset into the long-name table
        start = int(raw[1:])
        if start >= len(long_names):
            raise NativeApiError(f"corrupt archive: long member name {raw!r} points outside its table", path)
        ends = [i for i in (long_names.find(b"/\n", start), long_names.find(b"\0", start)) if i >= 0]
        end = min(ends) if ends else len(long_names)
        return long_names[start:end].decode("utf-8", "replace"), body
    if raw in _INDEX_NAMES:
        return raw, body
    return (raw[:-1] if raw.endswith("/") else raw), body
