/* malloc.c: ptmalloc's algorithm for one arena, so that what a program can
 * observe matches glibc on x86-64: 16-byte aligned chunks with an 8-byte size
 * header; a per-size cache (tcache) of 7 chunks, allocated on the first malloc;
 * LIFO fastbins for chunks up to 128 bytes; an unsorted list that freed chunks
 * pass through before they are sorted into FIFO small bins and size-ordered
 * large bins; the last-remainder rule; a brk heap grown by request + top pad
 * rounded to pages and trimmed past the trim threshold; and mmapped chunks
 * above a dynamic mmap threshold.
 * Not modelled: threads and non-main arenas, MALLOC_* environment tunables,
 * M_PERTURB/M_ARENA_* options, and malloc_trim's release of pages inside free
 * chunks (it only trims the top here). */
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <unistd.h>
#include <malloc.h>
#include <sys/mman.h>

#define SIZE_SZ 8
#define ALIGNMENT 16
#define ALIGN_MASK (ALIGNMENT - 1)
#define MINSIZE 32
#define CHUNK_HDR 16
#define PREV_INUSE 1
#define IS_MMAPPED 2
#define FLAG_BITS 7

#define DEFAULT_MMAP_THRESHOLD (128 * 1024)
#define DEFAULT_MMAP_THRESHOLD_MAX (32 * 1024 * 1024)
#define DEFAULT_TOP_PAD (128 * 1024)
#define DEFAULT_TRIM_THRESHOLD (128 * 1024)
#define DEFAULT_MMAP_MAX 65536
#define CONSOLIDATION_THRESHOLD 65536

#define MAX_FAST 128      /* glibc's default global_max_fast on 64-bit */
#define FASTBINS 7
#define MIN_LARGE_SIZE 1024
#define MAX_ITERS 10000

#define TCACHE_BINS 64
#define TCACHE_COUNT 7

struct chunk {
    size_t prev_size;   /* size of the previous chunk, valid only while it is free */
    size_t size;        /* this chunk's size | PREV_INUSE | IS_MMAPPED */
    struct chunk *fd;   /* free-list links, inside the user area */
    struct chunk *bk;
};

struct tcache_entry {
    struct tcache_entry *next;
    void *key;
};

/* Lives in the first chunk malloc hands out, as glibc's does (0x290 bytes). */
struct tcache {
    unsigned short counts[TCACHE_BINS];
    struct tcache_entry *entries[TCACHE_BINS];
};

static struct {
    size_t mmap_threshold;
    size_t trim_threshold;
    size_t top_pad;
    int n_mmaps_max;
    int no_dyn_threshold;
    int n_mmaps;
    int max_n_mmaps;
    size_t mmapped_mem;
    size_t max_mmapped_mem;
} mp = {
    DEFAULT_MMAP_THRESHOLD, DEFAULT_TRIM_THRESHOLD, DEFAULT_TOP_PAD, DEFAULT_MMAP_MAX, 0, 0, 0, 0, 0
};

static struct chunk *top;           /* NULL until the heap first grows */
static size_t system_mem;
/* bins[1] is the unsorted list, bins[2..63] the small bins (one size each),
 * bins[64..126] the large bins (kept largest first). */
#define NBINS 128
#define UNSORTED 1
static struct chunk bins[NBINS];
static struct chunk *last_remainder;
static struct chunk *fastbins[FASTBINS];
static int have_fastchunks;
static struct tcache *tcache;
static int tcache_disabled;

/* ---- chunk arithmetic ---- */

static size_t chunksize(struct chunk *p) { return p->size & ~(size_t)FLAG_BITS; }
static struct chunk *at(struct chunk *p, size_t off) { return (struct chunk *)((char *)p + off); }
static struct chunk *mem2chunk(void *mem) { return (struct chunk *)((char *)mem - CHUNK_HDR); }
static void *chunk2mem(struct chunk *p) { return (char *)p + CHUNK_HDR; }
static int is_mmapped(struct chunk *p) { return (p->size & IS_MMAPPED) != 0; }
static size_t page_size(void) { return (size_t)getpagesize(); }
static size_t align_up(size_t n, size_t a) { return (n + a - 1) & ~(a - 1); }

