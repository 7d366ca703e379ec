/* nativeapi-expect
{
  "language": "c",
  "platforms": ["linux-x86_64", "windows-x86_64"],
  "declarations": {
    "um_req.@u": {"kind": "union", "linux-x86_64": {"size": 16}, "windows-x86_64": {"size": 16}},
    "um_req.u.@io": {"kind": "struct", "signature": "struct @io", "linux-x86_64": {"size": 16, "fields": [
      {"name": "queued", "offset": 0}, {"name": "bytes", "offset": 8}]}},
    "um_req.u.@connect": {"kind": "struct", "signature": "struct @connect", "linux-x86_64": {"size": 4,
      "fields": [{"name": "result", "offset": 0}]}},
    "um_req.u.io.queued": {"kind": "field", "type": "int"},
    "um_req.u.connect.result": {"kind": "field", "type": "int"}
  },
  "once": ["um_req.u.@io", "um_req.u.@connect", "um_req.u.io.queued", "um_req.u.connect.result"]
}
*/
/* libuv's uv/win.h: a request's private fields, a union of unnamed structs, come from one macro. clang
   places (and names) every unnamed struct of it at the macro's expansion, so they share one USR; each
   is its own type all the same, with its own fields. */
#define UM_PRIVATE_FIELDS                \
	union {                              \
		struct {                         \
			int queued;                  \
			long long bytes;             \
		} io;                            \
		struct {                         \
			int result;                  \
		} connect;                       \
	} u;

struct um_req {
	void *data;
	UM_PRIVATE_FIELDS
};

int um_submit(struct um_req *req);
