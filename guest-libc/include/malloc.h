/* malloc.h: allocator introspection and tuning, glibc-compatible. */
#ifndef _MALLOC_H
#define _MALLOC_H

#include <stddef.h>

#define M_TRIM_THRESHOLD (-1)
#define M_TOP_PAD (-2)
#define M_MMAP_THRESHOLD (-3)
#define M_MMAP_MAX (-4)

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

#endif
