#ifndef LOOSE_H
#define LOOSE_H
#include "loose_helper.h"
#include "../sys/include/zlibish.h"
/** A header named by its path alone. */
int loose_fn(void);
#endif
