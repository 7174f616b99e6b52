/* format.c: the printf engine. Integers, strings, and floating point printed
 * exactly: a binary floating value m * 2^e is expanded to all of its decimal
 * digits with big-integer arithmetic, then rounded half-to-even like glibc. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <errno.h>
#include "libc.h"

struct out {
    void (*emit)(void *, const char *, size_t);
    void *ctx;
    long count;
    int failed;         /* printf then returns -1, as glibc does for EINVAL/EILSEQ */
};

struct spec {
    int minus, plus, space, alt, zero;
    int width;
    int prec;           /* -1 when absent */
    int length;         /* one of the LEN_ values */
    int conv;
};

enum { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_J, LEN_T, LEN_BIGL };

static void put(struct out *o, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (o->emit)
        o->emit(o->ctx, s, n);
    o->count += (long)n;
}

static void put_repeat(struct out *o, char c, long n)
{
    char buf[32];
    long k;

    memset(buf, c, sizeof(buf));
    for (; n > 0; n -= k) {
        k = n < (long)sizeof(buf) ? n : (long)sizeof(buf);
        put(o, buf, (size_t)k);
    }
}

/* Lays out prefix (sign, 0x), zero fill and body inside the field width.
 * zero_pad says whether the '0' flag applies to this conversion. */
static void put_field(struct out *o, struct spec *sp, const char *prefix, const char *body,
                      long body_len, long zeros, int zero_pad)
{
    long prefix_len = (long)strlen(prefix);
    long len = prefix_len + zeros + body_len;
    long fill = sp->width > len ? sp->width - len : 0;

    if (!sp->minus && !(zero_pad && sp->zero))
        put_repeat(o, ' ', fill);
    put(o, prefix, (size_t)prefix_len);
    if (!sp->minus && zero_pad && sp->zero)
        put_repeat(o, '0', fill);
    put_repeat(o, '0', zeros);
    put(o, body, (size_t)body_len);
    if (sp->minus)
        put_repeat(o, ' ', fill);
}

/* ---- integers ---- */

static int to_digits(char *end, unsigned long long v, int base, int upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    int n = 0;

    while (v) {
        *--end = digits[v % base];
        v /= base;
        n++;
    }
    return n;
}

/* Writes v in decimal at dst, at least one digit; returns the length. */
static int to_digits_min1(char *dst, unsigned long long v)
{
    char tmp[24];
    int n = to_digits(tmp + sizeof(tmp), v, 10, 0);

    if (n == 0) {
        dst[0] = '0';
        return 1;
    }
    memcpy(dst, tmp + sizeof(tmp) - n, (size_t)n);
    return n;
}

static void format_int(struct out *o, struct spec *sp, unsigned long long v, int negative)
{
    char buf[72], prefix[4];
    char *end = buf + sizeof(buf);
    int base = 10, n;
    long zeros;
    int c = sp->conv;

    if (c == 'o')
        base = 8;
    else if (c == 'x' || c == 'X' || c == 'p')
        base = 16;
    n = to_digits(end, v, base, c == 'X');
    prefix[0] = 0;
    if (negative)
        strcpy(prefix, "-");
    else if (sp->plus && (c == 'd' || c == 'i' || c == 'p'))
        strcpy(prefix, "+");
    else if (sp->space && (c == 'd' || c == 'i' || c == 'p'))
        strcpy(prefix, " ");
    if ((c == 'x' || c == 'X') && sp->alt && v != 0)
        strcat(prefix, c == 'x' ? "0x" : "0X");
    if (c == 'p')
        strcat(prefix, "0x");
    if (sp->prec < 0 && n == 0)
        zeros = 1;                      /* plain zero prints one digit */
    else
        zeros = sp->prec > n ? sp->prec - n : 0;
    if (c == 'o' && sp->alt && zeros == 0 && (n == 0 || end[-n] != '0'))
        zeros = 1;
    put_field(o, sp, prefix, end - n, n, zeros, sp->prec < 0);
}

/* ---- big integers, base 1e9, for exact decimal expansion ---- */

#define BIG_LIMBS 1300
#define BIG_BASE 1000000000u

struct big {
    int n;
    uint32_t d[BIG_LIMBS];
};

