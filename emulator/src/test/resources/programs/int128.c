#include "lib.h"

/* 128-bit arithmetic (MUL, ADC/SBB, SHLD/SHRD) and division by constants and variables (IDIV, multiply-high). */
typedef unsigned __int128 u128;

static void put_u128(u128 v) {
    char digits[48];
    int n = 0;
    do {
        digits[n++] = '0' + (int)(v % 10);
        v /= 10;
    } while (v);
    while (n) {
        put_char(digits[--n]);
    }
}

int main(int argc, char **argv) {
    (void)argv;
    u128 f = 1;
    for (int i = 1; i <= 34; i++) {
        f *= (u128)i;
    }
    put_str("34! = ");
    put_u128(f);
    u128 x = ((u128)0x0123456789abcdefULL << 64) | 0xfedcba9876543210ULL;
    put_str("\nrotations ");
    for (int i = 0; i < 5; i++) {
        x = (x << 13) | (x >> 115);
        put_hex((unsigned long)(x >> 64));
        put_char(' ');
    }
    long q = 0;
    int divisor = argc + 6;
    for (long i = -50000; i < 50000; i += 7) {
        q += i / 7 + i % 7 + i / divisor - i % divisor + (long)((unsigned long)i / 10u);
    }
    put_str("\ndivisions ");
    put_dec(q);
    put_char('\n');
    flush();
    return 0;
}
