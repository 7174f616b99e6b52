#include "lib.h"

/* Double-precision arithmetic, compares and conversions: an ASCII Mandelbrot set and a few float facts. */
static void put_fixed(double v, int decimals) {
    if (v < 0) {
        put_char('-');
        v = -v;
    }
    long whole = (long)v;
    put_dec(whole);
    put_char('.');
    double frac = v - (double)whole;
    for (int i = 0; i < decimals; i++) {
        frac *= 10;
        int d = (int)frac;
        put_char('0' + d);
        frac -= d;
    }
}

int main(void) {
    long total = 0;
    for (int y = -12; y <= 12; y++) {
        for (int x = -39; x <= 20; x++) {
            double cr = x / 20.0, ci = y / 10.0, zr = 0, zi = 0;
            int n = 0;
            while (n < 200 && zr * zr + zi * zi < 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2 * zr * zi + ci;
                zr = t;
                n++;
            }
            total += n;
            put_char(" .:-=+*#%@"[n % 10]);
        }
        put_char('\n');
    }
    put_str("iterations ");
    put_dec(total);
    double s = 0;
    for (int i = 1; i <= 1000; i++) {
        s += 1.0 / ((double)i * i);
    }
    put_str("\nbasel ");
    put_fixed(s, 12);
    float f = 0.1f;
    double d = 0;
    for (int i = 0; i < 10; i++) {
        d += f;
    }
    put_str("\nten tenths (float) ");
    put_fixed(d, 12);
    put_str("\nrounding ");
    put_dec((long)2.5);
    put_dec((long)-2.5);
    put_dec((long)(unsigned long)1e19 == (long)10000000000000000000UL);
    put_char('\n');
    flush();
    return 0;
}