static void big_mul_small(struct big *b, uint32_t m)
{
    uint64_t carry = 0;
    int i;

    for (i = 0; i < b->n; i++) {
        uint64_t t = (uint64_t)b->d[i] * m + carry;
        b->d[i] = (uint32_t)(t % BIG_BASE);
        carry = t / BIG_BASE;
    }
    while (carry) {
        b->d[b->n++] = (uint32_t)(carry % BIG_BASE);
        carry /= BIG_BASE;
    }
}

static void big_set(struct big *b, uint64_t v)
{
    b->n = 0;
    while (v) {
        b->d[b->n++] = (uint32_t)(v % BIG_BASE);
        v /= BIG_BASE;
    }
}

/* Writes the decimal digits of b (no leading zeros) and returns their count. */
static int big_to_chars(struct big *b, char *out)
{
    int len = 0, i, k;
    char tmp[9];
    uint32_t v;

    for (i = b->n - 1; i >= 0; i--) {
        v = b->d[i];
        for (k = 8; k >= 0; k--) {
            tmp[k] = (char)('0' + v % 10);
            v /= 10;
        }
        if (i == b->n - 1) {
            k = 0;
            while (k < 8 && tmp[k] == '0')
                k++;
            memcpy(out + len, tmp + k, (size_t)(9 - k));
            len += 9 - k;
        } else {
            memcpy(out + len, tmp, 9);
            len += 9;
        }
    }
    return len;
}

/* An exact decimal: value = 0.digits * 10^point, digits without trailing zeros. */
struct decimal {
    char digits[BIG_LIMBS * 9 + 2];
    int len;
    int point;
};

/* Expands mant * 2^exp2 exactly; mant must be nonzero. */
static void expand(struct decimal *dec, uint64_t mant, int exp2)
{
    static struct big b;
    int e;

    while (!(mant & 1)) {
        mant >>= 1;
        exp2++;
    }
    big_set(&b, mant);
    if (exp2 >= 0) {
        for (e = exp2; e > 0; e -= 29)
            big_mul_small(&b, 1u << (e < 29 ? e : 29));
        dec->len = big_to_chars(&b, dec->digits);
        dec->point = dec->len;
    } else {
        for (e = -exp2; e > 0; e -= 13) {
            uint32_t p = 1;
            int k;
            for (k = 0; k < (e < 13 ? e : 13); k++)
                p *= 5;
            big_mul_small(&b, p);
        }
        dec->len = big_to_chars(&b, dec->digits);
        dec->point = dec->len + exp2;
    }
    while (dec->len > 0 && dec->digits[dec->len - 1] == '0')
        dec->len--;
}

/* Keeps the first keep digits, rounding half to even; keep may be <= 0. */
static void round_digits(struct decimal *dec, int keep)
{
    int up, i;

    if (keep >= dec->len)
        return;
    if (keep < 0) {
        dec->len = 0;
        return;
    }
    if (dec->digits[keep] > '5')
        up = 1;
    else if (dec->digits[keep] < '5')
        up = 0;
    else if (keep + 1 < dec->len)
        up = 1;                         /* digits are trimmed, so anything after is nonzero */
    else
        up = keep > 0 && (dec->digits[keep - 1] - '0') % 2 == 1;
    dec->len = keep;
    if (up) {
        for (i = keep - 1; i >= 0; i--) {
            if (dec->digits[i] != '9') {
                dec->digits[i]++;
                break;
            }
            dec->digits[i] = '0';
        }
        if (i < 0) {
            memmove(dec->digits + 1, dec->digits, (size_t)keep);
            dec->digits[0] = '1';
            dec->len = keep + 1;
            dec->point++;
        }
    }
    while (dec->len > 0 && dec->digits[dec->len - 1] == '0')
        dec->len--;
}

static char digit_at(struct decimal *dec, int i)
{
    return i >= 0 && i < dec->len ? dec->digits[i] : '0';
}

/* A floating value taken apart: class, sign, mantissa and binary exponent. */
struct fp {
    int negative;
    int is_inf, is_nan, is_zero;
    uint64_t mant;      /* value = mant * 2^exp2 */
    int exp2;
    int mant_bits;      /* 53 for double, 64 for long double */
};

