/* Included by c_redeclared.h: the first of two headers that declare the same names. */
#pragma once
/** The buffer size. */
#define RD_BUFSIZE 4096
/** The last error. */
extern int rd_errno;
/** Opens. */
int rd_open(const char *path);
/** A descriptor. */
typedef int rd_fd;
/** A pair. */
typedef struct { int a, b; } rd_pair;
