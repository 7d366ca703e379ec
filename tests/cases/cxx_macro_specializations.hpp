/* nativeapi-expect
{
  "language": "c++",
  "platforms": ["linux-x86_64", "windows-x86_64"],
  "declarations": {
    "sp::Expr [2]": {"kind": "class", "signature": "template<> class Expr<int, plus>"},
    "sp::Expr [3]": {"kind": "class", "signature": "template<> class Expr<long, plus>"},
    "sp::Expr::get": {"kind": "method", "type": "int",
      "linux-x86_64": {"symbols": ["_ZNK2sp4ExprIi4plusE3getEv"]},
      "windows-x86_64": {"symbols": ["?get@?$Expr@HUplus@@@sp@@QEBAHXZ"]}},
    "sp::Expr::get [2]": {"kind": "method", "type": "long",
      "linux-x86_64": {"symbols": ["_ZNK2sp4ExprIl4plusE3getEv"]},
      "windows-x86_64": {"symbols": ["?get@?$Expr@JUplus@@@sp@@QEBAJXZ"]}},
    "sp::Expr::get [4]": {"kind": "method", "type": "long",
      "linux-x86_64": {"symbols": ["_ZNK2sp4ExprIl5minusE3getEv"]}}
  }
}
*/
/* A macro that writes two explicit specializations of one class template on one line (gmpxx.h's
   __GMPZQ_DEFINE_EXPR): each is a class of its own, with members alike but for their class, and each
   member keeps its own symbol on every platform. */
struct plus;
struct minus;
namespace sp {
template <class T, class U> class Expr;
#define DEFINE_PAIR(tag)                                                                       \
    template <> class Expr<int, tag> {                                                         \
      public:                                                                                  \
        int get() const;                                                                       \
    };                                                                                         \
    template <> class Expr<long, tag> {                                                        \
      public:                                                                                  \
        long get() const;                                                                      \
    };
DEFINE_PAIR(plus)
DEFINE_PAIR(minus)
}  // namespace sp
