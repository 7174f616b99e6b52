/* stdlib.c: integer conversions, sorting, searching, environment, random numbers. */
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <inttypes.h>
#include <unistd.h>
#include "libc.h"

int abs(int n) { return n < 0 ? -n : n; }
long labs(long n) { return n < 0 ? -n : n; }
long long llabs(long long n) { return n < 0 ? -n : n; }
intmax_t imaxabs(intmax_t n) { return n < 0 ? -n : n; }

div_t div(int num, int den)
{
    div_t r;

    r.quot = num / den;
    r.rem = num % den;
    return r;
}

ldiv_t ldiv(long num, long den)
{
    ldiv_t r;

    r.quot = num / den;
    r.rem = num % den;
    return r;
}

lldiv_t lldiv(long long num, long long den)
{
    lldiv_t r;

    r.quot = num / den;
    r.rem = num % den;
    return r;
}

imaxdiv_t imaxdiv(intmax_t num, intmax_t den)
{
    imaxdiv_t r;

    r.quot = num / den;
    r.rem = num % den;
    return r;
}

static int digit_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

/* The shared core of strto*: magnitude up to limit, sign, overflow and end. */
static unsigned long long parse_integer(const char *s, char **end, int base,
                                        unsigned long long limit, int *negative, int *overflow)
{
    const char *p = s, *digits;
    unsigned long long v = 0;
    int d;

    *negative = 0;
    *overflow = 0;
    if (base < 0 || base == 1 || base > 36) {
        errno = EINVAL;
        if (end)
            *end = (char *)s;
        return 0;
    }
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '-' || *p == '+')
        *negative = *p++ == '-';
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 0x20) == 'x' && digit_value((unsigned char)p[2]) < 16) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = *p == '0' ? 8 : 10;
    }
    digits = p;
    for (; (d = digit_value((unsigned char)*p)) < base; p++) {
        if (*overflow || v > (limit - (unsigned long long)d) / (unsigned long long)base)
            *overflow = 1;
        else
            v = v * (unsigned long long)base + (unsigned long long)d;
    }
    if (end)
        *end = (char *)(p == digits ? s : p);
    return v;
}

long long strtoll(const char *s, char **end, int base)
{
    int negative, overflow;
    unsigned long long v = parse_integer(s, end, base, ULLONG_MAX, &negative, &overflow);

    if (!overflow && v > (negative ? (unsigned long long)LLONG_MAX + 1 : (unsigned long long)LLONG_MAX))
        overflow = 1;
    if (overflow) {
        errno = ERANGE;
        return negative ? LLONG_MIN : LLONG_MAX;
    }
    return negative ? (long long)(0 - v) : (long long)v;
}

unsigned long long strtoull(const char *s, char **end, int base)
{
    int negative, overflow;
    unsigned long long v = parse_integer(s, end, base, ULLONG_MAX, &negative, &overflow);

    if (overflow) {
        errno = ERANGE;
        return ULLONG_MAX;
    }
    return negative ? 0 - v : v;
}

long strtol(const char *s, char **end, int base) { return strtoll(s, end, base); }
unsigned long strtoul(const char *s, char **end, int base) { return strtoull(s, end, base); }
intmax_t strtoimax(const char *s, char **end, int base) { return strtoll(s, end, base); }
uintmax_t strtoumax(const char *s, char **end, int base) { return strtoull(s, end, base); }
int atoi(const char *s) { return (int)strtol(s, NULL, 10); }
long atol(const char *s) { return strtol(s, NULL, 10); }
long long atoll(const char *s) { return strtoll(s, NULL, 10); }
double atof(const char *s) { return strtod(s, NULL); }

/* ---- sorting: glibc's merge sort, so equal keys keep their order and the
 * comparison function sees the same calls; big scratch space comes from malloc. */

static void merge_sort(char *b, size_t n, size_t size, int (*cmp)(const void *, const void *), char *tmp)
{
    size_t n1, n2, k;
    char *b1, *b2, *t = tmp;

    if (n <= 1)
        return;
    n1 = n / 2;
    n2 = n - n1;
    b1 = b;
    b2 = b + n1 * size;
    merge_sort(b1, n1, size, cmp, tmp);
    merge_sort(b2, n2, size, cmp, tmp);
    while (n1 > 0 && n2 > 0) {
        if (cmp(b1, b2) <= 0) {
            memcpy(t, b1, size);
            b1 += size;
            n1--;
        } else {
            memcpy(t, b2, size);
            b2 += size;
            n2--;
        }
        t += size;
    }
    if (n1 > 0)
        memcpy(t, b1, n1 * size);
    k = n - n2;
    memcpy(b, tmp, k * size);
}

/* Elements larger than 32 bytes are sorted through pointers, then moved into
 * place cycle by cycle, so the scratch space is 2n pointers plus one element. */
static void merge_sort_indirect(void **b, size_t n, int (*cmp)(const void *, const void *), void **tmp)
{
    size_t n1, n2, k;
    void **b1, **b2, **t = tmp;

    if (n <= 1)
        return;
    n1 = n / 2;
    n2 = n - n1;
    b1 = b;
    b2 = b + n1;
    merge_sort_indirect(b1, n1, cmp, tmp);
    merge_sort_indirect(b2, n2, cmp, tmp);
    while (n1 > 0 && n2 > 0) {
        if (cmp(*b1, *b2) <= 0) {
            *t++ = *b1++;
            n1--;
        } else {
            *t++ = *b2++;
            n2--;
        }
    }
    if (n1 > 0)
        memcpy(t, b1, n1 * sizeof(void *));
    k = n - n2;
    memcpy(b, tmp, k * sizeof(void *));
}

