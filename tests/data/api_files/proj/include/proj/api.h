#ifndef PROJ_API_H
#define PROJ_API_H
#include <proj/types.h>
#include <proj/config.h>
#include <zlibish.h>
/** Makes a proj value. */
proj_value proj_make(int x);
#endif
