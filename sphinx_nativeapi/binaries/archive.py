"""Archives: static libraries (``.a``, ``.lib``) and import libraries (MSVC ``.lib``, GNU ``.dll.a``).

A static library lists the global defined symbols of each object member (ELF, COFF or Mach-O). An
import library lists the exports it imports, each under the name it has in the library. One table
describes the whole archive; its format is ``coff-import`` when any member is import glue (the
import library's descriptor members add nothing), ``archive`` otherwise.
"""

from __future__ import annotations

from sphinx_nativeapi.binaries import ar, coff, elf, macho
from sphinx_nativeapi.binaries.coff import ObjectSymbols
from sphinx_nativeapi.binaries.platform import looks_gnu, platform_of
from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.symbols import SymbolTable

_ELF_MAGIC = b"\x7fELF"
_MACHO_OBJECT_MAGICS = (b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe")
_BITCODE_MAGIC = b"BC\xc0\xde"


def read(path: str, data: bytes) -> SymbolTable:
    parts = [_read_member(f"{path}({member.name})", member.data) for member in ar.members(path, data)]
    formats = {part.format for part in parts}
    arches = {part.arch for part in parts}
    if len(formats) > 1:
        raise NativeApiError(f"archive mixes object formats ({', '.join(sorted(formats))})", path)
    if len(arches) > 1:
        shown = ", ".join(sorted(a or "?" for a in arches))
        raise NativeApiError(f"archive mixes architectures ({shown})", path)
    symbols = [symbol for part in parts for symbol in part.symbols]
    dlls = {part.dll for part in parts if part.dll}
    arch = next(iter(arches), None)
    # GNU dlltool's import glue shows the GNU toolchain; so do Itanium names in COFF objects.
    gnu = any(part.gnu_import for part in parts) or looks_gnu(symbol.name for symbol in symbols)
    return SymbolTable(
        path=path,
        format="coff-import" if any(part.is_import for part in parts) else "archive",
        arch=arch,
        platform=platform_of(next(iter(formats), ""), arch, gnu=gnu),
        name=dlls.pop() if len(dlls) == 1 else None,
        symbols=symbols,
    )


def _read_member(where: str, data: memoryview) -> ObjectSymbols:
    head = bytes(data[:4])
    if head == _ELF_MAGIC:
        return ObjectSymbols("elf", *elf.read_object(where, bytes(data)))
    if head in _MACHO_OBJECT_MAGICS:
        return ObjectSymbols("macho", *macho.read_object(where, bytes(data)))
    if coff.is_short_import(data):
        return coff.read_short_import(where, data)
    if coff.is_object(data):
        return coff.read_object(where, data)
    if head == _BITCODE_MAGIC:
        raise NativeApiError("LLVM bitcode (an LTO build): its symbols are not readable without LLVM", where)
    raise NativeApiError("archive member of an unknown format", where)
