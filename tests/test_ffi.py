"""FFI declarations proven by calling: the generated ctypes module and cffi cdef against the host build
of a fixture library (gcc), compared with what a C program gets; every platform's generated layouts
against the scanned ones, wherever the host's ctypes can lay that platform's records out.
"""

from __future__ import annotations

import ctypes
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sphinx_nativeapi.binaries import read_symbols
from sphinx_nativeapi.ffi.api import c_api
from sphinx_nativeapi.ffi.cffi_gen import cdef
from sphinx_nativeapi.ffi.constants import integer_value
from sphinx_nativeapi.ffi.ctypes_gen import CtypesWriter
from sphinx_nativeapi.ffi.ctypes_module import module
from sphinx_nativeapi.platforms import DEFAULT_PLATFORMS, PlatformTable, host_platform_name
from sphinx_nativeapi.scanner import ScanRequest, scan

FIXTURE = Path(__file__).parent / "ffi"
EXAMPLE_LIB = Path(__file__).parent.parent / "example-docs" / "lib"
HOST = host_platform_name()

pytestmark = pytest.mark.skipif(shutil.which("gcc") is None or sys.platform != "linux", reason="needs gcc")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("ffidemo")
    library = out / "libffidemo.so"
    program = out / "ffidemo_expect"
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", library, FIXTURE / "ffidemo.c"], check=True)
    subprocess.run(["gcc", "-o", program, FIXTURE / "ffidemo_expect.c", FIXTURE / "ffidemo.c"], check=True)
    return {"library": library, "program": program, "dir": out}


@pytest.fixture(scope="module")
def model():
    platforms = tuple(DEFAULT_PLATFORMS)
    return scan(ScanRequest(headers=(str(FIXTURE / "ffidemo.h"),), platforms=platforms))