static void split_double(struct fp *f, double v)
{
    uint64_t bits;
    int e;

    memcpy(&bits, &v, 8);
    f->negative = (int)(bits >> 63);
    e = (int)((bits >> 52) & 0x7ff);
    f->mant = bits & 0xfffffffffffffULL;
    f->is_inf = e == 0x7ff && f->mant == 0;
    f->is_nan = e == 0x7ff && f->mant != 0;
    f->is_zero = e == 0 && f->mant == 0;
    f->mant_bits = 53;
    if (e == 0) {
        f->exp2 = -1074;
    } else {
        f->mant |= 1ULL << 52;
        f->exp2 = e - 1075;
    }
}

static void split_long_double(struct fp *f, long double v)
{
    unsigned char raw[16];
    unsigned int se;
    int e;

    memcpy(raw, &v, 10);
    memcpy(&f->mant, raw, 8);
    se = (unsigned int)raw[8] | ((unsigned int)raw[9] << 8);
    f->negative = (int)(se >> 15);
    e = (int)(se & 0x7fff);
    f->is_inf = e == 0x7fff && (f->mant << 1) == 0;
    f->is_nan = e == 0x7fff && (f->mant << 1) != 0;
    f->is_zero = f->mant == 0 && !f->is_inf && !f->is_nan;
    f->mant_bits = 64;
    f->exp2 = (e == 0 ? 1 : e) - 16383 - 63;
}

static void sign_prefix(char *prefix, struct spec *sp, int negative)
{
    if (negative)
        strcpy(prefix, "-");
    else if (sp->plus)
        strcpy(prefix, "+");
    else if (sp->space)
        strcpy(prefix, " ");
    else
        prefix[0] = 0;
}

static int is_upper(int c)
{
    return c == 'E' || c == 'F' || c == 'G' || c == 'A';
}

static void format_special(struct out *o, struct spec *sp, struct fp *f)
{
    char prefix[4];
    const char *body;

    sign_prefix(prefix, sp, f->negative);
    if (f->is_inf)
        body = is_upper(sp->conv) ? "INF" : "inf";
    else
        body = is_upper(sp->conv) ? "NAN" : "nan";
    put_field(o, sp, prefix, body, 3, 0, 0);
}

/* Body writers: print (or, with o->emit NULL, count) the digits part of a field. */

static void body_fixed(struct out *o, struct decimal *dec, int prec, int alt)
{
    int i;
    char c;

    if (dec->point <= 0) {
        put(o, "0", 1);
    } else {
        for (i = 0; i < dec->point; i++) {
            c = digit_at(dec, i);
            put(o, &c, 1);
        }
    }
    if (prec > 0 || alt)
        put(o, ".", 1);
    for (i = 0; i < prec; i++) {
        c = digit_at(dec, dec->point + i);
        put(o, &c, 1);
    }
}

static void body_exp(struct out *o, struct decimal *dec, int prec, int alt, int upper, int zero)
{
    char buf[16];
    int i, e = zero ? 0 : dec->point - 1;
    char c = digit_at(dec, 0);

    put(o, &c, 1);
    if (prec > 0 || alt)
        put(o, ".", 1);
    for (i = 1; i <= prec; i++) {
        c = digit_at(dec, i);
        put(o, &c, 1);
    }
    buf[0] = upper ? 'E' : 'e';
    buf[1] = e < 0 ? '-' : '+';
    if (e < 0)
        e = -e;
    i = to_digits(buf + 15, (unsigned long long)e, 10, 0);
    if (i < 2) {
        put(o, buf, 2);
        put_repeat(o, '0', 2 - i);
        put(o, buf + 15 - i, (size_t)i);
    } else {
        put(o, buf, 2);
        put(o, buf + 15 - i, (size_t)i);
    }
}

/* One float body in %f or %e style; the caller picks and rounds. */
struct float_body {
    struct decimal *dec;
    int style;          /* 'f' or 'e' */
    int prec;
    int alt;
    int upper;
    int zero;
};

static void put_float_body(struct out *o, struct float_body *fb)
{
    if (fb->style == 'f')
        body_fixed(o, fb->dec, fb->prec, fb->alt);
    else
        body_exp(o, fb->dec, fb->prec, fb->alt, fb->upper, fb->zero);
}

