/* Declarations of the ELF fixture (tests/fixtures/src/elf/versioned.c) for `nativeapi check` tests.
 * fx_only_in_2 is left out on purpose (an undeclared export); fx_gone is marked but not in the
 * library (missing); fx_private is neither (internal). */
#ifndef FXELF_H
#define FXELF_H

#define FX_EXPORT __attribute__((visibility("default")))

/** @brief A counter (data, version FX_1.0). */
FX_EXPORT extern int fx_counter;
/** @brief Read-only data. */
FX_EXPORT extern const char fx_name[];
/** @brief Opens; exported as fx_open@FX_1.0 and fx_open@@FX_2.0. */
FX_EXPORT int fx_open(const char *path, int flags);
/** @brief A plain function. */
FX_EXPORT int fx_plain(int x);
/** @brief A weak definition. */
FX_EXPORT int fx_weak(void);
/* Protected visibility; no doc comment. */
__attribute__((visibility("protected"))) int fx_protected(void);
/** @brief Marked for export, not in the library. */
FX_EXPORT int fx_gone(void);
/** @brief Hidden: never exported. */
__attribute__((visibility("hidden"))) int fx_hidden_helper(int x);
/** @brief Declared without a mark, kept local by the version script. */
int fx_local_by_script(int x);

#endif
