"""Fuzz targets for the command line on headers: seeded mutants of real-looking headers (cut short, lines
dropped, junk tokens put in, bytes flipped) scanned and checked by the real entry point, in process.

Whatever the header holds, ``nativeapi scan --json`` and ``nativeapi check --format json`` end with JSON
on stdout (exit 0 or 1) or one line on stderr (exit 2): never a traceback, never a hang. Each example is
a real libclang parse, a hundred times the cost of a binary reader's example, so this runs a tenth of
NATIVEAPI_FUZZ_EXAMPLES (``tox -e fuzz``: 2,000 per target).
"""

from __future__ import annotations

import faulthandler
import io
import json
import os
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_nativeapi.cli import main

EXAMPLES = max(10, int(os.environ.get("NATIVEAPI_FUZZ_EXAMPLES", "200")) // 10)
HANG_SECONDS = 120  # one example past this is a hang: the process ends, with every thread's traceback
SEEDS = Path(__file__).parent / "data" / "mutants"
BINARIES = Path(__file__).parent / "fixtures" / "bin" / "linux-x86_64"
TARGETS = {  # a seed header: the options that scan it, and a real library for check to hold it against
    "fxapi.h": (["--lang", "c", "--export-macro", "FXAPI"], BINARIES / "libfxelf.so"),
    "geo.hpp": (["--lang", "c++", "--export-macro", "GEO_API"], BINARIES / "libfxcxx.so"),
}
SCRATCH = Path(tempfile.mkdtemp(prefix="nativeapi-fuzz-headers-"))

# What a mutation puts in: C and C++ punctuation, preprocessor lines, comment and doc-comment markers.
_JUNK = [
    "{", "}", "(", ")", "[", "]", ";", ",", "#", "::", "<", ">", "<<", '"', "'", "\\", "=", "*", "&", "...",
    "template", "typename", "operator", "namespace", "struct", "extern \"C\"", "__attribute__((",
    "\n#define X(", "\n#if 1\n", "\n#endif\n", "\n#include \"", "/*", "*/", "//", "/**", "///<",
    "\\rst\n", "@param", "@code", "\n", "\t", "\x00", "\x0c",
]  # fmt: skip
_MUTATION = st.one_of(
    st.tuples(st.just("truncate"), st.floats(0, 1)),
    st.tuples(st.just("drop"), st.floats(0, 1), st.integers(1, 8)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.sampled_from(_JUNK)),
    st.tuples(st.just("flip"), st.floats(0, 1), st.integers(0, 7)),
    st.tuples(st.just("byte"), st.floats(0, 1), st.integers(0, 255)),
)


def mutate(data: bytes, mutations: list[tuple]) -> bytes:
    buffer = bytearray(data)
    for operation, where, *value in mutations:
        position = min(int(where * len(buffer)), max(len(buffer) - 1, 0))
        if operation == "truncate":
            del buffer[position:]
        elif operation == "drop":
            lines = buffer.split(b"\n")
            first = int(where * len(lines))
            buffer = bytearray(b"\n".join(lines[:first] + lines[first + value[0] :]))
        elif operation == "insert":
            buffer[position:position] = value[0].encode()
        elif buffer and operation == "flip":
            buffer[position] ^= 1 << value[0]
        elif buffer:
            buffer[position] = value[0]
    return bytes(buffer)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([*argv, "--cache-dir", str(SCRATCH / "cache")])
    return code, out.getvalue(), err.getvalue()


def assert_clean(command: str, code: int, out: str, err: str) -> None:
    """JSON on stdout, or one line on stderr saying what was wrong (and exit 2); nothing else.

    One exit 2 has a report: ``check`` on a platform whose headers name a system header that is not
    there (a mutant's ``#include <stddef.h{>``) reports the others, that platform's ``error``, and a
    line per such platform on stderr."""
    assert code in (0, 1, 2), (code, err)
    if code == 2 and not out:
        lines = err.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"nativeapi {command}: "), err
        return
    report = json.loads(out)
    assert report["schema"] == 1
    if code == 2:
        assert command == "check", err
        unscanned = [p for p in report["platforms"].values() if p["error"]]
        lines = [line for line in err.splitlines() if line.startswith("nativeapi check: ")]
        assert unscanned and len(lines) == len(unscanned), err


@pytest.mark.parametrize("seed", sorted(TARGETS))
def test_fuzz_header_mutants(seed: str) -> None:
    options, binary = TARGETS[seed]
    original = (SEEDS / seed).read_bytes()
    header = SCRATCH / seed
    header.write_bytes(original)
    code, out, err = run("scan", "--json", *options, str(header))
    assert code == 0 and json.loads(out)["declarations"], err  # the seed itself scans cleanly

    @settings(max_examples=EXAMPLES, deadline=timedelta(seconds=60), database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.lists(_MUTATION, min_size=1, max_size=6), st.sampled_from(["doxygen", "plain", "plain-after"]))
    def target(mutations: list[tuple], style: str) -> None:
        header.write_bytes(mutate(original, mutations))
        faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)
        try:
            scanned = run("scan", "--json", *options, "--comment-style", style, str(header))
            checked = run("check", "--format", "json", *options, "--comment-style", style,
                          "--binary", str(binary), "--fail-on", "missing,undeclared", str(header))
        finally:
            faulthandler.cancel_dump_traceback_later()
        assert_clean("scan", *scanned)
        assert_clean("check", *checked)

    target()
