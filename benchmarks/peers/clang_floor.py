"""libclang's floor: the bare parse of the benchmark's headers, and which headers include which.

Runs inside the floor environment (the ``libclang`` wheel); prints one JSON object. The bare parse is
timed inside the process (no interpreter start-up), as one translation unit that includes every
header and as one unit per header (what hawkmoth and sphinx-c-autodoc do). The inclusion lists of the
per-header units say which pages *should* be re-read when a header changes.

Usage: clang_floor.py SPEC.json   (keys: include_dir, headers, args, repetitions, watched)
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time

from clang import cindex

# What a documentation tool needs from a parse: macros (detailed record), no function bodies.
PARSE_OPTIONS = (
    cindex.TranslationUnit.PARSE_DETAILED_PROCESSING_RECORD
    | cindex.TranslationUnit.PARSE_SKIP_FUNCTION_BODIES
)


def parse(index: cindex.Index, path: str, args: list[str]) -> cindex.TranslationUnit:
    return index.parse(path, args=["-x", "c", *args], options=PARSE_OPTIONS)


def first_error(tu: cindex.TranslationUnit) -> str | None:
    """Some libgit2 headers are not self-contained (email.h uses diff.h's types): the peers that parse
    one header at a time meet the same errors, so they are reported, not fatal."""
    errors = [d for d in tu.diagnostics if d.severity >= cindex.Diagnostic.Error]
    return str(errors[0]) if errors else None


def best_time(repetitions: int, work) -> float:
    """Best of N: the least disturbed run on a shared machine."""
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main(spec_path: str) -> None:
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    include_dir, headers, args = spec["include_dir"], spec["headers"], spec["args"]
    paths = [os.path.join(include_dir, h) for h in headers]
    index = cindex.Index.create()

    with tempfile.NamedTemporaryFile("w", suffix=".c", delete=False) as umbrella:
        umbrella.writelines(f'#include "{p}"\n' for p in paths)
    try:
        one_tu = best_time(spec["repetitions"], lambda: parse(index, umbrella.name, args))
        umbrella_error = first_error(parse(index, umbrella.name, args))
    finally:
        os.unlink(umbrella.name)
    per_header = best_time(spec["repetitions"], lambda: [parse(index, p, args) for p in paths])

    watched = os.path.realpath(os.path.join(include_dir, spec["watched"]))
    includers, header_errors = [], {}
    for header, path in zip(headers, paths, strict=True):
        tu = parse(index, path, args)
        if (error := first_error(tu)) is not None:
            header_errors[header] = error
        included = {os.path.realpath(inc.include.name) for inc in tu.get_includes()}
        if watched in included or os.path.realpath(path) == watched:
            includers.append(header)
    print(
        json.dumps(
            {
                "one_tu_s": one_tu,
                "per_header_s": per_header,
                "includers": includers,
                "one_tu_error": umbrella_error,
                "header_errors": header_errors,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
