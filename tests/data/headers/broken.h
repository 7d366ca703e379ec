#include <stddef.h>
#include "missing.h"
int ok_before(int a);
void uses_missing(missing_t m, size_t n);
struct holder { missing_t m; int x; };
int syntax error here;
int ok_after(const char *s, size_t n);
