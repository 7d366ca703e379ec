/* nativeapi-expect
{
  "language": "c++",
  "platforms": ["linux-x86_64", "windows-x86_64"],
  "declarations": {
    "del::no_ints": {"kind": "function", "deleted": true,
      "linux-x86_64": {"symbols": []}, "windows-x86_64": {"symbols": []}},
    "del::takes_long": {"kind": "function", "deleted": false,
      "linux-x86_64": {"symbols": ["_ZN3del10takes_longEl"]}},
    "del::convert": {"kind": "function", "template": true, "linux-x86_64": {"symbols": []}},
    "del::convert [2]": {"kind": "function", "template": false, "deleted": true,
      "linux-x86_64": {"symbols": []}, "windows-x86_64": {"symbols": []}},
    "del::Blocker::no_copy": {"kind": "method", "deleted": true, "linux-x86_64": {"symbols": []}}
  }
}
*/
/* Deleted functions are never compiled, so they have no symbol: a free function says "= delete" only
   in its source (libclang asks methods alone), and so does a deleted explicit specialization. */
namespace del {
void takes_long(long value);
void no_ints(int value) = delete;
template <class T> T convert(double value);
template <> int convert<int>(double value)
    = delete;
struct Blocker {
    void no_copy(const Blocker &other) = delete;
};
}  // namespace del
