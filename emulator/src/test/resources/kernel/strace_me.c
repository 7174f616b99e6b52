/* A few system calls of each strace class: memory (brk, mmap, mprotect, munmap), descriptors (write, close), files
 * (openat of a missing file), process (getpid is pure, exit), for comparing --strace and its filters with strace. */
#include "sys.h"

void start_c(long *sp) {
    long brk0 = sys1(12, 0);
    sys1(12, brk0 + 8192);
    char *p = (char *)sys6(9, 0, 8192, 3, 0x22, -1, 0);     /* mmap(NULL, 8192, RW, PRIVATE|ANONYMOUS) */
    p[0] = 'x';
    sys3(10, p, 4096, 1);                                   /* mprotect(p, 4096, PROT_READ) */
    puts1("hello from strace_me\n");
    sys4(257, -100, "no-such-file", 0, 0);                  /* openat: ENOENT */
    sys1(3, 99);                                            /* close: EBADF */
    sys0(39);                                               /* getpid */
    char kept = p[0];
    sys2(11, p, 8192);                                      /* munmap */
    sys1(60, kept == 'x' ? 0 : 1);
}

__asm__(".globl _start\n_start:\n mov %rsp, %rdi\n and $-16, %rsp\n call start_c\n");