static int inuse(struct chunk *p)
{
    return (at(p, chunksize(p))->size & PREV_INUSE) != 0;
}

static void set_inuse(struct chunk *p)
{
    at(p, chunksize(p))->size |= PREV_INUSE;
}

/* Turns a request into a chunk size; fails for requests near SIZE_MAX. */
static int request2size(size_t req, size_t *nb)
{
    if (req > PTRDIFF_MAX - ALIGNMENT - MINSIZE) {
        errno = ENOMEM;
        return 0;
    }
    *nb = req + SIZE_SZ + ALIGN_MASK < MINSIZE ? MINSIZE : (req + SIZE_SZ + ALIGN_MASK) & ~(size_t)ALIGN_MASK;
    return 1;
}

/* ---- bins ---- */

static struct chunk *bin_at(int i)
{
    struct chunk *b = &bins[i];

    if (b->fd == NULL)
        b->fd = b->bk = b;
    return b;
}

static int in_smallbin_range(size_t size)
{
    return size < MIN_LARGE_SIZE;
}

static int smallbin_index(size_t size)
{
    return (int)(size >> 4);
}

static int largebin_index(size_t sz)
{
    if ((sz >> 6) <= 48)
        return 48 + (int)(sz >> 6);
    if ((sz >> 9) <= 20)
        return 91 + (int)(sz >> 9);
    if ((sz >> 12) <= 10)
        return 110 + (int)(sz >> 12);
    if ((sz >> 15) <= 4)
        return 119 + (int)(sz >> 15);
    if ((sz >> 18) <= 2)
        return 124 + (int)(sz >> 18);
    return 126;
}

static int bin_index(size_t size)
{
    return in_smallbin_range(size) ? smallbin_index(size) : largebin_index(size);
}

static void insert_after(struct chunk *bck, struct chunk *p)
{
    struct chunk *fwd = bck->fd;

    p->bk = bck;
    p->fd = fwd;
    fwd->bk = p;
    bck->fd = p;
}

static void unlink_chunk(struct chunk *p)
{
    p->fd->bk = p->bk;
    p->bk->fd = p->fd;
}

/* Sets p's size (prev in use) and the boundary tag its successor reads. */
static void set_free_head(struct chunk *p, size_t size)
{
    p->size = size | PREV_INUSE;
    at(p, size)->prev_size = size;
}

/* Sorts a chunk into its bin: small bins take new chunks at the front; a
 * large bin stays largest-first, a new chunk going second among equals. */
static void place_in_bin(struct chunk *p)
{
    size_t size = chunksize(p);
    struct chunk *b = bin_at(bin_index(size)), *fwd;

    if (in_smallbin_range(size) || b->fd == b) {
        insert_after(b, p);
        return;
    }
    if (size < chunksize(b->bk)) {
        insert_after(b->bk, p);
        return;
    }
    fwd = b->fd;
    while (size < chunksize(fwd))
        fwd = fwd->fd;
    if (size == chunksize(fwd))
        insert_after(fwd, p);
    else
        insert_after(fwd->bk, p);
}

/* ---- mmapped chunks ---- */

static void note_mmap(size_t size)
{
    mp.n_mmaps++;
    if (mp.n_mmaps > mp.max_n_mmaps)
        mp.max_n_mmaps = mp.n_mmaps;
    mp.mmapped_mem += size;
    if (mp.mmapped_mem > mp.max_mmapped_mem)
        mp.max_mmapped_mem = mp.mmapped_mem;
}

static struct chunk *mmap_chunk(size_t nb)
{
    size_t size = align_up(nb + SIZE_SZ, page_size());
    char *mm;
    struct chunk *p;

