/* Our half of the ABI test: each side calls the other with every argument and return class. */
int printf(const char *fmt, ...);
#include "abi.h"
#define PREFIX o
#define OTHER g
#include "abi_body.h"
int g_check_other(void);

int main(void) {
    int bad = o_check_other() + g_check_other();
    printf("abi: %d failures\n", bad);
    return bad != 0;
}
