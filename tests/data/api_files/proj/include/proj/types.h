#ifndef PROJ_TYPES_H
#define PROJ_TYPES_H
/** A value. */
typedef struct proj_value { int x; } proj_value;
#endif
