/*
 * The program break, as glibc's __curbrk holds it: where the heap ends. It starts past the end of the bss (the
 * linker's `end`) on a page boundary, and sbrk moves it by exactly what is asked, and back again. Everything is
 * measured before the first printf, whose buffer may itself come from the heap.
 */
#include <stdio.h>
#include <unistd.h>

extern void *__curbrk; /* libc's copy of the break (glibc's name; no header declares it) */
extern char end;       /* the first address past the bss, defined by the linker */

static const char *yes(int c)
{
    return c ? "yes" : "no";
}

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    char *start = __curbrk;
    int same = start == sbrk(0);
    char *old = sbrk(page);
    unsigned long grown = (unsigned long)((char *)__curbrk - start);

    start[page - 1] = 'x'; /* the new page is ours to use */
    sbrk(-page);
    unsigned long back = (unsigned long)((char *)__curbrk - start);

    printf("__curbrk at main:           %p\n", (void *)start);
    printf("the same as sbrk(0):        %s\n", yes(same));
    printf("past the end of the bss:    %s\n", yes(start >= &end));
    printf("on a page boundary:         %s\n", yes((unsigned long)start % page == 0));
    printf("sbrk(%ld) returned the old break: %s\n", page, yes(old == start));
    printf("__curbrk moved by:          %#lx\n", grown);
    printf("after sbrk(-%ld), moved by: %#lx\n", page, back);
    return 0;
}
