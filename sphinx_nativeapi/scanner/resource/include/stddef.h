/* sphinx-nativeapi freestanding <stddef.h>: the last-resort builtin header, written on clang's
   predefined macros so that size_t and friends have their right type on every target. */
#ifndef __NATIVEAPI_STDDEF_H
#define __NATIVEAPI_STDDEF_H
typedef __SIZE_TYPE__ size_t;
typedef __PTRDIFF_TYPE__ ptrdiff_t;
#if !defined(__cplusplus)
typedef __WCHAR_TYPE__ wchar_t;
#endif
#if (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L) || (defined(__cplusplus) && __cplusplus >= 201103L)
typedef struct { long long __ll __attribute__((__aligned__(__alignof__(long long))));
                 long double __ld __attribute__((__aligned__(__alignof__(long double)))); } max_align_t;
#endif
#if defined(__cplusplus) && __cplusplus >= 201103L
typedef decltype(nullptr) nullptr_t;
#endif
#undef NULL
#ifdef __cplusplus
#define NULL __null
#else
#define NULL ((void*)0)
#endif
#define offsetof(t, d) __builtin_offsetof(t, d)
#endif
