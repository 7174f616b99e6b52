/* memcpy and strlen over a 16 MiB anonymous mapping. */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#ifdef BENCH_QUICK /* boardup bench --quick: a smoke-test size */
#define SIZE (128L << 10)
#define ROUNDS 4
#else
#define SIZE (16L << 20)
#define ROUNDS 64
#endif
#define HALF (SIZE / 2)

int main(void) {
    unsigned char *map = mmap(NULL, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    for (long i = 0; i < HALF; i++) map[i] = (unsigned char) ('a' + i % 26);
    unsigned long sum = 0;
    for (int round = 0; round < ROUNDS; round++) {
        /* a string of a different length each round, terminated inside the first half */
        long len = HALF - 1 - round * 4099;
        map[len] = 0;
        memcpy(map + HALF, map, HALF);
        sum = sum * 131 + strlen((char *) map + HALF) + map[HALF + round * 7];
        map[len] = (unsigned char) ('a' + len % 26);
    }
    munmap(map, SIZE);
    printf("memstr checksum %lu\n", sum);
    return 0;
}
