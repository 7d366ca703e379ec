"""Declarations of the API whose scope is outside it: an explicit specialization of a member of
another library's class (protobuf's any.pb.h specializes ``Arena::CreateMaybeMessage``, which
arena.h declares)."""

from __future__ import annotations

from pathlib import Path

from sphinx_nativeapi.scanner import ScanRequest, scan


def test_a_specialization_of_a_class_outside_the_api_is_named_with_its_class(tmp_path: Path) -> None:
    system = tmp_path / "sys"
    system.mkdir()
    (system / "pool.h").write_text(
        "namespace ext {\nclass Pool {\npublic:\n    template <class T> static T *Make(Pool *pool);\n};\n}\n"
    )
    header = tmp_path / "api.hpp"
    header.write_text(
        "#include <pool.h>\nnamespace ext {\nstruct Foo { int x; };\n"
        "/** Makes a Foo. */\ntemplate <> Foo *Pool::Make<Foo>(Pool *pool);\n}\n"
    )
    request = ScanRequest(
        headers=(str(header),), language="c++", std="c++17", args=("-isystem", str(system)),
        platforms=("linux-x86_64", "windows-x86_64"),
    )  # fmt: skip
    model = scan(request)
    (made,) = [d for d in model.declarations if d.name == "Make"]  # not the template: not API
    assert made.qualified_name == "ext::Pool::Make"
    assert made.parent == "c:@N@ext"  # its class is no declaration here: it stands in the namespace
    assert made.signature == "template<> Foo *Pool::Make<Foo>(Pool *pool)"
    assert not made.template
    # clang++ -c on its definition, then llvm-nm, for both targets
    assert made.platforms["linux-x86_64"].symbols == ["_ZN3ext4Pool4MakeINS_3FooEEEPT_PS0_"]
    assert made.platforms["windows-x86_64"].symbols == ["??$Make@UFoo@ext@@@Pool@ext@@SAPEAUFoo@1@PEAV01@@Z"]


def test_a_friend_declared_first_by_another_library_is_not_the_apis(tmp_path: Path) -> None:
    system = tmp_path / "sys"
    system.mkdir()
    (system / "other.h").write_text("namespace other { class A; void f(A &); }\n")
    header = tmp_path / "api.hpp"
    header.write_text(
        "#include <other.h>\nnamespace other {\nclass A {\n    friend void ::other::f(A &);\n"
        "    /** Ours. */\n    friend void g(A &);\n};\n}\n"
    )
    request = ScanRequest(headers=(str(header),), language="c++", args=("-isystem", str(system)))
    functions = [d.qualified_name for d in scan(request).declarations if d.kind == "function"]
    assert functions == ["other::g"]
