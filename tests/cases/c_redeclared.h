/* nativeapi-expect
{
  "language": "c",
  "platforms": ["linux-x86_64", "windows-x86_64"],
  "errors_on": ["linux-x86_64", "windows-x86_64"],
  "oracle": false,
  "declarations": {
    "RD_BUFSIZE": {"kind": "macro", "value": "4096", "line": 4},
    "rd_errno": {"kind": "variable", "line": 6, "linux-x86_64": {"symbols": ["rd_errno"]}},
    "rd_open": {"kind": "function", "line": 8},
    "rd_fd": {"kind": "typedef", "line": 10},
    "rd_pair": {"kind": "struct", "line": 12},
    "rd_close": {"kind": "function", "linux-x86_64": {"symbols": ["rd_close"], "incomplete": false}},
    "rd_count": {"kind": "variable", "linux-x86_64": {"incomplete": true}}
  },
  "once": ["RD_BUFSIZE", "rd_errno", "rd_open", "rd_fd", "rd_pair"],
  "absent": ["RD_CALL", "__int64", "RD_WINAPI"]
}
*/
/* One macro defined in two headers (an #undef between), one extern variable and one function
   declared in both: each is one declaration, the first. A line that clang's recovery turns into a
   variable named like a calling-convention macro (its header not found) is a parse finding only; a
   variable whose attribute macro is unknown is still that variable. */
#include "include/redeclared_first.h"
#include "rd_platform_macros.h"
#undef RD_BUFSIZE
#define RD_BUFSIZE 8192
extern int rd_errno;
int rd_open(const char *path);
int RD_CALL rd_read(int fd);
int RD_CALL *rd_buffer(int fd);
extern int rd_count RD_DEPRECATED;
int rd_close(int fd);
/* What another platform's header (libuv's win.h, read on Linux) declares again, or with its
   compiler's keywords and calling conventions: */
typedef int rd_fd;
typedef struct { long a, b; } rd_pair;
typedef signed __int64 rd_int64;
typedef int (RD_WINAPI *rd_callback)(int);