    if (size <= nb)
        return NULL;
    mm = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mm == MAP_FAILED)
        return NULL;
    p = (struct chunk *)mm;
    p->prev_size = 0;
    p->size = size | IS_MMAPPED;
    note_mmap(size);
    return p;
}

static void munmap_chunk(struct chunk *p)
{
    size_t total = p->prev_size + chunksize(p);

    mp.n_mmaps--;
    mp.mmapped_mem -= total;
    munmap((char *)p - p->prev_size, total);
}

/* ---- growing and shrinking the brk heap ---- */

static void free_chunk(struct chunk *p);

/* A foreign sbrk broke contiguity: fence off the old top and free what is left. */
static void retire_old_top(struct chunk *old_top, size_t old_size)
{
    old_size = (old_size - 2 * CHUNK_HDR) & ~(size_t)ALIGN_MASK;
    old_top->size = old_size | PREV_INUSE;
    at(old_top, old_size)->size = CHUNK_HDR | PREV_INUSE;
    at(old_top, old_size + CHUNK_HDR)->size = CHUNK_HDR | PREV_INUSE;
    if (old_size >= MINSIZE)
        free_chunk(old_top);
}

static struct chunk *sysmalloc(size_t nb)
{
    size_t old_size = top ? chunksize(top) : 0;
    char *old_end = top ? (char *)top + old_size : NULL;
    size_t size, correction;
    char *brk, *aligned;
    struct chunk *p;

    if (nb >= mp.mmap_threshold && mp.n_mmaps < mp.n_mmaps_max) {
        p = mmap_chunk(nb);
        if (p)
            return p;
    }
    size = nb + mp.top_pad + MINSIZE;
    if (top)
        size -= old_size;
    size = align_up(size, page_size());
    brk = sbrk((long)size);
    if (brk == (char *)-1) {
        errno = ENOMEM;
        return NULL;
    }
    system_mem += size;
    if (top && brk == old_end) {
        top->size = (old_size + size) | PREV_INUSE;
    } else {
        aligned = (char *)align_up((uintptr_t)brk + CHUNK_HDR, ALIGNMENT) - CHUNK_HDR;
        correction = (size_t)(aligned - brk) + old_size;
        correction += align_up((uintptr_t)brk + size + correction, page_size()) - ((uintptr_t)brk + size + correction);
        if (sbrk((long)correction) == (char *)-1)
            correction = 0;
        system_mem += correction;
        if (top && old_size >= MINSIZE)
            retire_old_top(top, old_size);
        top = (struct chunk *)aligned;
        top->size = ((size_t)(brk + size + correction - aligned)) | PREV_INUSE;
    }
    if (chunksize(top) < nb + MINSIZE) {
        errno = ENOMEM;
        return NULL;
    }
    p = top;
    top = at(p, nb);
    top->size = (chunksize(p) - nb) | PREV_INUSE;
    p->size = nb | (p->size & PREV_INUSE);
    return p;
}

/* Gives memory at the end of the heap back to the kernel, keeping pad bytes. */
static int systrim(size_t pad)
{
    size_t top_size = chunksize(top), top_area = top_size - MINSIZE - 1, extra, released;
    char *current_brk, *new_brk;

    if (top_size <= MINSIZE + 1 || top_area <= pad)
        return 0;
    extra = (top_area - pad) & ~(page_size() - 1);
    if (extra == 0)
        return 0;
    current_brk = sbrk(0);
    if (current_brk != (char *)top + top_size)
        return 0;
    sbrk(-(long)extra);
    new_brk = sbrk(0);
    released = (size_t)(current_brk - new_brk);
    if (released == 0)
        return 0;
    system_mem -= released;
    top->size = (top_size - released) | PREV_INUSE;
    return 1;
}

/* ---- allocation and release of heap chunks ---- */

