/**
 * @file export.h
 * @brief Export and calling-convention macros of the example library.
 *
 * The usual pattern: the library's own build defines @c EXAMPLE_BUILDING and exports its API; users
 * import it.  On ELF and Mach-O the library is built with @c -fvisibility=hidden and the API is made
 * visible one declaration at a time.
 */
#ifndef EXAMPLE_EXPORT_H
#define EXAMPLE_EXPORT_H

#if defined(_WIN32) || defined(__CYGWIN__)
#  if defined(EXAMPLE_BUILDING)
#    define EXAMPLE_API __declspec(dllexport)
#  else
/**
 * @brief Marks a declaration of the API for export: @c dllexport while the library is built,
 *        @c dllimport for its users (on Windows), default visibility elsewhere.
 */
#    define EXAMPLE_API __declspec(dllimport)
#  endif
#else
#  define EXAMPLE_API __attribute__((visibility("default")))
#endif

#if defined(_WIN32) && !defined(_WIN64)
/**
 * @brief The calling convention of the API: @c __stdcall on 32-bit Windows, where it changes the
 *        symbol name (@c _f@8) and who pops the arguments; the platform's only one elsewhere.
 */
#  define EXAMPLE_CALL __stdcall
#else
#  define EXAMPLE_CALL
#endif

#if defined(__GNUC__) || defined(__clang__)
/** @brief Marks a declaration deprecated, with a message for the compiler's warning. */
#  define EXAMPLE_DEPRECATED(msg) __attribute__((deprecated(msg)))
#elif defined(_MSC_VER)
#  define EXAMPLE_DEPRECATED(msg) __declspec(deprecated(msg))
#else
#  define EXAMPLE_DEPRECATED(msg)
#endif

#endif /* EXAMPLE_EXPORT_H */
