"""headers + flags -> ApiModel: one libclang translation unit per platform, merged into one model.

``scan`` is the stage's one entry point; the CLI, the matcher and the Sphinx extension all call it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.model import ApiModel, Declaration, Diagnostic, MissingHeader
from sphinx_nativeapi.platforms import Platform, PlatformTable, host_platform_name
from sphinx_nativeapi.scanner import clang_ext
from sphinx_nativeapi.scanner.extract import Extractor
from sphinx_nativeapi.scanner.request import ScanRequest
from sphinx_nativeapi.scanner.toolchain import header_search, requested_stdlib
from sphinx_nativeapi.scanner.units import clang_args, diagnostics, inclusions, missing_system_headers, parse

if TYPE_CHECKING:
    from sphinx_nativeapi.cache import ScanCache

__all__ = ["PlatformScan", "ScanRequest", "scan"]


@dataclass
class PlatformScan:
    """One platform's unit, reduced to plain data (what the cache stores)."""

    platform: str
    declarations: list[Declaration]
    diagnostics: list[Diagnostic]
    api_includes: dict[str, list[str]]  # API file -> API files it includes directly
    files: list[str]  # every file the unit read
    missing_headers: list[MissingHeader]  # system headers of the API that the unit found nowhere

    def to_json(self) -> dict:
        return {
            "platform": self.platform,
            "declarations": [d.to_json() for d in self.declarations],
            "diagnostics": [asdict(d) for d in self.diagnostics],
            "api_includes": self.api_includes,
            "files": self.files,
            "missing_headers": [asdict(m) for m in self.missing_headers],
        }

    @classmethod
    def from_json(cls, data: dict) -> PlatformScan:
        return cls(
            data["platform"],
            [Declaration.from_json(d) for d in data["declarations"]],
            [Diagnostic(**d) for d in data["diagnostics"]],
            data["api_includes"],
            data["files"],
            [MissingHeader(**m) for m in data["missing_headers"]],
        )


def _libclang_major() -> int | None:
    digits = clang_ext.libclang_version().split("version", 1)[-1].strip().split(".", 1)[0]
    return int(digits) if digits.isdigit() else None


def _scan_platform(request: ScanRequest, platform: Platform, args: list[str]) -> PlatformScan:
    search = _search(request, platform)
    tu = parse(request, args)
    top = clang_ext.children(tu.cursor)
    included = inclusions(tu, top, request, search)
    diags, error_lines = diagnostics(tu, platform, included.api_files, search)
    declarations = Extractor(tu, platform, request, included.api_files, error_lines, top).run()
    missing = missing_system_headers(diags, included.api_files, search)
    return PlatformScan(
        platform.name, declarations, diags, included.api_includes, included.all_files, missing
    )


def _search(request: ScanRequest, platform: Platform):
    host = platform.name == host_platform_name()
    return header_search(platform, host, request.sysroot(platform.name), _libclang_major(), request.language,
                         stdlib=requested_stdlib(request.args))


def scan(
    request: ScanRequest, table: PlatformTable | None = None, cache: ScanCache | None = None
) -> ApiModel:
    """Scan every requested platform (the host's when none is named) and merge the results."""
    table = table or PlatformTable()
    request.validate()
    names = list(request.platforms) or [host_platform_name()]
    platforms = [table[name] for name in names]
    jobs = {p.name: clang_args(request, p, _search(request, p)) for p in platforms}
    results: dict[str, PlatformScan] = {}
    missing = []
    for platform in platforms:
        cached = cache.load(request, platform, jobs[platform.name]) if cache else None
        if cached is not None:
            results[platform.name] = PlatformScan.from_json(cached)
        else:
            missing.append(platform)
    for name, result in _scan_platforms(request, missing, jobs).items():
        results[name] = result
        if cache:
            cache.store(request, table[name], jobs[name], result.to_json(), result.files)
    return merge([results[name] for name in names])


# Below this time for one platform's unit, a worker process (an interpreter, libclang, the JSON of
# the result: about half a second) costs more than it saves. NATIVEAPI_WORKER_SECONDS overrides it.
_WORKER_WORTH_IT_SECONDS = 0.5


