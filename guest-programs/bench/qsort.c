/* qsort of 700 000 pseudo-random 64-bit keys. */
#include <stdio.h>
#include <stdlib.h>

#ifdef BENCH_QUICK /* boardup bench --quick: a smoke-test size */
#define N 2000
#else
#define N 700000
#endif

static int compare(const void *a, const void *b) {
    unsigned long x = *(const unsigned long *) a, y = *(const unsigned long *) b;
    return x < y ? -1 : x > y;
}

int main(void) {
    unsigned long *keys = malloc(N * sizeof *keys);
    unsigned long s = 0x9E3779B97F4A7C15UL;
    for (long i = 0; i < N; i++) {
        s = s * 6364136223846793005UL + 1442695040888963407UL;
        keys[i] = s >> 11;
    }
    qsort(keys, N, sizeof *keys, compare);
    unsigned long sum = 0;
    for (long i = 0; i < N; i++) {
        if (i > 0 && keys[i - 1] > keys[i]) {
            printf("not sorted at %ld\n", i);
            return 1;
        }
        sum = sum * 31 + keys[i];
    }
    free(keys);
    printf("qsort checksum %lu\n", sum);
    return 0;
}
