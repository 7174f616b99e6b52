/* math.c: functions whose results IEEE 754 defines exactly, computed on the
 * bits so that they match any correct implementation, glibc's included; like
 * glibc, a NaN argument comes back quiet (x + x). */
#include <math.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include "libc.h"

#define SIGN_BIT 0x8000000000000000ULL
#define EXP_MASK 0x7ff0000000000000ULL
#define FRAC_MASK 0x000fffffffffffffULL

static uint64_t bits_of(double x)
{
    uint64_t b;

    memcpy(&b, &x, 8);
    return b;
}

static double from_bits(uint64_t b)
{
    double x;

    memcpy(&x, &b, 8);
    return x;
}

/* Unbiased exponent of a finite nonzero double's leading bit position. */
static int exponent_of(uint64_t b)
{
    return (int)((b & EXP_MASK) >> 52) - 1023;
}

/* Splits |x| (finite, nonzero) into an integer m < 2^53 and e with |x| = m * 2^e. */
static uint64_t split(uint64_t b, int *e)
{
    int biased = (int)((b & EXP_MASK) >> 52);

    if (biased == 0) {
        *e = -1074;
        return b & FRAC_MASK;
    }
    *e = biased - 1075;
    return (b & FRAC_MASK) | (1ULL << 52);
}

int __fpclassify(double x)
{
    uint64_t b = bits_of(x);

    if ((b & EXP_MASK) == EXP_MASK)
        return (b & FRAC_MASK) ? FP_NAN : FP_INFINITE;
    if ((b & EXP_MASK) == 0)
        return (b & FRAC_MASK) ? FP_SUBNORMAL : FP_ZERO;
    return FP_NORMAL;
}

int __fpclassifyf(float x)
{
    uint32_t b;

    memcpy(&b, &x, 4);
    if ((b & 0x7f800000u) == 0x7f800000u)
        return (b & 0x7fffffu) ? FP_NAN : FP_INFINITE;
    if ((b & 0x7f800000u) == 0)
        return (b & 0x7fffffu) ? FP_SUBNORMAL : FP_ZERO;
    return FP_NORMAL;
}

int __fpclassifyl(long double x)
{
    unsigned char raw[10];
    uint64_t m;
    unsigned int e;

    memcpy(raw, &x, 10);
    memcpy(&m, raw, 8);
    e = ((unsigned int)raw[8] | ((unsigned int)raw[9] << 8)) & 0x7fff;
    if (e == 0x7fff)
        return (m << 1) ? FP_NAN : FP_INFINITE;
    if (e == 0)
        return m ? FP_SUBNORMAL : FP_ZERO;
    return FP_NORMAL;
}

int __signbit(double x) { return (bits_of(x) & SIGN_BIT) != 0; }

int __signbitf(float x)
{
    uint32_t b;

    memcpy(&b, &x, 4);
    return (b >> 31) != 0;
}

int __signbitl(long double x)
{
    unsigned char raw[10];

    memcpy(raw, &x, 10);
    return (raw[9] & 0x80) != 0;
}

double fabs(double x) { return from_bits(bits_of(x) & ~SIGN_BIT); }

float fabsf(float x)
{
    uint32_t b;

    memcpy(&b, &x, 4);
    b &= 0x7fffffffu;
    memcpy(&x, &b, 4);
    return x;
}

double copysign(double x, double y)
{
    return from_bits((bits_of(x) & ~SIGN_BIT) | (bits_of(y) & SIGN_BIT));
}

/* ---- rounding to integers ---- */

enum rounding { TOWARD_ZERO, DOWN, UP, HALF_AWAY, HALF_EVEN };

static double round_integer(double x, enum rounding mode)
{
    uint64_t b = bits_of(x), sign = b & SIGN_BIT, mag = b & ~SIGN_BIT, frac, unit, half, mask;
    int e = exponent_of(b), up;

    if ((b & EXP_MASK) == EXP_MASK)
        return x + x;                   /* infinity, or NaN made quiet */
    if (e >= 52 || mag == 0)
        return x;                       /* zero, or already an integer */
    if (e < 0) {
        /* |x| < 1: the answer is 0 or 1 with x's sign */
        switch (mode) {
        case DOWN:
            up = sign != 0;
            break;
        case UP:
            up = sign == 0;
            break;
        case HALF_AWAY:
            up = e == -1;
            break;
        case HALF_EVEN:
            up = e == -1 && (mag & FRAC_MASK) != 0;
            break;
        default:
            up = 0;
            break;
        }
        return from_bits(sign | (up ? 0x3ff0000000000000ULL : 0));
    }
    unit = 1ULL << (52 - e);            /* the value 1 at this exponent */
    mask = unit - 1;
    frac = mag & mask;
    half = unit >> 1;
    if (frac == 0)
        return x;
    switch (mode) {
    case DOWN:
        up = sign != 0;
        break;
    case UP:
        up = sign == 0;
        break;
    case HALF_AWAY:
        up = frac >= half;
        break;
    case HALF_EVEN:
        up = frac > half || (frac == half && (mag & unit));
        break;
    default:
        up = 0;
        break;
    }
    mag &= ~mask;
    if (up)
        mag += unit;                    /* a carry into the exponent is still right */
    return from_bits(sign | mag);
}

double floor(double x) { return round_integer(x, DOWN); }
double ceil(double x) { return round_integer(x, UP); }
double trunc(double x) { return round_integer(x, TOWARD_ZERO); }
double round(double x) { return round_integer(x, HALF_AWAY); }
double rint(double x) { return round_integer(x, HALF_EVEN); }
double nearbyint(double x) { return round_integer(x, HALF_EVEN); }
long lround(double x) { return (long)round(x); }
long lrint(double x) { return (long)rint(x); }

