#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed;

long assert_eq(long expected, long actual, const char *code, const char *file, int line) {
    if (expected == actual) {
        passed++;
        return actual;
    }
    printf("%s:%d: %s => %ld expected but got %ld\n", file, line, code, expected, actual);
    exit(1);
}

double assert_double(double expected, double actual, const char *code, const char *file, int line) {
    if (expected == actual || (expected != expected && actual != actual)) {
        passed++;
        return actual;
    }
    printf("%s:%d: %s => %.17g expected but got %.17g\n", file, line, code, expected, actual);
    exit(1);
}

void assert_str(const char *expected, const char *actual, const char *code, const char *file, int line) {
    if (strcmp(expected, actual) == 0) {
        passed++;
        return;
    }
    printf("%s:%d: %s => \"%s\" expected but got \"%s\"\n", file, line, code, expected, actual);
    exit(1);
}

void report(const char *file) {
    printf("%s: %d assertions passed\n", file, passed);
}
