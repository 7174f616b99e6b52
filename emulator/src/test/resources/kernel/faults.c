/* One fault per argument: the process dies with the signal Linux sends (exit status 128 + signal). */
#include "sys.h"

void start_c(long *sp) {
    char *what = (char *)sp[2];
    puts1("before\n");
    switch (what[0]) {
        case 's': *(volatile long *)0x1000 = 1; break;                 /* SIGSEGV, unmapped */
        case 'r': { extern char _start[]; *(volatile char *)_start = 1; break; }  /* SIGSEGV, read-only text */
        case 'u': __asm__ volatile("ud2"); break;                       /* SIGILL */
        case 't': __asm__ volatile("int3"); break;                      /* SIGTRAP */
        case 'd': { volatile long z = 0; volatile long q = 10 / z; (void)q; break; }  /* SIGFPE */
        case 'g': __asm__ volatile("hlt"); break;                       /* #GP in user mode: SIGSEGV */
        case 'a': sys2(62, sys0(39), 6); break;                         /* kill(getpid(), SIGABRT) */
        case 'x': { static const char ret = (char)0xc3; ((void (*)(void))&ret)(); break; }  /* NX: SIGSEGV */
    }
    puts1("after\n");
    sys1(60, 0);
}

__asm__(".globl _start\n_start:\n mov %rsp, %rdi\n and $-16, %rsp\n call start_c\n");