static void sort_indirect(char *base, size_t n, size_t size, int (*cmp)(const void *, const void *), char *scratch)
{
    void **ptrs = (void **)scratch, **tmp = ptrs + n;
    char *saved = scratch + 2 * n * sizeof(void *), *ip, *kp, *jp;
    size_t i, j, k;

    for (i = 0; i < n; i++)
        ptrs[i] = base + i * size;
    merge_sort_indirect(ptrs, n, cmp, tmp);
    for (i = 0, ip = base; i < n; i++, ip += size) {
        kp = ptrs[i];
        if (kp == ip)
            continue;
        j = i;
        jp = ip;
        memcpy(saved, ip, size);
        do {
            k = (size_t)(kp - base) / size;
            ptrs[j] = jp;
            memcpy(jp, kp, size);
            j = k;
            jp = kp;
            kp = ptrs[k];
        } while (kp != ip);
        ptrs[j] = jp;
        memcpy(jp, saved, size);
    }
}

void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    char small[1024];
    size_t scratch = size > 32 ? 2 * n * sizeof(void *) + size : n * size;
    char *tmp = small;

    if (n <= 1)
        return;
    /* glibc's msort takes its scratch space from malloc only from 1024 bytes up. */
    if (scratch >= sizeof(small)) {
        tmp = malloc(scratch);
        if (tmp == NULL)
            return;
    }
    if (size > 32)
        sort_indirect(base, n, size, cmp, tmp);
    else
        merge_sort(base, n, size, cmp, tmp);
    if (tmp != small)
        free(tmp);
}

void *bsearch(const void *key, const void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    size_t lo = 0, hi = n, mid;
    const char *p;
    int c;

    while (lo < hi) {
        mid = (lo + hi) / 2;
        p = (const char *)base + mid * size;
        c = cmp(key, p);
        if (c < 0)
            hi = mid;
        else if (c > 0)
            lo = mid + 1;
        else
            return (void *)p;
    }
    return NULL;
}

/* ---- environment ---- */

static char **find_env(const char *name, size_t len)
{
    char **e;

    if (environ == NULL)
        return NULL;
    for (e = environ; *e; e++)
        if (strncmp(*e, name, len) == 0 && (*e)[len] == '=')
            return e;
    return NULL;
}

char *getenv(const char *name)
{
    size_t len = strlen(name);
    char **e = find_env(name, len);

    return e ? *e + len + 1 : NULL;
}

static char **owned_env;

int setenv(const char *name, const char *value, int overwrite)
{
    size_t len = strlen(name), n = 0;
    char **e, **grown, *entry;

    if (len == 0 || strchr(name, '=')) {
        errno = EINVAL;
        return -1;
    }
    e = find_env(name, len);
    if (e && !overwrite)
        return 0;
    entry = malloc(len + strlen(value) + 2);
    if (entry == NULL)
        return -1;
    strcpy(entry, name);
    entry[len] = '=';
    strcpy(entry + len + 1, value);
    if (e) {
        *e = entry;
        return 0;
    }
    while (environ && environ[n])
        n++;
    grown = realloc(environ == owned_env ? owned_env : NULL, (n + 2) * sizeof(char *));
    if (grown == NULL)
        return -1;
    if (environ != owned_env && n)
        memcpy(grown, environ, n * sizeof(char *));
    grown[n] = entry;
    grown[n + 1] = NULL;
    environ = owned_env = grown;
    return 0;
}

int unsetenv(const char *name)
{
    size_t len = strlen(name);
    char **e;

    if (len == 0 || strchr(name, '=')) {
        errno = EINVAL;
        return -1;
    }
    while ((e = find_env(name, len)) != NULL)
        for (; *e; e++)
            e[0] = e[1];
    return 0;
}

/* ---- random numbers: glibc's TYPE_3 additive feedback generator ---- */

#define RAND_DEG 31
#define RAND_SEP 3

static int rand_state[RAND_DEG];
static int rand_front = RAND_SEP, rand_rear = 0;
static int rand_seeded;

void srandom(unsigned int seed)
{
    long word;
    int i;

    if (seed == 0)
        seed = 1;
    rand_state[0] = (int)seed;
    word = (int)seed;
    for (i = 1; i < RAND_DEG; i++) {
        /* 16807 * word mod (2^31 - 1) without overflow (Schrage). */
        long hi = word / 127773, lo = word % 127773;
        word = 16807 * lo - 2836 * hi;
        if (word < 0)
            word += 2147483647;
        rand_state[i] = (int)word;
    }
    rand_front = RAND_SEP;
    rand_rear = 0;
    rand_seeded = 1;
    for (i = 0; i < 10 * RAND_DEG; i++)
        random();
}

long random(void)
{
    unsigned int v;

    if (!rand_seeded)
        srandom(1);
    v = (unsigned int)rand_state[rand_front] + (unsigned int)rand_state[rand_rear];
    rand_state[rand_front] = (int)v;
    if (++rand_front == RAND_DEG)
        rand_front = 0;
    if (++rand_rear == RAND_DEG)
        rand_rear = 0;
    return (long)(v >> 1);
}

void srand(unsigned int seed) { srandom(seed); }
int rand(void) { return (int)random(); }

int rand_r(unsigned int *seed)
{
    unsigned int next = *seed;
    int result;

    next = next * 1103515245 + 12345;
    result = (int)((next / 65536) % 2048);
    next = next * 1103515245 + 12345;
    result = (result << 10) ^ (int)((next / 65536) % 1024);
    next = next * 1103515245 + 12345;
    result = (result << 10) ^ (int)((next / 65536) % 1024);
    *seed = next;
    return result;
}
