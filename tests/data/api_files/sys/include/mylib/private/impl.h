#ifndef MYLIB_PRIVATE_IMPL_H
#define MYLIB_PRIVATE_IMPL_H
/** Internal: not for users. */
int mylib_impl_flush(void);
#endif
