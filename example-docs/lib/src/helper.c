/* An internal helper that leaks: it is declared in no public header, yet it is not static and has
 * the export attribute, so it lands in every binary's exports.  The docs' coverage gate reports it as
 * leaked; that is what it is here for. */
#define EXAMPLE_BUILDING 1
#include "example/export.h"

EXAMPLE_API int example_internal_helper(const char *text);

int example_internal_helper(const char *text)
{
    int length = 0;
    while (text[length] != '\0') {
        ++length;
    }
    return length;
}