def _import(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _expected(program: Path) -> dict[str, str]:
    run = subprocess.run([program], capture_output=True, text=True, check=True)
    return dict(line.split("=", 1) for line in run.stdout.splitlines())


def _ctypes_values(m, lib) -> dict[str, str]:
    """The C program's calls, in its order, through the generated module."""
    out = {}
    out["add"] = str(lib.ffidemo_add(2, 3))
    out["calls"] = str(lib.ffidemo_calls.value)
    out["name"] = lib.ffidemo_name.value.decode()
    out["long_twice"] = str(lib.ffidemo_long_twice(-1099511627776))
    out["u64"] = str(lib.ffidemo_u64(4611686018427387904))
    out["scale"] = f"{lib.ffidemo_scale(1.5, 2.0):.6f}"
    p = lib.ffidemo_make_point(3, 4)
    out["make_point"] = f"{p.x},{p.y}"
    out["point_sum"] = str(lib.ffidemo_point_sum(p))
    lib.ffidemo_point_swap(ctypes.byref(p))
    out["point_swap"] = f"{p.x},{p.y}"
    b = m.ffidemo_bits()
    lib.ffidemo_bits_make(ctypes.byref(b), 5, 17, -20)
    out["bits"] = f"{b.a},{b.b},{b.c},{b.d},{b.e}"
    out["bits_pack"] = str(lib.ffidemo_bits_pack(ctypes.byref(b)))
    mixed = m.ffidemo_mixed()
    lib.ffidemo_mixed_make(ctypes.byref(mixed))
    out["mixed"] = (
        f"{chr(mixed.tag)},{mixed.x},{mixed.y},{mixed.z},{mixed.big},{mixed.tail},{chr(mixed.last)}"
    )
    mixed.x = 5
    mixed.last = ord("a")  # a char in a unit of bit-fields is an 8-bit integer field of it
    out["mixed_sum"] = str(lib.ffidemo_mixed_sum(ctypes.byref(mixed)))
    out["sizeof_mixed"] = str(ctypes.sizeof(m.ffidemo_mixed))
    k = m.ffidemo_packed()
    lib.ffidemo_packed_fill(ctypes.byref(k))
    out["packed"] = f"{k.tag.decode()},{k.value},{k.s},{k.d:.6f}"
    out["next_color"] = str(lib.ffidemo_next_color(m.FFIDEMO_GREEN))
    out["small_flip"] = str(lib.ffidemo_small_flip(m.FFIDEMO_SMALL_A))
    s = m.ffidemo_shape()
    out["shape_fill"] = str(lib.ffidemo_shape_fill(ctypes.byref(s), b"abc"))
    out["shape"] = (
        f"{s.name.decode()},{s.id},{s.corners[1].x},{s.radius},{s.range.hi},{s.big},{s.ulong_value},{s.small}"
    )
    out["shape_check"] = str(lib.ffidemo_shape_check(ctypes.byref(s)))
    values = (ctypes.c_int32 * 3)(1, 2, 3)
    out["visit_all"] = str(lib.ffidemo_visit_all(values, 3, m.ffidemo_visit(lambda v, user: v * 2), None))
    combine = dict((f[0], f[1]) for f in m.ffidemo_ops._fields_)["combine"]
    callback = combine(lambda a, c: a * c)
    ops = m.ffidemo_ops(callback, b"abcd")
    out["ops_apply"] = str(lib.ffidemo_ops_apply(ctypes.byref(ops), 3, 4))
    q, r = ctypes.c_int32(), ctypes.c_int32()
    status = lib.ffidemo_divmod(17, 5, ctypes.byref(q), ctypes.byref(r))
    out["divmod"] = f"{status},{q.value},{r.value}"
    out["sum_ints"] = str(lib.ffidemo_sum_ints(3, ctypes.c_int(1), ctypes.c_int(2), ctypes.c_int(3)))
    buffer = ctypes.create_string_buffer(32)
    n = lib.ffidemo_format(buffer, 32, b"%d-%s", ctypes.c_int(7), ctypes.c_char_p(b"x"))
    out["format"] = f"{n},{buffer.value.decode()}"
    handle = lib.ffidemo_open(3)
    out["handle_value"] = str(lib.ffidemo_handle_value(handle))
    lib.ffidemo_close(handle)
    out["greeting"] = lib.ffidemo_greeting().decode()
    out["stdcall_add"] = str(lib.ffidemo_stdcall_add(1, 2))
    out["strlen"] = str(lib.ffidemo_strlen(b"hello"))
    out["calls_after"] = str(lib.ffidemo_calls.value)
    out["sizeof_shape"] = str(ctypes.sizeof(m.ffidemo_shape))
    out["sizeof_bits"] = str(ctypes.sizeof(m.ffidemo_bits))
    out["sizeof_packed"] = str(ctypes.sizeof(m.ffidemo_packed))
    return out


def test_ctypes_module_calls_like_c(built, model) -> None:
    tables = read_symbols(str(built["library"]), HOST)
    api = c_api(model, PlatformTable()[HOST], tables)
    path = built["dir"] / "ffidemo_ctypes.py"
    path.write_text(module(api, str(built["library"]), "ffidemo.h"))
    m = _import(path, "ffidemo_ctypes")
    lib = m.load()  # strict: every function the module declares resolves
    expected = _expected(built["program"])
    del expected["packed_sum"]
    assert _ctypes_values(m, lib) == expected
    # every function and variable the header declares is set up, but the one ctypes cannot call
    assert not api.skipped
    text = path.read_text()
    assert text.count("not callable through ctypes") == 1
    assert (
        "#   ffidemo_packed_sum: not callable through ctypes: ffidemo_packed is packed and passed by value, "
        "which libffi passes as if unpacked" in text
    )
    assert "ffidemo_packed_sum" not in vars(lib)  # CDLL would look any name up; load() set none
    assert {f.decl.name for f in api.functions} >= {"ffidemo_add", "ffidemo_sum_ints", "ffidemo_visit_all"}
    # constants: enumerators and integer macros, evaluated
    assert (m.FFIDEMO_FLAG_B, m.FFIDEMO_NEG, m.FFIDEMO_VERSION, m.FFIDEMO_BLUE) == (8, -42, 0x010203, -3)


def test_load_names_what_the_library_lacks(built, model, tmp_path) -> None:
    api = c_api(model, PlatformTable()[HOST])  # no binary: every declared function is expected
    api.functions[0].symbol = "ffidemo_no_such_function"
    path = tmp_path / "lacking.py"
    path.write_text(module(api, None, "ffidemo.h"))
    m = _import(path, "lacking")
    with pytest.raises(ValueError, match="without --binary"):
        m.load()
    with pytest.raises(AttributeError, match="does not export ffidemo_no_such_function"):
        m.load(str(built["library"]))
    lib = m.load(str(built["library"]), strict=False)
    assert lib.ffidemo_strlen(b"abc") == 3


def test_cffi_cdef_parses_and_calls(built, model) -> None:
    cffi = pytest.importorskip("cffi")
    api = c_api(model, PlatformTable()[HOST])
    text = cdef(api)
    ffi = cffi.FFI()
    ffi.cdef(text)
    own = built["dir"] / "libffidemo_cffi.so"  # a library of its own: the ctypes test counted calls
    shutil.copy(built["library"], own)
    lib = ffi.dlopen(str(own))
    expected = _expected(built["program"])
    got = {"add": str(lib.ffidemo_add(2, 3)), "calls": str(lib.ffidemo_calls)}
    got["name"] = ffi.string(lib.ffidemo_name).decode()
    got["long_twice"] = str(lib.ffidemo_long_twice(-1099511627776))
    p = lib.ffidemo_make_point(3, 4)
    got["make_point"] = f"{p.x},{p.y}"
    got["point_sum"] = str(lib.ffidemo_point_sum(p))
    b = ffi.new("struct ffidemo_bits *")
    lib.ffidemo_bits_make(b, 5, 17, -20)
    got["bits"] = f"{b.a},{b.b},{b.c},{b.d},{b.e}"
    s = ffi.new("ffidemo_shape *" if "typedef struct ffidemo_shape" in text else "struct ffidemo_shape *")
    got["shape_fill"] = str(lib.ffidemo_shape_fill(s, b"abc"))
    got["shape_check"] = str(lib.ffidemo_shape_check(s))
    callback = ffi.callback("ffidemo_visit", lambda v, user: v * 2)
    got["visit_all"] = str(lib.ffidemo_visit_all(ffi.new("int32_t[]", [1, 2, 3]), 3, callback, ffi.NULL))
    q, r = ffi.new("int32_t *"), ffi.new("int32_t *")
    got["divmod"] = f"{lib.ffidemo_divmod(17, 5, q, r)},{q[0]},{r[0]}"
    got["sum_ints"] = str(lib.ffidemo_sum_ints(3, *(ffi.cast("int", v) for v in (1, 2, 3))))
    got["greeting"] = ffi.string(lib.ffidemo_greeting()).decode()
    assert "typedef ... ffidemo_handle;" in text  # opaque, as cffi spells it
    handle = lib.ffidemo_open(3)
    got["handle_value"] = str(lib.ffidemo_handle_value(handle))
    lib.ffidemo_close(handle)
    got["sizeof_shape"] = str(ffi.sizeof("struct ffidemo_shape"))
    assert got == {key: expected[key] for key in got}
    assert lib.FFIDEMO_FLAG_B == 8
    # the packed record cannot be laid out in the same cdef: opaque, and said so
    assert "ffidemo_packed; /* opaque: packed to 1" in text
    assert "ffidemo_packed_sum: not declared" in text


def _host_cannot_lay_out(platform, definition, api) -> str | None:
    """Why this host's ctypes cannot reproduce the platform's layout of a record, or None."""
    host_pointer = ctypes.sizeof(ctypes.c_void_p)
    pointer = 4 if platform.data_model == "ILP32" else 8
    if pointer != host_pointer and _contains(definition, api, "pointer"):
        return "pointers differ in size"
    if platform.triple.startswith("i686-pc-linux") and _contains(definition, api, "eight-byte"):
        return "i386 System V aligns 8-byte scalars in records to 4"
    if platform.is_windows and any(f["bits"] is not None for f in definition["fields"]):
        return "MSVC bit-field packing"
    return None


def _contains(ctype, api, what: str, seen=None) -> bool:
    seen = seen if seen is not None else set()
    kind = ctype["kind"]
    if kind == "pointer":
        return what == "pointer"
    if kind in ("int", "float") and ctype["size"] == 8:
        return what == "eight-byte"
    if kind == "array":
        return _contains(ctype["element"], api, what, seen)
    if kind == "typedef":
        typedef = api.typedefs.get(ctype["usr"])
        return typedef is not None and _contains(typedef.ctype, api, what, seen)
    if kind == "enum":
        return False
    if kind == "record" and "fields" in ctype:
        return any(_contains(f["type"], api, what, seen) for f in ctype["fields"])
    if kind == "record":
        record = api.records.get(ctype["usr"])
        if record is None or record.definition is None or record.usr in seen:
            return False
        seen.add(record.usr)
        return _contains(record.definition, api, what, seen)
    return False


@pytest.mark.parametrize("platform_name", list(DEFAULT_PLATFORMS))
def test_layouts_equal_the_scanned_ones(model, tmp_path, monkeypatch, platform_name) -> None:
    checked, cannot = _check_layouts(model, tmp_path, monkeypatch, platform_name)
    assert checked + len(cannot) == 6
    if platform_name == HOST:
        assert not cannot
    if DEFAULT_PLATFORMS[platform_name].is_windows:
        assert ("ffidemo_bits", "MSVC bit-field packing") in cannot
    if DEFAULT_PLATFORMS[platform_name].data_model == "LP64":  # every record, bit-fields of mixed types too
        assert checked == 6, cannot


@pytest.fixture(scope="module")
def other_models():
    """The example library's C API and the FFI scanner case, on every platform."""
    platforms = tuple(DEFAULT_PLATFORMS)
    example = ScanRequest(
        headers=(str(EXAMPLE_LIB / "include" / "example" / "example.h"),),
        include_dirs=(str(EXAMPLE_LIB / "include"),),
        platforms=platforms,
    )
    case = ScanRequest(headers=(str(Path(__file__).parent / "cases" / "c_ffi_types.h"),), platforms=platforms)
    return [scan(example), scan(case)]


@pytest.mark.parametrize("platform_name", list(DEFAULT_PLATFORMS))
def test_other_layouts_equal_the_scanned_ones(other_models, tmp_path, monkeypatch, platform_name) -> None:
    for i, other in enumerate(other_models):
        checked, cannot = _check_layouts(other, tmp_path / str(i), monkeypatch, platform_name)
        assert checked + len(cannot) >= 2
        if platform_name == HOST:
            assert not cannot


def _check_layouts(model, tmp_path, monkeypatch, platform_name) -> tuple[int, list[tuple[str, str]]]:
    """Each record of the platform's generated module against the scanned layout, where the host's
    ctypes can lay it out; the records it cannot, with the reason."""
    tmp_path.mkdir(exist_ok=True)
    platform = DEFAULT_PLATFORMS[platform_name]
    api = c_api(model, platform)
    text = module(api, None, "ffidemo.h")
    if not hasattr(ctypes, "WINFUNCTYPE"):  # only its callback types need it, and they are pointers
        monkeypatch.setattr(ctypes, "WINFUNCTYPE", ctypes.CFUNCTYPE, raising=False)
    writer = CtypesWriter(api)
    path = tmp_path / f"layout_{platform_name.replace('-', '_')}_{abs(hash(str(tmp_path)))}.py"
    path.write_text(text)
    m = _import(path, path.stem)
    checked, cannot = 0, []
    for decl in model.declarations:
        facts = decl.platforms.get(platform_name)
        if decl.kind not in ("struct", "union") or facts is None or not facts.fields or decl.name[0] == "@":
            continue
        record = api.records[decl.usr]
        cls = getattr(m, record.name)
        if record.usr in writer.unexpressible:  # the generator says it cannot lay it out, and why
            assert any(
                line.startswith(f"class {record.name}(") and "pass  # not laid out: " in line
                for line in text.splitlines()
            )
            cannot.append((decl.name, "not laid out"))
            continue
        reason = _host_cannot_lay_out(platform, record.definition, api)
        if reason:
            cannot.append((decl.name, reason))
            # the declared types, then: each field's ctypes type has the platform's size
            for member, entry in zip(record.definition["fields"], cls._fields_, strict=False):
                if member["type"]["kind"] == "int":
                    assert ctypes.sizeof(entry[1]) == member["type"]["size"], (decl.name, member)
            continue
        assert ctypes.sizeof(cls) == facts.size, decl.name
        for layout in facts.fields:
            field = getattr(cls, layout.name)
            # ctypes (3.11) packs a bit-field's width and bit position into its size; a field placed
            # inside the storage unit of the bit-fields before it is generated as a bit-field too
            bit_position = field.offset * 8 + (field.size & 0xFFFF if field.size >> 16 else 0)
            assert bit_position == layout.bit_offset, (decl.name, layout.name)
        checked += 1
    return checked, cannot


def test_per_platform_types(model) -> None:
    """long is 4 bytes on LLP64; a stdcall function goes through WinDLL with its decorated name."""
    win32 = c_api(model, DEFAULT_PLATFORMS["windows-x86"])
    text = module(win32, None, "ffidemo.h")
    assert "('ffidemo_stdcall_add', '_ffidemo_stdcall_add@8', c_int32, [c_int32, c_int32], True)" in text
    assert "('ffidemo_add', 'ffidemo_add', c_int32, [c_int32, c_int32], False)" in text
    win64 = module(c_api(model, DEFAULT_PLATFORMS["windows-x86_64"]), None, "ffidemo.h")
    assert "('ffidemo_long_twice', 'ffidemo_long_twice', c_int32, [c_int32], False)" in win64
    mac = module(c_api(model, DEFAULT_PLATFORMS["macos-arm64"]), None, "ffidemo.h")
    assert "('ffidemo_long_twice', 'ffidemo_long_twice', c_int64, [c_int64], False)" in mac


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("(1u << 3)", 8),
        ("0x10", 16),
        ("-42", -42),
        ("010", 8),
        ("(A + 2) * 3", 21),
        ("7 / -2", -3),
        ("'a'", 97),
        ("((int)5)", 5),
        ("~0u", None),
        ('"x"', None),
        ("f(1)", None),
        ("B", None),
    ],
)
def test_integer_macros(text: str, value: int | None) -> None:
    assert integer_value(text, {"A": 5}) == value


