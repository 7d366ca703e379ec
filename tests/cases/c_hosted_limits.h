/* nativeapi-expect
{
  "language": "c",
  "platforms": ["linux-x86_64"],
  "declarations": {
    "hosted_limits": {"kind": "struct", "linux-x86_64": {"size": 4128, "align": 8, "fields": [
        {"name": "path", "offset": 0, "size": 4096},
        {"name": "fast16", "offset": 4096, "size": 8},
        {"name": "bytes", "offset": 4104, "size": 8},
        {"name": "wide", "offset": 4112, "size": 16}]}},
    "hosted_open": {"kind": "function", "linux-x86_64": {"symbols": ["hosted_open"]}}
  }
}
*/
/* Builtin headers on a hosted target: <limits.h> must chain to the libc's (glibc's PATH_MAX, from
   <linux/limits.h>), and <stdint.h> must be the libc's (glibc's int_fast16_t is a long; clang's
   __INT_FAST16_TYPE__ is a short), whichever source the builtin headers come from. */
#include <limits.h>
#include <stdint.h>

struct hosted_limits {
    char path[PATH_MAX];
    int_fast16_t fast16;
    char bytes[CHAR_BIT];
    long wide[LONG_MAX > INT_MAX ? 2 : 1];
};

int hosted_open(const char name[PATH_MAX], int flags);
