"""Where clang's builtin headers and each target's system headers come from, without running a compiler.

The PyPI libclang wheel ships no resource directory: without one, ``<stddef.h>`` is missing and clang
quietly types ``size_t`` as ``int``, which makes every mangled name and layout that touches it wrong.
So the scanner always names a resource directory, best first: an LLVM install's, the optional
``ziglang`` package's, and last our own freestanding headers, written on clang's predefined macros and
so right for every target. GCC's own builtin headers are never the resource directory: clang rejects
the GCC builtins they use (2,397 errors for GCC 12's <immintrin.h>), a cross GCC's are for another
target (mingw-w64's <limits.h> does not chain to glibc's), and the facts must not depend on which
compilers a machine has. On the host, the host GCC's folder (its triple the host's) is searched after
the system headers, for the few headers our set lacks (intrinsics, <stdatomic.h>, <unwind.h>).

System headers: the host's own for the host platform (libclang's driver finds them); for any other
platform a user-given sysroot, else zig's bundled libc headers for that target, else none (an include
of ``<time.h>`` then fails with a diagnostic, and what depends on it is marked incomplete).
"""

from __future__ import annotations

import glob
import importlib.util
import json
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.platforms import Platform

FREESTANDING_RESOURCE_DIR = Path(__file__).parent / "resource"


# zig's libc++ reads its configuration from -D flags (zig patches out <__config_site>): the ones zig passes
# for an Apple target.
ZIG_LIBCXX_CONFIG = (
    "-D_LIBCPP_ABI_VERSION=1",
    "-D_LIBCPP_ABI_NAMESPACE=__1",
    "-D_LIBCPP_HAS_THREADS=1",
    "-D_LIBCPP_HAS_MONOTONIC_CLOCK=1",
    "-D_LIBCPP_HAS_TERMINAL=1",
    "-D_LIBCPP_HAS_MUSL_LIBC=0",
    "-D_LIBCPP_HAS_VENDOR_AVAILABILITY_ANNOTATIONS=0",
    "-D_LIBCPP_HAS_FILESYSTEM=1",
    "-D_LIBCPP_HAS_RANDOM_DEVICE=1",
    "-D_LIBCPP_HAS_LOCALIZATION=1",
    "-D_LIBCPP_HAS_UNICODE=1",
    "-D_LIBCPP_HAS_WIDE_CHARACTERS=1",
    "-D_LIBCPP_HAS_NO_STD_MODULES=1",
    "-D_LIBCPP_PSTL_BACKEND_SERIAL=1",
    "-D_LIBCPP_HARDENING_MODE_DEFAULT=_LIBCPP_HARDENING_MODE_NONE",
    "-D_LIBCPP_ASSERTION_SEMANTIC_DEFAULT=_LIBCPP_ASSERTION_SEMANTIC_IGNORE",
)


@dataclass(frozen=True)
class HeaderSearch:
    """The clang arguments that set up builtin and system headers for one platform."""

    args: tuple[str, ...]
    builtin_source: str  # "user", "llvm", "zig", "freestanding" or "freestanding, then gcc"
    system_source: str  # "host", "sysroot", "zig" or "none"
    system_dirs: tuple[str, ...] = field(default=())  # directories whose headers are never the API's


