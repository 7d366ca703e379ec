/* A small C library for the FFI tests: every shape of C type that ctypes and cffi must get right. */
#ifndef FFIDEMO_H
#define FFIDEMO_H

#include <stddef.h>
#include <stdint.h>

#ifdef _WIN32
#define FFIDEMO_CALL __stdcall
#else
#define FFIDEMO_CALL
#endif

#define FFIDEMO_VERSION 0x010203
#define FFIDEMO_FLAG_A (1u << 0)
#define FFIDEMO_FLAG_B (1u << 3)
#define FFIDEMO_NEG (-42)
#define FFIDEMO_MAX_NAME 16

/** Colours, an int-sized enum. */
typedef enum ffidemo_color { FFIDEMO_RED = 1, FFIDEMO_GREEN = 2, FFIDEMO_BLUE = -3 } ffidemo_color;

/** A one-byte enum (packed). */
enum __attribute__((packed)) ffidemo_small { FFIDEMO_SMALL_A = 7, FFIDEMO_SMALL_B = 200 };

/** A point, passed by value and by pointer. */
typedef struct ffidemo_point {
    int x;
    int y;
} ffidemo_point;

/** Bit-fields. */
struct ffidemo_bits {
    unsigned int a : 3;
    unsigned int b : 5;
    int c : 7;
    unsigned char d;
    unsigned int e : 20;
};

/** Bit-fields of several types sharing units with plain fields, as GCC packs them. */
struct ffidemo_mixed {
    char tag;
    unsigned int x : 20;
    unsigned short y : 4;
    unsigned char z : 2;
    long long big : 40;
    int tail : 10;
    char last;
};

#pragma pack(push, 1)
/** A packed record. */
struct ffidemo_packed {
    char tag;
    int value;
    short s;
    double d;
};
#pragma pack(pop)

/** Nested, anonymous, arrays, a union. */
typedef struct ffidemo_shape {
    ffidemo_color color;
    long id;
    char name[FFIDEMO_MAX_NAME];
    ffidemo_point corners[2];
    union {
        int radius;
        float side;
    };
    struct {
        short lo;
        short hi;
    } range;
    long long big;
    unsigned long ulong_value;
    enum ffidemo_small small;
} ffidemo_shape;

/** An opaque handle. */
typedef struct ffidemo_handle ffidemo_handle;

/** A callback. */
typedef int (*ffidemo_visit)(int value, void *user);

/** A struct with a function pointer. */
struct ffidemo_ops {
    int (*combine)(int, int);
    const char *name;
};

/** The number of calls made (a global variable). */
extern int ffidemo_calls;
/** A constant string. */
extern const char *ffidemo_name;

int ffidemo_add(int a, int b);
long ffidemo_long_twice(long v);
unsigned long long ffidemo_u64(unsigned long long v);
double ffidemo_scale(double v, float f);
ffidemo_point ffidemo_make_point(int x, int y);
int ffidemo_point_sum(ffidemo_point p);
void ffidemo_point_swap(ffidemo_point *p);
int ffidemo_bits_pack(const struct ffidemo_bits *b);
void ffidemo_bits_make(struct ffidemo_bits *out, unsigned a, unsigned b, int c);
double ffidemo_packed_sum(struct ffidemo_packed p);
void ffidemo_mixed_make(struct ffidemo_mixed *out);
long long ffidemo_mixed_sum(const struct ffidemo_mixed *m);
void ffidemo_packed_fill(struct ffidemo_packed *out);
ffidemo_color ffidemo_next_color(ffidemo_color c);
enum ffidemo_small ffidemo_small_flip(enum ffidemo_small s);
int ffidemo_shape_fill(ffidemo_shape *out, const char *name);
long ffidemo_shape_check(const ffidemo_shape *s);
int ffidemo_visit_all(const int *values, size_t count, ffidemo_visit visit, void *user);
int ffidemo_ops_apply(const struct ffidemo_ops *ops, int a, int b);
int ffidemo_divmod(int a, int b, int *quotient, int *remainder);
int ffidemo_sum_ints(int count, ...);
int ffidemo_format(char *buffer, size_t size, const char *format, ...);
ffidemo_handle *ffidemo_open(int seed);
int ffidemo_handle_value(const ffidemo_handle *h);
void ffidemo_close(ffidemo_handle *h);
const char *ffidemo_greeting(void);
int FFIDEMO_CALL ffidemo_stdcall_add(int a, int b);
size_t ffidemo_strlen(const char *s);

#endif
