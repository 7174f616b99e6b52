/* Sieve of Eratosthenes on a malloc'd table; prints the primes below 1000
 * ten to a line and a count for larger bounds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int count_primes(int n, int print)
{
    char *composite = calloc((size_t)n, 1);
    int i, j, count = 0;

    for (i = 2; i < n; i++) {
        if (composite[i])
            continue;
        if (print)
            printf("%5d%s", i, ++count % 10 == 0 ? "\n" : "");
        else
            count++;
        for (j = 2 * i; j < n; j += i)
            composite[j] = 1;
    }
    free(composite);
    return count;
}

int main(void)
{
    int n;

    printf("\n%d primes below 1000\n", count_primes(1000, 1));
    for (n = 10000; n <= 1000000; n *= 10)
        printf("%d primes below %d\n", count_primes(n, 0), n);
    return 0;
}
