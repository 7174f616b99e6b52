/* The allocator's observable policy: chunk spacing, alignment, the tcache, heap
 * growth and trimming (brk deltas), the mmap threshold and its dynamic rise,
 * realloc in place / via mremap, calloc, memalign, and malloc_stats' report.
 * Addresses are never printed, only distances and alignments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <errno.h>
#include <unistd.h>
#include <malloc.h>

static char *heap0;
static char *last_brk;

/* Where p lies: in the brk heap (offset from its start) or in an mmapped chunk. */
static void where(const char *label, void *p)
{
    char *c = p;
    char *brk = sbrk(0);

    if (p == NULL)
        printf("%-28s NULL\n", label);
    else if (c >= heap0 && c < brk)
        printf("%-28s heap+%-8ld usable=%-7zu brk+%#lx\n", label, (long)(c - heap0), malloc_usable_size(p),
               (long)(brk - last_brk));
    else
        printf("%-28s mmapped page offset %ld usable=%zu brk+%#lx\n", label, (long)((uintptr_t)c & 4095),
               malloc_usable_size(p), (long)(brk - last_brk));
    last_brk = brk;
}

int main(void)
{
    void *a, *b, *c, *d, *e, *f, *g, *big, *big2, *v[20];
    int i, r;

    heap0 = sbrk(0);
    last_brk = heap0;
    setvbuf(stdout, NULL, _IOFBF, 0);   /* allocate stdout's buffer now, at a known point */
    where("first chunk is the tcache", heap0 + 16);
    a = malloc(1);
    where("malloc(1)", a);
    b = malloc(0);
    where("malloc(0)", b);
    c = malloc(24);
    where("malloc(24)", c);
    d = malloc(25);
    where("malloc(25)", d);
    e = malloc(1000);
    where("malloc(1000)", e);
    free(c);
    c = malloc(20);
    where("malloc(20) reuses tcache", c);
    free(a);
    free(b);
    a = malloc(8);
    b = malloc(8);
    where("tcache is LIFO (1)", a);
    where("tcache is LIFO (2)", b);
    for (i = 0; i < 10; i++)
        v[i] = malloc(100);
    for (i = 0; i < 10; i++)
        free(v[i]);
    for (i = 0; i < 10; i++) {
        v[i] = malloc(100);
        where("after 10 frees", v[i]);
    }
    free(e);
    e = calloc(1, 1000);
    where("calloc skips the tcache", e);
    f = malloc(1000);
    where("malloc takes it", f);
    printf("calloc zeroed: %d\n", ((char *)e)[0] == 0 && ((char *)e)[999] == 0);
    g = malloc(100000);
    where("malloc(100000) grows brk", g);
    big = malloc(200000);
    where("malloc(200000) is mmapped", big);
    big = realloc(big, 400000);
    where("realloc mmapped bigger", big);
    big = realloc(big, 300000);
    where("realloc mmapped smaller", big);
    big = realloc(big, 1000);
    where("realloc mmapped to small", big);
    free(big);
    malloc_stats();
    big = malloc(200000);
    where("threshold rose: now heap", big);
    big2 = malloc(500000);
    where("500000 still mmapped", big2);
    free(big2);
    free(big);
    where("after freeing big (trim?)", (char *)sbrk(0) - 1);
    free(g);
    where("after freeing 100000", (char *)sbrk(0) - 1);
    c = realloc(c, 40);
    where("realloc grows in place?", c);
    a = realloc(a, 5000);
    where("realloc moves", a);
    a = realloc(a, 100);
    where("realloc shrinks in place", a);
    a = memalign(64, 100);
    printf("memalign 64: aligned=%d\n", ((uintptr_t)a & 63) == 0);
    where("memalign(64,100)", a);
    r = posix_memalign(&b, 4096, 10);
    printf("posix_memalign: r=%d aligned=%d\n", r, ((uintptr_t)b & 4095) == 0);
    where("posix_memalign(4096,10)", b);
    printf("posix_memalign bad: %d\n", posix_memalign(&b, 3, 10));
    d = aligned_alloc(256, 512);
    where("aligned_alloc(256,512)", d);
    errno = 0;
    a = calloc((size_t)1 << 62, 16);
    printf("calloc overflow: %p errno=%d\n", a, errno);
    errno = 0;
    a = malloc((size_t)-1 - 100);
    printf("malloc huge: %p errno=%d\n", a, errno);
    errno = 0;
    a = reallocarray(NULL, (size_t)1 << 62, 16);
    printf("reallocarray overflow: %p errno=%d\n", a, errno);
    printf("realloc(p, 0) = %p\n", realloc(malloc(10), 0));
    mallopt(M_MMAP_THRESHOLD, 64 * 1024);
    a = malloc(70000);
    where("after M_MMAP_THRESHOLD 64K", a);
    free(a);
    mallopt(M_TOP_PAD, 0);
    mallopt(M_TRIM_THRESHOLD, 4096);
    a = malloc(50000);
    where("top pad 0", a);
    free(a);
    where("trim threshold 4096", (char *)sbrk(0) - 1);
    malloc_stats();
    fflush(stdout);
    return 0;
}
