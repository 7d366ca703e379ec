/* The example library's 1.5 release: src/example.c as it was (see releases/README.md). */
/* Contexts, statistics and the stdcall functions.  No C runtime is used (the Windows DLLs link
 * without one), so contexts come from a fixed pool rather than malloc. */
#define EXAMPLE_BUILDING 1
#include "context.h"

/* Defined in helper.c and declared in no header: it is exported all the same (see there). */
EXAMPLE_API int example_internal_helper(const char *text);

#define POOL_SIZE 4

static struct example_ctx pool[POOL_SIZE];

const int example_abi_version = EXAMPLE_MAKE_VERSION(EXAMPLE_VERSION_MAJOR, EXAMPLE_VERSION_MINOR);

static example_ctx *open_context(const char *path, const example_options *options)
{
    int i;
    if (path == NULL) {
        return NULL;
    }
    for (i = 0; i < POOL_SIZE; ++i) {
        example_ctx *ctx = &pool[i];
        if (!ctx->in_use) {
            ctx->in_use = 1;
            if (options != NULL) {
                ctx->options = *options;
            }
            ctx->stats.open_count += 1;
            example_internal_helper(path);
            return ctx;
        }
    }
    return NULL;
}

example_ctx *example_open(const char *path, const example_options *options)
{
    return open_context(path, options);
}

example_ctx *example_open_file(const char *path) { return open_context(path, NULL); }

example_status example_close(example_ctx *ctx)
{
    if (ctx == NULL) {
        return EXAMPLE_ERR_ARGUMENT;
    }
    if (!ctx->in_use) {
        return EXAMPLE_ERR_ARGUMENT; /* 1.5 had no EXAMPLE_ERR_CLOSED */
    }
    ctx->in_use = 0;
    ctx->logger = NULL;
    ctx->logger_user = NULL;
    return EXAMPLE_OK;
}

example_status example_get_stats(const example_ctx *ctx, example_stats *out)
{
    if (ctx == NULL || out == NULL) {
        return EXAMPLE_ERR_ARGUMENT;
    }
    *out = ctx->stats;
    return EXAMPLE_OK;
}

void example_set_logger(example_ctx *ctx, example_log_fn fn, void *user)
{
    if (ctx != NULL) {
        ctx->logger = fn;
        ctx->logger_user = user;
    }
}

void example_flush(example_ctx *ctx)
{
    (void)ctx; /* 1.5 wrote messages as they came: nothing is pending */
}

unsigned long EXAMPLE_CALL example_checksum(const void *data, size_t size)
{
    const unsigned char *bytes = (const unsigned char *)data;
    unsigned long a = 1, b = 0;
    size_t i;
    for (i = 0; i < size; ++i) {
        a = (a + bytes[i]) % 65521UL;
        b = (b + a) % 65521UL;
    }
    return (b << 16) | a;
}

int EXAMPLE_CALL example_add_saturated(int a, int b)
{
    long long sum = (long long)a + b; /* the sources are C99; the headers stay C89 */
    if (sum > 2147483647LL) {
        return 2147483647;
    }
    if (sum < -2147483647LL - 1) {
        return -2147483647 - 1;
    }
    return (int)sum;
}
