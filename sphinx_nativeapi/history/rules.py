"""Every change ``nativeapi diff`` reports: a stable id, its kind, what it does to callers and the fix.

The ids are part of the interface (waivers and CI filters name them): never rename one. The texts
follow abi-compliance-checker's rule texts: the change, its effect on callers, what to do.

Kinds:

- ``binary-break``: programs compiled against the old release misbehave or fail to load with the new
  one (a removed or renamed symbol, a changed layout or calling convention).
- ``source-break``: code written for the old release must change to compile against the new one, but
  programs already compiled keep working.
- ``compatible``: new API; old programs and sources keep working.
- ``info``: worth knowing, no effect on compatibility by itself.
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("binary-break", "source-break", "compatible", "info")


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    effect: str  # what the change does to callers
    fix: str  # what to do about it


_B, _S, _C, _I = KINDS
_RULES = [
    # Exports of the binaries (the export tables themselves).
    Rule("export.removed", _B, "Programs linked against the old library fail to load or to bind it.",
         "Keep exporting it (a wrapper or an alias), or make a major release."),
    Rule("export.added", _C, "Nothing for existing programs.", "Document it."),
    Rule("export.renamed", _B, "Compiled callers still ask for the old name and fail to bind it: the name "
         "comes from the signature's mangling, the stdcall argument bytes (@N) or the calling convention.",
         "Keep the old signature (add a new function instead), or export the old name too."),
    Rule("export.version-removed", _B, "Programs bound to that symbol version fail to load.",
         "Keep the old version node (.symver name@OLD) in the version script."),
    Rule("export.default-version-moved", _C, "Programs linked before keep the version they bound; new "
         "links bind the new default.", "None, if the old version stays exported."),
    Rule("export.ordinal-changed", _I, "Programs that import it by ordinal (a .def file with @N, or a "
         "NONAME export) call another function; those that import by name are unaffected.",
         "Fix the ordinals in the .def file when any consumer imports by ordinal."),
    Rule("export.ordinals-renumbered", _I, "The linker numbered the exports by name in both releases (no "
         ".def file fixes them), so each export added or removed moved the ordinals of those after it. "
         "Programs import them by name and are unaffected; one that imports any by ordinal calls "
         "another function.", "Fix the ordinals in a .def file if any consumer imports by ordinal."),
    Rule("export.forwarder-changed", _B, "The loader now resolves the symbol in another DLL: programs fail "
         "to load where it is missing, or call another implementation.", "Keep the forwarder's target."),
    Rule("library.name-changed", _B, "Programs record the library's name (SONAME, DLL name, install name) "
         "when they link, and the loader no longer finds it under that name.",
         "Intended for a major release only; ship a link or a copy under the old name otherwise."),
    Rule("library.compatibility-version-changed", _I, "The loader refuses a dylib whose compatibility "
         "version is below the one a program was linked against: raising it is how a release says old "
         "libraries cannot run new programs; programs linked before keep loading.",
         "Raise it when the release adds API that programs may need; never lower it (lowered, it is a "
         "binary break: programs linked before refuse the new library)."),
    Rule("export.unmarked", _B, "The declaration is no longer marked for export: the library stops "
         "exporting it, and on Windows callers compiled with dllimport fail to bind it.",
         "Restore the export macro on the declaration."),
    # Declarations of the headers.
    Rule("declaration.removed", _S, "Code that uses it no longer compiles.",
         "Deprecate first and remove in a major release."),
    Rule("declaration.added", _C, "Nothing for existing code.", "Document it."),
    Rule("declaration.deprecated", _I, "Callers get a deprecation warning when they compile.",
         "Tell users what replaces it."),
    Rule("function.parameter-abi-changed", _B, "A parameter's type is passed differently (size, class, "
         "or register and stack use): compiled callers pass what the function does not read.",
         "Keep the old function and add one with the new parameter type."),
    Rule("function.return-abi-changed", _B, "The return type is returned differently: compiled callers "
         "read a wrong value.", "Keep the old function and add one with the new return type."),
    Rule("function.parameters-changed", _B, "Parameters were added or removed: compiled callers pass the "
         "old arguments, and stdcall callers unbalance the stack.",
         "Keep the old function and add one with the new parameters."),
    Rule("function.parameter-type-changed", _S, "A parameter's type is spelt differently but passed the "
         "same way (e.g. a pointer to another type): compiled callers keep working, code may no longer "
         "compile or may need a cast.", "None for binaries; mention it in the release notes."),
    Rule("function.return-type-changed", _S, "The return type is spelt differently but returned the same "
         "way: compiled callers keep working, code may need a cast.",
         "None for binaries; mention it in the release notes."),
    Rule("function.variadic-changed", _B, "A variadic function is called with another convention on "
         "several ABIs (x86-64 passes the vector register count in %al, Apple arm64 passes the variable "
         "arguments on the stack): compiled callers pass arguments where they are not read.",
         "Keep the old function and add one."),
    Rule("function.calling-convention-changed", _B, "Callers and callee disagree on who cleans the stack "
         "and where arguments go.", "Restore the calling convention."),
    Rule("function.deleted", _S, "Code that calls it no longer compiles.", "Deprecate first."),
    Rule("function.became-inline", _B, "The function is now inline: the library need not export it any "
         "more, and compiled callers that bind to the symbol fail to load when it goes.",
         "Keep an exported out-of-line definition for old callers."),
    Rule("function.uses-changed-type", _B, "A type this function takes or returns (by value or through a "
         "pointer) changed its layout: callers and the library disagree on it.",
         "See the type's own change."),
    Rule("variable.type-changed", _B, "The variable's size or type changed: compiled programs read or "
         "copy it with the old layout (and an ELF copy relocation keeps the old size).",
         "Keep the variable's type; add a new variable."),
    # Types.
    Rule("type.size-changed", _B, "Programs that allocate it, copy it, take it by value, put it in arrays "
         "or embed it in their own structs use the old size.",
         "Keep the size (reserved fields), or make the type opaque and allocate it in the library."),
    Rule("type.alignment-changed", _B, "Programs lay it out (in arrays, their own structs, the stack) with "
         "the old alignment.", "Keep the alignment."),
    Rule("type.field-removed", _B, "Compiled code reads and writes the field at its old offset; code that "
         "names it no longer compiles.", "Keep the field (rename it reserved) and deprecate it."),
    Rule("type.field-added", _C, "Where the size did not change (the field sits in padding or in a union), "
         "nothing for existing programs.", "Nothing to do."),
    Rule("type.field-added-size", _B, "The type grew: programs that allocate it, take it by value, put "
         "it in arrays or embed it use the old size, and the library reads or writes past their copy.",
         "Add fields only to types the library allocates (opaque handles), or version the struct "
         "(a size field, a new type)."),
    Rule("type.field-offset-changed", _B, "Compiled code reads and writes the field at its old offset.",
         "Keep the order of fields; add new ones at the end of a library-allocated type."),
    Rule("type.field-type-changed", _B, "The field's size or representation changed: compiled code reads "
         "it with the old type.", "Keep the field's type; add a new field."),
    Rule("type.field-type-spelling-changed", _S, "The field's type is spelt differently with the same "
         "layout: code may need a cast.", "None for binaries."),
    Rule("type.bit-field-width-changed", _B, "Compiled code masks the field with the old width.",
         "Keep the width; add a new field."),
    Rule("type.became-opaque", _S, "The type has no definition in the headers any more: code that "
         "allocates it, takes its size or reads its fields no longer compiles.",
         "Provide functions for what callers did with the fields."),
    Rule("type.became-complete", _C, "The type now has a definition: its layout is part of the ABI from "
         "now on.", "Consider keeping it opaque."),
    Rule("typedef.changed", _B, "The typedef now names a type of another size or representation: every "
         "declaration that uses it changed its ABI.", "Add a new typedef instead."),
    Rule("typedef.spelling-changed", _S, "The typedef names another type with the same layout: code may "
         "need a cast.", "None for binaries."),
    Rule("enum.enumerator-removed", _B, "Code that names it no longer compiles, and compiled programs still "
         "pass its value, which the library no longer knows.", "Keep the enumerator, deprecated."),
    Rule("enum.enumerator-value-changed", _B, "Compiled programs pass and compare the old value.",
         "Keep every enumerator's value; add new ones with new values."),
    Rule("enum.enumerator-added", _C, "Nothing for existing programs; a switch over the enum may warn.",
         "Nothing to do."),
    Rule("enum.last-enumerator-moved", _I, "A count or maximum (a `*_MAX`-style last enumerator) changed: "
         "compiled programs that size arrays or check ranges with it use the old value.",
         "Do not let callers size arrays with it."),
    Rule("class.virtual-added", _B, "The vtable changed: compiled callers call the wrong slot, and "
         "classes derived in programs override the wrong one.",
         "Add virtual functions only at the end of a class nobody derives from, or add a new class."),
    Rule("class.virtual-removed", _B, "The vtable lost a slot: compiled callers call the wrong function.",
         "Keep the virtual function."),
    Rule("class.vtable-reordered", _B, "The order of virtual functions changed, so their vtable slots "
         "did (Itanium and Microsoft ABIs alike): compiled callers call the wrong function.",
         "Restore the order of declaration."),
    Rule("class.method-became-virtual", _B, "Compiled callers call the method directly, not through the "
         "vtable, and the class gained a vtable slot (or a vtable pointer, moving every field).",
         "Add a new virtual method instead."),
    Rule("class.method-became-nonvirtual", _B, "The vtable lost a slot: compiled callers and derived "
         "classes use the old layout.", "Keep it virtual."),
    Rule("class.base-added", _B, "A base class was added: the subobjects, vtables and fields after it "
         "moved, and compiled code reaches them at their old offsets.",
         "Add a new class instead, or make a major release."),
    Rule("class.base-removed", _B, "A base class was removed: the subobjects, vtables and fields after it "
         "moved, and compiled code converts to the base and calls its functions where it is no more; code "
         "that uses it as the base no longer compiles.", "Keep the base."),
    Rule("class.bases-reordered", _B, "The order of the bases is the order of their subobjects and "
         "vtables: compiled code converts to a base at its old offset and calls through the wrong vtable.",
         "Restore the order of the bases."),
    Rule("class.base-virtual-changed", _B, "A base became virtual or stopped being virtual: compiled code "
         "finds the base subobject at a fixed offset or through the vtable, and the layout changed.",
         "Restore the base's virtual-ness, or make a major release."),
    Rule("class.base-access-changed", _B, "The base is no longer public: code that converts to it no "
         "longer compiles, and compiled dynamic_casts and catch clauses that go through it stop matching "
         "(the class's type info records which bases are public). Between protected and private, only "
         "code breaks; made wider, nothing breaks.", "Keep the base public."),
    Rule("macro.value-changed", _S, "Code compiled against the new header uses the new value; code "
         "compiled before keeps the old one.", "Mention it in the release notes."),
    Rule("macro.removed", _S, "Code that uses the macro no longer compiles.", "Keep the macro."),
    Rule("macro.added", _C, "Nothing for existing code.", "Nothing to do."),
]
RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}
