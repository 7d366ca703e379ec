/* nativeapi-expect
{
  "language": "c",
  "oracle": false,
  "platforms": ["linux-x86_64", "windows-x86_64", "windows-x86"],
  "declarations": {
    "fi_twice": {"kind": "function", "inline": true, "static": true,
                 "linux-x86_64": {"incomplete": false}, "windows-x86_64": {"incomplete": false},
                 "windows-x86": {"incomplete": false}},
    "fi_api": {"kind": "function", "windows-x86_64": {"incomplete": false, "symbols": ["fi_api"]}}
  },
  "once": ["fi_twice", "fi_api"]
}
*/
/* libwebp's types.h: MSVC's __forceinline where _MSC_VER is defined. An MSVC target reads mingw-w64's
   headers as if from GCC, and their __forceinline (a macro holding "extern") must not turn
   "static __forceinline" into an error. zig cc, the oracle, reads the same headers the same way and
   fails here, so it is not asked. */
#include <stdint.h>
#ifdef _MSC_VER
#define FI_INLINE __forceinline
#else
#define FI_INLINE inline
#endif

static FI_INLINE int fi_twice(int x) { return 2 * x; }
int fi_api(int32_t x);
