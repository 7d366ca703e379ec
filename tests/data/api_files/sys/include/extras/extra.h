#ifndef EXTRAS_EXTRA_H
#define EXTRAS_EXTRA_H
/** Another library's function. */
int extras_thing(void);
#endif
