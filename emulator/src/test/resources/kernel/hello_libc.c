/* A glibc program (gcc -static): its startup and stdio make the system calls real programs make. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    printf("hello %s %d\n", argc > 1 ? argv[1] : "world", argc);
    char *p = malloc(100000);
    strcpy(p, "heap");
    puts(p);
    FILE *f = fopen("missing.txt", "r");
    printf("fopen %s\n", f ? "ok" : "failed");
    void *big = malloc(1 << 20);
    printf("big %s\n", big ? "ok" : "failed");
    free(big);
    return 3;
}
