/* Page faults worth watching, one kind per argument: copy-on-write after fork, stack growth, a wild pointer. */
#include "sys.h"

static char page[4096] __attribute__((aligned(4096))) = "parent";

/* Each frame takes a page, so 512 of them reach 2 MiB below the initial stack's 128 KiB. */
static long deep(long n) {
    volatile char frame[4096];
    frame[0] = (char)n;
    return n == 0 ? frame[0] : deep(n - 1) + frame[0];
}

void start_c(long *sp) {
    char *what = (char *)sp[2];
    switch (what[0]) {
        case 'c': {
            page[0] = 'P';                         /* the parent's own page before fork */
            long pid = sys0(57);                   /* fork */
            if (pid == 0) {
                page[0] = 'C';                     /* COW: the child gets a copy */
                sys1(60, 0);
            }
            int status;
            sys4(61, pid, &status, 0, 0);          /* wait4 */
            page[1] = 'p';                         /* the last holder: the page is simply writable again */
            puts1(page[0] == 'P' ? "parent kept its page\n" : "parent page changed\n");
            break;
        }
        case 'g':
            kv("deep", deep(512));
            break;
        case 's':
            *(volatile long *)0x1000 = 1;
            break;
    }
    sys1(60, 0);
}

__asm__(".globl _start\n_start:\n mov %rsp, %rdi\n and $-16, %rsp\n call start_c\n");
