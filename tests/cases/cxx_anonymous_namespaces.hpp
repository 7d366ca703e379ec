/* nativeapi-expect
{
  "language": "c++",
  "std": "c++17",
  "platforms": ["linux-x86_64", "windows-x86_64"],
  "anonymous_namespaces": true,
  "cli": true,
  "declarations": {
    "an::(anonymous namespace)": {"kind": "namespace", "parent": "c:@N@an", "signature": "namespace"},
    "an::(anonymous namespace)::tag": {"kind": "struct", "parent": "c:@N@an@aN",
      "linux-x86_64": {"size": 4}, "windows-x86_64": {"size": 4}},
    "an::(anonymous namespace)::tag::get": {"kind": "method", "linkage": "internal",
      "linux-x86_64": {"symbols": []}, "windows-x86_64": {"symbols": []}},
    "an::(anonymous namespace)::hidden": {"kind": "function", "linkage": "internal", "static": false,
      "linux-x86_64": {"symbols": []}, "windows-x86_64": {"symbols": []}},
    "an::(anonymous namespace)::counter": {"kind": "variable", "linkage": "internal",
      "linux-x86_64": {"symbols": []}},
    "an::(anonymous namespace)::inner::deep": {"kind": "function", "linkage": "internal",
      "linux-x86_64": {"symbols": []}},
    "an::helper": {"kind": "function", "linkage": "internal", "static": true,
      "linux-x86_64": {"symbols": []}},
    "an::visible": {"kind": "function", "linkage": "external",
      "linux-x86_64": {"symbols": ["_ZN2an7visibleEi"], "export": "default"},
      "windows-x86_64": {"symbols": ["?visible@an@@YAHH@Z"], "export": "dllexport"}}
  },
  "once": ["an::(anonymous namespace)", "an::(anonymous namespace)::hidden"]
}
*/
/* What anonymous namespaces declare, reported when the project asks (anonymous_namespaces): internal
   linkage, so no symbol; an anonymous namespace reopened later in the header is the same one. A static
   function at namespace scope is reported with or without the key, as in C. */
#pragma once
#if defined(_WIN32)
#  define LIB_API __declspec(dllexport)
#else
#  define LIB_API __attribute__((visibility("default")))
#endif
namespace an {
namespace {
/** A tag. */
struct tag {
    int depth;
    /** Its depth. */
    int get() const;
};
/** Hidden. */
int hidden(int);
/** A counter. */
int counter;
namespace inner {
/** Deeper. */
int deep(int);
}
}
/** Static: internal linkage too. */
static int helper(int);
/** Exported. */
LIB_API int visible(int);
namespace {
/** Declared again, in the namespace reopened. */
int hidden(int);
}
}