def _scan_platforms(
    request: ScanRequest, platforms: list[Platform], jobs: dict[str, list[str]]
) -> dict[str, PlatformScan]:
    """Each platform's unit; when one unit takes long, the rest shared out between this process and
    one worker process per other core.

    The walk over a unit is Python and holds the GIL, so threads would only overlap the parses. The
    workers are fresh interpreters (``python -m sphinx_nativeapi.scanner.worker``), not forks or
    multiprocessing's spawn: those copy libclang's state, or re-run the caller's main module.
    """
    results: dict[str, PlatformScan] = {}
    if not platforms:
        return results
    start = time.perf_counter()
    first, rest = platforms[0], platforms[1:]
    results[first.name] = _scan_platform(request, first, jobs[first.name])
    threshold = float(os.environ.get("NATIVEAPI_WORKER_SECONDS", _WORKER_WORTH_IT_SECONDS))
    worth_it = time.perf_counter() - start > threshold
    count = min(len(rest), os.cpu_count() or 1) if worth_it else 1
    groups = [rest[i::count] for i in range(count)] if rest else [[]]
    with ThreadPoolExecutor(max_workers=max(1, count - 1)) as pool:
        others = [pool.submit(_run_worker, request, group, jobs) for group in groups[1:]]
        results.update((p.name, _scan_platform(request, p, jobs[p.name])) for p in groups[0])
        for future in others:
            results.update((scan.platform, scan) for scan in future.result())
    return results


