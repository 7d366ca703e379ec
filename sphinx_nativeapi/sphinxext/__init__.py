"""The Sphinx extension: config values, directives, the gate's events, the coverage builder."""

from __future__ import annotations

import os
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from sphinx_nativeapi import __version__
from sphinx_nativeapi.sphinxext import (
    directives,
    factsnode,
    ffi,
    gate,
    heap,
    pages,
    projects,
    readorder,
    state,
)
from sphinx_nativeapi.sphinxext.builder import CoverageBuilder, exit_status
from sphinx_nativeapi.sphinxext.docnodes import CommentReferences

STATIC = os.path.join(os.path.dirname(__file__), "static")


def _add_static(app: Sphinx, config: Config) -> None:
    """Before the environment compares configs: added later, every build would say the config changed."""
    if STATIC not in config.html_static_path:
        config.html_static_path.append(STATIC)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx.domains.c")
    app.setup_extension("sphinx.domains.cpp")
    app.add_config_value("nativeapi_projects", {}, "env", types=(dict,))
    app.add_config_value("nativeapi_default_project", None, "env", types=(str, type(None)))
    app.add_config_value("nativeapi_platforms", {}, "env", types=(dict,))
    app.add_directive("native-api", directives.NativeApiDirective)
    app.add_config_value("nativeapi_toc_entries", False, "env", types=(bool,))
    # A number in conf.py, a string from -D: the builder converts and checks it (builder.fail_under).
    app.add_config_value("nativeapi_coverage_fail_under", None, "", types=(int, float, str, type(None)))
    app.add_directive("native-api-file", directives.NativeApiFileDirective)
    app.add_directive("native-api-abi", pages.NativeApiAbiDirective)
    app.add_directive("native-api-coverage", pages.NativeApiCoverageDirective)
    app.add_directive("native-api-changes", pages.NativeApiChangesDirective)
    app.add_directive("native-api-ffi", ffi.NativeApiFfiDirective)
    app.add_node(pages.nativeapi_pending)
    app.add_transform(CommentReferences)
    factsnode.register(app)
    app.add_builder(CoverageBuilder)
    app.connect("config-inited", _add_static)
    app.add_css_file("nativeapi.css")  # only HTML builders use it
    app.connect("config-inited", heap.before_loading)
    app.connect("builder-inited", heap.after_loading)
    app.connect("builder-inited", projects.start)
    app.connect("env-before-read-docs", projects.preload)
    app.connect("env-before-read-docs", readorder.balance)  # after preload: it weighs pages by project
    app.connect("env-before-read-docs", heap.before_reading)  # after preload: the projects too
    app.connect("doctree-read", heap.page_read)
    app.connect("env-updated", heap.after_reading)
    app.connect("doctree-resolved", heap.page_resolved, priority=900)  # after the page's own handlers
    app.connect("build-finished", heap.build_finished)
    app.connect("env-purge-doc", state.purge)
    app.connect("env-merge-info", state.merge)
    app.connect("env-get-outdated", pages.outdated)
    app.connect("env-check-consistency", gate.check)
    app.connect("doctree-resolved", pages.resolve)
    app.connect("build-finished", exit_status)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
