/* Demand paging: a 128 KiB malloc is an mmap region whose pages are not in memory until first touched.
 * mincore() shows which pages are resident, before and after writing to some of them. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#define SIZE (128 * 1024)

static void show_residency(const char *when, char *block)
{
    long page = sysconf(_SC_PAGESIZE);
    char *first = (char *)((uintptr_t)block & ~(uintptr_t)(page - 1));
    size_t len = block + SIZE - first;
    size_t pages = (len + page - 1) / page;
    unsigned char vec[64];
    size_t resident = 0;

    if (mincore(first, len, vec) != 0) {
        perror("mincore");
        exit(1);
    }
    printf("%-28s ", when);
    for (size_t i = 0; i < pages; i++) {
        putchar(vec[i] & 1 ? '#' : '.');
        resident += vec[i] & 1;
    }
    printf("  %zu of %zu pages resident\n", resident, pages);
}

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    char *block = malloc(SIZE);

    if (block == NULL) {
        perror("malloc");
        return 1;
    }
    printf("page size %ld, a block of %d bytes from malloc\n", page, SIZE);
    show_residency("after malloc:", block);

    block[0] = 1;
    show_residency("after writing byte 0:", block);

    for (long off = 0; off < SIZE; off += 4 * page)
        block[off] = 1;
    show_residency("after every fourth page:", block);

    volatile char sum = 0;
    for (long off = 0; off < SIZE; off += page)
        sum += block[off];
    show_residency("after reading every page:", block);

    free(block);
    return 0;
}