def _run_worker(
    request: ScanRequest, platforms: list[Platform], jobs: dict[str, list[str]]
) -> list[PlatformScan]:
    task = {
        "request": request.to_json(),
        "platforms": [{"platform": p.to_json(), "args": jobs[p.name]} for p in platforms],
    }
    run = subprocess.run(
        [sys.executable, "-m", "sphinx_nativeapi.scanner.worker"],
        input=json.dumps(task),
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        last = (run.stderr.strip().splitlines() or ["no output"])[-1]
        names = ", ".join(p.name for p in platforms)
        raise NativeApiError(f"the scan for {names} failed in its worker process: {last}")
    return [PlatformScan.from_json(item) for item in json.loads(run.stdout)]


def scan_in_worker(task: dict) -> list[dict]:
    """The worker's side of ``_run_worker``: scan each platform in turn."""
    request = ScanRequest.from_json(task["request"])
    out = []
    for item in task["platforms"]:
        platform = Platform(**item["platform"])
        out.append(_scan_platform(request, platform, item["args"]).to_json())
    return out


def _merge_key(decl: Declaration) -> tuple:
    params = tuple(p.get("type", "") for p in decl.params or ())
    return (decl.kind, decl.qualified_name, decl.file, decl.line, params)


_ORDINARY = {"function", "variable", "typedef", "enumerator"}  # C's one namespace of ordinary names


def _fold_broken(decls: list[Declaration]) -> list[Declaration]:
    """Where a platform's headers do not parse, clang's recovery invents declarations: gcrypt.h's
    ``static GPG_ERR_INLINE gcry_error_t gcry_err_make(...)``, without gpg-error.h on Windows, became a
    variable named ``gcry_error_t``. A declaration broken on every platform that saw it, whose name a
    sound declaration also has, is one of those: its platforms join the sound one at the same place
    (or the only one of that name), where they show as unknown, and it is not a second object of
    that name in the docs. A broken declaration that no sound one names is kept, as unknown."""
    sound: dict[str, list[Declaration]] = {}
    broken = []
    for decl in decls:
        if decl.kind not in _ORDINARY:  # tags and macros have names of their own (struct stat, stat())
            continue
        if decl.platforms and all(f.incomplete for f in decl.platforms.values()):
            broken.append(decl)
        else:
            sound.setdefault(decl.qualified_name, []).append(decl)
    dropped: set[int] = set()
    for decl in broken:
        candidates = sound.get(decl.qualified_name)
        if not candidates:
            continue
        same_place = [c for c in candidates if (c.file, c.line) == (decl.file, decl.line)]
        target = same_place[0] if len(same_place) == 1 else candidates[0] if len(candidates) == 1 else None
        if target is not None:
            for platform, facts in decl.platforms.items():
                target.platforms.setdefault(platform, facts)
        dropped.add(id(decl))
    return [d for d in decls if id(d) not in dropped]


_VARIANT_KINDS = {"typedef", "variable", "function", "field", "macro"}


def _declared_text(decl: Declaration) -> str:
    """What a platform's variant is declared as: a macro's text is its definition."""
    if decl.kind == "macro":
        return f"#define {decl.signature} {decl.value or ''}".rstrip()
    return decl.signature


def _fold_variants(decls: list[Declaration]) -> list[Declaration]:
    """A typedef, variable, function or field that an #ifdef declares differently per platform
    (sqlite3.h's ``sqlite_int64``: ``__int64`` for MSVC, ``long long`` elsewhere; libuv's
    ``uv_tcp_s.delayed_error``, from unix.h's macro of private fields or win.h's) is one name of the
    API: one declaration, the first platform's, whose other platforms carry their own text
    (``declared_as``). So is a macro that each platform defines in its own place (win.h, unix.h):
    one object in the docs, where two pages had each declared it.
    Declarations seen together on one platform are never variants (C++ overloads stay apart, by
    their parameters too)."""
    first: dict[tuple, Declaration] = {}
    dropped: set[int] = set()
    for decl in decls:
        if decl.kind not in _VARIANT_KINDS:
            continue
        overloads = decl.kind == "function" and not decl.extern_c
        params = tuple(p.get("type", "") for p in decl.params or ()) if overloads else ()
        target = first.setdefault((decl.kind, decl.qualified_name, decl.parent, params), decl)
        if target is decl or set(target.platforms) & set(decl.platforms):
            continue
        text, target_text = _declared_text(decl), _declared_text(target)
        for platform, facts in decl.platforms.items():
            if text != target_text:
                facts.declared_as = text
            target.platforms[platform] = facts
        target.take_comment(decl.comment)
        dropped.add(id(decl))
    return [d for d in decls if id(d) not in dropped]


def merge(scans: list[PlatformScan]) -> ApiModel:
    """One declaration per source declaration, with the facts of every platform that saw it.

    Declarations are matched by kind, name, file, line and parameter types rather than USR, because a
    USR encodes ``size_t`` as the platform's own type and so differs between LP64 and LLP64. Two
    declarations of one platform are never one: where they share all that (gmpxx.h's macro writes
    ``template <> class __gmp_expr<mpq_t, ...>`` twice per line, with members alike but for the class),
    the n-th of each platform is matched with the n-th of the others.
    """
    merged: dict[tuple, Declaration] = {}
    file_order: dict[str, int] = {}
    diagnostics: list[Diagnostic] = []
    missing_headers: list[MissingHeader] = []
    api_includes: dict[str, set[str]] = {}
    for result in scans:
        occurrences: dict[tuple, int] = {}
        for decl in result.declarations:
            file_order.setdefault(decl.file, len(file_order))
            key = _merge_key(decl)
            nth = occurrences[key] = occurrences.get(key, -1) + 1
            existing = merged.get((*key, nth))
            if existing is None:
                merged[(*key, nth)] = decl
            else:
                existing.platforms.update(decl.platforms)
        diagnostics += result.diagnostics
        missing_headers += result.missing_headers
        for source, targets in result.api_includes.items():
            api_includes.setdefault(source, set()).update(targets)
    folded = _fold_variants(_fold_broken(list(merged.values())))
    ordered = sorted(folded, key=lambda d: (file_order[d.file], d.line))
    return ApiModel(
        platforms=[s.platform for s in scans],
        declarations=ordered,
        diagnostics=diagnostics,
        includes={source: sorted(targets) for source, targets in sorted(api_includes.items())},
        missing_headers=missing_headers,
    )
