/* The exactly specified math functions over awkward values: halfway cases,
 * signed zeros, subnormals, huge values, infinities and NaNs. */
#include <stdio.h>
#include <math.h>
#include <errno.h>
#include <float.h>
#include <string.h>

static const double values[] = {
    0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994, 1.0, -1.0,
    3.7, -3.7, 4503599627370495.5, -4503599627370495.5, 4503599627370497.0, 9007199254740993.0, 1e300, -1e300,
    2.2250738585072014e-308, 4.9406564584124654e-324, -4.9406564584124654e-324, 1.7976931348623157e308, 0.1,
    123456.789, 2.0, 1e-310, 0.75, -0.75, 6.02214076e23
};

static unsigned long long state = 88172645463325252ULL;

static unsigned long long next_random(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static double random_double(void)
{
    unsigned long long b = next_random();
    double x;

    memcpy(&x, &b, sizeof(x));
    return x;
}

/* Called through pointers so that the compiler cannot substitute its own code. */
static double (*volatile unary[])(double) = { floor, ceil, trunc, round, rint, sqrt, fabs };
static double (*volatile binary[])(double, double) = { fmod, fmin, fmax, fdim, copysign };

static void random_sweep(void)
{
    unsigned long long hash[12] = { 0 }, b;
    double x, y, r;
    size_t k;
    int i;

    for (i = 0; i < 100000; i++) {
        x = random_double();
        y = i % 3 ? random_double() : (double)(next_random() % 1000) / 8.0 + 0.5;
        if (i % 5 == 0)
            x = (double)(long)(next_random() % 100000) / 16.0 - 3000.0;
        for (k = 0; k < 7; k++) {
            r = unary[k](x);
            memcpy(&b, &r, sizeof(b));
            hash[k] = (hash[k] ^ b) * 1099511628211ULL;
        }
        for (k = 0; k < 5; k++) {
            r = binary[k](x, y);
            memcpy(&b, &r, sizeof(b));
            hash[7 + k] = (hash[7 + k] ^ b) * 1099511628211ULL;
        }
    }
    for (k = 0; k < 12; k++)
        printf("sweep %zu: %016llx\n", k, hash[k]);
}

static void show(const char *name, double v)
{
    printf(" %s=%a", name, v);
}

int main(void)
{
    double inf = 1.0 / 0.0, nan = 0.0 / 0.0, ip;
    size_t i, j;
    int e;

    for (i = 0; i < sizeof(values) / sizeof(*values); i++) {
        double x = values[i];
        printf("%a:", x);
        show("floor", floor(x));
        show("ceil", ceil(x));
        show("trunc", trunc(x));
        show("round", round(x));
        show("rint", rint(x));
        show("sqrt", sqrt(fabs(x)));
        show("frac", modf(x, &ip));
        show("int", ip);
        show("frexp", frexp(x, &e));
        printf(" e=%d", e);
        show("ldexp+7", ldexp(x, 7));
        show("ldexp-1070", ldexp(x, -1070));
        show("fabs", fabs(x));
        printf(" cls=%d sign=%d\n", fpclassify(x), signbit(x) != 0);
        for (j = 0; j < sizeof(values) / sizeof(*values); j += 3)
            if (values[j] != 0)
                printf("  fmod(%a,%a)=%a\n", x, values[j], fmod(x, values[j]));
    }
    for (i = 1; i < 200; i++)
        printf("sqrt(%zu)=%.17g sqrtf=%.9g\n", i, sqrt((double)i), (double)sqrtf((float)i));
    errno = 0;
    printf("sqrt(-1) nan=%d errno=%d\n", isnan(sqrt(-1.0)), errno);
    errno = 0;
    printf("fmod(1,0) nan=%d errno=%d\n", isnan(fmod(1.0, 0.0)), errno);
    errno = 0;
    printf("ldexp overflow %g errno=%d\n", ldexp(1.0, 2000), errno);
    printf("specials: %g %g %g %g %d %d %d %d\n", floor(inf), sqrt(inf), fmod(5.5, inf), ldexp(-inf, 3), isinf(inf),
           isnan(nan), isfinite(1.0), isnormal(1e-310));
    printf("fmin/fmax: %g %g %g %g %g\n", fmin(1, 2), fmax(1, 2), fmin(nan, 3), fmax(4, nan), fdim(5, 3));
    printf("copysign: %g %g lround %ld %ld lrint %ld %ld\n", copysign(3, -0.0), copysign(-3, 1), lround(2.5), lround(-2.5),
           lrint(2.5), lrint(3.5));
    printf("float class %d %d long double class %d %d\n", fpclassify(1.0f), fpclassify(0.0f), fpclassify(1.0L),
           fpclassify((long double)inf));
    random_sweep();
    return 0;
}
