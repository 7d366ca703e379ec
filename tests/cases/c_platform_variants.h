/* nativeapi-expect
{
  "language": "c",
  "platforms": ["linux-x86_64", "windows-x86_64"],
  "declarations": {
    "pv_off_t": {
      "kind": "typedef",
      "signature": "typedef long pv_off_t",
      "linux-x86_64": {"size": 8, "declared_as": null},
      "windows-x86_64": {"size": 8, "declared_as": "typedef long long pv_off_t"}
    },
    "pv_flags": {"kind": "variable", "windows-x86_64": {"declared_as": "unsigned short pv_flags"}},
    "pv_seek": {"kind": "function", "windows-x86_64": {"declared_as": null}},
    "pv_stream": {"linux-x86_64": {"size": 8, "fields": [{"name": "fd", "offset": 0},
      {"name": "delayed_error", "offset": 4}]}, "windows-x86_64": {"size": 16, "fields": [
      {"name": "delayed_error", "offset": 0}, {"name": "handle", "offset": 8}]}},
    "pv_stream.delayed_error": {"kind": "field", "linux-x86_64": {"declared_as": null},
      "windows-x86_64": {"declared_as": null}}
  },
  "once": ["pv_off_t", "pv_flags", "pv_seek", "pv_stream.delayed_error"]
}
*/
/* An #ifdef that declares one name differently per platform (sqlite3.h's sqlite_int64) is one
   declaration, with each platform's own text where it differs. */
#ifndef _WIN32
typedef long pv_off_t;
extern unsigned int pv_flags;
#else
typedef long long pv_off_t;
extern unsigned short pv_flags;
#endif

int pv_seek(pv_off_t offset);

/* libuv's uv_tcp_s: the same field from each platform's macro of private fields, at another line. */
#ifndef _WIN32
#define PV_PRIVATE int fd; int delayed_error;
#else
#define PV_PRIVATE int delayed_error; void *handle;
#endif
struct pv_stream {
#ifndef _WIN32
	PV_PRIVATE
#else
	PV_PRIVATE
#endif
};