def test_example_library_calls_like_c(tmp_path: Path) -> None:
    """example-docs' committed linux-x86_64 build, through the module generated from its C++ scan."""
    binary = EXAMPLE_LIB / "bin" / "linux-x86_64" / "libexample.so"
    # zig linked it without naming libstdc++ (its C++ part needs it): both the C program and this
    # process supply it; the program finds it under its soname.
    (tmp_path / "libexample.so.2").symlink_to(binary)
    program = tmp_path / "example_expect"
    subprocess.run(
        [
            "gcc",
            "-Wno-deprecated-declarations",
            "-o",
            program,
            FIXTURE / "example_expect.c",
            f"-I{EXAMPLE_LIB / 'include'}",
            binary,
            "-lstdc++",
            f"-Wl,-rpath,{tmp_path}",
        ],
        check=True,
    )
    expected = _expected(program)
    ctypes.CDLL("libstdc++.so.6", mode=ctypes.RTLD_GLOBAL)
    request = ScanRequest(
        headers=(str(EXAMPLE_LIB / "include" / "example" / "example.h"),),
        include_dirs=(str(EXAMPLE_LIB / "include"),),
        language="c++",
        platforms=(HOST,),
    )
    api = c_api(scan(request), PlatformTable()[HOST], read_symbols(str(binary), HOST))
    path = tmp_path / "example_ctypes.py"
    path.write_text(module(api, str(binary), "example.h"))
    ex = _import(path, "example_ctypes")
    lib = ex.load()
    assert not api.skipped
    got = {"abi_version": str(lib.example_abi_version.value)}
    options = ex.example_options(verbose=1, min_level=ex.EXAMPLE_LEVEL_INFO)
    ctx = lib.example_open(b"data.bin", ctypes.byref(options))
    got["opened"] = str(int(bool(ctx)))
    seen = []
    one = ctypes.c_int(1)

    def logger(user, level, message):
        seen.append((ctypes.cast(user, ctypes.POINTER(ctypes.c_int)).contents.value, level, message.decode()))

    callback = ex.example_log_fn(logger)
    lib.example_set_logger(ctx, callback, ctypes.byref(one))
    got["logf"] = str(lib.example_logf(ctx, ex.EXAMPLE_LEVEL_WARNING, b"n=%d s=%s", ctypes.c_int(5), b"x"))
    got["logged"] = f"{seen[-1][1]}:{seen[-1][2]},{sum(s[0] for s in seen)}"
    got["checksum"] = str(lib.example_checksum(ctx, b"hello", 5))
    got["add_saturated"] = f"{lib.example_add_saturated(2, 3)},{lib.example_add_saturated(2**31 - 1, 1)}"
    stats = ex.example_stats()
    got["get_stats"] = str(lib.example_get_stats(ctx, ctypes.byref(stats)))
    got["stats"] = f"{stats.bytes_seen},{stats.open_count},{stats.log_count},{stats.path.decode()}"
    got["get_stats_null"] = str(lib.example_get_stats(None, ctypes.byref(stats)))
    lib.example_reset(ctx)
    lib.example_get_stats(ctx, ctypes.byref(stats))
    got["after_reset"] = f"{stats.bytes_seen},{stats.log_count}"
    got["close"] = str(lib.example_close(ctx))
    other = lib.example_open_file(b"other.bin")
    got["open_file"] = str(int(bool(other)))
    got["close_other"] = str(lib.example_close(other))
    assert got == expected


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sphinx_nativeapi", "ffi", *args], capture_output=True, text=True, check=False
    )