/* Cuts p down to nb and frees the tail if it can stand as a chunk. */
static void split(struct chunk *p, size_t nb)
{
    size_t size = chunksize(p);
    struct chunk *rest;

    if (size - nb < MINSIZE)
        return;
    p->size = nb | (p->size & PREV_INUSE);
    rest = at(p, nb);
    rest->size = (size - nb) | PREV_INUSE;
    set_inuse(rest);
    free_chunk(rest);
}

static int tcache_put(struct chunk *p);
static void consolidate(void);
static int fastbin_index(size_t size);

/* A fastbin hit also moves the rest of that bin into the tcache, as glibc does. */
static struct chunk *fastbin_take(size_t nb)
{
    int i = fastbin_index(nb);
    struct chunk *victim = fastbins[i], *p;

    if (victim == NULL)
        return NULL;
    fastbins[i] = victim->fd;
    while ((p = fastbins[i]) != NULL) {
        fastbins[i] = p->fd;
        if (!tcache_put(p)) {
            fastbins[i] = p;
            break;
        }
    }
    return victim;
}

static int tcache_has_room(size_t nb);
static struct chunk *tcache_get(size_t nb);

/* A small bin hit also moves that bin's other chunks into the tcache. */
static struct chunk *smallbin_take(size_t nb)
{
    struct chunk *b = bin_at(smallbin_index(nb)), *victim = b->bk, *p;

    if (victim == b)
        return NULL;
    unlink_chunk(victim);
    set_inuse(victim);
    while (tcache_has_room(nb) && (p = b->bk) != b) {
        unlink_chunk(p);
        set_inuse(p);
        tcache_put(p);
    }
    return victim;
}

/* Takes victim out of its bin, returning the tail beyond nb to the unsorted list. */
static struct chunk *take_with_remainder(struct chunk *victim, size_t nb, int remember)
{
    size_t size = chunksize(victim), rest_size = size - nb;
    struct chunk *rest;

    unlink_chunk(victim);
    if (rest_size < MINSIZE) {
        set_inuse(victim);
        return victim;
    }
    rest = at(victim, nb);
    insert_after(bin_at(UNSORTED), rest);
    if (remember)
        last_remainder = rest;
    victim->size = nb | PREV_INUSE;
    set_free_head(rest, rest_size);
    return victim;
}

/* The smallest large-bin chunk that fits, avoiding the first of its size group. */
static struct chunk *largebin_take(int idx, size_t nb)
{
    struct chunk *b = bin_at(idx), *victim;

    if (b->fd == b || chunksize(b->fd) < nb)
        return NULL;
    victim = b->bk;
    while (chunksize(victim) < nb)
        victim = victim->bk;
    while (victim->bk != b && chunksize(victim->bk) == chunksize(victim))
        victim = victim->bk;
    if (victim->fd != b && chunksize(victim->fd) == chunksize(victim))
        victim = victim->fd;
    return take_with_remainder(victim, nb, 0);
}

/* Empties the unsorted list into the bins, stopping at an exact fit (which the
 * tcache takes while it has room) or when the last remainder can be split. */
static struct chunk *sort_unsorted(size_t nb, int *cached)
{
    struct chunk *u = bin_at(UNSORTED), *victim, *rest;
    size_t size;
    int iters = 0;

    while ((victim = u->bk) != u) {
        size = chunksize(victim);
        if (in_smallbin_range(nb) && victim->bk == u && victim == last_remainder && size > nb + MINSIZE) {
            rest = at(victim, nb);
            u->fd = u->bk = rest;
            rest->fd = rest->bk = u;
            last_remainder = rest;
            victim->size = nb | PREV_INUSE;
            set_free_head(rest, size - nb);
            return victim;
        }
        unlink_chunk(victim);
        if (size == nb) {
            set_inuse(victim);
            if (tcache_has_room(nb)) {
                tcache_put(victim);
                *cached = 1;
                continue;
            }
            return victim;
        }
        place_in_bin(victim);
        if (++iters >= MAX_ITERS)
            break;
    }
    return NULL;
}

/* glibc's _int_malloc: fastbin, small bin, unsorted list, own large bin,
 * any larger bin, the top, consolidation and retry, then sysmalloc. */
