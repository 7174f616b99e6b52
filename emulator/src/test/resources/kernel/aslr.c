/*
 * Where things are: the stack, the break, an anonymous mmap, main itself (moves only in a PIE), and the random
 * bytes a process is given (AT_RANDOM, /dev/urandom, getrandom). Under ASLR every run differs; one seed, one run.
 */
#include <stdio.h>
#include <stdint.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

static void hex(const char *what, const unsigned char *b, int n) {
    printf("%s ", what);
    for (int i = 0; i < n; i++) printf("%02x", b[i]);
    putchar('\n');
}

int main(void) {
    int local;
    printf("stack %p\n", (void *) &local);
    printf("brk %p\n", sbrk(0));
    printf("mmap %p\n", mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    printf("main %p\n", (void *) main);
    hex("at_random", (const unsigned char *) getauxval(AT_RANDOM), 16);
    unsigned char b[8];
    FILE *f = fopen("/dev/urandom", "r");
    if (!f || fread(b, 1, sizeof b, f) != sizeof b) { perror("urandom"); return 1; }
    hex("urandom", b, sizeof b);
    if (getrandom(b, sizeof b, 0) != sizeof b) { perror("getrandom"); return 1; }
    hex("getrandom", b, sizeof b);
    return 0;
}
