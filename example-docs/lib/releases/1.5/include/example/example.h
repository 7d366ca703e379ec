/**
 * @file example.h
 * @brief The C API of the example library: contexts, options, statistics and logging.
 *
 * A context is opened on a path, counts what is done through it, and sends log messages to a
 * callback.  Every function is safe to call with a null context, which it reports as
 * ::EXAMPLE_ERR_ARGUMENT.
 */
#ifndef EXAMPLE_EXAMPLE_H
#define EXAMPLE_EXAMPLE_H

#include <stddef.h>

#include "example/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @brief Major version of this header. */
#define EXAMPLE_VERSION_MAJOR 1

/** @brief Minor version of this header. */
#define EXAMPLE_VERSION_MINOR 5

/**
 * @brief Packs a major and a minor version into one integer, as example_abi_version holds them.
 * @param major The major version.
 * @param minor The minor version, below 256.
 */
#define EXAMPLE_MAKE_VERSION(major, minor) (((major) << 8) | (minor))

/** @brief An open context: opaque, made by example_open() and freed by example_close(). */
typedef struct example_ctx example_ctx;

/** @brief What a call returns. */
typedef enum example_status {
    EXAMPLE_OK = 0,           /**< The call succeeded. */
    EXAMPLE_ERR_ARGUMENT = 1, /**< An argument was null or out of range. */
    EXAMPLE_ERR_BUSY = 2      /**< Too many contexts are open. */
} example_status;

/** @brief How much a log message matters. */
typedef enum example_level {
    EXAMPLE_LEVEL_DEBUG,   /**< Detail for developers. */
    EXAMPLE_LEVEL_INFO,    /**< Normal progress. */
    EXAMPLE_LEVEL_WARNING, /**< Something odd that did not stop the call. */
    EXAMPLE_LEVEL_ERROR    /**< A call failed. */
} example_level;

/**
 * @brief Counters of one context.
 *
 * @note Its layout differs between platforms: @c long is 8 bytes on LP64 (Linux, macOS) and 4 bytes
 *       on LLP64 (64-bit Windows) and ILP32 (32-bit Windows), and @c size_t and pointers are 4 bytes
 *       on ILP32, so the offsets of the later fields and the size move: 32 bytes on LP64, 24 on
 *       LLP64, 16 on ILP32.
 */
typedef struct example_stats {
    long bytes_seen;          /**< Bytes passed to example_checksum(), saturating. */
    unsigned int open_count;  /**< How many times the context was opened. */
    size_t log_count;         /**< Messages sent to the logger. */
} example_stats;

/** @brief Options of example_open(), packed in bit-fields. */
typedef struct example_options {
    unsigned int verbose : 1;   /**< Log at ::EXAMPLE_LEVEL_DEBUG too. */
    unsigned int min_level : 3; /**< The lowest ::example_level that is logged. */
    unsigned int read_only : 1; /**< Refuse writes. */
    unsigned int reserved : 27; /**< Must be zero. */
} example_options;

/**
 * @brief Receives each log message of a context.
 * @param[in] user The pointer given to example_set_logger().
 * @param[in] level How much the message matters.
 * @param[in] message The formatted text, NUL-terminated, valid only during the call.
 */
typedef void (*example_log_fn)(void *user, example_level level, const char *message);

/** @brief The ABI version of the library, as EXAMPLE_MAKE_VERSION() packs it. */
EXAMPLE_API extern const int example_abi_version;

/**
 * @brief Opens a context on a path.
 *
 * @code
 * example_options options = {0};
 * options.verbose = 1;
 * example_ctx *ctx = example_open("data.bin", &options);
 * @endcode
 *
 * @param[in] path The path; the context keeps the pointer, so it must outlive the context.
 * @param[in] options Options, or null for the defaults.
 * @return The new context, or null when @p path is null or too many contexts are open.
 * @since 1.5 (1.4 and older took no options; binaries linked against them keep that version on Linux)
 * @see example_close()
 */
EXAMPLE_API example_ctx *example_open(const char *path, const example_options *options);

/**
 * @brief Closes a context.
 * @param[in] ctx The context; it must not be used afterwards.
 * @retval EXAMPLE_OK The context was closed.
 * @retval EXAMPLE_ERR_ARGUMENT @p ctx was null.
 *  */
EXAMPLE_API example_status example_close(example_ctx *ctx);

/**
 * @brief Opens a context with the default options.
 * @param[in] path The path.
 * @return The new context, or null.
 */
EXAMPLE_API example_ctx *example_open_file(const char *path);

/**
 * @brief Copies a context's counters.
 * @param[in] ctx The context.
 * @param[out] out Where to write them.
 * @return ::EXAMPLE_OK, or ::EXAMPLE_ERR_ARGUMENT when either pointer is null.
 */
EXAMPLE_API example_status example_get_stats(const example_ctx *ctx, example_stats *out);

/**
 * @brief Sets the function that receives the context's log messages.
 * @param[in] ctx The context.
 * @param[in] fn The callback, or null to drop messages.
 * @param[in] user Passed to @p fn unchanged.
 */
EXAMPLE_API void example_set_logger(example_ctx *ctx, example_log_fn fn, void *user);

/**
 * @brief Formats a message and sends it to the context's logger.
 *
 * Understands @c %d, @c %s and @c %%; messages longer than 127 bytes are cut.
 *
 * @param[in] ctx The context.
 * @param[in] level How much the message matters.
 * @param[in] fmt The format.
 * @return The length of the formatted message, or -1 when it was not sent.
 */
EXAMPLE_API int example_logf(example_ctx *ctx, example_level level, const char *fmt, ...);

/**
 * @brief A checksum of a buffer (an Adler-32), counted in the context's statistics.
 * @param[in] data The bytes.
 * @param[in] size How many.
 * @return The checksum.
 * @note @c __stdcall on 32-bit Windows.
 */
EXAMPLE_API unsigned long EXAMPLE_CALL example_checksum(const void *data, size_t size);

/**
 * @brief Adds two numbers, saturating instead of overflowing.
 * @param[in] a The first.
 * @param[in] b The second.
 * @return The sum, clamped to the range of @c int.
 * @note @c __stdcall on 32-bit Windows.
 */
EXAMPLE_API int EXAMPLE_CALL example_add_saturated(int a, int b);

/**
 * @brief Writes the context's pending log messages (removed in 2.0: messages are no longer buffered).
 * @param[in] ctx The context.
 */
EXAMPLE_API void example_flush(example_ctx *ctx);

#ifdef __cplusplus
}
#endif

#endif /* EXAMPLE_EXAMPLE_H */