double modf(double x, double *ip)
{
    double i = trunc(x);

    *ip = i;
    if (__fpclassify(x) == FP_INFINITE)
        return copysign(0.0, x);
    if (__fpclassify(x) == FP_NAN)
        return x + x;
    return copysign(x - i, x);
}

/* ---- scaling and remainders ---- */

double frexp(double x, int *exp)
{
    uint64_t b = bits_of(x), m;
    int e;

    *exp = 0;
    if ((b & ~SIGN_BIT) == 0 || (b & EXP_MASK) == EXP_MASK)
        return x + x;
    m = split(b, &e);
    while (!(m >> 52)) {
        m <<= 1;
        e--;
    }
    *exp = e + 53;
    return from_bits((b & SIGN_BIT) | (1022ULL << 52) | (m & FRAC_MASK));
}

double ldexp(double x, int exp)
{
    uint64_t b = bits_of(x), m;
    int e;
    double r;

    if ((b & ~SIGN_BIT) == 0 || (b & EXP_MASK) == EXP_MASK)
        return x + x;
    if (exp > 5000)
        exp = 5000;
    if (exp < -5000)
        exp = -5000;
    m = split(b, &e);
    r = __binary64(m, e + exp, 0);
    return (b & SIGN_BIT) ? -r : r;
}

double scalbn(double x, int exp)
{
    return ldexp(x, exp);
}

double fmod(double x, double y)
{
    uint64_t bx = bits_of(x), by = bits_of(y), mx, my;
    int ex, ey;
    double r;

    if ((bx & EXP_MASK) == EXP_MASK || (by & ~SIGN_BIT) == 0 || __fpclassify(y) == FP_NAN) {
        if (__fpclassify(x) != FP_NAN && __fpclassify(y) != FP_NAN)
            errno = EDOM;
        return (x * y) / (x * y);
    }
    if ((by & EXP_MASK) == EXP_MASK || (bx & ~SIGN_BIT) < (by & ~SIGN_BIT))
        return x;
    mx = split(bx, &ex);
    my = split(by, &ey);
    while (!(mx >> 52)) {
        mx <<= 1;
        ex--;
    }
    while (!(my >> 52)) {
        my <<= 1;
        ey--;
    }
    /* long division of mx * 2^ex by my * 2^ey, keeping only the remainder;
     * with both at 53 bits, mx stays below 2 * my */
    while (ex > ey) {
        if (mx >= my)
            mx -= my;
        if (mx == 0)
            return copysign(0.0, x);
        mx <<= 1;
        ex--;
    }
    if (mx >= my)
        mx -= my;
    r = mx ? __binary64(mx, ex, 0) : 0.0;
    return copysign(r, x);
}

/* ---- square root, digit by digit, correctly rounded ---- */

double sqrt(double x)
{
    uint64_t b = bits_of(x), m, q = 0, r = 0, t;
    int e, i, bit;

    if (__fpclassify(x) == FP_NAN)
        return x + x;
    if ((b & ~SIGN_BIT) == 0)
        return x;
    if (b & SIGN_BIT) {
        errno = EDOM;
        return (x - x) / (x - x);
    }
    if (__fpclassify(x) == FP_INFINITE)
        return x;
    m = split(b, &e);
    while (!(m >> 52)) {
        m <<= 1;                        /* subnormal: bring it to 53 bits first */
        e--;
    }
    if (e & 1) {
        m <<= 1;
        e--;
    }
    /* N = m * 2^56 is taken two bits at a time from the top; q = floor(sqrt(N)) */
    for (i = 55; i >= 0; i--) {
        bit = 2 * i - 56;
        r <<= 2;
        if (bit + 1 >= 0)
            r |= ((m >> (bit + 1)) & 1) << 1;
        if (bit >= 0)
            r |= (m >> bit) & 1;
        t = (q << 2) | 1;
        if (r >= t) {
            r -= t;
            q = (q << 1) | 1;
        } else {
            q <<= 1;
        }
    }
    return __binary64(q, e / 2 - 28, r != 0);
}

float sqrtf(float x)
{
    return (float)sqrt((double)x);      /* 53 >= 2 * 24 + 2 bits: rounding twice is exact */
}

/* A NaN with the quiet bit clear. */
static int is_signaling(double x)
{
    uint64_t b = bits_of(x);

    return __fpclassify(x) == FP_NAN && !(b & (1ULL << 51));
}

/* fmin/fmax ignore a quiet NaN operand but turn a signaling one into a NaN result. */
double fmin(double x, double y)
{
    if (is_signaling(x) || is_signaling(y))
        return x + y;
    if (__fpclassify(x) == FP_NAN)
        return y;
    if (__fpclassify(y) == FP_NAN)
        return x;
    return x < y ? x : y;
}

double fmax(double x, double y)
{
    if (is_signaling(x) || is_signaling(y))
        return x + y;
    if (__fpclassify(x) == FP_NAN)
        return y;
    if (__fpclassify(y) == FP_NAN)
        return x;
    return x > y ? x : y;
}

double fdim(double x, double y)
{
    double r;

    if (x <= y)
        return 0.0;
    r = x - y;
    if (__fpclassify(r) == FP_INFINITE && __fpclassify(x) != FP_INFINITE && __fpclassify(y) != FP_INFINITE)
        errno = ERANGE;
    return r;
}
