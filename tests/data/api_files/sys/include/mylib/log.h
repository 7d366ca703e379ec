#ifndef MYLIB_LOG_H
#define MYLIB_LOG_H
#include <mylib/severity.h>
#include <mylib/private/impl.h>
#include <extras/extra.h>
#include "zlibish.h"

/** Logs a message at a severity. */
int mylib_log(enum mylib_severity severity, const char *message);
#endif
