#include "lib.h"

static long fib_rec(int n) { return n < 2 ? n : fib_rec(n - 1) + fib_rec(n - 2); }

int main(void) {
    put_str("fib(24) recursive = ");
    put_dec(fib_rec(24));
    put_char('\n');
    unsigned long a = 0, b = 1;
    for (int i = 0; i < 100; i++) {
        if (i % 10 == 0 || i > 90) {
            put_str("fib(");
            put_dec(i);
            put_str(") = ");
            put_dec((long)a);
            put_str(" ");
            put_hex(a);
            put_char('\n');
        }
        unsigned long t = a + b;
        a = b;
        b = t;
    }
    flush();
    return 0;
}
