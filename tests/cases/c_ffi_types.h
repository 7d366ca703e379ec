/* nativeapi-expect
{
  "language": "c",
  "platforms": ["linux-x86_64", "linux-x86", "windows-x86_64", "windows-x86"],
  "declarations": {
    "ffi_long": {"kind": "function",
      "linux-x86_64": {"ctype": {"kind": "function", "return": {"kind": "int", "size": 8, "signed": true},
        "params": [{"kind": "int", "size": 8, "signed": false}, {"kind": "pointer", "const": true, "pointee": {"kind": "char", "size": 1, "signed": true}}],
        "variadic": false, "proto": true, "cc": "cdecl"}},
      "windows-x86_64": {"ctype": {"return": {"kind": "int", "size": 4, "signed": true},
        "params": [{"kind": "int", "size": 8, "signed": false}, {"kind": "pointer", "const": true, "pointee": {"kind": "char", "size": 1, "signed": true}}]}},
      "windows-x86": {"ctype": {"return": {"kind": "int", "size": 4, "signed": true},
        "params": [{"kind": "int", "size": 4, "signed": false}, {"kind": "pointer", "const": true, "pointee": {"kind": "char", "size": 1, "signed": true}}],
        "cc": "stdcall"}}},
    "ffi_visit": {"kind": "typedef",
      "windows-x86": {"ctype": {"kind": "pointer", "pointee": {"kind": "function", "cc": "stdcall", "variadic": false,
        "params": [{"kind": "typedef", "name": "ffi_id", "usr": "c:c_ffi_types.h@T@ffi_id"}]}}},
      "linux-x86_64": {"ctype": {"kind": "pointer", "pointee": {"kind": "function", "cc": "cdecl"}}}},
    "ffi_id": {"kind": "typedef", "linux-x86_64": {"ctype": {"kind": "int", "size": 8, "signed": false}},
      "linux-x86": {"ctype": {"kind": "int", "size": 4, "signed": false}}},
    "ffi_flags": {"kind": "enum", "linux-x86_64": {"ctype": {"kind": "int", "size": 4, "signed": false}},
      "windows-x86_64": {"ctype": {"kind": "int", "size": 4, "signed": true}}},
    "ffi_packed": {"kind": "struct",
      "linux-x86_64": {"ctype": {"kind": "record", "tag": "struct", "complete": true, "size": 5, "align": 1, "pack": 1,
        "over_aligned": false, "fields": [
          {"name": "c", "type": {"kind": "char", "size": 1, "signed": true}, "offset": 0, "bits": null},
          {"name": "i", "type": {"kind": "int", "size": 4, "signed": true}, "offset": 8, "bits": null}]}}},
    "ffi_node": {"kind": "struct",
      "linux-x86_64": {"ctype": {"size": 24, "pack": null, "fields": [
          {"name": "next", "type": {"kind": "pointer", "const": false, "pointee": {"kind": "record", "tag": "struct", "name": "ffi_node", "usr": "c:@S@ffi_node"}}, "offset": 0, "bits": null},
          {"name": "flag", "type": {"kind": "bool", "size": 1}, "offset": 64, "bits": 1},
          {"name": "when", "type": {"kind": "record", "tag": "struct", "name": "ffi_time"}, "offset": 96, "bits": null}]}}},
    "ffi_handle": {"kind": "struct", "linux-x86_64": {"ctype": {"kind": "record", "tag": "struct", "complete": false}}},
    "ffi_counter": {"kind": "variable", "windows-x86_64": {"ctype": {"kind": "int", "size": 4, "signed": false}},
      "linux-x86_64": {"ctype": {"kind": "int", "size": 8, "signed": false}}},
    "ffi_wide": {"kind": "function", "linux-x86_64": {"ctype": {"return": {"kind": "unsupported", "spelling": "__int128"}}}}
  }
}
*/
#include <stddef.h>

#ifdef _WIN32
#define FFI_CALL __stdcall
#else
#define FFI_CALL
#endif

typedef size_t ffi_id;
typedef int (FFI_CALL *ffi_visit)(ffi_id id);
enum ffi_flags { FFI_A = 1, FFI_B = 2 };
struct ffi_time { int seconds; int micros; };

#pragma pack(push, 1)
struct ffi_packed { char c; int i; };
#pragma pack(pop)

struct ffi_node {
    struct ffi_node *next;
    _Bool flag : 1;
    struct ffi_time when;
};

typedef struct ffi_handle ffi_handle;

long FFI_CALL ffi_long(size_t n, const char *text);
extern unsigned long ffi_counter;
#ifdef __SIZEOF_INT128__
__int128 ffi_wide(void);
#endif
