/* start.c: process start-up and shutdown: argc/argv/envp/auxv, atexit, exit. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "libc.h"

#define ATEXIT_BLOCK 32
#define ATEXIT_BLOCK_ALLOC 1040     /* what glibc callocs for each further block */
#define AT_PAGESZ 6

char **environ;
char *__progname = "";
char *program_invocation_name = "";
char *program_invocation_short_name = "";
unsigned long *__auxv;
long __page_size = 4096;

/* Handlers in blocks of 32, newest block first, like glibc's exit_function_list. */
struct atexit_block {
    struct atexit_block *next;
    long count;
    void (*fns[ATEXIT_BLOCK])(void);
};

static struct atexit_block first_block;
static struct atexit_block *atexit_head = &first_block;

int main(int argc, char **argv, char **envp);

static void read_auxv(unsigned long *auxv)
{
    __auxv = auxv;
    for (; auxv[0] != 0; auxv += 2)
        if (auxv[0] == AT_PAGESZ)
            __page_size = (long)auxv[1];
}

static void set_program_name(char *argv0)
{
    char *slash;

    if (argv0 == NULL)
        return;
    program_invocation_name = argv0;
    slash = strrchr(argv0, '/');
    program_invocation_short_name = slash ? slash + 1 : argv0;
    __progname = program_invocation_short_name;
}

/* Called by _start with the initial stack pointer. */
void __libc_start_main(long *sp)
{
    int argc = (int)sp[0];
    char **argv = (char **)(sp + 1);
    char **envp = argv + argc + 1;
    char **p = envp;

    while (*p)
        p++;
    environ = envp;
    read_auxv((unsigned long *)(p + 1));
    sbrk(0); /* sets __curbrk, as glibc's start-up does: main finds it set, and brk(NULL) is the first call */
    set_program_name(argv[0]);
    __stdio_init();
    exit(main(argc, argv, envp));
}

int atexit(void (*fn)(void))
{
    struct atexit_block *b;

    if (atexit_head->count == ATEXIT_BLOCK) {
        b = calloc(1, ATEXIT_BLOCK_ALLOC);
        if (b == NULL)
            return -1;
        b->next = atexit_head;
        atexit_head = b;
    }
    atexit_head->fns[atexit_head->count++] = fn;
    return 0;
}

/* Handlers run newest first; a handler may register more, which then run next. */
void exit(int status)
{
    void (*fn)(void);

    for (;;) {
        while (atexit_head->count == 0 && atexit_head->next)
            atexit_head = atexit_head->next;
        if (atexit_head->count == 0)
            break;
        fn = atexit_head->fns[--atexit_head->count];
        fn();
    }
    __stdio_exit();
    _exit(status);
}

void _exit(int status)
{
    for (;;) {
        __syscall1(SYS_exit_group, status);
        __syscall1(SYS_exit, status);
    }
}

void _Exit(int status)
{
    _exit(status);
}