static void put_float_field(struct out *o, struct spec *sp, struct fp *f, struct float_body *fb)
{
    struct out counter;
    char prefix[4];
    long len, fill;

    counter.emit = NULL;
    counter.ctx = NULL;
    counter.count = 0;
    counter.failed = 0;
    put_float_body(&counter, fb);
    len = counter.count;
    sign_prefix(prefix, sp, f->negative);
    len += (long)strlen(prefix);
    fill = sp->width > len ? sp->width - len : 0;
    if (!sp->minus && !sp->zero)
        put_repeat(o, ' ', fill);
    put(o, prefix, strlen(prefix));
    if (!sp->minus && sp->zero)
        put_repeat(o, '0', fill);
    put_float_body(o, fb);
    if (sp->minus)
        put_repeat(o, ' ', fill);
}

static void decimal_of(struct decimal *dec, struct fp *f)
{
    if (f->is_zero) {
        dec->len = 0;
        dec->point = 1;
    } else {
        expand(dec, f->mant, f->exp2);
    }
}

/* %g: trailing zeros go unless '#'; we express that by lowering the precision. */
static int g_trim(struct decimal *dec, int style, int prec)
{
    int used;

    if (style == 'f')
        used = dec->len - dec->point;
    else
        used = dec->len - 1;
    if (used < 0)
        used = 0;
    return used < prec ? used : prec;
}

static void format_float(struct out *o, struct spec *sp, struct fp *f)
{
    static struct decimal dec;
    struct float_body fb;
    int prec = sp->prec < 0 ? 6 : sp->prec;
    int c = sp->conv | 0x20, x, x0;

    if (f->is_inf || f->is_nan) {
        format_special(o, sp, f);
        return;
    }
    decimal_of(&dec, f);
    fb.dec = &dec;
    fb.alt = sp->alt;
    fb.upper = is_upper(sp->conv);
    fb.zero = f->is_zero;
    if (c == 'f') {
        round_digits(&dec, dec.point + prec);
        fb.style = 'f';
        fb.prec = prec;
    } else if (c == 'e') {
        round_digits(&dec, prec + 1);
        fb.zero = dec.len == 0;
        fb.style = 'e';
        fb.prec = prec;
    } else {
        if (prec == 0)
            prec = 1;
        x0 = dec.len == 0 ? 0 : dec.point - 1;
        round_digits(&dec, prec);
        x = dec.len == 0 ? 0 : dec.point - 1;
        if (x < prec && x >= -4) {
            fb.style = 'f';
            fb.prec = prec - 1 - x;
        } else {
            fb.style = 'e';
            fb.prec = prec - 1;
            /* glibc picked fixed style before rounding carried into a new digit,
             * and keeps that style's zero fraction digits: "%#.3g" of 999.5 is "1.e+03". */
            if (x0 == prec - 1 && x == prec)
                fb.prec = 0;
        }
        fb.zero = dec.len == 0;
        if (!sp->alt)
            fb.prec = g_trim(&dec, fb.style, fb.prec);
    }
    put_float_field(o, sp, f, &fb);
}

/* %a: hexadecimal mantissa. Doubles print as 1.xxx (0.xxx when subnormal),
 * long doubles show their explicit integer bit as glibc does (0x8p-3 for 1). */
