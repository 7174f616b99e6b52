/* Reads from a pipe only it could write to: on Linux it sleeps forever. */
#include "sys.h"

void _start(void) {
    int fds[2];
    char c;
    sys1(22, fds);
    puts1("reading\n");
    sys3(0, fds[0], &c, 1);
    puts1("never\n");
    sys1(60, 0);
}
