"""Under ``-j``, the order pages are read in, so that Sphinx's chunks of pages cost about the same.

Why: Sphinx cuts the list of pages to read into consecutive chunks (``make_chunks``: four of 13-18
pages for libgit2's 67 under ``-j 2``) and gives each to a forked reader, two at a time. A page's cost
is the declarations it renders, which vary a hundredfold between headers, so in alphabetical order
one reader worked 6.1 s while the other idled after 4.6 s. Here the pages are dealt out, heaviest
first, to the chunk with the least work that still has room (chunk sizes stay Sphinx's), weighed by
what each page rendered last time or, on a first build, what its directives name.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sphinx.util.parallel import make_chunks

from sphinx_nativeapi.errors import NativeApiError
from sphinx_nativeapi.model import Declaration
from sphinx_nativeapi.sphinxext import lookup, projects, state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

# ".. native-api-file:: x.h" (reST) and "```{native-api-file} x.h" or ":::{native-api} f" (MyST).
_DIRECTIVE = re.compile(r"^\s*(?:\.\.\s+|[`:]{3,}\{)native-api(-file)?(?:::|\})[ \t]*(.*)$", re.MULTILINE)


def _weight(decl: Declaration) -> int:
    """A declaration's reading cost, in bare declarations: over libgit2's 66 pages, each parameter and
    each doc comment cost about three times what a declaration does (least squares, r = 0.98)."""
    return 1 + 3 * (len(decl.params or ()) + (decl.comment is not None))


def _from_source(env: BuildEnvironment, docname: str) -> list[Declaration]:
    """What the page's directives will render, from its source (a page not read before)."""
    try:
        with open(env.doc2path(docname), encoding="utf-8", errors="replace") as source:
            text = source.read()
    except OSError:
        return []
    found: list[Declaration] = []
    for is_file, argument in _DIRECTIVE.findall(text):
        for name in projects.project_names(env.config):
            try:
                loaded = projects.load(env.config, name)
                if is_file:
                    path = lookup.resolve_header(loaded, argument.strip(), projects.confdir())
                    found += loaded.by_file.get(path, ())
                else:
                    for wanted in argument.replace(",", " ").split():
                        found += lookup.find(loaded, wanted)
                break
            except NativeApiError:  # not this project's: the directive reports it when it runs
                continue
    return found


def _from_last_read(env: BuildEnvironment, entries: list[state.Entry]) -> list[Declaration]:
    found = []
    for name, key, _anchor, _documented in entries:
        try:
            decl = projects.load(env.config, name).by_key.get(key)
        except (NativeApiError, KeyError):
            continue
        if decl is not None:
            found.append(decl)
    return found


def balance(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if app.parallel <= 1 or len(docnames) <= app.parallel:
        return
    before = state.rendered(env)
    cost = {}
    for docname in docnames:
        decls = _from_last_read(env, before[docname]) if docname in before else _from_source(env, docname)
        cost[docname] = 1 + sum(_weight(d) for d in decls)
    sizes = [len(chunk) for chunk in make_chunks(docnames, app.parallel)]
    chunks: list[list[str]] = [[] for _ in sizes]
    work = [0] * len(sizes)
    for docname in sorted(docnames, key=lambda d: (-cost[d], d)):
        room = [i for i, size in enumerate(sizes) if len(chunks[i]) < size]
        chosen = min(room, key=lambda i: (work[i], i))
        chunks[chosen].append(docname)
        work[chosen] += cost[docname]
    docnames[:] = [d for chunk in chunks for d in sorted(chunk)]
