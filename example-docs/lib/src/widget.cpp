// The C++ part: class Widget.  Freestanding (no standard library) so that the Microsoft-ABI DLLs link
// without a C runtime.
#define EXAMPLE_BUILDING 1
#include "example/widget.hpp"

namespace example {

static int live_widgets = 0;

Widget::Widget(int width, int height) : width_(0), height_(0)
{
    resize(width, height);
    ++live_widgets;
}

Widget::~Widget() { --live_widgets; }

int Widget::width() const { return width_; }

int Widget::height() const { return height_; }

void Widget::resize(int width, int height)
{
    width_ = clamp(width, 0, 1 << 15);
    height_ = clamp(height, 0, 1 << 15);
}

int Widget::draw(example_ctx *ctx) const
{
    int row;
    for (row = 0; row < height_; ++row) {
        example_logf(ctx, EXAMPLE_LEVEL_INFO, "row %d of %d, width %d", row, height_, width_);
    }
    return height_;
}

bool Widget::operator==(const Widget &other) const
{
    return width_ == other.width_ && height_ == other.height_;
}

int Widget::instances() { return live_widgets; }

}  // namespace example
