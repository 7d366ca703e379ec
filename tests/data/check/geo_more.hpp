// The C++ fixture's header plus declarations that must never be reported missing (pure virtual,
// deleted, inline, private and undefined) and one that is (geo::gone), for `nativeapi check` tests.
#pragma once

#include "../../fixtures/src/cxx/fxcxx.hpp"

namespace geo {

/// An interface: nothing of it is in the library.
class FXCXX_API Drawable {
public:
    Drawable() = default;
    Drawable(const Drawable &) = delete;  ///< Deleted: no symbol.
    virtual ~Drawable() = default;        ///< Defaulted inline: no symbol.
    virtual void draw() const = 0;        ///< Pure virtual: no symbol.
    int id() const { return 1; }          ///< Inline: no symbol.
};

/// Marked for export, but not in the library.
FXCXX_API int gone(int x);

/// C++03's non-copyable idiom: private, never defined, and no caller outside can miss them.
class FXCXX_API Pinned {
private:
    Pinned(const Pinned &);
    void operator=(const Pinned &);
};

}  // namespace geo
