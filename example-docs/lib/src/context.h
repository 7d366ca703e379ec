/* Private to the library's sources: the context behind the opaque handle. */
#ifndef EXAMPLE_SRC_CONTEXT_H
#define EXAMPLE_SRC_CONTEXT_H

#include "example/example.h"

struct example_ctx {
    int in_use;
    example_options options;
    example_stats stats;
    example_log_fn logger;
    void *logger_user;
};

#endif
