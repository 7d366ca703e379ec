#include "ffidemo.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ffidemo_calls = 0;
const char *ffidemo_name = "ffidemo";

struct ffidemo_handle { int value; };

int ffidemo_add(int a, int b) { ffidemo_calls++; return a + b; }
long ffidemo_long_twice(long v) { return v * 2; }
unsigned long long ffidemo_u64(unsigned long long v) { return v * 3 + 1; }
double ffidemo_scale(double v, float f) { return v * f; }
ffidemo_point ffidemo_make_point(int x, int y) { ffidemo_point p = {x, y}; return p; }
int ffidemo_point_sum(ffidemo_point p) { return p.x * 10 + p.y; }
void ffidemo_point_swap(ffidemo_point *p) { int t = p->x; p->x = p->y; p->y = t; }
int ffidemo_bits_pack(const struct ffidemo_bits *b) { return (int)(b->a + b->b * 10 + b->c * 1000 + b->d * 100000 + b->e); }
void ffidemo_bits_make(struct ffidemo_bits *out, unsigned a, unsigned b, int c) {
    memset(out, 0, sizeof *out); out->a = a; out->b = b; out->c = c; out->d = 9; out->e = 123456;
}
void ffidemo_mixed_make(struct ffidemo_mixed *out) {
    memset(out, 0, sizeof *out);
    out->tag = 'm'; out->x = 1000000; out->y = 9; out->z = 3; out->big = -123456789012LL; out->tail = -300;
    out->last = 'z';
}
long long ffidemo_mixed_sum(const struct ffidemo_mixed *m) {
    return m->tag + m->x + m->y * 10 + m->z * 100 + m->big + m->tail + m->last;
}
double ffidemo_packed_sum(struct ffidemo_packed p) { return p.tag + p.value + p.s + p.d; }
void ffidemo_packed_fill(struct ffidemo_packed *out) { out->tag = 'x'; out->value = 70000; out->s = -5; out->d = 2.5; }
ffidemo_color ffidemo_next_color(ffidemo_color c) { return c == FFIDEMO_RED ? FFIDEMO_GREEN : c == FFIDEMO_GREEN ? FFIDEMO_BLUE : FFIDEMO_RED; }
enum ffidemo_small ffidemo_small_flip(enum ffidemo_small s) { return s == FFIDEMO_SMALL_A ? FFIDEMO_SMALL_B : FFIDEMO_SMALL_A; }
int ffidemo_shape_fill(ffidemo_shape *out, const char *name) {
    memset(out, 0, sizeof *out);
    out->color = FFIDEMO_BLUE; out->id = -1234567; strncpy(out->name, name, FFIDEMO_MAX_NAME - 1);
    out->corners[0].x = 1; out->corners[0].y = 2; out->corners[1].x = 3; out->corners[1].y = 4;
    out->radius = 77; out->range.lo = -2; out->range.hi = 300; out->big = -5000000000LL;
    out->ulong_value = 4000000000UL; out->small = FFIDEMO_SMALL_B;
    return (int)strlen(out->name);
}
long ffidemo_shape_check(const ffidemo_shape *s) {
    return s->id + s->corners[1].y + s->radius + s->range.hi + (long)s->small + s->color;
}
int ffidemo_visit_all(const int *values, size_t count, ffidemo_visit visit, void *user) {
    int total = 0; for (size_t i = 0; i < count; i++) total += visit(values[i], user); return total;
}
int ffidemo_ops_apply(const struct ffidemo_ops *ops, int a, int b) { return ops->combine(a, b) + (int)strlen(ops->name); }
int ffidemo_divmod(int a, int b, int *quotient, int *remainder) {
    if (b == 0)
        return -1;
    *quotient = a / b;
    *remainder = a % b;
    return 0;
}
int ffidemo_sum_ints(int count, ...) {
    va_list ap; int total = 0; va_start(ap, count);
    for (int i = 0; i < count; i++) total += va_arg(ap, int);
    va_end(ap); return total;
}
int ffidemo_format(char *buffer, size_t size, const char *format, ...) {
    va_list ap; va_start(ap, format); int n = vsnprintf(buffer, size, format, ap); va_end(ap); return n;
}
ffidemo_handle *ffidemo_open(int seed) { ffidemo_handle *h = malloc(sizeof *h); h->value = seed * 7; return h; }
int ffidemo_handle_value(const ffidemo_handle *h) { return h->value; }
void ffidemo_close(ffidemo_handle *h) { free(h); }
const char *ffidemo_greeting(void) { return "hello from C"; }
int FFIDEMO_CALL ffidemo_stdcall_add(int a, int b) { return a + b + 1000; }
size_t ffidemo_strlen(const char *s) { return strlen(s); }
