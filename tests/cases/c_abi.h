/* nativeapi-expect
{
  "language": "c",
  "export_macros": ["CASE_EMPTY_API"],
  "platforms": ["linux-x86_64", "linux-x86", "macos-arm64", "windows-x86_64", "windows-x86"],
  "declarations": {
    "add": {"kind": "function", "extern_c": true,
      "linux-x86_64": {"symbols": ["add"], "calling_convention": "cdecl", "export": "default", "export_macro": "CASE_API"},
      "macos-arm64": {"symbols": ["_add"]},
      "windows-x86_64": {"symbols": ["add"], "export": "dllimport", "export_macro": "CASE_API"},
      "windows-x86": {"symbols": ["_add@8"], "calling_convention": "stdcall"}},
    "copy_bytes": {"linux-x86_64": {"symbols": ["copy_bytes"]}, "windows-x86": {"symbols": ["_copy_bytes"], "calling_convention": "cdecl"}},
    "fast": {"windows-x86": {"symbols": ["@fast@12"], "calling_convention": "fastcall"}, "linux-x86_64": {"symbols": ["fast"]}},
    "record": {"kind": "struct",
      "linux-x86_64": {"size": 16, "align": 8, "fields": [{"name": "a", "offset": 0}, {"name": "b", "offset": 8}, {"name": "c", "offset": 12}]},
      "macos-arm64": {"size": 16, "align": 8},
      "windows-x86_64": {"size": 12, "align": 4, "fields": [{"name": "a", "offset": 0}, {"name": "b", "offset": 4}, {"name": "c", "offset": 8}]},
      "linux-x86": {"size": 12, "align": 4}},
    "bits": {"kind": "struct", "linux-x86_64": {"size": 8, "align": 4, "fields": [
        {"name": "flag", "offset": 0, "bit_offset": 0, "bit_width": 1},
        {"name": "mode", "offset": null, "bit_offset": 1, "bit_width": 3},
        {"name": "x", "offset": 4, "bit_offset": 32, "size": 4},
        {"name": "u", "offset": 4, "bit_offset": 32, "size": 4}]}},
    "wide_t": {"kind": "typedef", "linux-x86": {"size": 8, "align": 4}, "windows-x86": {"size": 8, "align": 8}},
    "case_counter": {"kind": "variable", "linux-x86_64": {"symbols": ["case_counter"], "size": 8}, "windows-x86_64": {"size": 4}, "windows-x86": {"symbols": ["_case_counter"]}},
    "case_logf": {"kind": "function", "variadic": true, "linux-x86_64": {"symbols": ["case_logf"]}},
    "case_old": {"kind": "function", "deprecated": "use add"},
    "case_inline": {"kind": "function", "inline": true, "static": true, "linux-x86_64": {"symbols": []}},
    "callback_t": {"kind": "typedef", "linux-x86_64": {"size": 8}, "windows-x86": {"size": 4}},
    "color": {"kind": "enum", "linux-x86_64": {"size": 4}},
    "COLOR_BLUE": {"kind": "enumerator", "value": "7"},
    "handle": {"kind": "struct", "doc": {"brief": "An opaque handle.", "body": "", "params": [], "tparams": [],
      "returns": null, "retvals": [], "throws": [], "notes": [], "warnings": [], "deprecated": null, "since": null,
      "see": []}, "linux-x86_64": {"size": null}},
    "quiet": {"linux-x86_64": {"export": null, "export_macro": "CASE_EMPTY_API"}},
    "CASE_MAX": {"kind": "macro", "value": "(16 * 2)"},
    "CASE_SQUARE": {"kind": "macro", "signature": "CASE_SQUARE(x)", "value": "((x) * (x))"}
  },
  "absent": ["CASE_ABI_H", "size_t", "time", "handle_t"]
}
*/
#ifndef CASE_ABI_H
#define CASE_ABI_H
#include <stddef.h>
#include <time.h>
#ifdef _WIN32
#  define CASE_CALL __stdcall
#  define CASE_FAST __fastcall
#  ifdef CASE_BUILDING
#    define CASE_API __declspec(dllexport)
#  else
#    define CASE_API __declspec(dllimport)
#  endif
#else
#  define CASE_CALL
#  define CASE_FAST
#  define CASE_API __attribute__((visibility("default")))
#endif

/** Adds two numbers. */
CASE_API int CASE_CALL add(int a, int b);
CASE_API void copy_bytes(const char *src, size_t n);
CASE_API int CASE_FAST fast(int a, long long b);
struct record { long a; int b; char c; };
struct bits { unsigned flag : 1; unsigned mode : 3; union { int x; unsigned u; }; };
typedef long long wide_t;
CASE_API extern long case_counter;
CASE_API void case_logf(const char *fmt, ...);
__attribute__((deprecated("use add"))) CASE_API int case_old(int a);
static inline int case_inline(void) { return 1; }
typedef void (*callback_t)(int event, void *user);
enum color { COLOR_RED, COLOR_GREEN, COLOR_BLUE = 7 };
CASE_API time_t case_now(void);
#define CASE_EMPTY_API
/** An opaque handle. */
typedef struct handle handle;
CASE_EMPTY_API int quiet(void);
/** Twice sixteen. */
#define CASE_MAX (16 * 2)
#define CASE_SQUARE(x) ((x) * (x))
#endif
