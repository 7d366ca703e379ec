/* nativeapi-expect
{
  "language": "c++",
  "std": "c++17",
  "platforms": ["linux-x86_64", "windows-x86_64"],
  "declarations": {
    "arena::Arena::Create": {"kind": "method", "template": true, "linux-x86_64": {"symbols": []}},
    "arena::Arena::Create [2]": {"kind": "method", "template": false, "parent": "c:@N@arena@S@Arena",
      "signature": "template<> Foo *Create<Foo>(Arena *a)",
      "linux-x86_64": {"symbols": ["_ZN5arena5Arena6CreateINS_3FooEEEPT_PS0_"], "export": "default", "export_macro": "LIB_API"},
      "windows-x86_64": {"symbols": ["??$Create@UFoo@arena@@@Arena@arena@@SAPEAUFoo@1@PEAV01@@Z"], "export": "dllexport"}},
    "arena::parse [2]": {"kind": "function", "template": false,
      "linux-x86_64": {"symbols": ["_ZN5arena5parseIiEET_PKc"]},
      "windows-x86_64": {"symbols": ["??$parse@H@arena@@YAHPEBD@Z"]}},
    "arena::Box::put [2]": {"kind": "method", "template": false, "signature": "template <> void put(long v)",
      "linux-x86_64": {"symbols": ["_ZN5arena3BoxIlE3putEl"]},
      "windows-x86_64": {"symbols": ["?put@?$Box@J@arena@@QEAAXJ@Z"]}},
    "arena::swap": {"kind": "function", "friend": true, "inline": true, "parent": "c:@N@arena@S@big",
      "access": null, "signature": "friend void swap(big &a, big &b) noexcept",
      "linux-x86_64": {"symbols": ["_ZN5arena4swapERNS_3bigES1_"], "export": null},
      "windows-x86_64": {"symbols": ["?swap@arena@@YAXAEAVbig@1@0@Z"], "export": null}},
    "arena::operator==": {"kind": "function", "friend": true, "inline": false,
      "linux-x86_64": {"symbols": ["_ZN5arenaeqERKNS_3bigES2_"]},
      "windows-x86_64": {"symbols": ["??8arena@@YA_NAEBVbig@0@0@Z"]}},
    "arena::compare": {"kind": "function", "friend": true,
      "linux-x86_64": {"symbols": ["_ZN5arena7compareERKNS_3bigES2_"], "export": "default", "export_macro": "LIB_API"},
      "windows-x86_64": {"symbols": ["?compare@arena@@YAHAEBVbig@1@0@Z"], "export": "dllexport"}},
    "arena::visit": {"kind": "function", "friend": true, "template": true,
      "signature": "template <class V> friend void visit(big &b, V v)", "linux-x86_64": {"symbols": []}},
    "arena::operator<": {"kind": "function", "friend": true, "template": true, "linux-x86_64": {"symbols": []}},
    "arena::distance": {"kind": "function", "friend": false, "parent": "c:@N@arena",
      "linux-x86_64": {"symbols": ["_ZN5arena8distanceERKNS_3bigES2_"], "export": "default"},
      "windows-x86_64": {"symbols": ["?distance@arena@@YAJAEBVbig@1@0@Z"]}}
  },
  "once": ["arena::operator==", "arena::swap", "arena::distance"],
  "absent": ["arena::big::swap", "arena::big::Arena", "arena::Arena [2]"]
}
*/
/* Explicit specializations and friend functions, as real libraries write them (protobuf's
   "template <> PROTOBUF_EXPORT Foo *Arena::CreateMaybeMessage<Foo>(Arena *)", gmpxx's and boost's
   friends). Symbols: clang++ -c on a definition of each, and llvm-nm, for both targets. */
#pragma once
#if defined(_WIN32)
#  define LIB_API __declspec(dllexport)
#else
#  define LIB_API __attribute__((visibility("default")))
#endif
namespace arena {
struct Foo { int x; };
class Arena {
public:
    /** Makes a T on the arena. */
    template <class T> static T *Create(Arena *a);
};
/** The one specialization the library compiles. */
template <> LIB_API Foo *Arena::Create<Foo>(Arena *a);
/** Any T. */
template <class T> T parse(const char *text);
/** An int. */
template <> LIB_API int parse<int>(const char *text);
template <class T> struct Box { void put(T v); };
/** Box<long>'s own put. */
template <> LIB_API void Box<long>::put(long v);

class big;
/** Declared before the class that befriends it: a function of the namespace, not a friend. */
LIB_API long distance(const big &a, const big &b);

class LIB_API big {
public:
    /** Swaps. */
    friend void swap(big &a, big &b) noexcept {}
    /** Equal. */
    friend bool operator==(const big &a, const big &b);
    /** Compares. */
    friend LIB_API int compare(const big &a, const big &b);
    /** Visits. */
    template <class V> friend void visit(big &b, V v);
    friend long distance(const big &a, const big &b);
    friend class Arena;
private:
    int limbs_;
};
/** Equal (again). */
bool operator==(const big &a, const big &b);
template <class T> struct Wrap {
    /** Hidden friend of a template. */
    friend bool operator<(const Wrap &, const Wrap &) { return false; }
};
}
