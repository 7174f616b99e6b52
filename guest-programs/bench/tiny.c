/* A benchmark small enough for the tests: a short loop and its checksum. */
#include <stdio.h>

int main(void) {
    unsigned long sum = 0;
    for (unsigned long i = 0; i < 20000; i++) sum = sum * 31 + i;
    printf("tiny checksum %lu\n", sum);
    return 0;
}
