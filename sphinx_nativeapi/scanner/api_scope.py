"""Which headers are the library's own: those whose declarations the model reports.

Where a header lies decides, not how an ``#include`` spells it. A library's header may include its own
siblings with angle brackets (``<mylib/severity.h>`` inside ``/usr/include/mylib/log.h``) and a
foreign header with quotes (minizip's ``"zlib.h"``), so quote style says nothing. The API's headers
are:

- the named headers;
- the headers in a named header's own tree: the include dir it was found in when that is the project's
  (``-I include`` holds ``include/mylib.h``); below a system dir, the folder under it that holds the
  header (``mylib`` for ``/usr/include/mylib/log.h``, never ``/usr/include`` itself), in every system
  dir (OpenSSL puts ``openssl/configuration.h`` in the multiarch ``/usr/include/x86_64-linux-gnu``);
  for a header right in a system dir (``/usr/include/git2.h``), the folder named like it (``git2/``)
  and the headers right in a system dir whose names begin with its name (``jansson_config.h`` of
  ``jansson.h``, ``zipconf.h`` of ``zip.h``);
- a header that an API header includes with quotes and that lies beside it, in its folder or in that
  folder's twin in another system dir: what a quoted include means (zlib.h's ``"zconf.h"``, in the
  multiarch dir; jpeglib.h's ``"jconfig.h"`` and ``"jmorecfg.h"``). minizip's ``"zlib.h"``, from
  ``/usr/include/minizip``, lies in another folder and is not;
- the headers in the project's include dirs that are not system dirs, and in its ``api_dirs``;
- a header in no include dir and no system dir: clang can only have found it beside its includer
  (``#include "../src/x.h"``), so it is the project's, unless clang reads it as a system header;

where the innermost folder holding a header decides: a system dir (the host's ``/usr/include``, a
multiarch dir, ``-isystem`` dirs, builtin, sysroot and zig libc dirs) inside one of those trees keeps
its headers out. ``exclude_headers`` (globs) leaves any header out, named or not.
"""

from __future__ import annotations

import fnmatch
import glob
import os
from collections.abc import Sequence
from dataclasses import dataclass

from sphinx_nativeapi.scanner.request import ScanRequest
from sphinx_nativeapi.scanner.toolchain import HeaderSearch

HOST_SYSTEM_DIRS = ("/usr/include", "/usr/local/include")
_SYSTEM_FLAGS = ("-isystem", "-idirafter", "--sysroot=", "--sysroot", "-isysroot")
_PROJECT_FLAGS = ("-I", "-iquote")


def _flag_dirs(args: tuple[str, ...], flags: tuple[str, ...]) -> list[str]:
    """The directories that clang arguments give with one of ``flags`` (``-Idir`` or ``-I dir``)."""
    found: list[str] = []
    items = iter(args)
    for arg in items:
        flag = next((f for f in flags if arg.startswith(f)), None)
        if flag is not None:
            value = arg[len(flag) :] or next(items, "")
            if value:
                found.append(value)
    return found


def system_dirs(request: ScanRequest, search: HeaderSearch) -> list[str]:
    """Every directory whose headers clang reads as system headers for this unit."""
    host = [d for root in HOST_SYSTEM_DIRS for d in (root, *glob.glob(os.path.join(root, "*-linux-*")))]
    given = [*_flag_dirs(request.args, _SYSTEM_FLAGS), *(d for _, d in request.sysroots)]
    return [os.path.realpath(d) for d in (*search.system_dirs, *host, *given)]


def _under(path: str, directory: str) -> bool:
    return path.startswith(directory.rstrip("/") + "/")


def innermost(path: str, directories: Sequence[str]) -> str | None:
    """The deepest of the directories that holds ``path``, if any."""
    return max((d for d in directories if _under(path, d)), key=len, default=None)


@dataclass(frozen=True)
class ApiScope:
    named: frozenset[str]  # real paths of the named headers
    trees: tuple[str, ...]  # folders whose headers are the API's
    siblings: tuple[tuple[str, str], ...]  # (system dir, name prefix): headers beside a named one
    system: tuple[str, ...]  # folders whose headers are not, unless a tree lies inside them
    excluded: tuple[str, ...]  # glob patterns

    @classmethod
    def of(cls, request: ScanRequest, search: HeaderSearch) -> ApiScope:
        system = [d for d in dict.fromkeys(system_dirs(request, search)) if os.path.isdir(d)]
        project = [
            os.path.realpath(d)
            for d in (*request.include_dirs, *_flag_dirs(request.args, _PROJECT_FLAGS))
            if os.path.isdir(d)
        ]
        project = [d for d in dict.fromkeys(project) if d not in system]
        trees = [*project, *(os.path.realpath(d) for d in request.api_dirs)]
        siblings: list[tuple[str, str]] = []
        named = frozenset(os.path.realpath(h) for h in request.headers)
        for header in sorted(named):
            root = innermost(header, system + project)
            if root in system:
                # Every system dir: a library's headers may be split between /usr/include/openssl and
                # the multiarch /usr/include/x86_64-linux-gnu/openssl.
                first, _, rest = os.path.relpath(header, root).partition(os.sep)
                stem = first if rest else os.path.splitext(first)[0]
                trees += [os.path.join(r, stem) for r in system if os.path.isdir(os.path.join(r, stem))]
                if not rest:
                    siblings += [(r, stem) for r in system]
        return cls(
            named,
            tuple(dict.fromkeys(trees)),
            tuple(dict.fromkeys(siblings)),
            tuple(system),
            request.exclude_headers,
        )

    def is_excluded(self, path: str) -> bool:
        return any(
            fnmatch.fnmatchcase(path, p if os.path.isabs(p) else os.path.join("*", p)) for p in self.excluded
        )

    def beside(self, includer: str, included: str) -> bool:
        """Whether ``included`` lies in ``includer``'s folder, or in the same folder of another system
        dir (Debian moves a package's arch-dependent headers to the multiarch dir)."""
        if self.is_excluded(included):
            return False
        here, there = os.path.dirname(includer), os.path.dirname(included)
        if here == there:
            return True
        here_root = innermost(here + "/", self.system)
        there_root = innermost(there + "/", self.system)
        return (
            here_root is not None
            and there_root is not None
            and os.path.relpath(here, here_root) == os.path.relpath(there, there_root)
        )

    def owns(self, path: str, clang_says_system: bool) -> bool:
        """Whether a header (its real path) is the API's; ``clang_says_system``: clang read it as a
        system header (a safety net for a system dir this module does not know of)."""
        if self.is_excluded(path):
            return False
        if path in self.named:
            return True
        folder, name = os.path.split(path)
        if any(folder == root and name.startswith(stem) for root, stem in self.siblings):
            return True
        tree = innermost(path, self.trees)
        system = innermost(path, self.system)
        if tree is None:
            # In no search dir: found beside its includer, so the project's.
            return system is None and not clang_says_system
        return len(tree) > len(system or "")
