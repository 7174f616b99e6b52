#include "lib.h"

int main(void) {
    static const char msg[] = "hello, world\n";
    write(1, msg, sizeof msg - 1);
    return 0;
}
