#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void quicksort(long *v, int lo, int hi) {
    if (lo >= hi) return;
    long pivot = v[(lo + hi) / 2];
    int i = lo, j = hi;
    while (i <= j) {
        while (v[i] < pivot) i++;
        while (v[j] > pivot) j--;
        if (i <= j) { long t = v[i]; v[i] = v[j]; v[j] = t; i++; j--; }
    }
    quicksort(v, lo, j);
    quicksort(v, i, hi);
}

int main(void) {
    int a[20];
    unsigned seed = 12345;
    for (int i = 0; i < 20; i++) {
        seed = seed * 1103515245u + 12345u;
        a[i] = (int)(seed >> 16) % 1000 - 500;
    }
    qsort(a, 20, sizeof a[0], cmp_int);
    for (int i = 0; i < 20; i++) printf("%d%c", a[i], i == 19 ? '\n' : ' ');
    const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "date"};
    qsort(words, sizeof words / sizeof *words, sizeof *words, cmp_str);
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) printf("%s ", words[i]);
    printf("\n");
    long big[50];
    for (int i = 0; i < 50; i++) big[i] = (long)((i * 7919L) % 101) * (i % 3 ? 1 : -1) * 1000000007L;
    quicksort(big, 0, 49);
    long sum = 0;
    for (int i = 0; i < 50; i++) sum ^= big[i] * (i + 1);
    printf("min=%ld max=%ld mix=%ld\n", big[0], big[49], sum);
    return 0;
}
