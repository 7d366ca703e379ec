"""A platform whose unit found no file for a system header that the API's own headers include: it gets
no ABI status (all unknown), since what its headers declare is half invented by clang's recovery.

Cases are data: the files of a small API, the header scanned, the platform, and the system header that
must be reported missing (None: none must be, the platform keeps its statuses).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_nativeapi.cache import ScanCache
from sphinx_nativeapi.matching import match
from sphinx_nativeapi.model import AbiReport, ApiModel
from sphinx_nativeapi.scanner import ScanRequest, scan

NO_ZIG = '{"zig": false}'  # no other platform's system headers: the machine without the [zig] extra

CASES = [
    pytest.param(
        {"api.h": "#include <windows.h>\nint api_open(HANDLE h);\n"},
        "api.h", "windows-x86_64", [], ("windows.h", False), id="another-platforms-system-header",
    ),
    pytest.param(
        {"api.h": "#include <stddef.h>\n#include <nativeapi_not_installed.h>\nint api_open(void);\n"},
        "api.h", "linux-x86_64", [], ("nativeapi_not_installed.h", True), id="host-package-not-installed",
    ),
    pytest.param(
        {"api.h": "#ifdef _WIN32\n#include <windows.h>\n#endif\nint api_open(void);\n"},
        "api.h", "linux-x86_64", [], None, id="ifdef-ed-out-on-this-platform",
    ),
    pytest.param(
        {"api.h": '#include "api_gone.h"\nint api_open(void);\n'},
        "api.h", "linux-x86_64", [], None, id="own-header-quoted",
    ),
    pytest.param(
        {"include/mylib/api.h": "#include <mylib/config.h>\nint api_open(void);\n",
         "include/mylib/config.h": "#define MYLIB_CONFIG 1\n"},
        "include/mylib/api.h", "linux-x86_64", [], None, id="own-header-angled-its-dir-not-given",
    ),
    pytest.param(
        {"api.h": "#include <outside.h>\nint api_open(void);\n", "sys/outside.h": "#include <windows.h>\n"},
        "api.h", "linux-x86_64", ["-isystem", "{root}/sys"], None, id="only-a-system-header-misses-it",
    ),
]


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


@pytest.mark.parametrize(("files", "header", "platform", "args", "expected"), CASES)
def test_missing_system_header_per_platform(files, header, platform, args, expected, tmp_path, monkeypatch):
    monkeypatch.setenv("NATIVEAPI_TOOLCHAIN_ROOTS", NO_ZIG)
    _write(tmp_path, files)
    request = ScanRequest(
        headers=(str(tmp_path / header),),
        platforms=(platform,),
        args=tuple(a.format(root=tmp_path) for a in args),
    )
    model = scan(request)
    unscanned = model.unscanned()
    if expected is None:
        assert unscanned == {}
        return
    missing = unscanned[platform]
    assert (missing.header, missing.host) == expected
    line = next(i for i, text in enumerate(files[header].splitlines(), 1) if expected[0] in text)
    assert (missing.file, missing.line) == (str(tmp_path / header), line)
    # The JSON of the model (what `nativeapi scan` prints) and the cache both keep it.
    assert ApiModel.from_json(model.to_json()).unscanned() == unscanned
    cache = ScanCache(str(tmp_path / "cache"))
    scan(request, cache=cache)
    assert scan(request, cache=cache).unscanned() == unscanned
    # No status: every declaration is unknown, the report says why, and its JSON keeps that.
    report = match(model, {})
    assert report.platforms[platform].error == missing.message
    assert AbiReport.from_json(report.to_json()).platforms[platform].error == missing.message
    assert f"<{expected[0]}>" in missing.message and f"--sysroot {platform}=DIR" in missing.message
    assert ("sphinx-nativeapi[zig]" in missing.message) != expected[1]
