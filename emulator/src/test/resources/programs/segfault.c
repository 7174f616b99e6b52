#include "lib.h"

/* Prints, then stores through a null pointer: the kernel kills it with SIGSEGV (status 128 + 11). */
int main(void) {
    put_str("about to fault\n");
    flush();
    *(volatile int *)0 = 1;
    put_str("not reached\n");
    flush();
    return 0;
}