static void format_hex_float(struct out *o, struct spec *sp, struct fp *f)
{
    const char *hex = sp->conv == 'A' ? "0123456789ABCDEF" : "0123456789abcdef";
    char head[3], tail[24], prefix[6], digit;
    uint64_t frac;
    int lead, frac_digits, exp, head_len = 0, tail_len = 0, i, prec;
    long len, fill;

    if (f->is_inf || f->is_nan) {
        format_special(o, sp, f);
        return;
    }
    if (f->mant_bits == 53) {
        lead = (int)(f->mant >> 52);
        frac = (f->mant & 0xfffffffffffffULL) << 12;    /* 13 hex digits, left-aligned */
        frac_digits = 13;
        exp = f->is_zero ? 0 : (lead ? f->exp2 + 52 : -1022);
    } else {
        lead = (int)(f->mant >> 60);
        frac = f->mant << 4;
        frac_digits = 15;
        exp = f->is_zero ? 0 : f->exp2 + 60;
    }
    prec = sp->prec;
    if (prec < 0) {
        prec = frac_digits;
        while (prec > 0 && ((frac >> (64 - 4 * prec)) & 0xf) == 0)
            prec--;
    } else if (prec < frac_digits) {
        uint64_t rest = frac << (4 * prec);
        uint64_t kept = prec ? frac >> (64 - 4 * prec) : 0;
        int up = rest > 0x8000000000000000ULL || (rest == 0x8000000000000000ULL && ((prec ? kept : (uint64_t)lead) & 1));
        if (up) {
            kept++;
            if (prec == 0 || (kept >> (4 * prec)) != 0) {
                lead++;                 /* a double's carry grows the leading digit: 0x2.0p+0 */
                kept = 0;
            }
        }
        frac = prec ? kept << (64 - 4 * prec) : 0;
        if (lead == 16) {
            lead = 1;                   /* a long double's renormalizes: 0x1p+4 */
            exp += 4;
        }
    }
    head[head_len++] = hex[lead];
    if (prec > 0 || sp->alt)
        head[head_len++] = '.';
    tail[tail_len++] = sp->conv == 'A' ? 'P' : 'p';
    tail[tail_len++] = exp < 0 ? '-' : '+';
    tail_len += to_digits_min1(tail + tail_len, (unsigned long long)(exp < 0 ? -exp : exp));
    sign_prefix(prefix, sp, f->negative);
    strcat(prefix, sp->conv == 'A' ? "0X" : "0x");
    len = (long)strlen(prefix) + head_len + prec + tail_len;
    fill = sp->width > len ? sp->width - len : 0;
    if (!sp->minus && !sp->zero)
        put_repeat(o, ' ', fill);
    put(o, prefix, strlen(prefix));
    if (!sp->minus && sp->zero)
        put_repeat(o, '0', fill);
    put(o, head, (size_t)head_len);
    for (i = 0; i < prec && i < 16; i++) {
        digit = hex[(frac >> (60 - 4 * i)) & 0xf];
        put(o, &digit, 1);
    }
    put_repeat(o, '0', prec - i);
    put(o, tail, (size_t)tail_len);
    if (sp->minus)
        put_repeat(o, ' ', fill);
}

/* ---- the driver ---- */

/* Where a width or precision comes from. */
enum { FROM_NONE, FROM_TEXT, FROM_NEXT_ARG };

/* One argument, fetched from the va_list by the type its conversion names. */
enum { ARG_NONE, ARG_INT, ARG_LONG, ARG_DOUBLE, ARG_LONG_DOUBLE, ARG_PTR };

union arg {
    long long i;
    double d;
    long double ld;
    void *p;
};

#define MAX_POSITIONAL 128

/* A conversion as written: flags, where width/precision come from, length, letter. */
struct directive {
    struct spec sp;
    int pos;                /* n of "%n$", 0 when sequential */
    int width_from, prec_from;
    int width_pos, prec_pos;    /* m of "*m$", 0 when sequential */
};

static int read_number(const char **pp)
{
    const char *p = *pp;
    int n = 0;

    while (*p >= '0' && *p <= '9') {
        if (n < 100000000)
            n = n * 10 + (*p - '0');
        p++;
    }
    *pp = p;
    return n;
}

/* "m$" after a star or at the start: returns m and advances, or 0. */
static int read_position(const char **pp)
{
    const char *p = *pp;
    int n = read_number(&p);

    if (n > 0 && *p == '$') {
        *pp = p + 1;
        return n;
    }
    return 0;
}

static const char *parse_length(const char *p, struct spec *sp)
{
    if (p[0] == 'h' && p[1] == 'h') {
        sp->length = LEN_HH;
        return p + 2;
    }
    if (p[0] == 'l' && p[1] == 'l') {
        sp->length = LEN_LL;
        return p + 2;
    }
    switch (*p) {
    case 'h':
        sp->length = LEN_H;
        break;
    case 'l':
        sp->length = LEN_L;
        break;
    case 'q':
        sp->length = LEN_LL;
        break;
    case 'z':
        sp->length = LEN_Z;
        break;
    case 'j':
        sp->length = LEN_J;
        break;
    case 't':
        sp->length = LEN_T;
        break;
    case 'L':
        sp->length = LEN_BIGL;
        break;
    default:
        return p;
    }
    return p + 1;
}

