/* Where malloc takes memory from: small requests from the brk heap, large ones from their own mmap regions.
 * After each allocation, how far the program break moved and malloc_stats()'s report (on stderr). */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char *start;

static void *allocate(size_t size)
{
    void *p = malloc(size);
    char *brk_now = sbrk(0);

    printf("malloc(%7zu) = %p: break +%#8lx, block %s\n", size, p, (unsigned long)(brk_now - start),
           (char *)p >= start && (char *)p < brk_now ? "in the heap" : "in an mmap region");
    fflush(stdout);
    fprintf(stderr, "--- after malloc(%zu)\n", size);
    malloc_stats();
    return p;
}

int main(void)
{
    start = sbrk(0);
    void *a = allocate(8);
    void *b = allocate(4083);
    void *c = allocate(3);
    void *d = allocate(136168);
    void *e = allocate(1024 * 1024);

    free(d);
    free(e);
    fprintf(stderr, "--- after freeing the two large blocks\n");
    malloc_stats();
    free(a);
    free(b);
    free(c);
    return 0;
}