static struct chunk *int_malloc(size_t nb)
{
    struct chunk *p, *b;
    int idx, i, cached;

    if (nb <= MAX_FAST && (p = fastbin_take(nb)) != NULL)
        return p;
    if (in_smallbin_range(nb)) {
        if ((p = smallbin_take(nb)) != NULL)
            return p;
        idx = smallbin_index(nb);
    } else {
        idx = largebin_index(nb);
        if (have_fastchunks)
            consolidate();
    }
    for (;;) {
        cached = 0;
        if ((p = sort_unsorted(nb, &cached)) != NULL)
            return p;
        if (cached)
            return tcache_get(nb);
        if (!in_smallbin_range(nb) && (p = largebin_take(idx, nb)) != NULL)
            return p;
        for (i = idx + 1; i < NBINS - 1; i++) {
            b = bin_at(i);
            if (b->bk != b)
                return take_with_remainder(b->bk, nb, in_smallbin_range(nb));
        }
        if (top && chunksize(top) >= nb + MINSIZE) {
            p = top;
            top = at(p, nb);
            top->size = (chunksize(p) - nb) | PREV_INUSE;
            p->size = nb | (p->size & PREV_INUSE);
            return p;
        }
        if (!have_fastchunks)
            return sysmalloc(nb);
        consolidate();
    }
}

static int tcache_index(size_t nb)
{
    return (int)((nb - MINSIZE) / ALIGNMENT);
}

static int tcache_has_room(size_t nb)
{
    int i = tcache_index(nb);

    return tcache != NULL && i < TCACHE_BINS && tcache->counts[i] < TCACHE_COUNT;
}

static int tcache_put(struct chunk *p)
{
    int i = tcache_index(chunksize(p));
    struct tcache_entry *e;

    if (tcache == NULL || i >= TCACHE_BINS || tcache->counts[i] >= TCACHE_COUNT)
        return 0;
    e = chunk2mem(p);
    e->next = tcache->entries[i];
    e->key = tcache;
    tcache->entries[i] = e;
    tcache->counts[i]++;
    return 1;
}

static struct chunk *tcache_get(size_t nb)
{
    int i = tcache_index(nb);
    struct tcache_entry *e;

    if (tcache == NULL || i >= TCACHE_BINS || tcache->counts[i] == 0)
        return NULL;
    e = tcache->entries[i];
    tcache->entries[i] = e->next;
    tcache->counts[i]--;
    e->key = NULL;
    return mem2chunk(e);
}

static void tcache_init(void)
{
    struct chunk *p;

    if (tcache || tcache_disabled)
        return;
    p = int_malloc(sizeof(struct tcache) + SIZE_SZ + ALIGN_MASK < MINSIZE ? MINSIZE
                   : (sizeof(struct tcache) + SIZE_SZ + ALIGN_MASK) & ~(size_t)ALIGN_MASK);
    if (p == NULL) {
        tcache_disabled = 1;
        return;
    }
    tcache = chunk2mem(p);
    memset(tcache, 0, sizeof(*tcache));
}

/* Merges p with free neighbours, then puts it at the front of the unsorted
 * list or makes it part of the top; returns the merged size. */
static size_t coalesce(struct chunk *p)
{
    size_t size = chunksize(p);
    struct chunk *next = at(p, size), *prev;

    if (!(p->size & PREV_INUSE)) {
        prev = at(p, 0 - p->prev_size);
        size += chunksize(prev);
        unlink_chunk(prev);
        p = prev;
    }
    if (next == top) {
        size += chunksize(top);
        p->size = size | PREV_INUSE;
        top = p;
        return size;
    }
    if (!inuse(next)) {
        size += chunksize(next);
        unlink_chunk(next);
    } else {
        next->size &= ~(size_t)PREV_INUSE;
    }
    insert_after(bin_at(UNSORTED), p);
    set_free_head(p, size);
    return size;
}