def _version_key(path: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", path)) or (0,)


@dataclass(frozen=True)
class ToolchainRoots:
    """Where installed compilers are looked for. ``$NATIVEAPI_TOOLCHAIN_ROOTS`` (JSON with these keys)
    replaces the defaults, so that a test, or a user checking what a machine without clang would get,
    can hide this machine's compilers or show a tree of its own; scans in worker processes inherit it."""

    llvm: tuple[str, ...] = (  # globs of clang resource directories
        "/usr/lib/llvm-*/lib/clang/*",
        "/usr/lib/clang/*",
        "/usr/local/lib/clang/*",
        "/opt/homebrew/opt/llvm/lib/clang/*",
    )
    gcc: tuple[str, ...] = ("/usr/lib/gcc", "/usr/lib64/gcc", "/usr/local/lib/gcc")  # <triple>/<version>
    zig: bool = True


def toolchain_roots() -> ToolchainRoots:
    """The defaults, or what ``$NATIVEAPI_TOOLCHAIN_ROOTS`` says instead."""
    raw = os.environ.get("NATIVEAPI_TOOLCHAIN_ROOTS")
    if not raw:
        return ToolchainRoots()
    try:
        data = json.loads(raw)
    except ValueError:
        data = None
    lists_ok = isinstance(data, dict) and all(
        isinstance(data.get(k, []), list) and all(isinstance(x, str) for x in data.get(k, []))
        for k in ("llvm", "gcc")
    )
    if not lists_ok:
        raise NativeApiError(
            f"$NATIVEAPI_TOOLCHAIN_ROOTS is {raw!r}, not a JSON object of 'llvm' and 'gcc' (lists of paths) "
            "and 'zig' (true or false)"
        )
    return ToolchainRoots(
        llvm=tuple(data.get("llvm", ToolchainRoots.llvm)),
        gcc=tuple(data.get("gcc", ToolchainRoots.gcc)),
        zig=bool(data.get("zig", True)),
    )


@cache
def llvm_resource_dir(max_major: int | None, roots: ToolchainRoots = ToolchainRoots()) -> str | None:
    """An installed clang's resource directory, the newest one not newer than libclang itself.

    A resource directory from a newer clang may use builtins libclang does not know; an older one is
    always understood.
    """
    usable = []
    for directory in (d for pattern in roots.llvm for d in glob.glob(pattern)):
        if not os.path.isfile(os.path.join(directory, "include", "stddef.h")):
            continue
        major = _version_key(os.path.basename(directory))[0]
        if max_major is None or major <= max_major:
            usable.append((major, directory))
    return max(usable)[1] if usable else None


@cache
def zig_lib_dir(roots: ToolchainRoots = ToolchainRoots()) -> str | None:
    """The ``lib`` folder of the optional ``ziglang`` package: builtin headers and every libc's headers."""
    if not roots.zig:
        return None
    spec = importlib.util.find_spec("ziglang")
    if spec is None or not spec.submodule_search_locations:
        return None
    lib = os.path.join(next(iter(spec.submodule_search_locations)), "lib")
    return lib if os.path.isfile(os.path.join(lib, "include", "stddef.h")) else None


_X86_32 = {"i386", "i486", "i586", "i686", "x86"}
_ARCH_ALIASES = {"amd64": "x86_64", "arm64": "aarch64"}


def target_key(triple: str) -> tuple[str, str, str]:
    """(architecture, OS, environment) of a triple, spelled one way: GCC's folder names and clang's
    triples name one target differently (``x86_64-linux-gnu``, ``x86_64-pc-linux-gnu``,
    ``x86_64-redhat-linux``), and a cross compiler's differs in one of the three (``i686-w64-mingw32``,
    ``x86_64-linux-gnux32``, ``x86_64-alpine-linux-musl``)."""
    arch, *rest = triple.lower().split("-")
    arch = "x86" if arch in _X86_32 else _ARCH_ALIASES.get(arch, arch)
    if "linux" in rest:
        after = rest[rest.index("linux") + 1 :]
        return arch, "linux", after[0] if after else "gnu"
    if any(p.startswith(("darwin", "macos", "ios")) for p in rest):
        return arch, "darwin", ""
    if any(p.startswith(("mingw", "windows", "win32", "cygwin")) for p in rest):
        gnu = any(p.startswith(("mingw", "gnu", "cygwin")) for p in rest)
        return arch, "windows", "gnu" if gnu else "msvc"
    return arch, "-".join(rest), ""


@cache
def gcc_include_dir(triple: str, roots: ToolchainRoots = ToolchainRoots()) -> str | None:
    """The ``include`` folder of the newest GCC on disk that compiles for ``triple`` itself (a cross
    compiler's, e.g. mingw-w64's beside the host's, is for another target: never taken)."""
    want = target_key(triple)
    found = []
    for root in roots.gcc:
        for directory in glob.glob(os.path.join(glob.escape(root), "*", "*")):
            gcc_triple = os.path.basename(os.path.dirname(directory))
            include = os.path.join(directory, "include")
            if target_key(gcc_triple) == want and os.path.isfile(os.path.join(include, "stddef.h")):
                found.append(include)
    return max(found, key=lambda d: _version_key(os.path.basename(os.path.dirname(d)))) if found else None


def builtin_resource_dir(
    libclang_major: int | None, roots: ToolchainRoots = ToolchainRoots()
) -> tuple[str, str]:
    """(resource directory, its source), best first: the same for every platform."""
    override = os.environ.get("NATIVEAPI_RESOURCE_DIR")
    if override:
        return override, "user"
    llvm = llvm_resource_dir(libclang_major, roots)
    if llvm:
        return llvm, "llvm"
    zig = zig_lib_dir(roots)
    if zig:
        return zig, "zig"
    return str(FREESTANDING_RESOURCE_DIR), "freestanding"


def _zig_arch_families(arch: str) -> list[str]:
    if arch in {"x86_64", "i386", "i486", "i586", "i686", "x86"}:
        return ["x86_64", "x86"] if arch == "x86_64" else ["x86"]
    if arch in {"arm64", "aarch64"}:
        return ["aarch64"]
    if arch.startswith(("arm", "thumb")):
        return ["arm"]
    return [arch]


def zig_libc_dirs(zig_lib: str, platform: Platform) -> list[str]:
    """zig's libc header folders for a target, in the order zig itself searches them."""
    root = os.path.join(zig_lib, "libc", "include")
    arch, _, rest = platform.triple.partition("-")
    if platform.format == "macho":
        names = ["any-darwin-any", "any-macos-any"]
    elif platform.format == "pe":
        names = ["any-windows-any"]
    else:
        libc = "musl" if "musl" in rest else "gnu"
        os_name = "linux" if "linux" in rest else rest.split("-")[-1]
        names = []
        for family in _zig_arch_families(arch):
            names.append(f"{family}-{os_name}-{libc}")
        names.append("generic-glibc" if libc == "gnu" else "generic-musl")
        for family in _zig_arch_families(arch):
            names.append(f"{family}-{os_name}-any")
        names.append(f"any-{os_name}-any")
    return [d for d in (os.path.join(root, n) for n in names) if os.path.isdir(d)]


def _zig_libcxx_dirs(zig_lib: str) -> list[str]:
    return [os.path.join(zig_lib, "libcxx", "include"), os.path.join(zig_lib, "libcxxabi", "include")]


def requested_stdlib(args: tuple[str, ...] | list[str]) -> str | None:
    """The C++ library clang's ``-stdlib=`` names among the user's arguments (the last one wins)."""
    found = None
    for arg in args:
        if arg.startswith("-stdlib="):
            found = arg.split("=", 1)[1] or None
    return found


def _msvc_on_mingw(platform: Platform, dirs: list[str]) -> list[str]:
    """``-include`` of the file that gives MSVC's ``__forceinline`` back, where an MSVC target reads
    mingw-w64's headers (resource/msvc_on_mingw.h says why)."""
    if platform.format != "pe" or platform.cxx_abi != "microsoft":
        return []
    if not any(os.path.isfile(os.path.join(d, "_mingw.h")) for d in dirs):
        return []
    return ["-include", str(FREESTANDING_RESOURCE_DIR / "msvc_on_mingw.h")]


def header_search(
    platform: Platform,
    host: bool,
    sysroot: str | None,
    libclang_major: int | None,
    language: str = "c",
    roots: ToolchainRoots | None = None,
    stdlib: str | None = None,
) -> HeaderSearch:
    """``stdlib`` is the C++ library the binaries were built with (clang's ``-stdlib=``): zig's libc++
    stands in for ``libc++`` on any target (zig builds every target with it), and is the default on
    Apple's, where libc++ is the system's."""
    roots = roots or toolchain_roots()
    resource, builtin_source = builtin_resource_dir(libclang_major, roots)
    args: list[str] = ["-resource-dir", resource]
    system_dirs = [os.path.join(resource, "include")]
    if host and builtin_source == "freestanding":
        gcc = gcc_include_dir(platform.triple, roots)
        if gcc:
            # What our set lacks (intrinsics, <stdatomic.h>, <unwind.h>) from the host GCC, searched after
            # the system headers: our own come first, so the facts never depend on which GCC is here.
            args += ["-idirafter", gcc]
            system_dirs.append(gcc)
            builtin_source = "freestanding, then gcc"
    if platform.format == "pe" and platform.cxx_abi == "microsoft":
        # mingw-w64's headers (zig's, or a sysroot's) test __GNUC__ for the declarations MSVC's headers
        # would give; posing as an old GCC clears most faults under an MSVC triple.
        args.append("-fgnuc-version=4.2.1")
    if sysroot:
        args += ["--sysroot", sysroot]
        if platform.format == "pe":
            args += ["-nostdlibinc", "-isystem", os.path.join(sysroot, "include")]
            args += _msvc_on_mingw(platform, [os.path.join(sysroot, "include")])
        system_dirs.append(sysroot)
        return HeaderSearch(tuple(args), builtin_source, "sysroot", tuple(system_dirs))
    # libc++ names std:: types in its own namespace (std::__1), libstdc++ and MSVC's STL each otherwise:
    # the headers must be those of the library the binaries were built with, and a wrong mangled name
    # is worse than the unknown one a missing <string> leaves. So libc++ only where asked for
    # (-stdlib=libc++, what a zig or libc++ build passes) or where it is the system's (Apple).
    libcxx = language == "c++" and (stdlib == "libc++" or (stdlib is None and platform.format == "macho"))
    zig = zig_lib_dir(roots)
    if host:
        if libcxx and zig:  # before the host's C headers, which libc++'s wrappers #include_next
            cxx = _zig_libcxx_dirs(zig)
            args += ["-nostdinc++", *ZIG_LIBCXX_CONFIG, *(a for d in cxx for a in ("-isystem", d))]
            system_dirs += cxx
        return HeaderSearch(tuple(args), builtin_source, "host", tuple(system_dirs))
    args.append("-nostdlibinc")
    if zig:
        dirs = zig_libc_dirs(zig, platform)
        if libcxx:
            args += ["-nostdinc++", *ZIG_LIBCXX_CONFIG]
            dirs = _zig_libcxx_dirs(zig) + dirs
        for directory in dirs:
            args += ["-isystem", directory]
        system_dirs += dirs
        args += _msvc_on_mingw(platform, dirs)
        return HeaderSearch(tuple(args), builtin_source, "zig" if dirs else "none", tuple(system_dirs))
    return HeaderSearch(tuple(args), builtin_source, "none", tuple(system_dirs))
