/* malloc.h: allocator introspection and tuning, glibc-compatible. */
#ifndef _MALLOC_H
#define _MALLOC_H

#include <stddef.h>

#define M_TRIM_THRESHOLD (-1)
#define M_TOP_PAD (-2)
#define M_MMAP_THRESHOLD (-3)
#define M_MMAP_MAX (-4)

/* Allocator statistics, as glibc's mallinfo2 (size_t) and mallinfo (int). */
struct mallinfo2 {
    size_t arena;       /* bytes obtained with brk */
    size_t ordblks;     /* free chunks, the top included */
    size_t smblks;      /* chunks in fastbins */
    size_t hblks;       /* mmapped chunks */
    size_t hblkhd;      /* bytes in mmapped chunks */
    size_t usmblks;
    size_t fsmblks;     /* bytes in fastbins */
    size_t uordblks;    /* bytes in use */
    size_t fordblks;    /* bytes free */
    size_t keepcost;    /* size of the top chunk */
};

struct mallinfo {
    int arena;
    int ordblks;
    int smblks;
    int hblks;
    int hblkhd;
    int usmblks;
    int fsmblks;
    int uordblks;
    int fordblks;
    int keepcost;
};

void *malloc(size_t size);
void free(void *p);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void *memalign(size_t align, size_t size);
void *valloc(size_t size);
void *pvalloc(size_t size);
size_t malloc_usable_size(void *p);
void malloc_stats(void);
int mallopt(int param, int value);
int malloc_trim(size_t pad);
struct mallinfo2 mallinfo2(void);
struct mallinfo mallinfo(void);

#endif