def test_cli_names_what_the_32_bit_dll_exports() -> None:
    """The committed windows-x86 DLL exports its stdcall functions MSVC-style: WinDLL, ``_f@N``."""
    run = _cli(
        "--ctypes",
        "--platform",
        "windows-x86",
        "--lang",
        "c++",
        f"-I{EXAMPLE_LIB / 'include'}",
        str(EXAMPLE_LIB / "include" / "example" / "example.h"),
        str(EXAMPLE_LIB / "include" / "example" / "widget.hpp"),
        "--binary",
        str(EXAMPLE_LIB / "bin" / "windows-x86" / "example.dll"),
    )
    assert run.returncode == 0, run.stderr
    assert (
        "('example_checksum', '_example_checksum@12', c_uint32, [POINTER(example_ctx), c_void_p, c_uint32], "
        "True)"
    ) in run.stdout
    assert "('example_open', 'example_open', POINTER(example_ctx)" in run.stdout  # cdecl: no "_"
    assert "LIBRARY = " in run.stdout and "example.dll'" in run.stdout
    assert "#   example::Widget: C++, which ctypes and cffi cannot call" in run.stdout


def test_cli_cffi_and_bad_input(tmp_path: Path) -> None:
    cffi = pytest.importorskip("cffi")
    out = tmp_path / "demo.cdef"
    run = _cli("--cffi", str(FIXTURE / "ffidemo.h"), "-o", str(out))
    assert run.returncode == 0, run.stderr
    cffi.FFI().cdef(out.read_text())
    run = _cli(
        "--ctypes", "--platform", "linux-x86_64", "--platform", "windows-x86", str(FIXTURE / "ffidemo.h")
    )
    assert run.returncode == 2 and "one platform" in run.stderr
    run = _cli("--ctypes", str(FIXTURE / "ffidemo.h"), "--binary", str(tmp_path / "missing.so"))
    assert run.returncode == 2 and "missing.so" in run.stderr and "Traceback" not in run.stderr
    run = _cli("--ctypes", str(tmp_path / "nothing.h"))
    assert run.returncode == 2 and "nothing.h: no such header file" in run.stderr


