#ifndef BASIC_OTHER_H
#define BASIC_OTHER_H

/** Does something else, like :c:func:`basic_add` does *one* thing. @param n A count. */
int basic_other(int n);
#endif
