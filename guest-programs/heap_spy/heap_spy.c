/* Where the program break is before and after the first malloc: the allocator grows the heap by 0x21000. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(void)
{
    char *before = sbrk(0);
    char *p = malloc(1000);
    char *after = sbrk(0);

    printf("sbrk(0) before malloc(1000): %p\n", (void *)before);
    printf("malloc(1000) returned:       %p (%#lx past the old break)\n", (void *)p, (unsigned long)(p - before));
    printf("sbrk(0) after malloc(1000):  %p (+%#lx)\n", (void *)after, (unsigned long)(after - before));
    free(p);
    printf("sbrk(0) after free:          %p (+%#lx)\n", sbrk(0), (unsigned long)((char *)sbrk(0) - before));
    return 0;
}
