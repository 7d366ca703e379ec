/**
 * @file widget.hpp
 * @brief The C++ API of the example library.
 */
#ifndef EXAMPLE_WIDGET_HPP
#define EXAMPLE_WIDGET_HPP

#include "example/example.h"

/** @brief Everything of the example library's C++ API. */
namespace example {

/** @brief A rectangle that draws itself into a context's log. */
class EXAMPLE_API Widget {
public:
    /**
     * @brief Makes a widget.
     * @param[in] width Width in cells.
     * @param[in] height Height in cells.
     */
    Widget(int width, int height);

    /** @brief Destroys the widget. */
    ~Widget();

    /** @brief Width in cells. */
    int width() const;

    /** @brief Height in cells. */
    int height() const;

    /**
     * @brief Changes the size.
     * @param[in] width New width; negative values count as 0.
     * @param[in] height New height; negative values count as 0.
     */
    void resize(int width, int height);

    /**
     * @brief Draws the widget as log messages of @p ctx.
     * @param[in] ctx The context whose logger receives the drawing.
     * @return How many messages were sent.
     */
    int draw(example_ctx *ctx) const;

    /**
     * @brief Compares sizes.
     * @param[in] other The other widget.
     * @return Whether both have the same width and height.
     */
    bool operator==(const Widget &other) const;

    /** @brief How many widgets exist now. */
    static int instances();

    /** @brief Width times height; inline, so it has no symbol of its own on most platforms. */
    int area() const { return width_ * height_; }

private:
    int width_;
    int height_;
};

/**
 * @brief Clamps a value into a range.
 * @tparam T An ordered type.
 * @param[in] value The value.
 * @param[in] lo The lower bound.
 * @param[in] hi The upper bound, not below @p lo.
 * @return @p value, @p lo or @p hi.
 */
template <typename T>
inline T clamp(T value, T lo, T hi)
{
    return value < lo ? lo : (hi < value ? hi : value);
}

}  // namespace example

#endif /* EXAMPLE_WIDGET_HPP */
