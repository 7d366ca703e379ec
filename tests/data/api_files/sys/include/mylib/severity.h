#ifndef MYLIB_SEVERITY_H
#define MYLIB_SEVERITY_H
/** How bad it is. */
enum mylib_severity { MYLIB_INFO, MYLIB_ERROR };
/** The severity used when none is given. */
extern enum mylib_severity mylib_severity_default;
#endif
