"""Where clang's builtin headers and each target's system headers come from, without running a compiler.

The PyPI libclang wheel ships no resource directory: without one, ``<stddef.h>`` is missing and clang
quietly types ``size_t`` as ``int``, which makes every mangled name and layout that touches it wrong.
So the scanner always names a resource directory, best first: an LLVM install's, the optional
``ziglang`` package's, the host GCC's (host platform only: GCC's headers use GCC builtins that clang
rejects for some targets), and last our own freestanding headers, written on clang's predefined macros
and so right for every target.

System headers: the host's own for the host platform (libclang's driver finds them); for any other
platform a user-given sysroot, else zig's bundled libc headers for that target, else none (an include
of ``<time.h>`` then fails with a diagnostic, and what depends on it is marked incomplete).
"""

from __future__ import annotations

import glob
import importlib.util
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

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
    builtin_source: str  # "llvm", "zig", "gcc" or "freestanding"
    system_source: str  # "host", "sysroot", "zig" or "none"
    system_dirs: tuple[str, ...] = field(default=())  # directories whose headers are never the API's


def _version_key(path: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", path)) or (0,)


@cache
def llvm_resource_dir(max_major: int | None) -> str | None:
    """An installed clang's resource directory, the newest one not newer than libclang itself.

    A resource directory from a newer clang may use builtins libclang does not know; an older one is
    always understood.
    """
    candidates = [
        *glob.glob("/usr/lib/llvm-*/lib/clang/*"),
        *glob.glob("/usr/lib/clang/*"),
        *glob.glob("/usr/local/lib/clang/*"),
        *glob.glob("/opt/homebrew/opt/llvm/lib/clang/*"),
    ]
    usable = []
    for directory in candidates:
        if not os.path.isfile(os.path.join(directory, "include", "stddef.h")):
            continue
        major = _version_key(os.path.basename(directory))[0]
        if max_major is None or major <= max_major:
            usable.append((major, directory))
    return max(usable)[1] if usable else None


@cache
def zig_lib_dir() -> str | None:
    """The ``lib`` folder of the optional ``ziglang`` package: builtin headers and every libc's headers."""
    spec = importlib.util.find_spec("ziglang")
    if spec is None or not spec.submodule_search_locations:
        return None
    lib = os.path.join(next(iter(spec.submodule_search_locations)), "lib")
    return lib if os.path.isfile(os.path.join(lib, "include", "stddef.h")) else None


@cache
def gcc_resource_dir() -> str | None:
    """The host GCC's own include directory, found on disk (``/usr/lib/gcc/<triple>/<version>``)."""
    found = [
        d for d in glob.glob("/usr/lib/gcc/*/*") if os.path.isfile(os.path.join(d, "include", "stddef.h"))
    ]
    return max(found, key=_version_key) if found else None


def builtin_resource_dir(platform: Platform, host: bool, libclang_major: int | None) -> tuple[str, str]:
    """(resource directory, its source) for this platform, best first."""
    override = os.environ.get("NATIVEAPI_RESOURCE_DIR")
    if override:
        return override, "user"
    llvm = llvm_resource_dir(libclang_major)
    if llvm:
        return llvm, "llvm"
    zig = zig_lib_dir()
    if zig:
        return zig, "zig"
    gcc = gcc_resource_dir()
    if host and gcc:
        return gcc, "gcc"
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


def _msvc_on_mingw(platform: Platform, dirs: list[str]) -> list[str]:
    """``-include`` of the file that gives MSVC's ``__forceinline`` back, where an MSVC target reads
    mingw-w64's headers (resource/msvc_on_mingw.h says why)."""
    if platform.format != "pe" or platform.cxx_abi != "microsoft":
        return []
    if not any(os.path.isfile(os.path.join(d, "_mingw.h")) for d in dirs):
        return []
    return ["-include", str(FREESTANDING_RESOURCE_DIR / "msvc_on_mingw.h")]


def header_search(
    platform: Platform, host: bool, sysroot: str | None, libclang_major: int | None, language: str = "c"
) -> HeaderSearch:
    resource, builtin_source = builtin_resource_dir(platform, host, libclang_major)
    args: list[str] = ["-resource-dir", resource]
    system_dirs = [os.path.join(resource, "include")]
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
    if host:
        return HeaderSearch(tuple(args), builtin_source, "host", tuple(system_dirs))
    args.append("-nostdlibinc")
    zig = zig_lib_dir()
    if zig:
        dirs = zig_libc_dirs(zig, platform)
        if language == "c++" and platform.format == "macho":
            # libc++ is macOS's C++ library, so zig's copy names std:: types as Apple's does (std::__1).
            # No other target gets it: MSVC's STL and libstdc++ mangle std:: differently, and a wrong
            # name is worse than the unknown one a missing <string> leaves.
            cxx = [os.path.join(zig, "libcxx", "include"), os.path.join(zig, "libcxxabi", "include")]
            args += ["-nostdinc++", *ZIG_LIBCXX_CONFIG]
            dirs = cxx + dirs
        for directory in dirs:
            args += ["-isystem", directory]
        system_dirs += dirs
        args += _msvc_on_mingw(platform, dirs)
        return HeaderSearch(tuple(args), builtin_source, "zig" if dirs else "none", tuple(system_dirs))
    return HeaderSearch(tuple(args), builtin_source, "none", tuple(system_dirs))
