/* Naive recursive Fibonacci: calls, returns and stack traffic. */
#include <stdio.h>
#include <stdlib.h>

static long fib(long n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv) {
#ifdef BENCH_QUICK /* boardup bench --quick: a smoke-test size */
    long n = argc > 1 ? atol(argv[1]) : 20;
#else
    long n = argc > 1 ? atol(argv[1]) : 36;
#endif
    printf("fib(%ld) = %ld\n", n, fib(n));
    return 0;
}
