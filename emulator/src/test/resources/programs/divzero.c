#include "lib.h"

/* Integer division by zero raises #DE: SIGFPE (status 128 + 8). */
int main(int argc, char **argv) {
    (void)argv;
    put_str("dividing by zero\n");
    flush();
    volatile int zero = argc - 1;
    return 10 / zero;
}