/* Parses the text after '%' up to and including the conversion letter. */
static const char *parse_directive(const char *p, struct directive *d)
{
    struct spec *sp = &d->sp;

    memset(d, 0, sizeof(*d));
    sp->prec = -1;
    d->pos = read_position(&p);
    for (;; p++) {
        if (*p == '-')
            sp->minus = 1;
        else if (*p == '+')
            sp->plus = 1;
        else if (*p == ' ')
            sp->space = 1;
        else if (*p == '#')
            sp->alt = 1;
        else if (*p == '0')
            sp->zero = 1;
        else if (*p != '\'')
            break;
    }
    if (*p == '*') {
        p++;
        d->width_from = FROM_NEXT_ARG;
        d->width_pos = read_position(&p);
    } else if (*p >= '0' && *p <= '9') {
        d->width_from = FROM_TEXT;
        sp->width = read_number(&p);
    }
    if (*p == '.') {
        p++;
        d->prec_from = FROM_TEXT;
        sp->prec = 0;
        if (*p == '*') {
            p++;
            d->prec_from = FROM_NEXT_ARG;
            d->prec_pos = read_position(&p);
        } else {
            sp->prec = read_number(&p);
        }
    }
    p = parse_length(p, sp);
    sp->conv = *p;
    return p;
}

static int arg_type(struct spec *sp)
{
    switch (sp->conv) {
    case 'd':
    case 'i':
    case 'u':
    case 'o':
    case 'x':
    case 'X':
        return sp->length >= LEN_L && sp->length != LEN_BIGL ? ARG_LONG : ARG_INT;
    case 'c':
    case 'C':
        return ARG_INT;
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G':
    case 'a':
    case 'A':
        return sp->length == LEN_BIGL ? ARG_LONG_DOUBLE : ARG_DOUBLE;
    case 's':
    case 'S':
    case 'p':
    case 'n':
        return ARG_PTR;
    default:
        return ARG_NONE;
    }
}

/* Unions travel by pointer: one holding a long double is awkward in the ABI. */
static void fetch(union arg *a, int type, va_list ap)
{
    a->i = 0;
    switch (type) {
    case ARG_INT:
        a->i = va_arg(ap, int);
        break;
    case ARG_LONG:
        a->i = va_arg(ap, long long);
        break;
    case ARG_DOUBLE:
        a->d = va_arg(ap, double);
        break;
    case ARG_LONG_DOUBLE:
        a->ld = va_arg(ap, long double);
        break;
    case ARG_PTR:
        a->p = va_arg(ap, void *);
        break;
    }
}

/* Applies a '*' width or precision: a negative width means '-', a negative precision none. */
static void apply_star(struct spec *sp, int is_width, int value)
{
    if (is_width) {
        if (value < 0) {
            sp->minus = 1;
            value = -value;
        }
        sp->width = value;
    } else {
        sp->prec = value < 0 ? -1 : value;
    }
}

static long long signed_value(struct spec *sp, const union arg *a)
{
    switch (sp->length) {
    case LEN_HH:
        return (signed char)a->i;
    case LEN_H:
        return (short)a->i;
    case LEN_NONE:
        return (int)a->i;
    default:
        return a->i;
    }
}

static unsigned long long unsigned_value(struct spec *sp, const union arg *a)
{
    switch (sp->length) {
    case LEN_HH:
        return (unsigned char)a->i;
    case LEN_H:
        return (unsigned short)a->i;
    case LEN_NONE:
        return (unsigned int)a->i;
    default:
        return (unsigned long long)a->i;
    }
}

static void store_count(struct spec *sp, void *p, long count)
{
    switch (sp->length) {
    case LEN_HH:
        *(signed char *)p = (signed char)count;
        break;
    case LEN_H:
        *(short *)p = (short)count;
        break;
    case LEN_NONE:
        *(int *)p = (int)count;
        break;
    default:
        *(long *)p = count;
        break;
    }
}

