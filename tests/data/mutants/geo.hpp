// geo.hpp: a small C++ library's public header, shaped like real ones (a seed of test_fuzz_headers.py).
#pragma once
#include <cstddef>

#define GEO_API __attribute__((visibility("default")))

namespace geo {

class Painter;

/// A shape with sides.
class GEO_API Shape {
public:
    /// Makes a shape of @p sides sides.
    explicit Shape(int sides = 3);
    virtual ~Shape();
    Shape(const Shape &) = default;
    /// How many sides.
    virtual int sides() const;
    Shape &operator+=(int more);
    friend bool operator==(const Shape &a, const Shape &b);
    friend class Painter;
    static int count;

protected:
    int sides_;

private:
    struct Impl;
    Impl *impl_ = nullptr;
};

/**
 * Scales @p value by a factor.
 * @tparam T an arithmetic type
 */
template <typename T>
T scale(T value, T factor = T(2)) { return value * factor; }

extern template int scale<int>(int, int);

/// A buffer of @p N items.
template <typename T, std::size_t N = 16>
struct Buffer {
    T items[N]; ///< the items
    constexpr std::size_t size() const noexcept { return N; }
};

/// Bits, packed.
template <> struct Buffer<bool, 1> { unsigned char bits; };

namespace detail {
inline int helper(int x) { return x + 1; }
}  // namespace detail

/// A color, as a byte.
enum class Color : unsigned char { red = 1, green, blue = 0x10 };

using ShapeList = Buffer<Shape *, 8>;

/// Draws @p shape. @throws std::bad_alloc when out of memory
GEO_API int free_function(const Shape &shape, Color color = Color::red);

}  // namespace geo

/// For C callers.
extern "C" GEO_API int geo_c_entry(void);
