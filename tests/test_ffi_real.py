"""The generated linux-x86_64 ctypes module of real Debian libraries, with their real ``.so``: it imports,
every function it declares resolves, every record has clang's size, and calls return what independent
oracles say (Python's own zlib, the header's version macros, the library's own size functions).
"""

from __future__ import annotations

import ctypes
import importlib.util
import json
import subprocess
import sys
import types
import zlib
from pathlib import Path

import pytest

from sphinx_nativeapi.ffi.api import c_api
from sphinx_nativeapi.ffi.ctypes_module import module
from sphinx_nativeapi.platforms import DEFAULT_PLATFORMS, host_platform_name
from sphinx_nativeapi.scanner import ScanRequest, scan

LIBDIR = Path("/usr/lib/x86_64-linux-gnu")
pytestmark = pytest.mark.skipif(host_platform_name() != "linux-x86_64", reason="Debian x86_64 libraries")


def _generate(tmp_path: Path, header: str, library: str):
    if not Path(header).exists() or not (LIBDIR / library).exists():
        pytest.skip(f"{header} or {library} is not installed (apt-get install its -dev package)")
    out = tmp_path / (Path(header).stem + "_ctypes.py")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx_nativeapi",
            "ffi",
            "--ctypes",
            header,
            "--binary",
            str(LIBDIR / library),
            "-o",
            str(out),
            "--no-cache",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    spec = importlib.util.spec_from_file_location(out.stem, out)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    lib = module.load()  # strict: raises if any declared function or variable does not resolve
    for name, *_ in module._FUNCTIONS:
        assert name in vars(lib), name
    # every record laid out has clang's size and field offsets (system headers' records too)
    platform = DEFAULT_PLATFORMS["linux-x86_64"]
    api = c_api(scan(ScanRequest(headers=(header,), platforms=(platform.name,))), platform)
    laid_out = 0
    for record in api.records.values():
        cls = getattr(module, record.name)
        if record.definition is None or not hasattr(cls, "_fields_"):
            continue
        assert ctypes.sizeof(cls) == record.definition["size"], record.name
        for member in record.definition["fields"]:
            if member["name"] and member["bits"] is None:
                assert getattr(cls, member["name"]).offset * 8 == member["offset"], (record.name, member)
        laid_out += 1
    assert laid_out >= 1
    return module, lib


def test_zlib(tmp_path: Path) -> None:
    z, lib = _generate(tmp_path, "/usr/include/zlib.h", "libz.so.1")
    assert len(z._FUNCTIONS) > 80
    assert lib.zlibVersion().decode() == zlib.ZLIB_RUNTIME_VERSION
    assert lib.crc32(0, b"hello", 5) == zlib.crc32(b"hello")
    assert lib.adler32(1, b"hello", 5) == zlib.adler32(b"hello")
    data = b"sphinx-nativeapi " * 40
    size = z.uLongf(lib.compressBound(len(data)))
    buffer = (z.Bytef * size.value)()
    assert lib.compress(buffer, ctypes.byref(size), data, len(data)) == z.Z_OK
    assert zlib.decompress(bytes(buffer[: size.value])) == data
    # deflateInit_ checks the z_stream size it is given: the generated layout is the library's
    stream = z.z_stream()
    version = lib.zlibVersion()
    assert lib.deflateInit_(ctypes.byref(stream), 6, version, ctypes.sizeof(z.z_stream)) == z.Z_OK
    assert lib.deflateEnd(ctypes.byref(stream)) == z.Z_OK


def test_zstd(tmp_path: Path) -> None:
    z, lib = _generate(tmp_path, "/usr/include/zstd.h", "libzstd.so.1")
    assert lib.ZSTD_versionNumber() == z.ZSTD_VERSION_NUMBER
    assert (
        lib.ZSTD_versionString().decode()
        == f"{z.ZSTD_VERSION_MAJOR}.{z.ZSTD_VERSION_MINOR}.{z.ZSTD_VERSION_RELEASE}"
    )
    data = b"zstd through ctypes " * 50
    bound = lib.ZSTD_compressBound(len(data))
    buffer = ctypes.create_string_buffer(bound)
    written = lib.ZSTD_compress(buffer, bound, data, len(data), 3)
    assert not lib.ZSTD_isError(written)
    back = ctypes.create_string_buffer(len(data))
    assert lib.ZSTD_decompress(back, len(data), buffer, written) == len(data)
    assert back.raw == data


