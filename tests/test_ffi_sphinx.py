"""FFI declarations in Sphinx pages: the project key ``ffi``, the ``:ffi:`` option, ``native-api-ffi``."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest
from docutils import nodes

pytest_plugins = "sphinx.testing.fixtures"
FIXTURE = Path(__file__).parent / "ffi"
pytestmark = pytest.mark.skipif(shutil.which("gcc") is None or sys.platform != "linux", reason="needs gcc")

CONF = """
extensions = ["sphinx_nativeapi"]
suppress_warnings = ["nativeapi.undocumented"]  # the fixture has few doc comments: not what is tested
nativeapi_projects = {{
    "demo": {{
        "headers": ["{header}"],
        "platforms": ["linux-x86_64", "windows-x86_64", "windows-x86"],
        "binaries": {{"linux-x86_64": "{library}"}},
        "ffi": {ffi},
    }}
}}
"""
INDEX = """
Demo
====

.. native-api:: ffidemo_add

.. native-api:: ffidemo_long_twice

.. native-api:: ffidemo_stdcall_add

.. native-api:: ffidemo_point

.. native-api:: ffidemo_sum_ints
   :ffi: cffi

.. toctree::

   module
"""
MODULE = """
Module
======

.. native-api-ffi::
   :platform: linux-x86_64

.. native-api-ffi::
   :platform: windows-x86
   :flavor: cffi
"""


def _project(tmp_path: Path, ffi: str = '["ctypes"]', index: str = INDEX) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    library = tmp_path / "libffidemo.so"
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", library, FIXTURE / "ffidemo.c"], check=True)
    (src / "conf.py").write_text(CONF.format(header=FIXTURE / "ffidemo.h", library=library, ffi=ffi))
    (src / "index.rst").write_text(index)
    (src / "module.rst").write_text(MODULE)
    return src


def _warnings(app) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


def _blocks(doctree, cls: str) -> list[tuple[str, str]]:
    """(platform label or "", code) of each block in the containers of class ``cls``."""
    out = []
    for box in doctree.findall(nodes.container):
        if cls not in box["classes"]:
            continue
        label = ""
        for child in box.children:
            if isinstance(child, nodes.paragraph):
                label = child.astext()
            elif isinstance(child, nodes.literal_block):
                out.append((label, child.astext()))
    return out


def test_snippets_per_platform_and_whole_module(make_app, tmp_path: Path) -> None:
    app = make_app("html", srcdir=_project(tmp_path))
    app.build()
    assert _warnings(app) == ""
    index = app.env.get_doctree("index")
    blocks = _blocks(index, "nativeapi-ffi-ctypes")
    texts = [text for _, text in blocks]
    # the same on every platform: one block, no platform named
    assert (
        "",
        "ffidemo_add = lib['ffidemo_add']\nffidemo_add.argtypes = [c_int32, c_int32]\n"
        "ffidemo_add.restype = c_int32",
    ) in blocks
    # long: LP64 against LLP64/ILP32
    assert (
        "linux-x86_64",
        "ffidemo_long_twice = lib['ffidemo_long_twice']\n"
        "ffidemo_long_twice.argtypes = [c_int64]\nffidemo_long_twice.restype = c_int64",
    ) in blocks
    assert (
        "windows-x86_64, windows-x86",
        "ffidemo_long_twice = lib['ffidemo_long_twice']\n"
        "ffidemo_long_twice.argtypes = [c_int32]\nffidemo_long_twice.restype = c_int32",
    ) in blocks
    # stdcall on 32-bit Windows: WinDLL and the decorated name
    assert any(
        label == "windows-x86" and "windll['_ffidemo_stdcall_add@8']" in text for label, text in blocks
    )
    assert any(text.startswith("class ffidemo_point(Structure):") for text in texts)
    # the directive's option replaces the project's flavors
    cffi = _blocks(index, "nativeapi-ffi-cffi")
    assert cffi == [("", "int32_t ffidemo_sum_ints(int32_t, ...);")]
    assert not any("ffidemo_sum_ints" in text for text in texts)
    # the whole module of a platform: it runs, with the binary's name as its default library
    page = app.env.get_doctree("module")
    modules = [
        b.astext() for b in page.findall(nodes.literal_block) if "nativeapi-ffi-module" in b["classes"]
    ]
    assert len(modules) == 2
    assert "LIBRARY = 'libffidemo.so'" in modules[0]
    generated = types.ModuleType("demo_ctypes")
    exec(compile(modules[0], "demo_ctypes.py", "exec"), generated.__dict__)
    lib = generated.load(str(tmp_path / "libffidemo.so"))
    assert lib.ffidemo_add(40, 2) == 42
    assert "int32_t __stdcall ffidemo_stdcall_add(int32_t, int32_t);" in modules[1]


def test_bad_flavor_is_a_warning(make_app, tmp_path: Path) -> None:
    index = "Demo\n====\n\n.. native-api:: ffidemo_add\n   :ffi: rust\n\n.. toctree::\n\n   module\n"
    app = make_app("html", srcdir=_project(tmp_path, index=index))
    app.build()
    assert "'ffi' takes ctypes and cffi, not rust" in _warnings(app)


def test_bad_project_key_names_it(make_app, tmp_path: Path) -> None:
    app = make_app("html", srcdir=_project(tmp_path, ffi='["java"]'))
    app.build()
    assert "'ffi' takes ctypes and cffi, not java" in _warnings(app)
