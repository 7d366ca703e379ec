#ifndef BASIC_API_H
#define BASIC_API_H
#include "common.h"

/**
 * Adds two numbers.
 *
 * Uses *no* state; see :c:func:`basic_sum`.
 *
 * @param[in] a The first.
 * @param[in] b The second.
 * @return The sum.
 */
BASIC_API int basic_add(int a, int b);

/**
 * Sums an array.
 *
 * Adds as basic_add() does, into a ::basic_size; not like sum() or ::nothing.
 *
 * @param values The values.
 * @param count How many.
 * @retval 0 When @p count is zero.
 * @see basic_version
 */
BASIC_API long basic_sum(const int *values, basic_size count);

BASIC_API void basic_undocumented(void);

/** Squares a number. */
#define BASIC_SQUARE(x) ((x) * (x))

/** The library's version. */
BASIC_API extern const int basic_version;
#endif
