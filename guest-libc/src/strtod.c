/* strtod.c: correctly rounded decimal and hexadecimal to double conversion.
 * The decimal digits become a big integer D, and D * 10^E is divided out to
 * 64 significant bits plus a sticky bit, then rounded half to even. */
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>
#include <stdint.h>

#define MAX_DIGITS 800
#define LIMBS 320

struct bignum {
    int n;                  /* limbs in use, little-endian base 2^32 */
    uint32_t d[LIMBS];
};

static void bn_set(struct bignum *b, uint64_t v)
{
    b->n = 0;
    while (v) {
        b->d[b->n++] = (uint32_t)v;
        v >>= 32;
    }
}

static void bn_mul_add(struct bignum *b, uint32_t m, uint32_t a)
{
    uint64_t carry = a;
    int i;

    for (i = 0; i < b->n; i++) {
        uint64_t t = (uint64_t)b->d[i] * m + carry;
        b->d[i] = (uint32_t)t;
        carry = t >> 32;
    }
    if (carry)
        b->d[b->n++] = (uint32_t)carry;
}

static int bn_bits(const struct bignum *b)
{
    uint32_t top;
    int bits;

    if (b->n == 0)
        return 0;
    top = b->d[b->n - 1];
    bits = 32 * (b->n - 1);
    while (top) {
        bits++;
        top >>= 1;
    }
    return bits;
}

static int bn_bit(const struct bignum *b, int i)
{
    return i / 32 < b->n ? (int)((b->d[i / 32] >> (i % 32)) & 1) : 0;
}

static void bn_shl(struct bignum *b, int k)
{
    int words = k / 32, bits = k % 32, i;

    if (b->n == 0)
        return;
    b->d[b->n] = 0;
    for (i = b->n; i >= 0; i--) {
        uint32_t hi = b->d[i] << bits;
        uint32_t lo = (bits && i > 0) ? b->d[i - 1] >> (32 - bits) : 0;
        b->d[i + words] = hi | lo;
    }
    for (i = 0; i < words; i++)
        b->d[i] = 0;
    b->n += words + 1;
    while (b->n > 0 && b->d[b->n - 1] == 0)
        b->n--;
}

static int bn_cmp(const struct bignum *a, const struct bignum *b)
{
    int i;

    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    for (i = a->n - 1; i >= 0; i--)
        if (a->d[i] != b->d[i])
            return a->d[i] < b->d[i] ? -1 : 1;
    return 0;
}

static void bn_sub(struct bignum *a, const struct bignum *b)
{
    int64_t borrow = 0;
    int i;

    for (i = 0; i < a->n; i++) {
        int64_t t = (int64_t)a->d[i] - (i < b->n ? (int64_t)b->d[i] : 0) - borrow;
        borrow = t < 0;
        a->d[i] = (uint32_t)(t + (borrow ? ((int64_t)1 << 32) : 0));
    }
    while (a->n > 0 && a->d[a->n - 1] == 0)
        a->n--;
}

/* An IEEE binary format: significand bits (with the hidden one), exponent bits. */
struct ieee_format {
    int mant_bits;
    int exp_bits;
};

static const struct ieee_format binary64 = { 53, 11 };
static const struct ieee_format binary32 = { 24, 8 };

static int emax(const struct ieee_format *fmt)
{
    return (1 << (fmt->exp_bits - 1)) - 1;
}

static uint64_t infinity_bits(const struct ieee_format *fmt)
{
    return (((uint64_t)1 << fmt->exp_bits) - 1) << (fmt->mant_bits - 1);
}

/* x86 detects tininess after rounding: a value just below the smallest normal
 * is not tiny if rounding it to full precision would reach that normal. */
static int tiny_after_rounding(uint64_t q, int exp, int sticky, const struct ieee_format *fmt)
{
    int drop = 64 - fmt->mant_bits;
    uint64_t m = q >> drop, rest = q & (((uint64_t)1 << drop) - 1), half = (uint64_t)1 << (drop - 1);

    if (exp != -emax(fmt))
        return 1;
    if (rest > half || (rest == half && (sticky || (m & 1))))
        m++;
    return (m >> fmt->mant_bits) == 0;
}

/* The encoding nearest to q * 2^e2 (+ a sticky fraction), rounding half to
 * even, gradual underflow; sets ERANGE on overflow and inexact underflow. */
