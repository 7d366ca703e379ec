/* nativeapi-expect
{
  "language": "c",
  "platforms": ["linux-x86_64"],
  "declarations": {
    "redeclared": {"kind": "function", "line": 21, "doc": {"brief": "Documented on its second declaration."}},
    "GUARD_CASE_EMPTY": {"kind": "macro", "value": ""}
  },
  "once": ["redeclared"],
  "absent": ["INCLUDE_guard_case_h__"]
}
*/
/* libgit2's style of include guard, whose name no suffix rule knows; and a function declared twice
   (libgit2's deprecated.h repeats a few), which is one declaration. An empty macro that is not the
   guard is API. */
#ifndef INCLUDE_guard_case_h__
#define INCLUDE_guard_case_h__

#define GUARD_CASE_EMPTY

int redeclared(int x);

/** Documented on its second declaration. */
int redeclared(int x);

#endif
