/*
 * A bump allocator on the program break: sbrk hands out blocks, brk gives them all back at once.
 * Output goes through snprintf and write, since stdio's buffer would come from malloc, which moves the break too.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char *pool_start;

static void say(const char *format, ...)
{
    char line[200];
    va_list ap;
    int n;

    va_start(ap, format);
    n = vsnprintf(line, sizeof line, format, ap);
    va_end(ap);
    if (write(STDOUT_FILENO, line, (size_t)n) != n)
        _exit(2);
}

static void *pool_alloc(long size)
{
    void *p = sbrk((size + 15) & ~15L);
    return p == (void *)-1 ? NULL : p;
}

int main(void)
{
    static const long sizes[] = { 16, 100, 4096, 5000, 70000 };
    size_t i;

    pool_start = sbrk(0);
    for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        char *p = pool_alloc(sizes[i]);
        if (p == NULL) {
            say("sbrk failed\n");
            return 1;
        }
        memset(p, 0xab, (size_t)sizes[i]);
        say("pool_alloc(%5ld) at start+%#lx, break now start+%#lx\n", sizes[i],
               (unsigned long)(p - pool_start), (unsigned long)((char *)sbrk(0) - pool_start));
    }
    if (brk(pool_start) != 0) {
        say("brk failed\n");
        return 1;
    }
    say("after brk(start): break at start+%#lx\n", (unsigned long)((char *)sbrk(0) - pool_start));
    return 0;
}
