#include "lib.h"

/* long double is the x87's 80-bit format: series, square roots by Newton's method, and truncating
 * conversions (gcc's FNSTCW/FLDCW/FISTP dance), printed digit by digit. */
static void put_ld(long double v, int decimals) {
    if (v < 0) {
        put_char('-');
        v = -v;
    }
    long whole = (long)v;
    put_dec(whole);
    put_char('.');
    long double frac = v - whole;
    for (int i = 0; i < decimals; i++) {
        frac *= 10;
        int d = (int)frac;
        put_char('0' + d);
        frac -= d;
    }
}

static long double newton_sqrt(long double x) {
    long double g = x > 1 ? x / 2 : 1;
    for (int i = 0; i < 60; i++) {
        g = (g + x / g) / 2;
    }
    return g;
}

int main(void) {
    long double e = 1, term = 1;
    for (int i = 1; i < 30; i++) {
        term /= i;
        e += term;
    }
    put_str("e ");
    put_ld(e, 18);
    put_str("\nsqrt2 ");
    put_ld(newton_sqrt(2.0L), 18);
    long double pi = 0;
    for (int k = 0; k < 200000; k++) {
        pi += (k % 2 ? -4.0L : 4.0L) / (2 * k + 1);
    }
    put_str("\nleibniz ");
    put_ld(pi, 15);
    long double big = 1e18L;
    put_str("\nbig ");
    put_dec((long)(big * 3 + 7));
    put_str("\nnegative trunc ");
    put_dec((long)-7.99L);
    put_str("\ndouble round trip ");
    double d = (double)(1.0L / 3);
    put_ld(d, 18);
    put_char('\n');
    flush();
    return 0;
}