static void format_string(struct out *o, struct spec *sp, const char *s)
{
    long n;

    if (s == NULL)
        s = (sp->prec < 0 || sp->prec >= 6) ? "(null)" : "";
    n = sp->prec < 0 ? (long)strlen(s) : (long)strnlen(s, (size_t)sp->prec);
    put_field(o, sp, "", s, n, 0, 0);
}

static void format_pointer(struct out *o, struct spec *sp, void *p)
{
    if (p == NULL) {
        struct spec nil = *sp;
        nil.prec = -1;
        put_field(o, &nil, "", "(nil)", 5, 0, 0);
        return;
    }
    format_int(o, sp, (unsigned long long)(uintptr_t)p, 0);
}

/* The C locale's multibyte encoding is ASCII: anything else is EILSEQ. */
static void format_wide_char(struct out *o, struct spec *sp, unsigned int wc)
{
    char ch = (char)wc;

    if (wc > 0x7f) {
        errno = EILSEQ;
        o->failed = 1;
        return;
    }
    put_field(o, sp, "", &ch, 1, 0, 0);
}

static void format_wide_string(struct out *o, struct spec *sp, const int *ws)
{
    char buf[256];
    long n = 0;

    if (ws == NULL) {
        format_string(o, sp, NULL);
        return;
    }
    while (ws[n] && (sp->prec < 0 || n < sp->prec)) {
        if ((unsigned int)ws[n] > 0x7f || n == (long)sizeof(buf)) {
            errno = (unsigned int)ws[n] > 0x7f ? EILSEQ : EOVERFLOW;
            o->failed = 1;
            return;
        }
        buf[n] = (char)ws[n];
        n++;
    }
    put_field(o, sp, "", buf, n, 0, 0);
}

/* An unknown conversion is echoed the way glibc rebuilds it: flags, width, precision. */
static void format_unknown(struct out *o, struct spec *sp)
{
    char buf[48];
    int n = 0;

    buf[n++] = '%';
    if (sp->alt)
        buf[n++] = '#';
    if (sp->plus)
        buf[n++] = '+';
    else if (sp->space)
        buf[n++] = ' ';
    if (sp->minus)
        buf[n++] = '-';
    else if (sp->zero)
        buf[n++] = '0';
    if (sp->width != 0)
        n += to_digits_min1(buf + n, (unsigned long long)sp->width);
    if (sp->prec != -1) {
        buf[n++] = '.';
        n += to_digits_min1(buf + n, (unsigned long long)sp->prec);
    }
    buf[n++] = (char)sp->conv;
    put(o, buf, (size_t)n);
}

static void format_one(struct out *o, struct spec *sp, const union arg *a)
{
    struct fp f;
    long long v;
    char ch;

    switch (sp->conv) {
    case 'd':
    case 'i':
        v = signed_value(sp, a);
        format_int(o, sp, v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v, v < 0);
        break;
    case 'u':
    case 'o':
    case 'x':
    case 'X':
        format_int(o, sp, unsigned_value(sp, a), 0);
        break;
    case 'c':
        if (sp->length == LEN_L) {
            format_wide_char(o, sp, (unsigned int)a->i);
            break;
        }
        ch = (char)a->i;
        put_field(o, sp, "", &ch, 1, 0, 0);
        break;
    case 'C':
        format_wide_char(o, sp, (unsigned int)a->i);
        break;
    case 's':
        if (sp->length == LEN_L)
            format_wide_string(o, sp, a->p);
        else
            format_string(o, sp, a->p);
        break;
    case 'S':
        format_wide_string(o, sp, a->p);
        break;
    case 'p':
        format_pointer(o, sp, a->p);
        break;
    case 'n':
        store_count(sp, a->p, o->count);
        break;
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G':
    case 'a':
    case 'A':
        if (sp->length == LEN_BIGL)
            split_long_double(&f, a->ld);
        else
            split_double(&f, a->d);
        if ((sp->conv | 0x20) == 'a')
            format_hex_float(o, sp, &f);
        else
            format_float(o, sp, &f);
        break;
    case '%':
        put(o, "%", 1);
        break;
    case 'm':
        format_string(o, sp, strerror((int)a->i));
        break;
    default:
        format_unknown(o, sp);
        break;
    }
}

