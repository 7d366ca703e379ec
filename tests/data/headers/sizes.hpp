#include <stddef.h>
#include <stdint.h>
void f(const char *, size_t);
int64_t g(intptr_t p, ptrdiff_t d);
