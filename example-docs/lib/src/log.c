/* example_logf: a tiny formatter (%d, %s, %%) so that no C runtime is needed. */
#define EXAMPLE_BUILDING 1
#include <stdarg.h>

#include "context.h"

#define MESSAGE_SIZE 128

static int append(char *buffer, int used, const char *text)
{
    while (*text != '\0' && used < MESSAGE_SIZE - 1) {
        buffer[used++] = *text++;
    }
    return used;
}

static int append_int(char *buffer, int used, int value)
{
    char digits[12];
    int count = 0;
    unsigned int magnitude = value < 0 ? 0U - (unsigned int)value : (unsigned int)value;
    if (value < 0) {
        used = append(buffer, used, "-");
    }
    do {
        digits[count++] = (char)('0' + magnitude % 10U);
        magnitude /= 10U;
    } while (magnitude != 0U);
    while (count > 0 && used < MESSAGE_SIZE - 1) {
        buffer[used++] = digits[--count];
    }
    return used;
}

int example_logf(example_ctx *ctx, example_level level, const char *fmt, ...)
{
    char message[MESSAGE_SIZE];
    int used = 0;
    va_list args;
    if (ctx == NULL || fmt == NULL || ctx->logger == NULL || (int)level < (int)ctx->options.min_level) {
        return -1;
    }
    va_start(args, fmt);
    for (; *fmt != '\0' && used < MESSAGE_SIZE - 1; ++fmt) {
        if (fmt[0] != '%' || fmt[1] == '\0') {
            message[used++] = *fmt;
            continue;
        }
        ++fmt;
        if (*fmt == 'd') {
            used = append_int(message, used, va_arg(args, int));
        } else if (*fmt == 's') {
            const char *text = va_arg(args, const char *);
            used = append(message, used, text != NULL ? text : "(null)");
        } else {
            message[used++] = *fmt;
        }
    }
    va_end(args);
    message[used] = '\0';
    ctx->stats.log_count += 1;
    ctx->logger(ctx->logger_user, level, message);
    return used;
}
