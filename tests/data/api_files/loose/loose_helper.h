#ifndef LOOSE_HELPER_H
#define LOOSE_HELPER_H
/** Beside loose.h. */
int loose_helper(void);
#endif
