#ifndef ZLIBISH_H
#define ZLIBISH_H
/** A foreign library's function: never the API of a header that includes it. */
int zlibish_compress(void *dst, const void *src);
#endif
