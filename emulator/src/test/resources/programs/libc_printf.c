/* A static glibc program: stdio, malloc, qsort, strtod and snprintf through the real C library (TLS via FS). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    printf("hello from glibc, argc=%d\n", argc);
    double *v = malloc(100 * sizeof *v);
    unsigned seed = 42;
    for (int i = 0; i < 100; i++) {
        seed = seed * 1103515245u + 12345u;
        v[i] = (seed >> 8) / 1000.0 - 5000.0;
    }
    qsort(v, 100, sizeof *v, by_value);
    printf("min %.3f median %.3f max %.3f\n", v[0], v[50], v[99]);
    char buf[64];
    snprintf(buf, sizeof buf, "%08x|%-6s|%+.2e|%lld", 0xbeefu, "ab", 12345.678, -9000000000LL);
    printf("%s (%zu chars)\n", buf, strlen(buf));
    printf("strtod %.6f %g\n", strtod("3.14159xyz", NULL), strtod("-1e-5", NULL));
    char *copy = strdup(argv[0]);
    printf("argv[0] copy ends in printf: %d\n", strstr(copy, "libc_printf") != NULL);
    free(copy);
    free(v);
    fprintf(stderr, "this goes to stderr\n");
    return 3;
}
