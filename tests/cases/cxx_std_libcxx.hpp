/* nativeapi-expect
{
  "language": "c++",
  "std": "c++17",
  "args": ["-stdlib=libc++"],
  "cli": true,
  "oracle": false,
  "builtins": ["found", "zig", "freestanding"],
  "platforms": ["linux-x86_64", "windows-x86-mingw"],
  "declarations": {
    "name": {"kind": "function",
      "linux-x86_64": {"symbols": ["_Z4nameRKNSt3__16vectorIiNS_9allocatorIiEEEE"]},
      "windows-x86-mingw": {"symbols": ["__Z4nameRKNSt3__16vectorIiNS_9allocatorIiEEEE"]}},
    "view": {"kind": "function",
      "linux-x86_64": {"symbols": ["_Z4viewNSt3__117basic_string_viewIcNS_11char_traitsIcEEEE"]},
      "windows-x86-mingw": {"symbols": ["__Z4viewNSt3__117basic_string_viewIcNS_11char_traitsIcEEEE"]}},
    "Holder": {"kind": "struct",
      "linux-x86_64": {"size": 32, "fields": [{"name": "s", "bit_offset": 0}, {"name": "x", "bit_offset": 192}]},
      "windows-x86-mingw": {"size": 16, "fields": [{"name": "s", "bit_offset": 0}, {"name": "x", "bit_offset": 96}]}}
  }
}
*/
// A library built with libc++ on every target (what `zig c++` does, and clang's -stdlib=libc++): its
// std:: types are libc++'s (std::__1), on Linux and MinGW too, not the host's libstdc++ nor nothing.
// The names and layouts are those of `zig c++ -std=c++17 -c` objects (llvm-nm) and its static_asserts
// (x86_64 MinGW and macOS give Linux's; macOS's libc++ is cxx_std.hpp's).
// libc++'s headers come from zig: without it (the "gcc-tree" machine) the names are unknown.
#pragma once
#include <string>
#include <string_view>
#include <vector>
std::string name(const std::vector<int> &values);
int view(std::string_view text);
struct Holder { std::string s; int x; };
