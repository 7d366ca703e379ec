"""The project dict, shared by [tool.nativeapi] and conf.py: paths, globs, defines and every mistake."""

from __future__ import annotations

import pytest

from sphinx_nativeapi.config import load_pyproject, project_from_dict
from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.platforms import PlatformTable


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "include" / "lib").mkdir(parents=True)
    (tmp_path / "include" / "lib" / "a.h").write_text("int a(void);\n")
    (tmp_path / "include" / "lib" / "b.h").write_text("int b(void);\n")
    (tmp_path / "build").mkdir()
    return tmp_path


def test_paths_are_relative_to_the_file_that_holds_the_dict(tree):
    project = project_from_dict(
        "lib",
        {
            "headers": ["lib/*.h"],  # relative to an include dir
            "include_dirs": ["include"],
            "defines": {"LIB_LEVEL": 2, "LIB_ON": None},
            "platforms": ["linux-x86_64", "windows-x86"],
            "binaries": {
                "linux-x86_64": "build/liblib.so",
                "windows-x86": ["build/lib.dll", "build/lib.lib"],
            },
            "export_macros": "LIB_API",
            "ignore": [r"^_lib_private"],
            "api_dirs": "build",
            "exclude_headers": ["lib/private_*.h"],
            "anonymous_namespaces": True,
        },
        str(tree),
        PlatformTable(),
    )
    request = project.request
    assert request.headers == (str(tree / "include/lib/a.h"), str(tree / "include/lib/b.h"))
    assert request.include_dirs == (str(tree / "include"),)
    assert request.defines == ("LIB_LEVEL=2", "LIB_ON")
    assert request.export_macros == ("LIB_API",)
    assert request.api_dirs == (str(tree / "build"),)
    assert request.exclude_headers == ("lib/private_*.h",)  # globs match the end of a path: kept as written
    assert request.anonymous_namespaces is True
    assert project.binaries_for("linux-x86_64") == (str(tree / "build/liblib.so"),)
    assert project.binaries_for("windows-x86") == (str(tree / "build/lib.dll"), str(tree / "build/lib.lib"))
    assert project.binaries_for("macos-arm64") == ()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"headers": ["nothing/*.h"]}, "matches no file"),
        ({"headers": ["include/lib/a.h"], "platform": ["x"]}, "unknown key"),
        ({"headers": ["include/lib/a.h"], "platforms": ["amiga-m68k"]}, "unknown platform 'amiga-m68k'"),
        ({"headers": ["include/lib/a.h"], "binaries": {"beos-x86": "x"}}, "unknown platform 'beos-x86'"),
        ({"headers": ["include/lib/a.h"], "include_dirs": ["missing"]}, "does not exist"),
        ({"headers": ["include/lib/a.h"], "defines": 3}, "'defines' must be"),
        ({"headers": ["include/lib/a.h"], "comment_style": "fancy"}, "comment_style"),
        ({"headers": ["include/lib/a.h"], "binaries": ["x"]}, "map platform names"),
        ({"headers": ["include/lib/a.h"], "api_dirs": ["missing"]}, "API dir .*missing does not exist"),
        ({"headers": ["include/lib/a.h"], "exclude_headers": [1]}, "'exclude_headers' must be"),
        ({"headers": ["include/lib/a.h"], "anonymous_namespaces": "yes"}, "'anonymous_namespaces' must be"),
    ],
)
def test_mistakes_name_the_key_and_the_file(tree, data, message):
    with pytest.raises(NativeApiError, match=message) as caught:
        project_from_dict("lib", data, str(tree), PlatformTable(), source=str(tree / "pyproject.toml"))
    assert "pyproject.toml" in str(caught.value)


def test_pyproject_table(tree):
    path = tree / "pyproject.toml"
    path.write_text('[tool.nativeapi]\nheaders = ["include/lib/a.h"]\n')
    assert load_pyproject(str(path)) == {"headers": ["include/lib/a.h"]}
    path.write_text("[tool.other]\n")
    with pytest.raises(NativeApiError, match=r"no \[tool.nativeapi\]"):
        load_pyproject(str(path))
    path.write_text("[tool.nativeapi\n")
    with pytest.raises(NativeApiError, match="not valid TOML"):
        load_pyproject(str(path))
