/* scanf.c: formatted input for sscanf, fscanf and scanf. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <stdint.h>
#include <stddef.h>

/* Characters come from a string or a stream; one may be pushed back. */
struct source {
    const char *s;
    FILE *f;
    long consumed;
};

static int next(struct source *in)
{
    int c;

    if (in->f)
        c = fgetc(in->f);
    else
        c = *in->s ? (unsigned char)*in->s++ : EOF;
    if (c != EOF)
        in->consumed++;
    return c;
}

static void back(struct source *in, int c)
{
    if (c == EOF)
        return;
    in->consumed--;
    if (in->f)
        ungetc(c, in->f);
    else
        in->s--;
}

static int skip_space(struct source *in)
{
    int c;

    do
        c = next(in);
    while (c != EOF && isspace(c));
    back(in, c);
    return c;
}

enum { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_BIGL };

static void store_int(void *p, int len, unsigned long long v)
{
    switch (len) {
    case LEN_HH:
        *(char *)p = (char)v;
        break;
    case LEN_H:
        *(short *)p = (short)v;
        break;
    case LEN_NONE:
        *(int *)p = (int)v;
        break;
    default:
        *(long long *)p = (long long)v;
        break;
    }
}

static int is_digit_in(int c, int base)
{
    if (base == 16)
        return isxdigit(c);
    if (base == 8)
        return c >= '0' && c <= '7';
    return isdigit(c);
}

/* Reads an integer token of at most width characters into buf. */
static int read_integer(struct source *in, char *buf, int width, int base)
{
    int n = 0, c = next(in);

    if ((c == '+' || c == '-') && n < width) {
        buf[n++] = (char)c;
        c = next(in);
    }
    if (c == '0' && n < width && (base == 0 || base == 16)) {
        buf[n++] = (char)c;
        c = next(in);
        if ((c == 'x' || c == 'X') && n < width) {
            buf[n++] = (char)c;
            c = next(in);
            base = 16;
        } else if (base == 0) {
            base = 8;
        }
    }
    if (base == 0)
        base = 10;
    while (c != EOF && n < width && is_digit_in(c, base)) {
        buf[n++] = (char)c;
        c = next(in);
    }
    back(in, c);
    buf[n] = 0;
    return n;
}

/* Reads a floating token: sign, digits, point, exponent, or inf/nan, or hex. */
static int read_float(struct source *in, char *buf, int width)
{
    int n = 0, c = next(in), hex = 0, seen_exp = 0;

    if ((c == '+' || c == '-') && n < width) {
        buf[n++] = (char)c;
        c = next(in);
    }
    if (c == 'i' || c == 'I' || c == 'n' || c == 'N') {
        while (c != EOF && n < width && isalpha(c)) {
            buf[n++] = (char)c;
            c = next(in);
        }
        back(in, c);
        buf[n] = 0;
        return n;
    }
    if (c == '0' && n < width) {
        buf[n++] = (char)c;
        c = next(in);
        if ((c == 'x' || c == 'X') && n < width) {
            buf[n++] = (char)c;
            c = next(in);
            hex = 1;
        }
    }
    while (c != EOF && n < width) {
        if ((hex ? isxdigit(c) : isdigit(c)) || (c == '.' && !seen_exp)) {
            buf[n++] = (char)c;
        } else if (!seen_exp && (hex ? (c == 'p' || c == 'P') : (c == 'e' || c == 'E'))) {
            seen_exp = 1;
            buf[n++] = (char)c;
            c = next(in);
            if ((c == '+' || c == '-') && n < width)
                buf[n++] = (char)c;
            else
                continue;
        } else {
            break;
        }
        c = next(in);
    }
    back(in, c);
    buf[n] = 0;
    return n;
}

static const char *parse_scanset(const char *p, char *set)
{
    int negate = 0, i, c;

    memset(set, 0, 256);
    if (*p == '^') {
        negate = 1;
        p++;
    }
    if (*p == ']')
        set[(unsigned char)*p++] = 1;
    for (; *p && *p != ']'; p++) {
        if (p[0] == '-' && p[1] && p[1] != ']' && p[-1] != '[') {
            for (c = (unsigned char)p[-1]; c <= (unsigned char)p[1]; c++)
                set[c] = 1;
            p++;
        } else {
            set[(unsigned char)*p] = 1;
        }
    }
    if (negate)
        for (i = 0; i < 256; i++)
            set[i] = !set[i];
    return p;
}

