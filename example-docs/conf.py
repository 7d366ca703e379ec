"""Sphinx configuration of the example library's docs: every feature of sphinx-nativeapi, built with -W.

The library lives in ``lib/`` (headers, sources and the binaries of four platforms, see
``lib/README.md``). Its two intentional findings are expected here, so that ``sphinx-build -W`` passes
while the coverage page still shows them; ``tests/test_example_docs.py`` checks that nothing else is.
"""

project = "example"
# The release these docs describe: the current tree is this release in the history below.
release = version = "2.1"
author = "the sphinx-nativeapi authors"
copyright = "2024, the sphinx-nativeapi authors"

extensions = ["sphinx_nativeapi", "myst_parser"]
exclude_patterns = ["_build", "lib"]
html_theme = "alabaster"
# The whole window, not alabaster's 940px with an 800px body: the ABI tables have seven columns.
html_theme_options = {"page_width": "96%", "sidebar_width": "220px", "body_max_width": "none"}
html_static_path = ["_static"]
html_css_files = ["example.css"]

nativeapi_projects = {
    "example": {
        # export.h is reached through example.h; widget.hpp makes the scan C++ (extern "C" keeps the C
        # API in Sphinx's C domain, so :c:func: works on it).
        "headers": ["example/example.h", "example/widget.hpp"],
        "include_dirs": ["lib/include"],
        "language": "c++",
        "platforms": ["linux-x86_64", "windows-x86_64", "windows-x86", "macos-arm64"],
        "binaries": {
            "linux-x86_64": "lib/bin/linux-x86_64/libexample.so",
            "windows-x86_64": "lib/bin/windows-x86_64/example.dll",
            "windows-x86": "lib/bin/windows-x86/example.dll",
            "macos-arm64": "lib/bin/macos-arm64/libexample.dylib",
        },
        # The macro that marks the API for export, even on a platform where it expands to nothing.
        "export_macros": ["EXAMPLE_API"],
        # Under each function and type of the C API, its ctypes declaration per platform (one block
        # where all platforms agree); api/ffi.rst shows each platform's whole module.
        "ffi": ["ctypes"],
        # Intentional finding 1: src/helper.c exports example_internal_helper, which no public header
        # declares (a leak; Mach-O spells it with a leading "_"). Sphinx can silence only a whole
        # warning type, so this one symbol is left out of the match by name instead; the ABI pages
        # list it as "ignored" and the coverage page explains it.
        "ignore": [r"^_?example_internal_helper$"],
        # The release history: dumps of earlier releases (``nativeapi dump``), compared with the current
        # headers and binaries for the pages' since notes, the changes page and the abi-break gate.
        "history": ["history/*.json"],
        # 2.x is a major release: its binary breaks against 1.5 are intended. Each is waived with its
        # reason, so that the gate (nativeapi.abi-break under -W) fails on any other break.
        "waivers": [
            {"rule": "export.removed", "name": "example_flush",
             "reason": "2.0 buffers no log messages: there is nothing to flush"},
            {"rule": "declaration.removed", "name": "example_flush", "reason": "see export.removed"},
            {"rule": "function.parameters-changed", "name": "example_checksum",
             "reason": "2.0 counts checksummed bytes per context: the context is the first argument"},
            {"rule": "export.re*", "name": "*example_checksum*", "platforms": ["windows-x86"],
             "reason": "the stdcall name follows the new arguments (_example_checksum@12)"},
            {"rule": "type.*", "name": "example_stats",
             "reason": "example_stats gained the context's path; 1.5 callers must be rebuilt (2.0 is major)"},
            {"rule": "function.uses-changed-type", "name": "*",
             "reason": "each layout change it points to is waived on its own"},
            {"rule": "*", "name": "example::Widget*",
             "reason": "Widget::draw became virtual in 2.0, so that applications can draw their own widgets"},
            {"rule": "export.removed", "name": "?draw@Widget@example@@*",
             "reason": "Widget::draw became virtual (its MSVC name says so)"},
            {"rule": "library.name-changed", "name": "*",
             "reason": "the soname and install name follow the major version"},
        ],
    }
}
nativeapi_default_project = "example"

# Intentional finding 2: example_reset is exported without a doc comment, so the coverage page has an
# undocumented export to show. It is the only one (the test builds without this line and checks it).
suppress_warnings = ["nativeapi.undocumented"]