def test_model_json_keeps_the_types(model) -> None:
    from sphinx_nativeapi.model import ApiModel

    again = ApiModel.from_json(json.loads(json.dumps(model.to_json())))
    for before, after in zip(model.declarations, again.declarations, strict=True):
        assert {p: f.ctype for p, f in before.platforms.items()} == {
            p: f.ctype for p, f in after.platforms.items()
        }


def test_what_ctypes_cannot_state_is_named(tmp_path: Path) -> None:
    header = tmp_path / "limits.h"
    header.write_text(
        "union lim_value { int i; double d; };\n"
        "struct lim_flags { unsigned a : 1; };\n"
        "struct lim_holder { union lim_value v; };\n"
        "struct __attribute__((aligned(16))) lim_wide { int x; };\n"
        "int lim_union(union lim_value v);\n"
        "int lim_flags_by_value(struct lim_flags f);\n"
        "int lim_holder(struct lim_holder h);\n"
        "int lim_by_pointer(const union lim_value *v, struct lim_wide *w);\n"
        "__int128 lim_wide_int(void);\n"
        "long double lim_long_double(void);\n"
    )
    model = scan(ScanRequest(headers=(str(header),), platforms=(HOST, "windows-x86_64-mingw")))
    text = module(c_api(model, DEFAULT_PLATFORMS[HOST]), None, "limits.h")
    assert "#   lim_union: not callable through ctypes: lim_value is a union passed by value" in text
    assert "#   lim_flags_by_value: not callable through ctypes: lim_flags has bit-fields" in text
    # a tag named like a function is struct_NAME in Python, where both share one namespace
    assert "#   lim_holder: not callable through ctypes: struct_lim_holder holds lim_value" in text
    assert "#   lim_wide_int: not callable through ctypes: a 128-bit integer" in text
    assert "class lim_wide(Structure): pass  # not laid out: its alignment is above its fields'" in text
    assert (
        "('lim_by_pointer', 'lim_by_pointer', c_int32, [POINTER(lim_value), POINTER(lim_wide)], False)"
        in text
    )
    assert "('lim_long_double', 'lim_long_double', c_longdouble, [], False)" in text
    # MinGW's long double is 16 bytes, CPython's on Windows is a double: not stated
    mingw = module(c_api(model, DEFAULT_PLATFORMS["windows-x86_64-mingw"]), None, "limits.h")
    assert "#   lim_long_double: not callable through ctypes: a 16-byte long double" in mingw
