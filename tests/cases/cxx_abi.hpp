/* nativeapi-expect
{
  "language": "c++",
  "std": "c++17",
  "platforms": ["linux-x86_64", "macos-arm64", "windows-x86_64", "windows-x86", "windows-x86_64-mingw"],
  "declarations": {
    "f": {"kind": "function",
      "linux-x86_64": {"symbols": ["_Z1fPKcm"]},
      "macos-arm64": {"symbols": ["__Z1fPKcm"]},
      "windows-x86_64": {"symbols": ["?f@@YAXPEBD_K@Z"]},
      "windows-x86": {"symbols": ["?f@@YAXPBDI@Z"]},
      "windows-x86_64-mingw": {"symbols": ["_Z1fPKcy"]}},
    "lib::v2::Widget": {"kind": "class",
      "linux-x86_64": {"export": "default", "export_macro": "LIB_API", "size": 16, "align": 8},
      "windows-x86": {"size": 8, "align": 4}},
    "lib::v2::Widget::Widget": {"kind": "constructor",
      "linux-x86_64": {"symbols": ["_ZN3lib2v26WidgetC1Ei", "_ZN3lib2v26WidgetC2Ei"], "export": "default"},
      "windows-x86_64": {"symbols": ["??0Widget@v2@lib@@QEAA@H@Z"], "export": "dllimport"}},
    "lib::v2::Widget::~Widget": {"kind": "destructor", "virtual": true,
      "linux-x86_64": {"symbols": ["_ZN3lib2v26WidgetD0Ev", "_ZN3lib2v26WidgetD1Ev", "_ZN3lib2v26WidgetD2Ev"]},
      "windows-x86_64": {"symbols": ["??1Widget@v2@lib@@UEAA@XZ"]}},
    "lib::v2::Widget::size": {"kind": "method", "virtual": true,
      "linux-x86_64": {"symbols": ["_ZNK3lib2v26Widget4sizeEv"]},
      "windows-x86": {"symbols": ["?size@Widget@v2@lib@@UBEHXZ"], "calling_convention": "thiscall"}},
    "lib::v2::Widget::operator+": {"kind": "method",
      "linux-x86_64": {"symbols": ["_ZNK3lib2v26WidgetplEi"]},
      "windows-x86_64": {"symbols": ["??HWidget@v2@lib@@QEBAHH@Z"]}},
    "lib::v2::Widget::operator=": {"kind": "method", "deleted": true, "linux-x86_64": {"symbols": []}},
    "lib::v2::Widget::reset": {"kind": "method", "pure_virtual": true},
    "lib::v2::Widget::inl": {"kind": "method", "inline": true},
    "lib::v2::Widget::get": {"kind": "method", "template": true, "linux-x86_64": {"symbols": []}},
    "lib::v2::Widget::count": {"kind": "variable", "linux-x86_64": {"symbols": ["_ZN3lib2v26Widget5countE"]},
      "windows-x86_64": {"symbols": ["?count@Widget@v2@lib@@2HA"]}},
    "lib::v2": {"kind": "namespace", "inline": true},
    "lib::v2::Widget::kLimit": {"kind": "variable", "inline": true},
    "lib::v2::Widget::kOld": {"kind": "variable", "inline": false, "linux-x86_64": {"symbols": ["_ZN3lib2v26Widget4kOldE"]}},
    "lib::v2::Widget::hidden_": {"kind": "field", "access": "private"},
    "lib::Later::value": {"kind": "method", "inline": true, "line": 86},
    "lib::Later::secret": {"kind": "method", "access": "private",
      "linux-x86_64": {"symbols": ["_ZN3lib5Later6secretEv"], "export_macro": "LIB_API"}},
    "lib::Box::put": {"kind": "method", "template": true, "line": 83},
    "lib::Box::Inner": {"kind": "struct", "template": true},
    "lib::Box::Inner::get": {"kind": "method", "template": true, "linux-x86_64": {"symbols": []}},
    "lib::Box": {"kind": "struct", "template": true},
    "lib::Mode": {"kind": "enum", "underlying_type": "unsigned char", "linux-x86_64": {"size": 1}},
    "lib::Mode::fast": {"kind": "enumerator", "value": "2"},
    "c_entry": {"kind": "function", "extern_c": true,
      "linux-x86_64": {"symbols": ["c_entry"]}, "windows-x86": {"symbols": ["_c_entry"]},
      "macos-arm64": {"symbols": ["_c_entry"]}}
  },
  "absent": ["lib::put", "lib::Later::value::value"]
}
*/
#pragma once
#include <stddef.h>
#if defined(_WIN32)
#  define LIB_API __declspec(dllimport)
#else
#  define LIB_API __attribute__((visibility("default")))
#endif

void f(const char *, size_t);

namespace lib {
inline namespace v2 {
class LIB_API Widget {
public:
    explicit Widget(int n);
    virtual ~Widget();
    virtual int size() const;
    int operator+(int x) const;
    Widget &operator=(const Widget &) = delete;
    virtual void reset() = 0;
    int inl() const { return hidden_; }
    template <class T> T get() const;
    static int count;
    static constexpr int kLimit = 4;
    static const int kOld = 3;
private:
    int hidden_;
};
}
template <class T> struct Box { T value; void put(T v); struct Inner { int get() const; }; };
template <class T> void Box<T>::put(T v) { value = v; }
struct LIB_API Later {
    int value() const;
private:
    void secret();
};
inline int Later::value() const { return 1; }
enum class Mode : unsigned char { slow = 1, fast = 2 };
}

extern "C" {
LIB_API int c_entry(int x);
}