static int fastbin_index(size_t size)
{
    return (int)(size >> 4) - 2;
}

/* glibc's malloc_consolidate: every fastbin chunk is coalesced and listed. */
static void consolidate(void)
{
    struct chunk *p, *next;
    int i;

    have_fastchunks = 0;
    for (i = 0; i < FASTBINS; i++) {
        p = fastbins[i];
        fastbins[i] = NULL;
        for (; p; p = next) {
            next = p->fd;
            coalesce(p);
        }
    }
}

/* glibc's _int_free for a heap chunk: tcache, fastbin, else coalesce, maybe trim. */
static void free_chunk(struct chunk *p)
{
    size_t size;

    if (tcache_put(p))
        return;
    size = chunksize(p);
    if (size <= MAX_FAST) {
        int i = fastbin_index(size);
        p->fd = fastbins[i];
        fastbins[i] = p;
        have_fastchunks = 1;
        return;
    }
    size = coalesce(p);
    if (size >= CONSOLIDATION_THRESHOLD) {
        if (have_fastchunks)
            consolidate();
        if (chunksize(top) >= mp.trim_threshold)
            systrim(mp.top_pad);
    }
}

/* ---- the public interface ---- */

void *malloc(size_t n)
{
    size_t nb;
    struct chunk *p;

    if (!request2size(n, &nb))
        return NULL;
    tcache_init();
    p = tcache_get(nb);
    if (p == NULL)
        p = int_malloc(nb);
    return p ? chunk2mem(p) : NULL;
}

void free(void *mem)
{
    struct chunk *p;

    if (mem == NULL)
        return;
    p = mem2chunk(mem);
    if (is_mmapped(p)) {
        size_t size = chunksize(p);
        /* glibc's dynamic threshold: a freed mmapped chunk says "this size is common". */
        if (!mp.no_dyn_threshold && size > mp.mmap_threshold && size <= DEFAULT_MMAP_THRESHOLD_MAX) {
            mp.mmap_threshold = size;
            mp.trim_threshold = 2 * size;
        }
        munmap_chunk(p);
        return;
    }
    free_chunk(p);
}

