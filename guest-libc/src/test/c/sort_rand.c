/* qsort (stability and the comparator's call sequence), bsearch, rand/srand/rand_r. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec {
    int key;
    int order;
};

static int calls;

static int by_key(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;

    calls++;
    return (x->key > y->key) - (x->key < y->key);
}

static int by_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;

    printf("(%d,%d)", x, y);
    return (x > y) - (x < y);
}

struct big {
    char name[40];
    int n;
};

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct big *)a)->name, ((const struct big *)b)->name);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    struct rec recs[300];
    int small[] = { 5, 3, 9, 1, 5, 7, 2, 8, 0, 6 };
    struct big bigs[50];
    const char *words[] = { "pear", "apple", "fig", "banana", "kiwi", "cherry", "date", "grape" };
    int sorted[100], key, i;
    unsigned int seed;
    int *hit;

    srand(12345);
    for (i = 0; i < 300; i++) {
        recs[i].key = rand() % 20;
        recs[i].order = i;
    }
    qsort(recs, 300, sizeof(recs[0]), by_key);
    printf("calls=%d\n", calls);
    for (i = 0; i < 300; i++)
        printf("%d/%d%c", recs[i].key, recs[i].order, i % 10 == 9 ? '\n' : ' ');
    qsort(small, 10, sizeof(int), by_int);
    printf("\n");
    for (i = 0; i < 10; i++)
        printf("%d ", small[i]);
    printf("\n");
    for (i = 0; i < 50; i++) {
        snprintf(bigs[i].name, sizeof(bigs[i].name), "name%03d", (i * 37) % 50);
        bigs[i].n = i;
    }
    qsort(bigs, 50, sizeof(bigs[0]), by_name);
    for (i = 0; i < 50; i++)
        printf("%s:%d ", bigs[i].name, bigs[i].n);
    printf("\n");
    qsort(words, 8, sizeof(char *), cmp_str);
    for (i = 0; i < 8; i++)
        printf("%s ", words[i]);
    printf("\n");
    for (i = 0; i < 100; i++)
        sorted[i] = i * 3;
    for (key = -1; key < 302; key += 7) {
        hit = bsearch(&key, sorted, 100, sizeof(int), by_int);
        printf(" key %d -> %ld\n", key, hit ? (long)(hit - sorted) : -1L);
    }
    printf("first rand without srand is seed 1: ");
    srand(1);
    for (i = 0; i < 5; i++)
        printf("%d ", rand());
    printf("\n");
    for (seed = 0; seed < 5; seed++) {
        srand(seed);
        printf("seed %u:", seed);
        for (i = 0; i < 8; i++)
            printf(" %d", rand());
        printf("\n");
    }
    srand(42);
    for (i = 0; i < 1000; i++)
        key = rand();
    printf("1000th rand after srand(42): %d\n", key);
    seed = 7;
    for (i = 0; i < 5; i++)
        printf("rand_r %d\n", rand_r(&seed));
    printf("random %ld\n", random());
    srandom(99);
    printf("random %ld %ld\n", random(), random());
    return 0;
}
