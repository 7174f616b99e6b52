/* malloc as a thin wrapper around mmap: every block is its own anonymous mapping, rounded up to pages. */
#include <stdio.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>

static void *my_malloc(size_t size)
{
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

int main(void)
{
    static const size_t sizes[] = { 1, 42, 4096, 4097, 10000, 65536 };
    char *prev = NULL;
    size_t i;

    for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        char *p = my_malloc(sizes[i]);
        if (p == NULL) {
            perror("mmap");
            return 1;
        }
        memset(p, 'x', sizes[i]);
        printf("my_malloc(%zu) = %p", sizes[i], (void *)p);
        printf(" page offset %lu", (unsigned long)p % 4096);
        if (prev != NULL)
            printf(", %ld bytes below the previous block", (long)(prev - p));
        printf("\n");
        prev = p;
    }
    return 0;
}
