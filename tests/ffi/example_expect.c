/* The example library's C API called from C (against example-docs/lib's committed linux-x86_64
 * build), printed as key=value: tests/test_ffi.py makes the same calls through the generated module. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "example/example.h"

static char logged[256];
static int log_calls;

static void logger(void *user, example_level level, const char *message) {
    log_calls += *(int *)user;
    snprintf(logged, sizeof logged, "%d:%s", (int)level, message);
}

int main(void) {
    printf("abi_version=%d\n", example_abi_version);
    example_options options;
    memset(&options, 0, sizeof options);
    options.verbose = 1;
    options.min_level = EXAMPLE_LEVEL_INFO;
    example_ctx *ctx = example_open("data.bin", &options);
    printf("opened=%d\n", ctx != NULL);
    int one = 1;
    example_set_logger(ctx, logger, &one);
    printf("logf=%d\n", example_logf(ctx, EXAMPLE_LEVEL_WARNING, "n=%d s=%s", 5, "x"));
    printf("logged=%s,%d\n", logged, log_calls);
    printf("checksum=%lu\n", example_checksum(ctx, "hello", 5));
    printf("add_saturated=%d,%d\n", example_add_saturated(2, 3), example_add_saturated(INT_MAX, 1));
    example_stats stats;
    printf("get_stats=%d\n", (int)example_get_stats(ctx, &stats));
    printf("stats=%ld,%u,%zu,%s\n", stats.bytes_seen, stats.open_count, stats.log_count, stats.path);
    printf("get_stats_null=%d\n", (int)example_get_stats(NULL, &stats));
    example_reset(ctx);
    example_get_stats(ctx, &stats);
    printf("after_reset=%ld,%zu\n", stats.bytes_seen, stats.log_count);
    printf("close=%d\n", (int)example_close(ctx));
    example_ctx *other = example_open_file("other.bin");
    printf("open_file=%d\n", other != NULL);
    printf("close_other=%d\n", (int)example_close(other));
    return 0;
}
