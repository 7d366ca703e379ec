/* The PE fixture's declarations (fxwin.h) behind a header that, as real Windows headers do, needs the
 * platform's own <windows.h>: on a machine without Windows headers (no [zig] extra, no sysroot), the
 * windows platforms cannot be scanned, and must get no status at all rather than invented ones. */
#ifndef FXWIN_SDK_H
#define FXWIN_SDK_H
#ifdef _WIN32
#include <windows.h>
#endif
#include "fxwin.h"

#ifdef _WIN32
/** @brief Opens a handle (types of <windows.h>). */
WIN_API HANDLE win_open_handle(DWORD flags, LPCSTR name);
#endif

#endif
