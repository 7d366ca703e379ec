"""``nativeapi check`` end to end: the three formats, the exit codes, the baseline, --config, bad input;
and a real Debian library against a ground truth computed here from ``nm -D`` and GCC's preprocessor."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sphinx_nativeapi.cli import main

DATA = Path(__file__).parent / "data" / "check"
FIXTURES = Path(__file__).parent / "fixtures" / "bin"
ELF = ["check", str(DATA / "fxelf.h"), "--binary", str(FIXTURES / "linux-x86_64" / "libfxelf.so")]


@pytest.fixture
def check(capsys, tmp_path):
    def run(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main([*argv, "--cache-dir", str(tmp_path / "cache")])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def test_text_lists_findings_with_explanations(check):
    code, out, _ = check(*ELF)
    assert code == 1  # fx_gone is marked and missing
    assert re.search(r"^linux-x86_64\s+libfxelf\.so\s+6\s+1\s+2\s+0\s+1\s", out, re.M)
    missing = next(line for line in out.splitlines() if "missing" in line and "fx_gone" in line)
    assert missing.startswith("tests/data/check/fxelf.h:22: error:")
    assert "version script" in missing  # the usual fix is named
    undeclared = next(line for line in out.splitlines() if "fx_only_in_2" in line)
    assert "warning:" in undeclared and "hide it" in undeclared
    assert "] internal:" not in out  # a quiet class: counted, not listed
    assert out.rstrip().endswith("failed: 1 new finding(s) of a --fail-on class.")


def test_github_annotations(check):
    code, out, _ = check(*ELF, "--format", "github", "--fail-on", "missing,undeclared")
    assert code == 1
    lines = out.splitlines()
    assert any(re.fullmatch(r"::error file=tests/data/check/fxelf\.h,line=22,title=nativeapi missing "
                            r"\[linux-x86_64\]::fx_gone is marked for export.*", line) for line in lines)
    undeclared = "::error title=nativeapi undeclared [linux-x86_64]::fx_only_in_2"
    assert any(line.startswith(undeclared) for line in lines)
    assert any(line.startswith("::warning file=tests/data/check/fxelf.h,line=20,") for line in lines)


def test_exit_codes(check):
    assert check(*ELF, "--fail-on", "none")[0] == 0
    assert check(*ELF, "--fail-on", "undocumented")[0] == 1
    assert check(*ELF, "--fail-on", "none", "--fail-under", "80")[0] == 0  # 5 of 6 documented: 83.33%
    code, out, _ = check(*ELF, "--fail-on", "none", "--fail-under", "90")
    assert code == 1 and "documented exports on linux-x86_64 are 83.3%" in out
    assert check(*ELF, "--fail-on", "leaked")[0] == 2
    assert check(*ELF, "--ignore", "(")[0] == 2
    truncated = FIXTURES / "malformed" / "truncated.so"
    code, _, err = check("check", str(DATA / "fxelf.h"), "--binary", str(truncated))
    assert code == 2 and "truncated.so" in err and "Traceback" not in err
    code, _, err = check("check", "--binary", str(FIXTURES / "linux-x86_64" / "libfxelf.so"))
    assert code == 2 and "no header" in err


def test_baseline_accepts_old_findings_and_fails_on_new(check, tmp_path):
    code, out, _ = check(*ELF, "--format", "json")
    baseline = tmp_path / "baseline.json"
    baseline.write_text(out)
    code, out, _ = check(*ELF, "--baseline", str(baseline))
    assert code == 0 and "1 accepted by the baseline" in out
    # a new missing declaration is not in the baseline
    header = tmp_path / "fxelf.h"
    header.write_text((DATA / "fxelf.h").read_text().replace(
        "#endif", "/** @brief New. */\nFX_EXPORT int fx_new(void);\n#endif"))
    code, out, _ = check("check", str(header), "--binary", str(FIXTURES / "linux-x86_64" / "libfxelf.so"),
                         "--baseline", str(baseline))
    assert code == 1 and "fx_new" in out and "failed: 1 new finding" in out
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": 1}')
    assert check(*ELF, "--baseline", str(bad))[0] == 2


def test_json_of_two_runs_is_byte_identical(check):
    first = check(*ELF, "--format", "json", "--platform", "linux-x86")[1]
    second = check(*ELF, "--format", "json", "--platform", "linux-x86", "--no-cache")[1]
    assert first == second
    report = json.loads(first)
    assert report["schema"] == 1 and sorted(report["platforms"]) == ["linux-x86", "linux-x86_64"]
    assert set(report["platforms"]["linux-x86_64"]) >= {
        "binary", "exported", "missing", "internal", "not_applicable", "unknown", "unmatched", "undocumented",
        "counts"}


def test_config_from_pyproject(check, tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        "[tool.nativeapi]\n"
        f"headers = [{json.dumps(str(DATA / 'fxelf.h'))}]\n"
        f"binaries = {{linux-x86_64 = {json.dumps(str(FIXTURES / 'linux-x86_64' / 'libfxelf.so'))}}}\n"
        'ignore = ["^fx_gone$"]\n'
    )
    code, out, _ = check("check", "--config", str(tmp_path / "pyproject.toml"), "--format", "json")
    report = json.loads(out)["platforms"]["linux-x86_64"]
    assert code == 0 and report["missing"] == [] and report["counts"]["ignored"] == 1


# A real library: Debian's zlib, against a ground truth that does not use this tool: the names nm -D
# lists as defined, and the function names of zlib.h as GCC's preprocessor leaves them.
# fxwin_sdk.h includes <windows.h> on _WIN32: with the [zig] extra it scans for windows-x86_64; without it
# (and with no sysroot) that platform cannot be scanned, and linux-x86_64 beside it still can.
SDK = [
    "check", str(DATA / "fxwin_sdk.h"),
    "--binary", f"windows-x86_64={FIXTURES / 'windows-x86_64' / 'fxwin.dll'}",
    "--binary", f"linux-x86_64={FIXTURES / 'linux-x86_64' / 'libfxelf.so'}",
    "--fail-on", "none",
]


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_platform_without_its_system_headers_gets_no_status(check, monkeypatch, fmt):
    monkeypatch.setenv("NATIVEAPI_TOOLCHAIN_ROOTS", '{"zig": false}')
    code, out, err = check(*SDK, "--format", fmt)
    assert code == 2
    said = [line for line in err.splitlines() if line.startswith("nativeapi check: <windows.h>")]
    assert len(said) == 1, err
    message = said[0].removeprefix("nativeapi check: ")
    assert f"(included at {DATA / 'fxwin_sdk.h'}:7)" in message
    assert "sphinx-nativeapi[zig]" in message and "--sysroot windows-x86_64=DIR" in message
    # Its parse errors (HANDLE, DWORD unknown) have that one cause: they are not listed.
    assert "[windows-x86_64]" not in err
    if fmt == "json":
        report = json.loads(out)["platforms"]
        windows = report["windows-x86_64"]
        assert windows["error"] == message
        assert windows["exported"] == windows["missing"] == windows["internal"] == windows["unmatched"] == []
        assert {e["declaration"] for e in windows["unknown"]} >= {"win_add", "win_std", "win_open_handle"}
        assert report["linux-x86_64"]["error"] is None and report["linux-x86_64"]["internal"]
    elif fmt == "github":
        assert f"::error file={DATA / 'fxwin_sdk.h'},line=7,title=nativeapi headers [windows-x86_64]::" in out
    else:
        summary = "not checked on windows-x86_64: a system header of the API was not found."
        assert out.rstrip().endswith(summary)


def test_a_platform_with_its_system_headers_gets_statuses(check):
    from sphinx_nativeapi.scanner.toolchain import zig_lib_dir

    if zig_lib_dir() is None:
        pytest.skip("needs the [zig] extra (ziglang) for the Windows headers")
    code, out, err = check(*SDK, "--format", "json")
    assert code == 0, err
    windows = json.loads(out)["platforms"]["windows-x86_64"]
    assert windows["error"] is None
    assert {e["declaration"] for e in windows["exported"]} >= {"win_add", "win_std", "win_counter"}


ZLIB_HEADER = Path("/usr/include/zlib.h")
ZLIB_SO = Path("/usr/lib/x86_64-linux-gnu/libz.so.1")


@pytest.mark.skipif(
    not (ZLIB_HEADER.exists() and ZLIB_SO.exists() and shutil.which("nm") and shutil.which("cpp")),
    reason="needs zlib1g-dev, binutils and cpp",
)
def test_zlib_matches_nm_and_the_preprocessed_header(check):
    nm = subprocess.run(["nm", "-D", "--defined-only", str(ZLIB_SO)], capture_output=True, text=True,
                        check=True)
    rows = [line.split() for line in nm.stdout.splitlines() if line.strip()]
    # type A rows are the version nodes (ZLIB_1.2.0), not symbols
    exports = {row[-1].split("@")[0] for row in rows if row[-2] != "A"}
    text = subprocess.run(["cpp", str(ZLIB_HEADER)], capture_output=True, text=True, check=True).stdout
    own, current = [], None
    for line in text.splitlines():  # keep zlib.h's own lines: linemarkers say which file each comes from
        marker = re.match(r'# \d+ "([^"]+)"', line)
        if marker:
            current = marker.group(1)
        elif current == str(ZLIB_HEADER):
            own.append(line)
    statements = " ".join(" ".join(own).split()).split(";")
    declared = {m.group(1) for s in statements
                if s.strip().startswith("extern") and (m := re.search(r"(\w+)\s*\([^()]*\)\s*$", s.strip()))}
    assert len(declared) > 50
    code, out, _ = check("check", str(ZLIB_HEADER), "--binary", str(ZLIB_SO), "--format", "json")
    assert code == 0  # zlib.h marks nothing for export: what it does not export is internal, not missing
    report = json.loads(out)["platforms"]["linux-x86_64"]
    assert {e["declaration"] for e in report["exported"]} == declared & exports
    not_exported = {e["declaration"] for status in ("missing", "internal") for e in report[status]}
    assert not_exported == declared - exports
    assert {u["symbol"] for u in report["unmatched"]} == exports - declared
