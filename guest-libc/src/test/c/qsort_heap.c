/* qsort's comparison sequence, stability and scratch allocation for small and
 * large elements (large ones are sorted through pointers, as glibc's msort does). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct big {
    char name[40];
    int n;
};

static int calls;

static int by_name(const void *a, const void *b)
{
    calls++;
    return strcmp(((const struct big *)a)->name, ((const struct big *)b)->name);
}

static int by_int(const void *a, const void *b)
{
    calls++;
    return *(const int *)a - *(const int *)b;
}

int main(void)
{
    static struct big bigs[200];
    static int ints[1000];
    char *before, *after, *probe;
    int n, i;

    for (n = 1; n <= 200; n = n * 2 + 3) {
        for (i = 0; i < n; i++) {
            snprintf(bigs[i].name, sizeof(bigs[i].name), "name%03d", (i * 37) % (n / 2 + 1));
            bigs[i].n = i;
        }
        calls = 0;
        before = malloc(1);
        qsort(bigs, (size_t)n, sizeof(bigs[0]), by_name);
        after = malloc(1);
        probe = malloc(2 * (size_t)n * sizeof(void *) + sizeof(bigs[0]));
        printf("n=%d calls=%d after=%ld probe=%ld\n", n, calls, (long)(after - before), (long)(probe - before));
        free(probe);
        for (i = 0; i < n; i++)
            printf("%d ", bigs[i].n);
        printf("\n");
    }
    for (n = 1; n <= 1000; n = n * 3 + 1) {
        for (i = 0; i < n; i++)
            ints[i] = (i * 7919) % 101;
        calls = 0;
        before = malloc(1);
        qsort(ints, (size_t)n, sizeof(int), by_int);
        after = malloc(1);
        probe = malloc((size_t)n * sizeof(int));
        printf("ints n=%d calls=%d after=%ld probe=%ld\n", n, calls, (long)(after - before), (long)(probe - before));
        free(probe);
    }
    return 0;
}
