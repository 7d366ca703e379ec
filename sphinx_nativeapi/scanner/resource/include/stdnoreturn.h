/* sphinx-nativeapi freestanding <stdnoreturn.h>. */
#ifndef __NATIVEAPI_STDNORETURN_H
#define __NATIVEAPI_STDNORETURN_H
#ifndef __cplusplus
#define noreturn _Noreturn
#endif
#endif
