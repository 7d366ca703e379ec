"""The scanner on real third-party headers of the machine (Debian's -dev packages), against zig's clang.

Every function and variable the scanner names must be the name an independent compiler references
for the same declaration on that target; no error may come from the library's own headers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from oracle import llvm_nm, referenced_symbols, zig_available

from sphinx_nativeapi.scanner import ScanRequest, scan

HEADERS = [Path("/usr/include/zlib.h"), Path("/usr/include/sqlite3.h"), Path("/usr/include/png.h")]
PLATFORMS = ["linux-x86_64", "macos-arm64", "windows-x86_64", "windows-x86"]

pytestmark = pytest.mark.skipif(not (zig_available() and llvm_nm()), reason="needs ziglang and llvm-nm")


@pytest.mark.parametrize("header", [pytest.param(h, id=h.name) for h in HEADERS])
def test_real_headers_scan_cleanly_and_names_agree(header, tmp_path):
    if not header.exists():
        pytest.skip(f"{header} is not installed")
    model = scan(ScanRequest(headers=(str(header),), platforms=tuple(PLATFORMS)))
    own_errors = [d for d in model.diagnostics if d.severity != "warning" and not d.in_system_header]
    assert own_errors == []
    functions = [d for d in model.declarations if d.kind == "function" and d.linkage == "external"]
    assert len(functions) > 50
    for platform in PLATFORMS:
        incomplete = [
            d.name for d in functions if platform in d.platforms and d.platforms[platform].incomplete
        ]
        assert incomplete == [], platform
        # zig searches no /usr/include of its own for a cross target: say where the library lies.
        extra = [] if platform == "linux-x86_64" else ["-idirafter", str(header.parent)]
        ours, referenced, errors = referenced_symbols(header, model, platform, "c", tmp_path, extra)
        assert errors == ""
        assert len(ours) >= len(functions) - 5  # all but inline/overloaded oddities are compared
        wrong = {name: symbols for name, symbols in ours.items() if not symbols & referenced}
        assert wrong == {}, platform
