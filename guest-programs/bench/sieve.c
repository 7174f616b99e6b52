/* Sieve of Eratosthenes up to 20 million; prints the prime count and a checksum of the primes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef BENCH_QUICK /* boardup bench --quick: a smoke-test size */
#define LIMIT 50000
#else
#define LIMIT 20000000
#endif

int main(void) {
    unsigned char *composite = malloc(LIMIT + 1);
    unsigned long sum = 0, count = 0;
    memset(composite, 0, LIMIT + 1);
    for (long i = 2; i * i <= LIMIT; i++)
        if (!composite[i])
            for (long j = i * i; j <= LIMIT; j += i) composite[j] = 1;
    for (long i = 2; i <= LIMIT; i++)
        if (!composite[i]) {
            count++;
            sum = sum * 31 + (unsigned long) i;
        }
    free(composite);
    printf("primes %lu checksum %lu\n", count, sum);
    return 0;
}
