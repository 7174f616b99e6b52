/* realloc of a large (mmap'd) block: the allocator asks the kernel to mremap it, so the data comes along
 * without being copied, and the block may move to another address. */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Every 97th byte carries a pattern: enough to catch a lost or shifted page, cheap on a slow machine. */
#define STRIDE 97

static int intact(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i += STRIDE)
        if (p[i] != (unsigned char)(i * 7 + i / 4096))
            return 0;
    return 1;
}

int main(void)
{
    size_t sizes[] = {200000, 400000, 1000000, 2500000, 300000};
    size_t filled = sizes[0];
    unsigned char *p = malloc(sizes[0]);

    for (size_t i = 0; i < filled; i += STRIDE)
        p[i] = (unsigned char)(i * 7 + i / 4096);
    printf("malloc(%8zu) = %p  usable %8zu  page offset %#lx\n", sizes[0], (void *)p, malloc_usable_size(p),
           (unsigned long)((uintptr_t)p & 4095));

    for (int k = 1; k < 5; k++) {
        unsigned char *q = realloc(p, sizes[k]);
        if (q == NULL) {
            perror("realloc");
            return 1;
        }
        size_t kept = sizes[k] < filled ? sizes[k] : filled;
        printf("realloc(%8zu) = %p  usable %8zu  page offset %#lx  %-8s  data %s\n", sizes[k], (void *)q,
               malloc_usable_size(q), (unsigned long)((uintptr_t)q & 4095), q == p ? "in place" : "moved",
               intact(q, kept) ? "preserved" : "LOST");
        for (size_t i = kept - kept % STRIDE; i < sizes[k]; i += STRIDE)
            q[i] = (unsigned char)(i * 7 + i / 4096);
        filled = sizes[k];
        p = q;
    }
    free(p);
    return 0;
}