def test_libuv(tmp_path: Path) -> None:
    uv, lib = _generate(tmp_path, "/usr/include/uv.h", "libuv.so.1")
    assert lib.uv_version() == (uv.UV_VERSION_MAJOR << 16) | (uv.UV_VERSION_MINOR << 8) | uv.UV_VERSION_PATCH
    assert lib.uv_strerror(uv.UV_EINVAL) == b"invalid argument"
    # the library's own sizes of its structs, which hold pthread and sockaddr types from system headers
    assert lib.uv_loop_size() == ctypes.sizeof(uv.uv_loop_t)
    assert lib.uv_handle_size(uv.UV_TCP) == ctypes.sizeof(uv.uv_tcp_t)
    assert lib.uv_handle_size(uv.UV_TIMER) == ctypes.sizeof(uv.uv_timer_t)
    assert lib.uv_req_size(uv.UV_WRITE) == ctypes.sizeof(uv.uv_write_t)
    loop = uv.uv_loop_t()
    assert lib.uv_loop_init(ctypes.byref(loop)) == 0
    fired = []
    timer = uv.uv_timer_t()
    callback = uv.uv_timer_cb(lambda handle: fired.append(lib.uv_now(ctypes.byref(loop))))
    assert lib.uv_timer_init(ctypes.byref(loop), ctypes.byref(timer)) == 0
    assert lib.uv_timer_start(ctypes.byref(timer), callback, 1, 0) == 0
    assert lib.uv_run(ctypes.byref(loop), uv.UV_RUN_DEFAULT) == 0
    assert len(fired) == 1
    lib.uv_close(ctypes.cast(ctypes.byref(timer), ctypes.POINTER(uv.uv_handle_t)), uv.uv_close_cb())
    assert lib.uv_run(ctypes.byref(loop), uv.UV_RUN_DEFAULT) == 0
    assert lib.uv_loop_close(ctypes.byref(loop)) == 0


def test_jansson(tmp_path: Path) -> None:
    j, lib = _generate(tmp_path, "/usr/include/jansson.h", "libjansson.so.4")
    error = j.json_error_t()
    value = lib.json_loads(b'{"a": [1, 2, 3], "b": "x"}', 0, ctypes.byref(error))
    assert value
    text = lib.json_dumps(value, j.JSON_SORT_KEYS)
    assert json.loads(ctypes.cast(text, ctypes.c_char_p).value) == {"a": [1, 2, 3], "b": "x"}
    assert lib.json_array_size(lib.json_object_get(value, b"a")) == 3
    assert not lib.json_loads(b"{bad", 0, ctypes.byref(error))  # a NULL pointer
    assert error.line == 1 and b"string or '}' expected" in error.text


def test_sqlite(tmp_path: Path) -> None:
    sqlite3 = pytest.importorskip("sqlite3")
    s, lib = _generate(tmp_path, "/usr/include/sqlite3.h", "libsqlite3.so.0")
    assert lib.sqlite3_libversion_number() == s.SQLITE_VERSION_NUMBER
    number = s.SQLITE_VERSION_NUMBER  # 3046001 is 3.46.1
    assert lib.sqlite3_libversion().decode() == f"{number // 1000000}.{number // 1000 % 1000}.{number % 1000}"
    handle = ctypes.POINTER(s.sqlite3)()
    assert lib.sqlite3_open(b":memory:", ctypes.byref(handle)) == s.SQLITE_OK
    statement = ctypes.POINTER(s.sqlite3_stmt)()
    sql = b"select 6 * 7, sqlite_version()"
    assert lib.sqlite3_prepare_v2(handle, sql, -1, ctypes.byref(statement), None) == s.SQLITE_OK
    assert lib.sqlite3_step(statement) == s.SQLITE_ROW
    assert lib.sqlite3_column_int(statement, 0) == 42
    # the Python sqlite3 module's own query of the same library
    version = sqlite3.connect(":memory:").execute("select sqlite_version()").fetchone()[0]
    assert ctypes.cast(lib.sqlite3_column_text(statement, 1), ctypes.c_char_p).value.decode() == version
    assert lib.sqlite3_finalize(statement) == s.SQLITE_OK
    assert lib.sqlite3_close(handle) == s.SQLITE_OK