void *calloc(size_t n, size_t size)
{
    size_t bytes, nb;
    struct chunk *p;
    void *mem;

    if (size != 0 && n > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    bytes = n * size;
    if (!request2size(bytes, &nb))
        return NULL;
    tcache_init();      /* glibc's calloc creates the tcache, though it never takes from it */
    p = int_malloc(nb);
    if (p == NULL)
        return NULL;
    mem = chunk2mem(p);
    if (!is_mmapped(p))
        memset(mem, 0, chunksize(p) - SIZE_SZ);
    return mem;
}

static void *realloc_mmapped(struct chunk *p, size_t nb, size_t n)
{
    size_t offset = p->prev_size, size = chunksize(p);
    size_t new_size = align_up(nb + offset + SIZE_SZ, page_size());
    char *cp;
    void *mem;

    if (new_size == offset + size)
        return chunk2mem(p);
    cp = mremap((char *)p - offset, size + offset, new_size, MREMAP_MAYMOVE);
    if (cp != MAP_FAILED) {
        p = (struct chunk *)(cp + offset);
        p->size = (new_size - offset) | IS_MMAPPED;
        mp.mmapped_mem += new_size - size - offset;
        if (mp.mmapped_mem > mp.max_mmapped_mem)
            mp.max_mmapped_mem = mp.mmapped_mem;
        return chunk2mem(p);
    }
    if (size - SIZE_SZ >= nb)
        return chunk2mem(p);
    mem = malloc(n);
    if (mem == NULL)
        return NULL;
    memcpy(mem, chunk2mem(p), size - CHUNK_HDR);
    munmap_chunk(p);
    return mem;
}

/* glibc's _int_realloc: shrink in place, grow into the top or a free
 * neighbour, else move. */
static void *realloc_heap(struct chunk *p, size_t nb)
{
    size_t size = chunksize(p);
    struct chunk *next = at(p, size), *q;
    void *mem;

    if (size >= nb) {
        split(p, nb);
        return chunk2mem(p);
    }
    if (next == top && size + chunksize(top) >= nb + MINSIZE) {
        size_t total = size + chunksize(top);
        p->size = nb | (p->size & PREV_INUSE);
        top = at(p, nb);
        top->size = (total - nb) | PREV_INUSE;
        return chunk2mem(p);
    }
    if (next != top && !inuse(next) && size + chunksize(next) >= nb) {
        unlink_chunk(next);
        p->size = (size + chunksize(next)) | (p->size & PREV_INUSE);
        set_inuse(p);
        split(p, nb);
        return chunk2mem(p);
    }
    q = int_malloc(nb);
    if (q == NULL)
        return NULL;
    if (q == next) {
        /* the new chunk came from the top right after p: just join them */
        p->size = (size + chunksize(q)) | (p->size & PREV_INUSE);
        split(p, nb);
        return chunk2mem(p);
    }
    mem = chunk2mem(q);
    memcpy(mem, chunk2mem(p), size - SIZE_SZ);
    free_chunk(p);
    return mem;
}

void *realloc(void *mem, size_t n)
{
    size_t nb;
    struct chunk *p;

    if (mem == NULL)
        return malloc(n);
    if (n == 0) {
        free(mem);
        return NULL;
    }
    if (!request2size(n, &nb))
        return NULL;
    p = mem2chunk(mem);
    if (is_mmapped(p))
        return realloc_mmapped(p, nb, n);
    return realloc_heap(p, nb);
}

void *reallocarray(void *mem, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(mem, n * size);
}

/* glibc's _int_memalign: over-allocate, then free the misaligned lead and the tail. */
static void *int_memalign(size_t align, size_t n)
{
    size_t nb, lead, size, padded;
    struct chunk *p, *q;
    char *m;

    if (!request2size(n, &nb))
        return NULL;
    if (nb + align + MINSIZE < nb) {
        errno = ENOMEM;
        return NULL;
    }
    if (!request2size(nb + align + MINSIZE, &padded))
        return NULL;
    p = int_malloc(padded);
    if (p == NULL)
        return NULL;
    m = chunk2mem(p);
    if ((uintptr_t)m % align != 0) {
        q = mem2chunk((void *)align_up((uintptr_t)m, align));
        if ((size_t)((char *)q - (char *)p) < MINSIZE)
            q = at(q, align);
        lead = (size_t)((char *)q - (char *)p);
        size = chunksize(p) - lead;
        if (is_mmapped(p)) {
            q->prev_size = p->prev_size + lead;
            q->size = size | IS_MMAPPED;
            return chunk2mem(q);
        }
        q->size = size | PREV_INUSE;
        set_inuse(q);
        p->size = lead | (p->size & PREV_INUSE);
        free_chunk(p);
        p = q;
    }
    if (!is_mmapped(p) && chunksize(p) > nb + MINSIZE)
        split(p, nb);
    return chunk2mem(p);
}

void *memalign(size_t align, size_t n)
{
    size_t a = MINSIZE;

    if (align <= ALIGNMENT)
        return malloc(n);
    if (align > SIZE_MAX / 2 + 1) {
        errno = EINVAL;
        return NULL;
    }
    while (a < align)
        a <<= 1;
    return int_memalign(a, n);
}

void *aligned_alloc(size_t align, size_t n)
{
    return memalign(align, n);
}

int posix_memalign(void **out, size_t align, size_t n)
{
    void *mem;

    if (align % sizeof(void *) != 0 || (align & (align - 1)) != 0 || align == 0)
        return EINVAL;
    mem = memalign(align, n);
    if (mem == NULL)
        return ENOMEM;
    *out = mem;
    return 0;
}

void *valloc(size_t n)
{
    return memalign(page_size(), n);
}

void *pvalloc(size_t n)
{
    return memalign(page_size(), align_up(n, page_size()));
}

size_t malloc_usable_size(void *mem)
{
    struct chunk *p;

    if (mem == NULL)
        return 0;
    p = mem2chunk(mem);
    if (is_mmapped(p))
        return chunksize(p) - CHUNK_HDR;
    return inuse(p) ? chunksize(p) - SIZE_SZ : 0;
}

int mallopt(int param, int value)
{
    if (have_fastchunks)
        consolidate();
    switch (param) {
    case M_MMAP_THRESHOLD:
        if ((unsigned long)value > DEFAULT_MMAP_THRESHOLD_MAX)
            return 0;
        mp.mmap_threshold = (size_t)value;
        break;
    case M_TOP_PAD:
        mp.top_pad = (size_t)value;
        break;
    case M_TRIM_THRESHOLD:
        mp.trim_threshold = (size_t)value;
        break;
    case M_MMAP_MAX:
        mp.n_mmaps_max = value;
        break;
    default:
        return 1;
    }
    mp.no_dyn_threshold = 1;
    return 1;
}

int malloc_trim(size_t pad)
{
    if (have_fastchunks)
        consolidate();
    return top ? systrim(pad) : 0;
}

/* glibc's int_mallinfo: the top counts as a free block; tcache chunks count as in use. */
struct mallinfo2 mallinfo2(void)
{
    struct mallinfo2 mi;
    struct chunk *p;
    int i;

    memset(&mi, 0, sizeof(mi));
    mi.ordblks = 1;
    mi.fordblks = top ? chunksize(top) : 0;
    for (i = 0; i < FASTBINS; i++) {
        for (p = fastbins[i]; p; p = p->fd) {
            mi.smblks++;
            mi.fsmblks += chunksize(p);
        }
    }
    mi.fordblks += mi.fsmblks;
    for (i = 1; i < NBINS; i++) {
        if (bins[i].fd == NULL)
            continue;
        for (p = bins[i].bk; p != &bins[i]; p = p->bk) {
            mi.ordblks++;
            mi.fordblks += chunksize(p);
        }
    }
    mi.arena = system_mem;
    mi.uordblks = system_mem - mi.fordblks;
    mi.hblks = (size_t)mp.n_mmaps;
    mi.hblkhd = mp.mmapped_mem;
    mi.keepcost = top ? chunksize(top) : 0;
    return mi;
}

struct mallinfo mallinfo(void)
{
    struct mallinfo2 m2 = mallinfo2();
    struct mallinfo mi;

    mi.arena = (int)m2.arena;
    mi.ordblks = (int)m2.ordblks;
    mi.smblks = (int)m2.smblks;
    mi.hblks = (int)m2.hblks;
    mi.hblkhd = (int)m2.hblkhd;
    mi.usmblks = (int)m2.usmblks;
    mi.fsmblks = (int)m2.fsmblks;
    mi.uordblks = (int)m2.uordblks;
    mi.fordblks = (int)m2.fordblks;
    mi.keepcost = (int)m2.keepcost;
    return mi;
}

void malloc_stats(void)
{
    struct mallinfo2 mi = mallinfo2();
    unsigned int in_use = (unsigned int)mi.uordblks;

    fprintf(stderr, "Arena %d:\n", 0);
    fprintf(stderr, "system bytes     = %10u\n", (unsigned int)system_mem);
    fprintf(stderr, "in use bytes     = %10u\n", in_use);
    fprintf(stderr, "Total (incl. mmap):\n");
    fprintf(stderr, "system bytes     = %10u\n", (unsigned int)(system_mem + mp.mmapped_mem));
    fprintf(stderr, "in use bytes     = %10u\n", (unsigned int)(in_use + mp.mmapped_mem));
    fprintf(stderr, "max mmap regions = %10u\n", (unsigned int)mp.max_n_mmaps);
    fprintf(stderr, "max mmap bytes   = %10lu\n", (unsigned long)mp.max_mmapped_mem);
}
