"""The documentation tools compared, each as: how its environment is installed, how its project is written.

Every project documents the same headers (``Workspace.headers``), one page per header under ``git2/``,
plus a root ``index`` page with a toctree, and is built with the same Sphinx (``SPHINX``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workspace import LIBGIT2_SO, Workspace

SPHINX = "sphinx==9.0.4"
LIBCLANG = "libclang==18.1.1"


@dataclass(frozen=True)
class Tool:
    key: str
    title: str
    # pip install argument lists, run in order in the tool's own venv.
    installs: tuple[tuple[str, ...], ...]
    # Writes conf.py and the pages into the given source dir.
    write_project: Callable[[Workspace, Path], None]
    # Distributions whose versions the report names.
    reported: tuple[str, ...]
    # Extra commands (run in the project dir) that must precede a build whenever the headers changed.
    prebuild: Callable[[Workspace, Path], list[str]] | None = None
    # Extra text that changes the environment's identity (e.g. the repo's pyproject) and so reinstalls it.
    env_salt: str = field(default="")


def write_pages(srcdir: Path, headers: tuple[str, ...], conf: str, body: Callable[[str], str]) -> None:
    """conf.py, a root index with a toctree of every header page, and ``git2/<name>.rst`` per header."""
    (srcdir / "git2").mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text('project = "libgit2"\n' + conf, encoding="utf-8")
    toctree = "".join(f"   {h.removesuffix('.h')}\n" for h in headers)
    (srcdir / "index.rst").write_text(
        f"libgit2\n=======\n\n.. toctree::\n   :maxdepth: 1\n\n{toctree}", encoding="utf-8"
    )
    for header in headers:
        title = f"{header}\n{'=' * len(header)}\n\n"
        (srcdir / f"{header.removesuffix('.h')}.rst").write_text(title + body(header), encoding="utf-8")


def _nativeapi(ws: Workspace) -> Tool:
    """This project's column, in one place so that it follows the extension as it grows.

    The extension is installed editable from the repo under test. ``include_dirs`` names the work copy of
    the headers (not /usr/include) so that the measured touch of ``git2/types.h`` reaches it.
    """

    def write(ws: Workspace, srcdir: Path) -> None:
        project = {
            "headers": [str(ws.include_dir / h) for h in ws.headers],
            "include_dirs": [str(ws.include_dir)],
            "language": "c",
            "platforms": ["linux-x86_64"],
            "binaries": {"linux-x86_64": str(LIBGIT2_SO)},
        }
        conf = (
            'extensions = ["sphinx_nativeapi"]\n'
            f"nativeapi_projects = {{'git2': {project!r}}}\n"
            'nativeapi_default_project = "git2"\n'
        )
        write_pages(srcdir, ws.headers, conf, lambda h: f".. native-api-file:: {h}\n")

    pyproject = (ws.repo / "pyproject.toml").read_bytes()
    return Tool(
        key="nativeapi",
        title="sphinx-nativeapi",
        installs=((SPHINX, "-e", str(ws.repo)),),
        write_project=write,
        reported=("sphinx-nativeapi", "libclang", "lief"),
        env_salt=hashlib.sha256(pyproject).hexdigest(),
    )


def _hawkmoth(ws: Workspace) -> Tool:
    def write(ws: Workspace, srcdir: Path) -> None:
        conf = (
            # libgit2 documents in Javadoc style: hawkmoth's own extension turns it into reST (as ours
            # reads @param and friends), instead of docutils warning about stray markup.
            'extensions = ["hawkmoth", "hawkmoth.ext.javadoc"]\n'
            'hawkmoth_transform_default = "javadoc"\n'
            f"hawkmoth_root = {str(ws.include_dir)!r}\n"
            # Off: it would ask a `clang` binary for include paths; the flags below give them.
            "hawkmoth_autoconf = None\n"
            f"hawkmoth_clang = {ws.clang_args!r}\n"
        )
        write_pages(srcdir, ws.headers, conf, lambda h: f".. c:autodoc:: {h}\n")

    return Tool(
        key="hawkmoth",
        title="hawkmoth 0.22",
        installs=((SPHINX, "hawkmoth==0.22.0", LIBCLANG),),
        write_project=write,
        reported=("hawkmoth", "libclang"),
    )


def _c_autodoc(ws: Workspace) -> Tool:
    def write(ws: Workspace, srcdir: Path) -> None:
        conf = (
            'extensions = ["sphinx_c_autodoc"]\n'
            f"c_autodoc_roots = [{str(ws.include_dir)!r}]\n"
            f"c_autodoc_compilation_args = {ws.clang_args!r}\n"
        )
        write_pages(srcdir, ws.headers, conf, lambda h: f".. autocmodule:: {h}\n   :members:\n")

    # --no-deps: it requires the `clang` bindings, which carry no library; the `libclang` wheel does.
    return Tool(
        key="c-autodoc",
        title="sphinx-c-autodoc 1.8",
        installs=((SPHINX, LIBCLANG, "beautifulsoup4"), ("--no-deps", "sphinx-c-autodoc==1.8.*")),
        write_project=write,
        reported=("sphinx-c-autodoc", "libclang"),
    )


# Doxygen sees libgit2's export and calling macros as plain text unless they are predefined.
DOXYGEN_PREDEFINED = (
    "GIT_EXTERN(x)=x",
    "GIT_CALLBACK(x)=(*x)",
    "GIT_DEPRECATED(x)=x",
    "GIT_FORMAT_PRINTF(a,b)=",
    "GIT_BEGIN_DECL=",
    "GIT_END_DECL=",
)


def _breathe(ws: Workspace) -> Tool:
    def write(ws: Workspace, srcdir: Path) -> None:
        srcdir.mkdir(parents=True, exist_ok=True)
        xml = srcdir.parent / "doxygen" / "xml"
        inputs = " \\\n    ".join(str(ws.include_dir / h) for h in ws.headers)
        predefined = " ".join(f'"{p}"' for p in DOXYGEN_PREDEFINED)
        (srcdir.parent / "Doxyfile").write_text(
            f"PROJECT_NAME = libgit2\nINPUT = {inputs}\n"
            f"OUTPUT_DIRECTORY = {srcdir.parent / 'doxygen'}\n"
            "GENERATE_XML = YES\nGENERATE_HTML = NO\nGENERATE_LATEX = NO\n"
            f"FULL_PATH_NAMES = YES\nSTRIP_FROM_PATH = {ws.include_dir}\n"
            "EXTRACT_ALL = YES\nOPTIMIZE_OUTPUT_FOR_C = YES\nQUIET = YES\n"
            "ENABLE_PREPROCESSING = YES\nMACRO_EXPANSION = YES\nEXPAND_ONLY_PREDEF = YES\n"
            f"PREDEFINED = {predefined}\n",
            encoding="utf-8",
        )
        conf = (
            'extensions = ["breathe"]\n'
            f"breathe_projects = {{'git2': {str(xml)!r}}}\n"
            'breathe_default_project = "git2"\n'
            # Else .h files go to the C++ domain.
            'breathe_domain_by_extension = {"h": "c"}\n'
        )
        # Breathe matches the argument against Doxygen's file compound names, which are base names
        # (unique here: the header set has one directory).
        write_pages(srcdir, ws.headers, conf, lambda h: f".. doxygenfile:: {h.rsplit('/', 1)[-1]}\n")

    return Tool(
        key="breathe",
        title="Doxygen 1.9.4 + Breathe 5.1",
        installs=((SPHINX, "breathe==5.1.*"),),
        write_project=write,
        reported=("breathe",),
        prebuild=lambda ws, project: ["doxygen", str(project / "Doxyfile")],
    )


def _empty(ws: Workspace) -> Tool:
    """The Sphinx floor: the same page tree with titles only, no extension."""

    def write(ws: Workspace, srcdir: Path) -> None:
        write_pages(srcdir, ws.headers, "extensions = []\n", lambda h: "")

    return Tool(
        key="empty",
        title=f"{len(ws.headers) + 1} empty pages",
        installs=((SPHINX, LIBCLANG),),
        write_project=write,
        reported=("libclang",),
    )


def all_tools(ws: Workspace) -> list[Tool]:
    """This project first (ratios are to it), then the peers, then the Sphinx floor."""
    return [_nativeapi(ws), _hawkmoth(ws), _c_autodoc(ws), _breathe(ws), _empty(ws)]