static uint64_t make_bits(uint64_t q, int e2, int sticky, const struct ieee_format *fmt)
{
    int exp, keep, drop, emin = 1 - emax(fmt);
    uint64_t m, half, rest;

    if (q == 0)
        return 0;
    while (!(q >> 63)) {
        q <<= 1;
        e2--;
    }
    exp = e2 + 63;                      /* value is in [2^exp, 2^(exp+1)) */
    keep = fmt->mant_bits;
    if (exp < emin)
        keep = fmt->mant_bits - (emin - exp);
    if (keep < 0) {
        errno = ERANGE;
        return 0;
    }
    drop = 64 - keep;
    m = drop < 64 ? q >> drop : 0;
    rest = drop < 64 ? q & (((uint64_t)1 << drop) - 1) : q;
    half = (uint64_t)1 << (drop - 1);
    if (rest > half || (rest == half && (sticky || (m & 1))))
        m++;
    if (keep < fmt->mant_bits) {
        /* subnormal: reaching 2^(mant_bits-1) is exactly the smallest normal's encoding */
        if ((rest || sticky) && tiny_after_rounding(q, exp, sticky, fmt))
            errno = ERANGE;
        return m;
    }
    if (m >> fmt->mant_bits) {
        m >>= 1;
        exp++;
    }
    if (exp > emax(fmt)) {
        errno = ERANGE;
        return infinity_bits(fmt);
    }
    return ((uint64_t)(exp + emax(fmt)) << (fmt->mant_bits - 1)) | (m & (((uint64_t)1 << (fmt->mant_bits - 1)) - 1));
}

static uint64_t decimal_to_bits(const char *digits, int ndigits, long exp10, int sticky,
                                const struct ieee_format *fmt)
{
    static struct bignum num, den;
    uint64_t q = 0;
    int i, k, s;

    if (ndigits == 0 && !sticky)
        return 0;
    if (exp10 + ndigits > 311) {
        errno = ERANGE;
        return infinity_bits(fmt);
    }
    if (exp10 + ndigits < -326) {
        errno = ERANGE;
        return 0;
    }
    bn_set(&num, 0);
    for (i = 0; i < ndigits; i++) {
        if (num.n == 0) {
            bn_set(&num, (uint64_t)(digits[i] - '0'));
        } else {
            bn_mul_add(&num, 10, (uint32_t)(digits[i] - '0'));
        }
    }
    if (sticky) {
        bn_mul_add(&num, 10, 1);        /* a nonzero tail beyond what we kept */
        exp10--;
    }
    if (num.n == 0)
        return 0;
    if (exp10 >= 0) {
        for (i = 0; i < exp10; i++)
            bn_mul_add(&num, 10, 0);
        k = bn_bits(&num);
        if (k <= 64) {
            for (i = 0; i < k; i++)
                q |= (uint64_t)bn_bit(&num, i) << i;
            return make_bits(q, 0, 0, fmt);
        }
        for (i = 0; i < 64; i++)
            q |= (uint64_t)bn_bit(&num, k - 64 + i) << i;
        s = 0;
        for (i = 0; i < k - 64 && !s; i++)
            s = bn_bit(&num, i);
        return make_bits(q, k - 64, s, fmt);
    }
    bn_set(&den, 1);
    for (i = 0; i < -exp10; i++)
        bn_mul_add(&den, 10, 0);
    /* scale so that 2^63 <= num / den < 2^64 */
    k = bn_bits(&den) - bn_bits(&num) + 63;
    if (k > 0)
        bn_shl(&num, k);
    else if (k < 0)
        bn_shl(&den, -k);
    bn_shl(&den, 63);
    if (bn_cmp(&num, &den) < 0) {
        bn_shl(&num, 1);
        k++;
    }
    /* long division, one quotient bit at a time, from bit 63 down */
    for (i = 63; i >= 0; i--) {
        if (bn_cmp(&num, &den) >= 0) {
            bn_sub(&num, &den);
            q |= (uint64_t)1 << i;
        }
        if (i > 0)
            bn_shl(&num, 1);
    }
    return make_bits(q, -k, num.n != 0, fmt);
}

