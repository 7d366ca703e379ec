/* nativeapi-expect
{
  "language": "c",
  "oracle": false,
  "errors_on": ["windows-x86_64"],
  "platforms": ["linux-x86_64", "windows-x86_64"],
  "declarations": {
    "rc_err_t": {"kind": "typedef", "linux-x86_64": {"incomplete": false}, "windows-x86_64": {"incomplete": true}},
    "rc_make": {"kind": "function", "linux-x86_64": {"incomplete": false}}
  },
  "once": ["rc_err_t"]
}
*/
/* gcrypt.h's failure: without a header that only Linux has here, clang's recovery on Windows reads
   "static RC_INLINE rc_err_t rc_make(...)" as a variable named rc_err_t. That is not a second
   rc_err_t: the typedef is unknown on Windows, and nothing more. */
#ifndef _WIN32
typedef int rc_base_t;
#define RC_INLINE inline
#endif

typedef rc_base_t rc_err_t;

static RC_INLINE rc_err_t rc_make(int code) { return (rc_err_t)code; }
