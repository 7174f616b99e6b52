/* malloc/free churn: a pool of live blocks of varied sizes, replaced at pseudo-random. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 4096
#ifdef BENCH_QUICK /* boardup bench --quick: a smoke-test size */
#define ROUNDS 2000
#else
#define ROUNDS 800000
#endif

static unsigned long state = 88172645463325252UL;

static unsigned long next(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

int main(void) {
    static unsigned char *slot[SLOTS];
    static size_t size[SLOTS];
    unsigned long sum = 0;
    for (long r = 0; r < ROUNDS; r++) {
        unsigned long x = next();
        int i = (int) (x % SLOTS);
        if (slot[i]) {
            sum = sum * 33 + slot[i][0] + slot[i][size[i] - 1];
            free(slot[i]);
        }
        size[i] = 1 + (x >> 20) % ((x >> 40) % 8 == 0 ? 4096 : 256);
        slot[i] = malloc(size[i]);
        slot[i][0] = (unsigned char) r;
        slot[i][size[i] - 1] = (unsigned char) (r >> 8);
    }
    for (int i = 0; i < SLOTS; i++) free(slot[i]);
    printf("malloc checksum %lu\n", sum);
    return 0;
}
