"""``nativeapi ffi``: headers (+ the platform's binary) -> a ctypes module or a cffi cdef for one platform.

With ``--binary``, functions are looked up under the names that binary really exports (a 32-bit DLL's
``_f@8``, ``f@8`` or ``f``), those it does not export are left out with that reason, and the module's
``load()`` opens that file by default.
"""

from __future__ import annotations

import argparse
import os
import sys

from sphinx_nativeapi.binaries import read_symbols
from sphinx_nativeapi.cli.scan import add_scan_options, cache_from_args, request_from_args
from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.ffi.api import c_api
from sphinx_nativeapi.ffi.cffi_gen import cdef
from sphinx_nativeapi.ffi.ctypes_module import module
from sphinx_nativeapi.platforms import PlatformTable, host_platform_name
from sphinx_nativeapi.scanner import scan


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "ffi",
        help="write the ctypes module or the cffi cdef of a C API for one platform",
        description="Declarations of the headers' C API for Python's ctypes (an importable module whose "
        "load() returns the library with every function set up) or cffi (a cdef), with the types, sizes, "
        "calling conventions and export names of one platform.",
    )
    flavor = parser.add_mutually_exclusive_group(required=True)
    flavor.add_argument("--ctypes", dest="flavor", action="store_const", const="ctypes")
    flavor.add_argument("--cffi", dest="flavor", action="store_const", const="cffi")
    add_scan_options(parser)
    parser.add_argument(
        "--binary",
        metavar="PATH",
        help="the platform's library (or a symbol dump of it): the names to look up",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    table = PlatformTable()
    if len(args.platforms) > 1:
        raise NativeApiError("ffi writes declarations for one platform: give --platform once")
    name = args.platforms[0] if args.platforms else host_platform_name()
    args.platforms = [name]
    request = request_from_args(args, table)
    platform = table[name]
    tables = read_symbols(args.binary, name) if args.binary else None
    model = scan(request, table, cache_from_args(args))
    errors = [d for d in model.diagnostics if d.severity in ("error", "fatal") and not d.in_system_header]
    for diag in errors:
        print(f"{diag.file}:{diag.line}:{diag.column}: {diag.severity}: {diag.message}", file=sys.stderr)
    api = c_api(model, platform, tables)
    if args.flavor == "ctypes":
        library = None
        if args.binary and not args.binary.endswith(".json"):
            library = os.path.abspath(args.binary)
        source = ", ".join(os.path.basename(h) for h in request.headers)
        text = module(api, library, source)
    else:
        text = cdef(api)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as file:
            file.write(text)
    else:
        sys.stdout.write(text)
    return 0
