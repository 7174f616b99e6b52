#include "test.h"
#include <stdarg.h>

int vsprintf(char *buf, const char *fmt, va_list ap);
struct small { int a, b; };
struct mixed { double d; long l; };
struct big { long a, b, c; };
struct fpair { float x, y; };

int sum_ints(int n, ...) {
    va_list ap;
    va_start(ap, n);
    int s = 0;
    for (int i = 0; i < n; i++) s += va_arg(ap, int);
    va_end(ap);
    return s;
}

double sum_doubles(int n, ...) {
    va_list ap;
    va_start(ap, n);
    double s = 0;
    for (int i = 0; i < n; i++) s += va_arg(ap, double);
    va_end(ap);
    return s;
}

double sum_mixed(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    double s = 0;
    for (const char *p = fmt; *p; p++) {
        switch (*p) {
        case 'i': s += va_arg(ap, int); break;
        case 'l': s += va_arg(ap, long); break;
        case 'd': s += va_arg(ap, double); break;
        case 'p': s += *va_arg(ap, int *); break;
        case 's': { struct small sm = va_arg(ap, struct small); s += sm.a * 10 + sm.b; break; }
        case 'm': { struct mixed mx = va_arg(ap, struct mixed); s += mx.d + mx.l; break; }
        case 'b': { struct big bg = va_arg(ap, struct big); s += bg.a + bg.b + bg.c; break; }
        case 'f': { struct fpair fp = va_arg(ap, struct fpair); s += fp.x * fp.y; break; }
        case 'L': s += (double)va_arg(ap, long double); break;
        }
    }
    va_end(ap);
    return s;
}

char *fmt(char *buf, const char *f, ...) {
    va_list ap;
    va_start(ap, f);
    vsprintf(buf, f, ap);
    va_end(ap);
    return buf;
}

int copy_twice(int n, ...) {
    va_list ap, ap2;
    va_start(ap, n);
    va_copy(ap2, ap);
    int s = 0;
    for (int i = 0; i < n; i++) s += va_arg(ap, int);
    for (int i = 0; i < n; i++) s += va_arg(ap2, int);
    va_end(ap);
    va_end(ap2);
    return s;
}

int sum_va_list(int n, va_list ap) {
    int s = 0;
    for (int i = 0; i < n; i++) s += va_arg(ap, int);
    return s;
}

int forward(int n, ...) {
    va_list ap;
    va_start(ap, n);
    int r = sum_va_list(n, ap);
    va_end(ap);
    return r;
}

int main(void) {
    char buf[200];
    ASSERT(0, sum_ints(0));
    ASSERT(6, sum_ints(3, 1, 2, 3));
    ASSERT(55, sum_ints(10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    ASSERT_D(6.5, sum_doubles(3, 1.0, 2.5, 3.0));
    ASSERT_D(55.0, sum_doubles(10, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0));
    int seven = 7;
    struct small sm = {1, 2};
    struct mixed mx = {0.5, 10};
    struct big bg = {100, 200, 300};
    struct fpair fp = {1.5f, 4.0f};
    ASSERT_D(27.5, sum_mixed("ildp", 1, 2L, 17.5, &seven));
    ASSERT_D(12.0, sum_mixed("s", sm));
    ASSERT_D(10.5, sum_mixed("m", mx));
    ASSERT_D(600.0, sum_mixed("b", bg));
    ASSERT_D(6.0, sum_mixed("f", fp));
    ASSERT_D(2.25, sum_mixed("L", 2.25L));
    ASSERT_D(646.5, sum_mixed("iiiiiiiisbmfdddddddddd", 1, 1, 1, 1, 1, 1, 1, 1, sm, bg, mx, fp, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0));
    ASSERT_S("1 2.50 x hello -3", fmt(buf, "%d %.2f %c %s %ld", 1, 2.5, 'x', "hello", -3L));
    ASSERT_S("a1b2c3d4e5f6g7h8", fmt(buf, "a%db%dc%dd%de%df%dg%dh%d", 1, 2, 3, 4, 5, 6, 7, 8));
    ASSERT_S("1.0 2.0 3.0 4.0 5.0 6.0 7.0 8.0 9.0 10.0", fmt(buf, "%.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0));
    ASSERT(12, copy_twice(3, 1, 2, 3));
    ASSERT(15, forward(5, 1, 2, 3, 4, 5));
    ASSERT(24, sizeof(va_list));
    sprintf(buf, "%s-%d-%5.2f", "x", 42, 3.14159);
    ASSERT_S("x-42- 3.14", buf);
    report(__FILE__);
    return 0;
}