/* Hex digits after "0x"; returns 0 with *ok clear when there are none. */
static uint64_t hex_to_bits(const char **sp, const struct ieee_format *fmt, int *ok)
{
    const char *p = *sp;
    uint64_t m = 0;
    long exp2 = 0;
    int sticky = 0, any = 0, d, neg_exp = 0;
    long e = 0;

    for (;; p++) {
        if (isxdigit((unsigned char)*p))
            d = isdigit((unsigned char)*p) ? *p - '0' : (*p | 0x20) - 'a' + 10;
        else
            break;
        any = 1;
        if (m >> 60)
            sticky |= d != 0, exp2 += 4;
        else
            m = m * 16 + (uint64_t)d;
    }
    if (*p == '.') {
        for (p++; isxdigit((unsigned char)*p); p++) {
            d = isdigit((unsigned char)*p) ? *p - '0' : (*p | 0x20) - 'a' + 10;
            any = 1;
            if (m >> 60) {
                sticky |= d != 0;
            } else {
                m = m * 16 + (uint64_t)d;
                exp2 -= 4;
            }
        }
    }
    *ok = any;
    if (!any)
        return 0;
    if ((*p | 0x20) == 'p') {
        const char *q = p + 1;
        if (*q == '+' || *q == '-')
            neg_exp = *q++ == '-';
        if (isdigit((unsigned char)*q)) {
            for (; isdigit((unsigned char)*q); q++)
                if (e < 100000)
                    e = e * 10 + (*q - '0');
            exp2 += neg_exp ? -e : e;
            p = q;
        }
    }
    *sp = p;
    if (exp2 > 5000)
        exp2 = 5000;
    if (exp2 < -5000)
        exp2 = -5000;
    return make_bits(m, (int)exp2, sticky, fmt);
}

static int match_word(const char *p, const char *word)
{
    int n = 0;

    while (word[n] && ((unsigned char)p[n] | 0x20) == word[n])
        n++;
    return word[n] == 0 ? n : 0;
}

/* Parses like strtod and returns the encoding in fmt, sign bit included. */
static uint64_t parse_to(const char *s, char **end, const struct ieee_format *fmt)
{
    static char digits[MAX_DIGITS];
    const char *p = s, *q;
    int negative = 0, ndigits = 0, sticky = 0, any = 0, n, ok;
    long exp10 = 0, e = 0;
    int neg_exp = 0;
    uint64_t sign, bits;

    while (isspace((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-')
        negative = *p++ == '-';
    sign = negative ? (uint64_t)1 << (fmt->mant_bits - 1 + fmt->exp_bits) : 0;
    if ((n = match_word(p, "infinity")) != 0 || (n = match_word(p, "inf")) != 0) {
        if (end)
            *end = (char *)(p + n);
        return sign | infinity_bits(fmt);
    }
    if ((n = match_word(p, "nan")) != 0) {
        p += n;
        if (*p == '(') {
            q = p + 1;
            while (isalnum((unsigned char)*q) || *q == '_')
                q++;
            if (*q == ')')
                p = q + 1;
        }
        if (end)
            *end = (char *)p;
        return sign | infinity_bits(fmt) | (uint64_t)1 << (fmt->mant_bits - 2);
    }
    if (p[0] == '0' && (p[1] | 0x20) == 'x') {
        q = p + 2;
        bits = hex_to_bits(&q, fmt, &ok);
        if (end)
            *end = (char *)(ok ? q : p + 1);
        return sign | bits;
    }
    for (; isdigit((unsigned char)*p); p++) {
        any = 1;
        if (ndigits == 0 && *p == '0')
            continue;
        if (ndigits < MAX_DIGITS)
            digits[ndigits++] = *p;
        else {
            sticky |= *p != '0';
            exp10++;
        }
    }
    if (*p == '.') {
        for (p++; isdigit((unsigned char)*p); p++) {
            any = 1;
            if (ndigits == 0 && *p == '0') {
                exp10--;
                continue;
            }
            if (ndigits < MAX_DIGITS) {
                digits[ndigits++] = *p;
                exp10--;
            } else {
                sticky |= *p != '0';
            }
        }
    }
    if (!any) {
        if (end)
            *end = (char *)s;
        return 0;
    }
    if ((*p | 0x20) == 'e') {
        q = p + 1;
        if (*q == '+' || *q == '-')
            neg_exp = *q++ == '-';
        if (isdigit((unsigned char)*q)) {
            for (; isdigit((unsigned char)*q); q++)
                if (e < 100000)
                    e = e * 10 + (*q - '0');
            exp10 += neg_exp ? -e : e;
            p = q;
        }
    }
    if (end)
        *end = (char *)p;
    return sign | decimal_to_bits(digits, ndigits, exp10, sticky, fmt);
}

double strtod(const char *s, char **end)
{
    uint64_t bits = parse_to(s, end, &binary64);
    double r;

    memcpy(&r, &bits, sizeof(r));
    return r;
}

float strtof(const char *s, char **end)
{
    uint32_t bits = (uint32_t)parse_to(s, end, &binary32);
    float r;

    memcpy(&r, &bits, sizeof(r));
    return r;
}

long double strtold(const char *s, char **end)
{
    return strtod(s, end);
}

/* For math.c: the double nearest to q * 2^e2 (+ sticky), with ERANGE as strtod. */
double __binary64(uint64_t q, int e2, int sticky)
{
    uint64_t bits = make_bits(q, e2, sticky, &binary64);
    double r;

    memcpy(&r, &bits, sizeof(r));
    return r;
}
