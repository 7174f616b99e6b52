/* Thread-locals, long double, bit tricks, 64-bit constants and jump tables: the corners libc code reaches. */
#include <stdio.h>
#include <string.h>

__thread int depth;
static __thread char scratch[64];
extern __thread long errno_like;
__thread long errno_like = -1;

struct packed { unsigned a : 3, b : 5, c : 12; signed d : 4; };

long double poly(long double x) { return ((3.0L * x + 2.0L) * x - 1.0L) / (x + 0.5L); }
long long to_ll(long double x) { return (long long)x; }
unsigned long to_ul(double d) { return (unsigned long)d; }
float from_ul(unsigned long u) { return (float)u; }

int classify(int c) {
    switch (c) {
    case 'a': return 1; case 'b': return 2; case 'c': return 3; case 'd': return 5;
    case 'e': return 8; case 'f': return 13; case 'g': return 21; case 'h': return 34;
    default: return -1;
    }
}

unsigned rotl(unsigned x, int n) { return (x << n) | (x >> (32 - n)); }
unsigned long bswap64(unsigned long x) { return __builtin_bswap64(x); }
int clzl(unsigned long x) { return __builtin_clzl(x | 1); }
long mulhi(long a, long b) { return (long)(((__int128)a * b) >> 64); }
unsigned long udiv128(unsigned __int128 a, unsigned long b) { return (unsigned long)(a / b); }

char *tls_copy(const char *s) { strncpy(scratch, s, sizeof scratch - 1); depth++; return scratch; }

int bitfields(struct packed *p) { p->b += 3; p->d = -2; return p->a + p->b + p->c + p->d; }

int main(void) {
    struct packed pk = {5, 7, 1000, 3};
    printf("%.4Lf %lld %lu %.1f\n", poly(2.5L), to_ll(-7.9L), to_ul(1e10), from_ul(1UL << 40));
    printf("%d %d %u %lx %d\n", classify('c'), classify('z'), rotl(0x80000001u, 4), bswap64(0x0102030405060708UL),
           clzl(255));
    printf("%ld %lu %s %d %ld %d\n", mulhi(1L << 40, 1L << 40), udiv128((unsigned __int128)1 << 70, 3),
           tls_copy("thread"), depth, errno_like, bitfields(&pk));
    return 0;
}
