/* Random malloc/calloc/memalign/realloc/free sequences over several size
 * ranges; every result is printed as a heap offset (or -1 when mmapped) with
 * the break and usable size, then malloc_stats. Follows ptmalloc step by step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <malloc.h>

static unsigned long long state;

static unsigned next_random(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (unsigned)state;
}

static void *slots[512];

static void run(char *heap0, unsigned max_size, int steps, int seed, int nslots)
{
    int i, k;
    unsigned op;
    size_t size;
    char *p, *brk;

    state = 88172645463325252ULL + (unsigned long long)seed;
    printf("== max %u steps %d seed %d slots %d\n", max_size, steps, seed, nslots);
    for (i = 0; i < steps; i++) {
        k = (int)(next_random() % (unsigned)nslots);
        op = next_random() % 12;
        if (slots[k] && op < 4) {
            free(slots[k]);
            slots[k] = NULL;
            continue;
        }
        size = next_random() % max_size;
        if (next_random() % 8 == 0)
            size = next_random() % 64;
        if (slots[k] && op < 7) {
            slots[k] = realloc(slots[k], size);
        } else {
            free(slots[k]);
            if (op == 10)
                slots[k] = calloc(1, size);
            else if (op == 11)
                slots[k] = memalign((size_t)64 << (next_random() % 4), size);
            else
                slots[k] = malloc(size);
        }
        p = slots[k];
        brk = sbrk(0);
        printf("%d %u %d %zu -> %ld brk %ld usable %zu\n", i, op, k, size,
               p >= heap0 && p < brk ? (long)(p - heap0) : -1L, (long)(brk - heap0), malloc_usable_size(p));
    }
    for (k = 0; k < nslots; k++) {
        free(slots[k]);
        slots[k] = NULL;
    }
    printf("after freeing all: brk %ld\n", (long)((char *)sbrk(0) - heap0));
    {
        struct mallinfo2 mi = mallinfo2();
        struct mallinfo m1 = mallinfo();
        printf("mallinfo2: arena %zu ordblks %zu smblks %zu hblks %zu hblkhd %zu fsmblks %zu uord %zu ford %zu keep %zu\n",
               mi.arena, mi.ordblks, mi.smblks, mi.hblks, mi.hblkhd, mi.fsmblks, mi.uordblks, mi.fordblks, mi.keepcost);
        printf("mallinfo: %d %d %d %d\n", m1.arena, m1.ordblks, m1.uordblks, m1.keepcost);
    }
    fflush(stdout);
    malloc_stats();
}

int main(void)
{
    char *heap0 = sbrk(0);

    setvbuf(stdout, NULL, _IOFBF, 0);
    run(heap0, 100, 3000, 1, 64);
    run(heap0, 2000, 3000, 2, 64);
    run(heap0, 600, 4000, 4, 300);
    run(heap0, 5000, 3000, 5, 100);
    run(heap0, 70000, 1500, 3, 64);
    run(heap0, 300000, 600, 6, 64);
    return 0;
}
