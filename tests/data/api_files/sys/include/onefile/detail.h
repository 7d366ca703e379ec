#ifndef ONEFILE_DETAIL_H
#define ONEFILE_DETAIL_H
/** A detail of onefile. */
int onefile_detail(void);
#endif
