#ifndef BASIC_TYPES_H
#define BASIC_TYPES_H
#include <stddef.h>

/** A size in bytes. */
typedef size_t basic_size;

/**
 * A point on a grid.
 *
 * Its layout is the same everywhere; :c:type:`basic_size` is not.
 */
struct basic_point {
    int x; /**< Column. */
    int y; /**< Row. */
    long weight; /**< Differs between LP64 and LLP64. */
};

/** Colours of a point. */
enum basic_color {
    BASIC_RED,   /**< Red. */
    BASIC_GREEN = 4 /**< Green. */
};
#endif