def test_libgit2(tmp_path: Path) -> None:
    g, lib = _generate(tmp_path, "/usr/include/git2.h", "libgit2.so")
    assert len(g._FUNCTIONS) > 700
    major, minor, rev = ctypes.c_int32(), ctypes.c_int32(), ctypes.c_int32()
    assert lib.git_libgit2_version(ctypes.byref(major), ctypes.byref(minor), ctypes.byref(rev)) == 0
    assert (major.value, minor.value, rev.value) == (
        g.LIBGIT2_VER_MAJOR,
        g.LIBGIT2_VER_MINOR,
        g.LIBGIT2_VER_REVISION,
    )
    oid = g.git_oid()
    assert lib.git_oid_fromstr(ctypes.byref(oid), b"0123456789abcdef0123456789abcdef01234567") == 0
    text = ctypes.create_string_buffer(41)
    lib.git_oid_tostr(text, 41, ctypes.byref(oid))
    assert text.value == b"0123456789abcdef0123456789abcdef01234567"


@pytest.mark.parametrize(
    ("header", "library"),
    [
        ("zlib.h", "libz.so.1"),
        ("zstd.h", "libzstd.so.1"),
        ("uv.h", "libuv.so.1"),
        ("jansson.h", "libjansson.so.4"),
        ("sqlite3.h", "libsqlite3.so.0"),
        ("git2.h", "libgit2.so"),
    ],
)
def test_cffi_cdef_of_real_libraries(tmp_path: Path, header: str, library: str) -> None:
    cffi = pytest.importorskip("cffi")
    path = Path("/usr/include") / header
    if not path.exists() or not (LIBDIR / library).exists():
        pytest.skip(f"{header} or {library} is not installed")
    platform = DEFAULT_PLATFORMS["linux-x86_64"]
    from sphinx_nativeapi.binaries import read_symbols
    from sphinx_nativeapi.ffi.cffi_gen import cdef

    tables = read_symbols(LIBDIR / library, platform.name)
    api = c_api(scan(ScanRequest(headers=(str(path),), platforms=(platform.name,))), platform, tables)
    ffi = cffi.FFI()
    ffi.cdef(cdef(api))
    lib = ffi.dlopen(str(LIBDIR / library))
    for function in api.functions:
        assert getattr(lib, function.decl.name), function.decl.name  # each resolves in the library
    if header == "zlib.h":
        assert lib.crc32(0, b"hello", 5) == zlib.crc32(b"hello")
        assert ffi.string(lib.zlibVersion()).decode() == zlib.ZLIB_RUNTIME_VERSION


@pytest.mark.parametrize("platform_name", ["macos-arm64", "linux-aarch64", "windows-x86_64"])
def test_other_platforms_records_of_libgit2(platform_name: str) -> None:
    """Other 64-bit platforms' modules, laid out by this host's ctypes: clang's sizes and offsets."""
    header = Path("/usr/include/git2.h")
    if not header.exists():
        pytest.skip("libgit2-dev is not installed")
    platform = DEFAULT_PLATFORMS[platform_name]
    model = scan(ScanRequest(headers=(str(header),), platforms=(platform_name,)))
    api = c_api(model, platform)
    generated = types.ModuleType("git2_" + platform_name.replace("-", "_"))
    exec(compile(module(api, None, "git2.h"), generated.__name__, "exec"), generated.__dict__)
    records = [r for r in api.records.values() if r.definition is not None]
    assert len(records) > 50
    for record in records:
        cls = getattr(generated, record.name)
        assert ctypes.sizeof(cls) == record.definition["size"], record.name
        for member in record.definition["fields"]:
            if member["name"] and member["bits"] is None:
                assert getattr(cls, member["name"]).offset * 8 == member["offset"], (record.name, member)
