/* nativeapi-expect
{
  "language": "c++",
  "std": "c++17",
  "platforms": ["linux-x86_64"],
  "declarations": {
    "al::Vec": {"kind": "typedef", "template": true, "signature": "template <class T> using Vec = vector<T>"},
    "al::Nest": {"kind": "typedef", "template": true},
    "al::S::type": {"kind": "typedef", "template": false, "parent": "c:@N@al@S@S"},
    "al::S::ptr": {"kind": "typedef", "template": true, "parent": "c:@N@al@S@S", "type": "U *"},
    "al::@C": {"kind": "class", "linux-x86_64": {"size": 4}},
    "al::C::foo": {"kind": "field", "linux-x86_64": {"size": 4}},
    "al::C": {"kind": "variable"},
    "al::Outer::Handler": {"kind": "class", "template": true, "parent": "c:@N@al@ST>1#T@Outer"},
    "al::Outer::Handler::run": {"kind": "method", "template": true, "linux-x86_64": {"symbols": []}},
    "al::Outer::Handler [2]": {"kind": "class", "template": false, "parent": "c:@N@al",
      "signature": "template <> class Outer<int>::Handler", "linux-x86_64": {"size": 4}},
    "al::Outer::Handler::run [2]": {"kind": "method", "template": false,
      "parent": "c:@N@al@S@Outer>#I@S@Handler", "linux-x86_64": {"symbols": ["_ZN2al5OuterIiE7Handler3runEv"], "export": "default"}},
    "al::Outer::Handler::x": {"kind": "field", "linux-x86_64": {"size": 4}},
    "al::Outer::Handler [3]": {"kind": "class", "signature": "template <> class Outer<Long>::Handler"},
    "al::Outer::Handler::stop": {"kind": "method", "linux-x86_64": {"symbols": ["_ZN2al5OuterIlE7Handler4stopEv"]}},
    "al::Plain::Inner": {"kind": "struct", "parent": "c:@N@al@S@Plain", "linux-x86_64": {"size": 4}},
    "al::Plain::Inner::depth": {"kind": "field"},
    "al::Plain::Inner::get": {"kind": "method", "linux-x86_64": {"symbols": ["_ZNK2al5Plain5Inner3getEv"]}}
  },
  "once": ["al::Plain::Inner"],
  "absent": ["al::Handler", "al::Inner", "al::(anonymous namespace)", "al::(anonymous namespace)::tag",
    "al::(anonymous namespace)::hidden"]
}
*/
/* Alias templates (nested too), an unnamed class declared with its variable, nested classes defined
   outside their class (and an explicit specialization of one, a class of its own), and an anonymous
   namespace, which is not API (internal linkage) unless the project asks for it. */
#pragma once
#define LIB_API __attribute__((visibility("default")))
typedef long Long;
namespace al {
template <class T, class... A> struct vector { T *data; };
/** A vector. */
template <class T> using Vec = vector<T>;
/** Nested. */
template <class T, class... A> using Nest = vector<Vec<T>, A...>;
struct S {
    /** Its type. */
    using type = int;
    /** A pointer. */
    template <class U> using ptr = U *;
};
/** An unnamed class's one variable. */
class { public: /** Member. */ int foo; } C;
/** The outer class. */
template <class E> class Outer { public: class Handler; };
template <class E> class Base {};
/** Its handler. */
template <class E> class Outer<E>::Handler : Base<E> { public: void run(); };
/** Outer<int>'s own handler. */
template <> class LIB_API Outer<int>::Handler : Base<int> { public: /** Runs. */ void run(); int x; };
/** Named as written, through a typedef. */
template <> class Outer<Long>::Handler { public: void stop(); };
struct Plain { struct Inner; };
/** Defined out of line. */
struct Plain::Inner { int depth; int get() const; };
namespace {
struct tag {};
int hidden(int);
}
}
