/* Declarations of the PE fixture (tests/fixtures/src/windows/fxwin.c) for `nativeapi check` tests,
 * with a few that the DLL does not have: one marked for export (missing), one not marked (internal),
 * inline and static ones (not applicable), and one whose type does not resolve (unknown). */
#ifndef FXWIN_H
#define FXWIN_H

#ifdef _WIN32
#define WIN_API __declspec(dllexport)
#else
#define WIN_API
#endif

/** @brief Adds (cdecl). */
WIN_API int win_add(int a, int b);
/** @brief Subtracts (__stdcall: _win_std@8 in an object file). */
WIN_API int __stdcall win_std(int a, int b);
/** @brief Multiplies (__fastcall: @win_fast@8). */
WIN_API int __fastcall win_fast(int a, int b);
/** @brief A counter (data). */
WIN_API extern int win_counter;
/** @brief Exported by the .def file only. */
int win_by_ordinal(int x);
/* Exported by the .def file, undecorated although __stdcall; no doc comment. */
int __stdcall win_std_def(int x);
/** @brief Exported by the .def file as DATA. */
extern int win_table[4];
/** @brief Neither marked nor exported. */
int win_not_exported(int x);
/** @brief Marked for export, but the DLL was built without it. */
WIN_API int win_missing(int x);
/** @brief Inline: compiled where it is used. */
WIN_API inline int win_inline(int x) { return x; }
/** @brief Static: each user has its own copy. */
static int win_static(int x) { return x; }
/** @brief Its parameter type is not declared anywhere, so its stdcall name is unknown. */
WIN_API int __stdcall win_incomplete(win_undeclared_t value);

#endif
