/* fxapi.h: a small C library's public header, shaped like real ones (a seed of test_fuzz_headers.py). */
#ifndef FXAPI_H
#define FXAPI_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#  ifdef FXAPI_BUILD
#    define FXAPI __declspec(dllexport)
#  else
#    define FXAPI __declspec(dllimport)
#  endif
#else
#  define FXAPI __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** The library's version: 10000 * major + 100 * minor + patch. */
#define FX_VERSION 10203
/** The larger of two values. */
#define FX_MAX(a, b) ((a) > (b) ? (a) : (b))

/** What a call returns. */
typedef enum fx_status {
    FX_OK = 0,       /**< it worked */
    FX_EINVAL = -22, /**< a bad argument */
    FX_ENOMEM = -12, ///< out of memory
} fx_status;

/**
 * A point on the plane, in pixels (« écran »).
 */
struct fx_point {
    int32_t x; /**< from the left */
    int32_t y; /**< from the top */
    union {
        uint8_t bytes[4];
        uint32_t word;
    } tag;              /**< whatever the caller keeps */
    unsigned flags : 3; /**< FX_FLAG_* bits */
};

/** An open stream (opaque). */
typedef struct fx_stream fx_stream;

/** Called for each chunk; returns non-zero to stop. */
typedef int (*fx_callback)(void *user, const char *data, size_t size);

/**
 * @brief Opens a stream.
 *
 * @param[in] path  the file, in UTF-8
 * @param[out] out  the stream, on success
 * @return #FX_OK, or an ::fx_status error
 * @see fx_close()
 */
FXAPI fx_status fx_open(const char *path, fx_stream **out);

/// Closes @p stream; NULL is fine.
FXAPI void fx_close(fx_stream *stream);

/**
 * \rst
 * Reads everything, calling *cb* for each chunk::
 *
 *     fx_read_all(s, print_chunk, NULL);
 * \endrst
 */
FXAPI int fx_read_all(fx_stream *stream, fx_callback cb, void *user);

/** Formats like printf. @deprecated Use fx_read_all(). */
FXAPI int fx_printf(fx_stream *stream, const char *format, ...) __attribute__((deprecated));

/** The number of streams open. */
FXAPI extern int fx_open_count;

static inline int fx_is_ok(fx_status s) { return s == FX_OK; }

#ifdef __cplusplus
}
#endif
#endif /* FXAPI_H */