static int scan(struct source *in, const char *fmt, va_list ap)
{
    int assigned = 0, conversions = 0, suppress, width, len, c = 0, n, base;
    char buf[512], set[256];
    char *dst;
    const char *p;
    unsigned long long v;

    for (p = fmt; *p; p++) {
        if (isspace((unsigned char)*p)) {
            skip_space(in);
            continue;
        }
        if (*p != '%' || p[1] == '%') {
            if (*p == '%') {
                p++;
                skip_space(in);
            }
            c = next(in);
            if (c != (unsigned char)*p) {
                back(in, c);
                return c == EOF && conversions == 0 ? EOF : assigned;
            }
            continue;
        }
        p++;
        suppress = *p == '*';
        if (suppress)
            p++;
        width = 0;
        while (isdigit((unsigned char)*p))
            width = width * 10 + (*p++ - '0');
        len = LEN_NONE;
        if (p[0] == 'h' && p[1] == 'h') {
            len = LEN_HH;
            p += 2;
        } else if (p[0] == 'l' && p[1] == 'l') {
            len = LEN_LL;
            p += 2;
        } else if (*p == 'h') {
            len = LEN_H;
            p++;
        } else if (*p == 'l' || *p == 'z' || *p == 'j' || *p == 't' || *p == 'q') {
            len = LEN_L;
            p++;
        } else if (*p == 'L') {
            len = LEN_BIGL;
            p++;
        }
        if (*p == 'n') {
            if (!suppress)
                store_int(va_arg(ap, void *), len, (unsigned long long)in->consumed);
            continue;
        }
        if (*p != 'c' && *p != '[' && skip_space(in) == EOF)
            return conversions == 0 ? EOF : assigned;
        switch (*p) {
        case 'd':
        case 'i':
        case 'u':
        case 'o':
        case 'x':
        case 'X':
        case 'p':
            base = *p == 'd' || *p == 'u' ? 10 : *p == 'i' ? 0 : *p == 'o' ? 8 : 16;
            n = read_integer(in, buf, width ? (width < 500 ? width : 500) : 500, base);
            if (n == 0 || (n == 1 && (buf[0] == '+' || buf[0] == '-')))
                return conversions == 0 && n == 0 && next(in) == EOF ? EOF : assigned;
            conversions++;
            if (suppress)
                break;
            if (*p == 'd' || *p == 'i')
                v = (unsigned long long)strtoll(buf, NULL, base);
            else
                v = strtoull(buf, NULL, base);
            if (*p == 'p')
                *va_arg(ap, void **) = (void *)(uintptr_t)v;
            else
                store_int(va_arg(ap, void *), len, v);
            assigned++;
            break;
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G':
        case 'a':
        case 'A':
            n = read_float(in, buf, width ? (width < 500 ? width : 500) : 500);
            if (n == 0)
                return assigned;
            conversions++;
            if (suppress)
                break;
            if (len == LEN_L)
                *va_arg(ap, double *) = strtod(buf, NULL);
            else if (len == LEN_BIGL)
                *va_arg(ap, long double *) = strtod(buf, NULL);
            else
                *va_arg(ap, float *) = (float)strtod(buf, NULL);
            assigned++;
            break;
        case 's':
        case 'c':
        case '[':
            if (*p == '[')
                p = parse_scanset(p + 1, set);
            if (width == 0)
                width = *p == 'c' ? 1 : 0x7fffffff;
            dst = suppress ? NULL : va_arg(ap, char *);
            for (n = 0; n < width; n++) {
                c = next(in);
                if (c == EOF)
                    break;
                if ((*p == 's' && isspace(c)) || (*p == ']' && !set[c])) {
                    back(in, c);
                    break;
                }
                if (dst)
                    dst[n] = (char)c;
            }
            if (n == 0 || (*p == 'c' && n < width))
                return conversions == 0 && c == EOF ? EOF : assigned;
            if (dst && *p != 'c')
                dst[n] = 0;
            conversions++;
            if (dst)
                assigned++;
            break;
        default:
            return assigned;
        }
    }
    return assigned;
}

int vsscanf(const char *s, const char *fmt, va_list ap)
{
    struct source in;

    in.s = s;
    in.f = NULL;
    in.consumed = 0;
    return scan(&in, fmt, ap);
}

int sscanf(const char *s, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vsscanf(s, fmt, ap);
    va_end(ap);
    return r;
}

int vfscanf(FILE *f, const char *fmt, va_list ap)
{
    struct source in;

    in.s = NULL;
    in.f = f;
    in.consumed = 0;
    return scan(&in, fmt, ap);
}

int fscanf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vfscanf(f, fmt, ap);
    va_end(ap);
    return r;
}

int scanf(const char *fmt, ...)
{
    va_list ap;
    int r;

    va_start(ap, fmt);
    r = vfscanf(stdin, fmt, ap);
    va_end(ap);
    return r;
}
