"""One declaration -> Sphinx C or C++ domain object, by running the domain's own directive class.

No reST is generated for the page: the domain directive (``env.get_domain('c').directives['function']``)
is instantiated with the signature as its argument and run, so the object, its index entry and its
cross-reference target are the domain's own. Its content (the doc comment, the ABI facts, and the
members, which must be rendered while the parent's scope is open) is handed over as nodes through a
subclass made once per domain class, which overrides the one public hook that makes content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.domains.cpp import DefinitionParser
from sphinx.util import logging
from sphinx.util.cfamily import DefinitionError
from sphinx.util.docutils import SphinxDirective

from sphinx_nativeapi.model import ANONYMOUS_NAMESPACE, Declaration
from sphinx_nativeapi.sphinxext.abifacts import facts_nodes
from sphinx_nativeapi.sphinxext.docnodes import DocParser, doc_nodes
from sphinx_nativeapi.sphinxext.ffinodes import ffi_nodes
from sphinx_nativeapi.sphinxext.history import note_nodes
from sphinx_nativeapi.sphinxext.lookup import anonymous_namespace, c_name, tag_alias, tag_scope
from sphinx_nativeapi.sphinxext.projects import LoadedProject
from sphinx_nativeapi.sphinxext.xrefs import Target

_logger = logging.getLogger(__name__)
_CXX_ONLY = {"class", "method", "constructor", "destructor", "namespace"}
_RECORDS = {"struct", "union", "class"}
_ALWAYS_MEMBERS = {"enumerator", "field"}  # the values and layout of a type, shown with the type
_ANONYMOUS = re.compile(r"\((?:unnamed|anonymous)(?: (?:struct|union|enum|class))? at [^)]*\)")
_INTERNAL_LINKAGE = (
    "Declared in an anonymous namespace: internal linkage, each translation unit that includes the "
    "header has its own, and no binary exports it."
)
_C_OBJTYPES = {
    "function": "function",
    "variable": "var",
    "typedef": "type",
    "struct": "struct",
    "union": "union",
    "enum": "enum",
    "enumerator": "enumerator",
    "field": "member",
    "macro": "macro",
}
_CXX_OBJTYPES = {
    "function": "function",
    "method": "function",
    "constructor": "function",
    "destructor": "function",
    "variable": "var",
    "typedef": "type",
    "struct": "struct",
    "class": "class",
    "union": "union",
    "enum": "enum",
    "enumerator": "enumerator",
    "field": "member",
}

_wrapped: dict[type, type] = {}


def _content_hooked(cls: type) -> type:
    """The domain directive class with its content made by a callable instead of a nested parse, and
    with the domain's complaint about a signature it cannot parse kept quiet when asked to."""
    sub = _wrapped.get(cls)
    if sub is None:

        def parse_content_to_nodes(self, allow_section_headings: bool = False) -> list[nodes.Node]:
            return self.nativeapi_content()

        def handle_signature(self, sig: str, signode: addnodes.desc_signature):
            if not getattr(self, "nativeapi_unparsable", False):
                return cls.handle_signature(self, sig, signode)
            with logging.suppress_logging():  # said once, in render(); the domain shows the text
                return cls.handle_signature(self, sig, signode)

        members = {"parse_content_to_nodes": parse_content_to_nodes, "handle_signature": handle_signature}
        sub = _wrapped[cls] = type(cls.__name__, (cls,), members)
    return sub


# Where Sphinx's C++ parser gives up on valid C++: expressions in a trailing return type or a
# noexcept (nlohmann/json.hpp's "-> decltype(std::declval<T &>().template get_ptr<P>())").
_CXX_EXPRESSION = re.compile(r"\bdecltype\s*\(|\bnoexcept\s*\(|->")


def _cxx_unparsable(cls: type, objtype: str, signature: str, config) -> bool:
    """Whether the C++ domain would reject the signature (only those with expressions are tried)."""
    if not _CXX_EXPRESSION.search(signature):
        return False
    parser = DefinitionParser(signature, location=None, config=config)
    try:
        parser.parse_declaration(cls.object_type, objtype)
        parser.assert_end()
    except DefinitionError:
        return True
    return False


