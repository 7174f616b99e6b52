/* Successive small mallocs come from the top of the heap one after another: the deltas show the chunk sizes. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

int main(void)
{
    static const size_t sizes[] = { 1, 1, 1, 42, 42, 42, 24, 25, 100 };
    char *prev = NULL;
    size_t i;

    for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        char *p = malloc(sizes[i]);
        printf("malloc(%3zu) = %p  align16 %d", sizes[i], (void *)p, (int)((uintptr_t)p % 16 == 0));
        if (prev != NULL)
            printf("  delta %#lx", (unsigned long)(p - prev));
        printf("\n");
        prev = p;
    }
    return 0;
}
