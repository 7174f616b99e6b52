#include "test.h"

double half(double x) { return x / 2; }
float fadd(float a, float b) { return a + b; }
double mix(int a, double b, float c, long d, double e) { return a + b + c + d + e; }
double many(double a, double b, double c, double d, double e, double f, double g, double h, double i, double j) {
    return a + b * 2 + c * 3 + d * 4 + e * 5 + f * 6 + g * 7 + h * 8 + i * 9 + j * 10;
}
long double ld_mul(long double a, long double b) { return a * b; }
long double ld_g = 2.5L;
long double g_tenth = 0.1L;
long double g_neg = -0.1L;

int main(void) {
    ASSERT_D(3.5, 1.5 + 2.0);
    ASSERT_D(-0.5, 1.5 - 2.0);
    ASSERT_D(3.0, 1.5 * 2.0);
    ASSERT_D(0.75, 1.5 / 2.0);
    ASSERT_D(-1.5, -1.5);
    ASSERT(1, 1.0 < 2.0);
    ASSERT(0, 2.0 < 1.0);
    ASSERT(1, 1.0 <= 1.0);
    ASSERT(1, 2.0 > 1.0);
    ASSERT(1, 1.0 == 1.0);
    ASSERT(1, 1.0 != 1.5);
    ASSERT(1, 1.0f < 2.0f);
    ASSERT(1, 1.0f == 1.0);
    ASSERT_D(2.5, half(5));
    ASSERT_D(3.75, fadd(1.5f, 2.25f));
    ASSERT_D(15.5, mix(1, 2.5, 3.0f, 4, 5));
    ASSERT_D(385.0, many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    ASSERT(3, (int)3.99);
    ASSERT(-3, (int)-3.99);
    ASSERT(200, (unsigned char)200.5);
    ASSERT(-100, (signed char)-100.7);
    ASSERT(40000, (unsigned short)40000.0);
    ASSERT(3000000000L, (unsigned)3e9);
    ASSERT(-5000000000L, (long)-5e9);
    ASSERT(1, (unsigned long)1.8446744073709550e19 == 18446744073709549568UL);
    ASSERT(1, (unsigned long)9.5e18 == 9500000000000000000UL);
    ASSERT_D(1.8446744073709552e19, (double)18446744073709551615UL);
    ASSERT_D(9.2233720368547758e18, (double)9223372036854775808UL);
    ASSERT_D(4294967295.0, (double)4294967295U);
    ASSERT_D(-1.0, (double)-1);
    ASSERT_D(-1.0, (double)-1L);
    ASSERT_D(1.8446744073709552e19, (float)18446744073709551615UL);
    ASSERT_D(0.1f, (float)0.1);
    ASSERT(1, 0.1f != 0.1);
    ASSERT(1, (_Bool)0.1);
    ASSERT(0, !0.5);
    ASSERT(1, !0.0);
    {
        double nan = 0.0 / 0.0;
        ASSERT(0, nan == nan);
        ASSERT(1, nan != nan);
        ASSERT(0, nan < 1.0);
        ASSERT(0, nan > 1.0);
        ASSERT(0, nan <= nan);
        ASSERT(1, nan ? 1 : 0);
        ASSERT(1, !!nan);
        float fn = nan;
        ASSERT(1, fn != fn);
        double inf = 1.0 / 0.0;
        ASSERT(1, inf > 1e308);
        ASSERT_D(-0.0, -0.0);
        ASSERT(1, 1 / -0.0 < 0);
    }
    {
        double d = 1;
        d += 0.5;
        ASSERT_D(1.5, d);
        d *= 4;
        ASSERT_D(6.0, d);
        d -= 1;
        d /= 2;
        ASSERT_D(2.5, d);
        d++;
        ASSERT_D(3.5, d);
        float f = 1.5f;
        f = f * f;
        ASSERT_D(2.25, f);
        int i = 7;
        i *= 1.5;
        ASSERT(10, i);
        i += 0.9;
        ASSERT(10, i);
        float fa[3] = {1.0f, 2.0f, 3.5f};
        ASSERT_D(6.5, fa[0] + fa[1] + fa[2]);
        double da[2][2] = {{1, 2}, {3, 4}};
        ASSERT_D(4.0, da[1][1]);
        ASSERT(8, sizeof(1.0f + 1.0));
        ASSERT(4, sizeof(1.0f + 1));
        ASSERT(8, sizeof(1.0 + 'a'));
        ASSERT(1, 1.5 > 1);
        ASSERT(1, 3 == 3.0f);
        double cmp = 2.0;
        ASSERT(1, cmp >= 2 && cmp <= 2);
        ASSERT(1, cmp ? 1 : 0);
        unsigned long big = 1UL << 63;
        ASSERT_D(9223372036854775808.0, big);
        big = (unsigned long)(double)big;
        ASSERT(1, big == 1UL << 63);
    }
    {
        long double a = 1.5L, b = 2;
        ASSERT_D(3.0, (double)(a * b));
        ASSERT_D(3.5, (double)(a + b));
        ASSERT_D(-0.5, (double)(a - b));
        ASSERT_D(0.75, (double)(a / b));
        ASSERT(1, a < b);
        ASSERT(0, a > b);
        ASSERT(1, a != b);
        ASSERT_D(3.75, (double)ld_mul(a, 2.5L));
        ASSERT_D(2.5, (double)ld_g);
        ASSERT(2, (int)ld_g);
        ASSERT(1, (unsigned long)(a * 1e18L) == 1500000000000000000UL);
        long double c = 10;
        c += 0.25;
        ASSERT_D(10.25, (double)c);
        ASSERT_D(-10.25, (double)-c);
        long double e = (float)1.5f;
        ASSERT_D(1.5, (double)e);
        ASSERT(1, (_Bool)e);
        ASSERT(0, !e);
        long double tenth = 0.1L;
        ASSERT(1, tenth == 1.0L / 10);
        ASSERT(1, tenth != 0.1);
        ASSERT(1, 1e4000L > 1e300L * 1e300L / 1e300L);
        ASSERT(1, 1e-4000L > 0 && 1e-4000L < 1e-300L);
        ASSERT(1, 0x1.0000000000000002p0L > 1.0L);
        ASSERT(1, -0.1L == -tenth);
        ASSERT(1, g_tenth == tenth && g_neg == -tenth);
    }
    report(__FILE__);
    return 0;
}
