/* Strings and hashing: builds words with sprintf, counts them in a chained hash table with strcmp. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUCKETS 65536
#ifdef BENCH_QUICK /* boardup bench --quick: a smoke-test size */
#define WORDS 500
#else
#define WORDS 150000
#endif

struct entry {
    struct entry *next;
    long count;
    char word[24];
};

static unsigned long fnv1a(const char *s) {
    unsigned long h = 14695981039346656037UL;
    for (; *s; s++) h = (h ^ (unsigned char) *s) * 1099511628211UL;
    return h;
}

int main(void) {
    static struct entry *table[BUCKETS];
    char word[24];
    long distinct = 0;
    unsigned long x = 12345;
    for (long i = 0; i < WORDS; i++) {
        x = x * 1103515245 + 12345;
        sprintf(word, "w%lx-%lu", (x >> 16) % 40009, (x >> 40) % 7);
        unsigned long h = fnv1a(word) % BUCKETS;
        struct entry *e = table[h];
        while (e && strcmp(e->word, word) != 0) e = e->next;
        if (!e) {
            e = malloc(sizeof *e);
            strcpy(e->word, word);
            e->count = 0;
            e->next = table[h];
            table[h] = e;
            distinct++;
        }
        e->count++;
    }
    unsigned long sum = 0;
    for (int b = 0; b < BUCKETS; b++)
        for (struct entry *e = table[b]; e; e = e->next) sum += fnv1a(e->word) * (unsigned long) e->count;
    printf("hash distinct %ld checksum %lu\n", distinct, sum);
    return 0;
}
