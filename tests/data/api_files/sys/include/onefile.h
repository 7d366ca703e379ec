#ifndef ONEFILE_H
#define ONEFILE_H
#include "onefile_config.h"
#include "onefile/detail.h"
#include <zlibish.h>
/** Does the one thing. */
onefile_int onefile_do(void);
#endif
