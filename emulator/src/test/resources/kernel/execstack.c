/* Runs a RET instruction placed on the stack: allowed only when PT_GNU_STACK asks for an executable stack. */
#include "sys.h"

void _start(void) {
    volatile unsigned char code[16] = {0xc3};
    puts1("calling\n");
    ((void (*)(void))code)();
    puts1("returned\n");
    sys1(60, 0);
}
