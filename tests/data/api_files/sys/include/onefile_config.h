#ifndef ONEFILE_CONFIG_H
#define ONEFILE_CONFIG_H
/** The integer type, as configured. */
typedef long onefile_int;
#endif
