#ifndef BASIC_COMMON_H
#define BASIC_COMMON_H
#include "types.h"
#define BASIC_API __attribute__((visibility("default")))
#endif
