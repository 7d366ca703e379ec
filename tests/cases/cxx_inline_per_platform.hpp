/* nativeapi-expect
{
  "language": "c++",
  "std": "c++17",
  "platforms": ["linux-x86_64", "windows-x86_64"],
  "declarations": {
    "ip::f": {"kind": "function", "line": 31,
      "linux-x86_64": {"inline": true, "export_macro": "IP_API", "symbols": ["_ZN2ip1fEi"]},
      "windows-x86_64": {"inline": false, "export": "dllimport", "symbols": ["?f@ip@@YAXH@Z"]}},
    "ip::g": {"kind": "function", "inline": true,
      "linux-x86_64": {"inline": true}, "windows-x86_64": {"inline": true}},
    "ip::h": {"kind": "function", "inline": false, "linux-x86_64": {"inline": false, "symbols": ["_ZN2ip1hEi"]}},
    "ip::W::m": {"kind": "method",
      "linux-x86_64": {"inline": true}, "windows-x86_64": {"inline": false}}
  },
  "once": ["ip::f", "ip::g", "ip::W::m"]
}
*/
/* "inline" from the whole redeclaration chain, per platform: an #ifdef that defines a declared
   function inline on one platform makes it inline there only (clang says so on the definition). */
#pragma once
#if defined(_WIN32)
#  define IP_API __declspec(dllimport)
#else
#  define IP_API __attribute__((visibility("default")))
#endif

namespace ip {

/** Declared for export, defined inline where it need not be exported. */
IP_API void f(int x);
#ifndef _WIN32
inline void f(int x) {}
#endif

/** Not inline anywhere. */
IP_API void h(int x);

/** Inline everywhere, from its definition. */
void g(int x);
inline void g(int x) {}

struct IP_API W {
    /** A member defined inline outside its class on one platform. */
    void m();
};
#ifndef _WIN32
inline void W::m() {}
#endif

}