# C++ in a declaration's text: template arguments (not a "<<" shift), scopes, references, keywords.
_CXX_SYNTAX = re.compile(r"(?<!<)<(?!<)|::|&|\b(?:operator|class|typename|decltype|template|using)\b")


def _needs_cxx(decl: Declaration) -> bool:
    if decl.kind in _CXX_ONLY or decl.template or _CXX_SYNTAX.search(decl.signature):
        return True
    return decl.kind in ("function", "variable") and not decl.extern_c  # a member function, a static


def _has_call_fields(decl: Declaration) -> bool:
    doc = decl.doc
    return doc is not None and bool(doc.params or doc.returns or doc.retvals or doc.throws)


@dataclass
class Rendered:
    """A declaration some directive rendered, and where (for the gate and the ABI page's links)."""

    key: str
    anchor: str | None
    documented: bool


@dataclass
class Renderer:
    directive: SphinxDirective
    loaded: LoadedProject
    platforms: list[str]
    abi: bool = True
    undoc_members: bool = False
    ffi: tuple[str, ...] = ()  # the FFI flavors shown under each declaration ("ctypes", "cffi")
    rendered: list[Rendered] = field(default_factory=list)
    _domains: dict[str, str] = field(default_factory=dict)  # declaration key -> "c" or "cpp"

    # -- choosing the domain and the signature ------------------------------------------------------

    def domain_of(self, decl: Declaration) -> str:
        """C for C code and for plain C declarations in C++ headers, so ``:c:func:`` works on both.

        In C++, a function or variable is C only with C linkage (``extern "C"``): otherwise its symbol
        is mangled, and it may be overloaded. A type is C when neither it, its scope nor its members
        need C++ to be written (gmpxx.h's ``typedef __gmp_expr<mpz_t, mpz_t> mpz_class`` does).
        """
        if self.loaded.project.request.language != "c++" or decl.kind == "macro":
            return "c"
        if decl.extern_c:
            return "c"
        if decl.kind in ("function", "variable"):
            return "cpp"
        found = self._domains.get(decl.key)
        if found is None:  # a type's members all ask: once per type, not once per member
            children = self.loaded.children.get(decl.usr, ())
            parent = self.loaded.parent_of(decl)
            cxx = _needs_cxx(decl) or any(_needs_cxx(c) for c in children)
            found = self._domains[decl.key] = "cpp" if cxx else self.domain_of(parent) if parent else "c"
        return found

    def _scope(self, decl: Declaration, domain: str) -> str:
        """The qualification a declaration needs outside its parent's directive."""
        names = []
        child, parent = decl, self.loaded.parent_of(decl)
        while parent is not None:
            name = c_name(self.loaded, parent) if domain == "c" else parent.name
            if domain == "c" and parent.kind == "enum":  # its enumerators are in the enum's own scope
                name = name.rpartition(".")[0]
            if name == ANONYMOUS_NAMESPACE:
                name = anonymous_namespace(child.file)
            if name:
                names.append(name)
            child, parent = parent, self.loaded.parent_of(parent)
        sep = "::" if domain == "cpp" else "."
        return "".join(n + sep for n in reversed(names))

    def argument(self, decl: Declaration, domain: str, in_scope: bool) -> str:
        scope = "" if in_scope else self._scope(decl, domain)
        signature = decl.signature
        siblings = self.loaded.children.get(decl.parent or "", ())
        unnamed = "@" + decl.name
        if decl.kind in ("field", "variable") and (
            any(c.name == unnamed for c in siblings) or (not decl.parent and unnamed in self.loaded.by_name)
        ):
            # "union (unnamed union at h:3:2) cert": the union rendered just before as "@cert"
            # (a variable's too: "class { int foo; } C;").
            signature = _ANONYMOUS.sub("@" + decl.name, signature, count=1)
        signature = _ANONYMOUS.sub("", signature)
        if decl.kind == "variable":
            # An aggregate's initialiser ("= {{&f, &g}, {&f, &g}}"), or a direct one ("in_place_init((
            # init_tag()))", boost/optional), is no part of the declaration to the C and C++ domains,
            # which cannot read it.
            signature = re.sub(r"\s*=\s*\{.*\}\s*$", "", signature, flags=re.S)
            initialised = rf"(?<![\w:]){re.escape(decl.name)}\s*(?:\(.*\)|\{{.*\}})\s*$"
            signature = re.sub(initialised, decl.name, signature, flags=re.S)
        if decl.kind in _RECORDS or decl.kind == "enum":
            # "template <typename T> struct S<true, T>": the parameters before, a specialization's
            # arguments after the qualified name, and the class a nested one's specialization names
            # ("template <> class Outer<int>::Handler") before it.
            found = re.match(
                rf"\s*(template\s*<.*>)?\s*(?:class|struct|union|enum)\b.*?\b((?:\w+(?:<[^()]*?>)?::)*)"
                rf"{re.escape(decl.name)}(<.*>)?$",
                signature,
            )
            prefix = found.group(1) + " " if found and found.group(1) else ""
            outer, arguments = (found.group(2), found.group(3) or "") if found else ("", "")
            name = tag_alias(self.loaded, decl) or decl.name
            return f"{prefix}{scope}{outer}{name}{arguments}"
        alias = decl.kind == "typedef" and re.search(rf"\busing\s+{re.escape(decl.name)}\s*=", signature)
        if alias:
            # "template <class T> using Vec = std::vector<T>" is "template <class T> Vec = ..." to the
            # C++ domain; the name qualified where it stands, not where it appears last.
            return signature[: alias.start()] + scope + signature[alias.start() + len("using") :].lstrip()
        if decl.kind == "typedef":
            signature = re.sub(r"^\s*(typedef|using)\s+", "", signature)
        if decl.kind == "enumerator":
            name = scope + decl.name
            return f"{name} = {decl.value}" if decl.value is not None else name
        if not scope or not decl.name:
            return signature
        # Qualify the declared name where it stands: before its "(" for functions, last for the rest.
        if decl.kind in ("function", "method", "constructor", "destructor"):
            # (an explicit specialization's arguments between: "template <> void g<int>(int)")
            # and its class before it: "template <> Any *Arena::Create<Any>(Arena *)" outside it.
            pattern = re.compile(
                rf"(?<![\w:~])(?:\w+(?:<[^()]*?>)?::)*{re.escape(decl.name)}(?=\s*(?:<[^()]*>)?\s*\()"
            )
            found = pattern.search(signature)
        else:
            matches = list(re.finditer(rf"(?<![\w:~]){re.escape(decl.name)}\b", signature))
            found = matches[-1] if matches else None
        if found is None:
            return signature
        return signature[: found.start()] + scope + signature[found.start() :]

    def target(self, name: str) -> Target | None:
        """What a Doxygen reference in a doc comment names, as a domain's cross-reference target."""
        found = self.loaded.by_name.get(name.removeprefix("::"))
        if not found:
            return None
        decl = found[0]
        domain = self.domain_of(decl)
        objtype = (_C_OBJTYPES if domain == "c" else _CXX_OBJTYPES).get(decl.kind)
        if objtype is None:
            return None
        role = "func" if objtype == "function" else objtype
        name = c_name(self.loaded, decl) if domain == "c" else decl.name
        return Target(domain, role, self._scope(decl, domain) + name)

    # -- rendering ----------------------------------------------------------------------------------

    def render(self, decl: Declaration, members: bool, in_scope: bool = False) -> list[nodes.Node]:
        if decl.kind == "namespace":
            return self._namespace(decl, members)
        domain = self.domain_of(decl)
        objtype = (_C_OBJTYPES if domain == "c" else _CXX_OBJTYPES).get(decl.kind)
        if objtype is None:
            return []
        domain_directives = self.directive.env.get_domain(domain).directives
        # Objects in the page's table of contents make every page's sidebar carry every object of
        # the set: with a few thousand objects, that is most of the build's time. Opt-in.
        options = {} if self.directive.config.nativeapi_toc_entries else {"no-contents-entry": None}
        cls = _content_hooked(domain_directives[objtype])
        argument = self.argument(decl, domain, in_scope)
        obj = self._directive(cls, f"{domain}:{objtype}", [argument], options)
        obj.nativeapi_content = lambda: self._content(decl, members)
        if domain == "cpp" and _cxx_unparsable(cls, objtype, argument, self.directive.config):
            obj.nativeapi_unparsable = True
            _logger.verbose(
                "%s: shown as text, not as a C++ domain object: Sphinx's C++ parser cannot read %r",
                decl.qualified_name,
                argument,
                location=f"{decl.file}:{decl.line}",
            )
        if objtype not in ("function", "macro") and _has_call_fields(decl):
            # A function-pointer typedef or variable documents its parameters as a function does.
            obj.doc_field_types = domain_directives["function"].doc_field_types
        scope = tag_scope(self.loaded, decl) if domain == "c" else None
        if scope:  # the C domain's namespace directives, as a page would write them around it
            self._directive(domain_directives["namespace-push"], "c:namespace-push", [scope]).run()
        result = obj.run()
        if scope:
            self._directive(domain_directives["namespace-pop"], "c:namespace-pop", []).run()
        anchor = None
        for node in result:
            if isinstance(node, addnodes.desc):
                for sig in node.findall(addnodes.desc_signature):
                    if sig["ids"]:
                        anchor = sig["ids"][0]
                    break
        self.rendered.append(Rendered(decl.key, anchor, decl.doc is not None))
        return result

    def _directive(self, cls: type, name: str, arguments: list[str], options: dict | None = None):
        """A domain's directive, made to run from this one's place in the page."""
        directive = self.directive
        return cls(
            name,
            arguments,
            options or {},
            StringList(),
            directive.lineno,
            directive.content_offset,
            "",
            directive.state,
            directive.state_machine,
        )

    def _content(self, decl: Declaration, members: bool) -> list[nodes.Node]:
        out = doc_nodes(DocParser(self.directive.state, decl, self.target), decl)
        out += note_nodes(self.directive, self.loaded, decl.qualified_name)
        if self._in_anonymous_namespace(decl):
            out.append(nodes.paragraph(text=_INTERNAL_LINKAGE, classes=["nativeapi-internal"]))
        if self.abi:
            out += facts_nodes(self.loaded, decl, self.platforms)
        if self.ffi:
            out += ffi_nodes(self.loaded, decl, self.platforms, self.ffi)
        if members or decl.kind == "enum":
            for child in self.members(decl):
                out += self.render(child, members=True, in_scope=True)
        return out

    def _in_anonymous_namespace(self, decl: Declaration) -> bool:
        """Declared at namespace scope inside an anonymous namespace (``an::(anonymous
        namespace)::inner::deep`` too): its members say it through it."""
        parent = self.loaded.parent_of(decl)
        while parent is not None and parent.kind == "namespace":
            if parent.name == ANONYMOUS_NAMESPACE:
                return True
            parent = self.loaded.parent_of(parent)
        return False

    def members(self, decl: Declaration) -> list[Declaration]:
        chosen = []
        for child in self.loaded.children.get(decl.usr, ()):
            if child.access == "private" or child.kind == "namespace":
                continue
            # "@name": the unnamed type of field "name", which the field's declaration refers to.
            unnamed_type = child.kind in _RECORDS and child.name.startswith("@")
            if child.kind in _ALWAYS_MEMBERS or unnamed_type or child.doc is not None or self.undoc_members:
                chosen.append(child)
        return chosen

    def _namespace(self, decl: Declaration, members: bool) -> list[nodes.Node]:
        title = f"namespace {decl.qualified_name}"
        out: list[nodes.Node] = [nodes.rubric(title, title, classes=["nativeapi-namespace"])]
        out += doc_nodes(DocParser(self.directive.state, decl, self.target), decl)
        if members:
            for child in self.members(decl):
                out += self.render(child, members=True)
        return out
