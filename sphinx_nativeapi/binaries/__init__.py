"""What compiled libraries export, read from their bytes (never loaded, never run), on any machine.

``read_symbols`` takes any file a user may hand over: an ELF shared object, a PE DLL, a Mach-O dylib
(one table per slice of a universal binary), a static or import library (``.a``, ``.lib``,
``.dll.a``), or a JSON dump written by ``nativeapi symbols --json``. The format is told by the file's
first bytes, never by its name. Every problem with the file is a :class:`NativeApiError` naming it.
"""

from __future__ import annotations

import os
import warnings

from sphinx_nativeapi.binaries.platform import looks_gnu, platform_of
from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.symbols import SymbolTable

__all__ = ["looks_gnu", "platform_of", "read_symbols"]

_MACHO_MAGICS = (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe")
_FAT_MAGICS = (b"\xca\xfe\xba\xbe", b"\xca\xfe\xba\xbf")
# Archives are read whole into memory; a larger one is not a library anyone documents.
MAX_ARCHIVE_BYTES = 1 << 30


def read_symbols(path: str | os.PathLike[str], platform: str | None = None) -> list[SymbolTable]:
    """The export tables in a binary or dump: one per universal slice, one per table of a dump.

    ``platform`` overrides the platform told by the file (a PE cannot always tell MSVC from MinGW).
    """
    path = os.fspath(path)
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as file:
            head = file.read(8)
    except OSError as exc:
        raise NativeApiError(f"cannot read: {exc.strerror or exc}", path) from None
    if not head:
        raise NativeApiError("empty file", path)
    with warnings.catch_warnings():
        # LIEF warns when a hostile file holds a value its enums lack; the readers check those values.
        warnings.filterwarnings("ignore", category=RuntimeWarning, message=r".* is not a valid ")
        try:
            tables = _read(path, size, head)
        except UnicodeDecodeError:  # LIEF fails so on some names that are not UTF-8
            raise NativeApiError("corrupt: a name in it is not UTF-8 text", path) from None
    if platform is not None:
        return [table._replace(platform=platform) for table in tables]
    return tables


def _read(path: str, size: int, head: bytes) -> list[SymbolTable]:
    if head.startswith(b"\x7fELF"):
        from sphinx_nativeapi.binaries import elf

        table = elf.read_shared(path, size)
        return [_with_platform(table, "elf")]
    if head.startswith(b"MZ"):
        from sphinx_nativeapi.binaries import pe

        table = pe.read(path, size)
        return [_with_platform(table, "pe", gnu=looks_gnu(s.name for s in table.symbols))]
    if head.startswith(_MACHO_MAGICS + _FAT_MAGICS):
        from sphinx_nativeapi.binaries import macho

        return [_with_platform(table, "macho") for table in macho.read(path, size)]
    if head.startswith((b"!<arch>\n", b"!<thin>\n")):
        from sphinx_nativeapi.binaries import archive

        return [archive.read(path, _read_bytes(path, size))]
    if head.lstrip()[:1] in (b"{", b""):
        from sphinx_nativeapi.binaries import dump

        return dump.read(path, _read_bytes(path, size))
    raise NativeApiError(
        "not a binary this tool reads (ELF, PE, Mach-O, ar archive or a JSON symbol dump)", path)


def _with_platform(table: SymbolTable, format: str, *, gnu: bool = False) -> SymbolTable:
    return table._replace(platform=platform_of(format, table.arch, gnu=gnu))


def _read_bytes(path: str, size: int) -> bytes:
    if size > MAX_ARCHIVE_BYTES:
        raise NativeApiError(f"too large to read ({size} bytes; the limit is {MAX_ARCHIVE_BYTES})", path)
    with open(path, "rb") as file:
        return file.read()
