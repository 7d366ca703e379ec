/* The values the FFI tests expect: each call of the fixture library as C makes it, printed as
 * key=value; tests/test_ffi.py makes the same calls through the generated ctypes module and cffi. */
#include "ffidemo.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int twice(int value, void *user) { (void)user; return value * 2; }
static int multiply(int a, int b) { return a * b; }

int main(void) {
    printf("add=%d\n", ffidemo_add(2, 3));
    printf("calls=%d\n", ffidemo_calls);
    printf("name=%s\n", ffidemo_name);
    printf("long_twice=%ld\n", ffidemo_long_twice(-1099511627776L));
    printf("u64=%llu\n", ffidemo_u64(4611686018427387904ULL));
    printf("scale=%.6f\n", ffidemo_scale(1.5, 2.0f));
    ffidemo_point p = ffidemo_make_point(3, 4);
    printf("make_point=%d,%d\n", p.x, p.y);
    printf("point_sum=%d\n", ffidemo_point_sum(p));
    ffidemo_point_swap(&p);
    printf("point_swap=%d,%d\n", p.x, p.y);
    struct ffidemo_bits b;
    ffidemo_bits_make(&b, 5, 17, -20);
    printf("bits=%u,%u,%d,%u,%u\n", b.a, b.b, b.c, b.d, b.e);
    printf("bits_pack=%d\n", ffidemo_bits_pack(&b));
    struct ffidemo_mixed mixed;
    ffidemo_mixed_make(&mixed);
    printf("mixed=%c,%u,%u,%u,%lld,%d,%c\n", mixed.tag, mixed.x, mixed.y, mixed.z, (long long)mixed.big, mixed.tail,
           mixed.last);
    mixed.x = 5;
    mixed.last = 'a';
    printf("mixed_sum=%lld\n", ffidemo_mixed_sum(&mixed));
    printf("sizeof_mixed=%zu\n", sizeof mixed);
    struct ffidemo_packed k;
    ffidemo_packed_fill(&k);
    printf("packed=%c,%d,%d,%.6f\n", k.tag, k.value, k.s, k.d);
    printf("packed_sum=%.6f\n", ffidemo_packed_sum(k));
    printf("next_color=%d\n", (int)ffidemo_next_color(FFIDEMO_GREEN));
    printf("small_flip=%d\n", (int)ffidemo_small_flip(FFIDEMO_SMALL_A));
    ffidemo_shape s;
    printf("shape_fill=%d\n", ffidemo_shape_fill(&s, "abc"));
    printf("shape=%s,%ld,%d,%d,%d,%lld,%lu,%d\n", s.name, s.id, s.corners[1].x, s.radius, s.range.hi, s.big,
           s.ulong_value, (int)s.small);
    printf("shape_check=%ld\n", ffidemo_shape_check(&s));
    int values[3] = {1, 2, 3};
    printf("visit_all=%d\n", ffidemo_visit_all(values, 3, twice, NULL));
    struct ffidemo_ops ops = {multiply, "abcd"};
    printf("ops_apply=%d\n", ffidemo_ops_apply(&ops, 3, 4));
    int q = 0, r = 0;
    int status = ffidemo_divmod(17, 5, &q, &r);
    printf("divmod=%d,%d,%d\n", status, q, r);
    printf("sum_ints=%d\n", ffidemo_sum_ints(3, 1, 2, 3));
    char buffer[32];
    int n = ffidemo_format(buffer, sizeof buffer, "%d-%s", 7, "x");
    printf("format=%d,%s\n", n, buffer);
    ffidemo_handle *h = ffidemo_open(3);
    printf("handle_value=%d\n", ffidemo_handle_value(h));
    ffidemo_close(h);
    printf("greeting=%s\n", ffidemo_greeting());
    printf("stdcall_add=%d\n", ffidemo_stdcall_add(1, 2));
    printf("strlen=%zu\n", ffidemo_strlen("hello"));
    printf("calls_after=%d\n", ffidemo_calls);
    printf("sizeof_shape=%zu\n", sizeof(ffidemo_shape));
    printf("sizeof_bits=%zu\n", sizeof(struct ffidemo_bits));
    printf("sizeof_packed=%zu\n", sizeof(struct ffidemo_packed));
    return 0;
}
