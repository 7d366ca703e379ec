"""Fuzz targets, one per reader: mutated real fixtures give a SymbolTable or a NativeApiError, nothing else.

A few seconds each in the test suite; ``tox -e fuzz`` sets NATIVEAPI_FUZZ_EXAMPLES for a longer run. A
crash inside LIEF would end the process: that too fails the run, as it should.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_binaries import FIXTURES

from sphinx_nativeapi.binaries import read_symbols
from sphinx_nativeapi.binaries.dump import to_json
from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.symbols import SymbolTable

EXAMPLES = int(os.environ.get("NATIVEAPI_FUZZ_EXAMPLES", "120"))
READERS = {
    "elf": "*/*.so",
    "pe": "*/*.dll",
    "macho": "*/*.dylib",
    "archive": "*/*.a",
    "coff-lib": "*/*.lib",
}
SCRATCH = Path(tempfile.mkdtemp(prefix="nativeapi-fuzz-"))


def seeds(pattern: str) -> list[bytes]:
    return [p.read_bytes() for p in sorted(FIXTURES.glob(pattern)) if p.parent.name != "malformed"]


# A mutation: overwrite bytes at a position with small or boundary values, insert, or cut the file.
_VALUES = st.sampled_from([b"\x00", b"\xff", b"\x7f", b"\x80", b"\xff\xff\xff\xff", b"\x00\x00\x00\x00",
                           b"\xff\xff\xff\x7f", b"\x01\x00\x00\x80"]) | st.binary(min_size=1, max_size=8)
_MUTATION = st.tuples(st.sampled_from(["overwrite", "insert", "cut"]), st.floats(0, 1), _VALUES)


def mutate(data: bytes, mutations: list[tuple[str, float, bytes]]) -> bytes:
    buffer = bytearray(data)
    for operation, where, value in mutations:
        position = int(where * len(buffer))
        if operation == "overwrite":
            buffer[position:position + len(value)] = value
        elif operation == "insert":
            buffer[position:position] = value
        else:
            del buffer[position:]
    return bytes(buffer)


def check(data: bytes) -> None:
    path = SCRATCH / "case"
    path.write_bytes(data)
    try:
        tables = read_symbols(path)
    except NativeApiError as exc:
        assert str(path) in str(exc)
        return
    assert isinstance(tables, list)
    assert all(isinstance(t, SymbolTable) for t in tables)


@pytest.mark.parametrize("reader", sorted(READERS))
def test_fuzz_reader(reader: str) -> None:
    population = seeds(READERS[reader])
    assert population

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.sampled_from(population), st.lists(_MUTATION, min_size=1, max_size=8))
    def target(seed: bytes, mutations: list[tuple[str, float, bytes]]) -> None:
        check(mutate(seed, mutations))

    target()


@settings(max_examples=EXAMPLES, deadline=None, database=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                max_size=4)),
       st.sampled_from(["binaries", "schema", "symbols", "path", "kind", "ordinal", "name"]))
def test_fuzz_dump(value: object, key: str) -> None:
    """A real dump with one value anywhere replaced by any JSON value."""
    tables = read_symbols(FIXTURES / "windows-x86" / "fxwin.dll")
    document = to_json(tables)
    if key in ("binaries", "schema"):
        document[key] = value
    elif key in ("symbols", "path"):
        document["binaries"][0][key] = value
    else:
        document["binaries"][0]["symbols"][0][key] = value
    check(json.dumps(document).encode())
