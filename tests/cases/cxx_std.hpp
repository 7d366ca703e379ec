/* nativeapi-expect
{
  "language": "c++",
  "std": "c++17",
  "oracle": false,
  "errors_on": ["windows-x86_64"],
  "platforms": ["linux-x86_64", "macos-arm64", "windows-x86_64"],
  "declarations": {
    "name": {"kind": "function",
      "linux-x86_64": {"symbols": ["_Z4nameB5cxx11RKSt6vectorIiSaIiEE"]},
      "macos-arm64": {"symbols": ["__Z4nameRKNSt3__16vectorIiNS_9allocatorIiEEEE"]}},
    "plain": {"kind": "function",
      "linux-x86_64": {"symbols": ["_Z5plaini"]},
      "windows-x86_64": {"symbols": ["?plain@@YAHH@Z"]}},
    "Holder": {"kind": "struct", "linux-x86_64": {"size": 40}, "macos-arm64": {"size": 32},
      "windows-x86_64": {"incomplete": true, "size": null}}
  }
}
*/
// The C++ standard library on each platform: the host's libstdc++ on Linux, zig's libc++ for macOS
// (Apple's own library, std::__1). No std headers are given for MSVC here: names that use std:: types
// are unknown there, never guessed from another standard library.
#pragma once
#include <string>
#include <vector>
std::string name(const std::vector<int> &values);
int plain(int x);
struct Holder { std::string s; int x; };
