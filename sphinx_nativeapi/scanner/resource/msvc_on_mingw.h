/* Included first (-include) when an MSVC target reads mingw-w64's headers, which are told __GNUC__ is
   defined (see toolchain.header_search). Under __GNUC__, _mingw.h makes __forceinline a macro with
   "extern" in it, so MSVC code such as libwebp's "static __forceinline int f(...)" fails to parse
   ("cannot combine with previous 'static'"). Here _mingw.h is read once (it has a guard), and MSVC's
   own keyword, which clang knows under an MSVC target, is given back. */
#include <_mingw.h>
#undef __forceinline