/* Sequential arguments: each '*' and each conversion takes the next one. */
static void format_sequential(struct out *o, struct directive *d, va_list ap, int saved_errno)
{
    union arg a;

    if (d->width_from == FROM_NEXT_ARG)
        apply_star(&d->sp, 1, va_arg(ap, int));
    if (d->prec_from == FROM_NEXT_ARG)
        apply_star(&d->sp, 0, va_arg(ap, int));
    fetch(&a, arg_type(&d->sp), ap);
    if (d->sp.conv == 'm')
        a.i = saved_errno;
    format_one(o, &d->sp, &a);
}

static void note_type(int *types, int *max, int pos, int type)
{
    if (pos <= 0 || pos > MAX_POSITIONAL)
        return;
    types[pos - 1] = type;
    if (pos > *max)
        *max = pos;
}

/* "%n$" formats: learn every argument's type first, then fetch them in order. */
static void format_positional(struct out *o, const char *fmt, va_list ap, int saved_errno)
{
    static int types[MAX_POSITIONAL];
    static union arg args[MAX_POSITIONAL];
    struct directive d;
    const char *p, *start;
    int max = 0, i;

    memset(types, 0, sizeof(types));
    for (p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        if (p[1] == '%') {
            p++;
            continue;
        }
        p = parse_directive(p + 1, &d);
        if (d.sp.conv == 0)
            break;
        note_type(types, &max, d.width_pos, ARG_INT);
        note_type(types, &max, d.prec_pos, ARG_INT);
        note_type(types, &max, d.pos, arg_type(&d.sp));
    }
    for (i = 0; i < max; i++)
        fetch(&args[i], types[i] == ARG_NONE ? ARG_INT : types[i], ap);
    for (p = fmt; *p;) {
        start = p;
        while (*p && *p != '%')
            p++;
        put(o, start, (size_t)(p - start));
        if (*p == 0)
            break;
        if (p[1] == '%') {
            put(o, "%", 1);
            p += 2;
            continue;
        }
        p = parse_directive(p + 1, &d);
        if (d.sp.conv == 0) {
            errno = EINVAL;
            o->failed = 1;
            break;
        }
        p++;
        if (d.width_from == FROM_NEXT_ARG && d.width_pos > 0 && d.width_pos <= MAX_POSITIONAL)
            apply_star(&d.sp, 1, (int)args[d.width_pos - 1].i);
        if (d.prec_from == FROM_NEXT_ARG && d.prec_pos > 0 && d.prec_pos <= MAX_POSITIONAL)
            apply_star(&d.sp, 0, (int)args[d.prec_pos - 1].i);
        if (d.sp.conv == 'm' || d.sp.conv == '%') {
            union arg e;
            e.i = saved_errno;
            format_one(o, &d.sp, &e);
        } else if (d.pos > 0 && d.pos <= MAX_POSITIONAL) {
            format_one(o, &d.sp, &args[d.pos - 1]);
        }
    }
}

/* Like glibc, the first conversion decides whether arguments are numbered. */
static int uses_positions(const char *fmt)
{
    const char *p = strchr(fmt, '%');

    while (p && p[1] == '%')
        p = strchr(p + 2, '%');
    if (p == NULL)
        return 0;
    p++;
    return read_position(&p) > 0;
}

int __vformat(void (*emit)(void *, const char *, size_t), void *ctx, const char *fmt, va_list ap)
{
    struct out o;
    struct directive d;
    const char *p = fmt, *start;
    int saved_errno = errno;

    o.emit = emit;
    o.ctx = ctx;
    o.count = 0;
    o.failed = 0;
    if (uses_positions(fmt)) {
        format_positional(&o, fmt, ap, saved_errno);
        return o.failed ? -1 : (int)o.count;
    }
    while (*p) {
        start = p;
        while (*p && *p != '%')
            p++;
        put(&o, start, (size_t)(p - start));
        if (*p == 0)
            break;
        if (p[1] == '%') {
            put(&o, "%", 1);
            p += 2;
            continue;
        }
        p = parse_directive(p + 1, &d);
        if (d.sp.conv == 0) {
            errno = EINVAL;
            o.failed = 1;
            break;
        }
        format_sequential(&o, &d, ap, saved_errno);
        if (o.failed)
            break;
        p++;
    }
    return o.failed ? -1 : (int)o.count;
}
