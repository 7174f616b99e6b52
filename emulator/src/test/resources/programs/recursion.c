#include "lib.h"

static long ackermann(long m, long n) {
    if (m == 0) return n + 1;
    if (n == 0) return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

static long moves;
static void hanoi(int n, int from, int to, int via) {
    if (n == 0) return;
    hanoi(n - 1, from, via, to);
    moves++;
    hanoi(n - 1, via, to, from);
}

static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

static long depth(long n) {
    volatile char pad[64];
    pad[0] = (char)n;
    return n == 0 ? pad[0] : 1 + depth(n - 1);
}

int main(void) {
    put_str("ackermann(2,3) = ");
    put_dec(ackermann(2, 3));
    put_str("\nackermann(3,5) = ");
    put_dec(ackermann(3, 5));
    hanoi(16, 1, 3, 2);
    put_str("\nhanoi(16) moves = ");
    put_dec(moves);
    put_str("\nis_even(10001) = ");
    put_dec(is_even(10001));
    put_str("\ndepth(20000) = ");
    put_dec(depth(20000));
    put_char('\n');
    flush();
    return 0;
}
