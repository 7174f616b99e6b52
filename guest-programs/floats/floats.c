/* Floating-point arithmetic and printing: a table of powers, a series for e,
 * Newton's square roots, and values parsed back with strtod. */
#include <stdio.h>
#include <stdlib.h>

static double newton_sqrt(double x)
{
    double r = x > 1 ? x / 2 : 1;
    int i;

    for (i = 0; i < 60; i++)
        r = (r + x / r) / 2;
    return r;
}

int main(void)
{
    double e = 1, term = 1, x = 1, tenth = 1;
    char buf[64];
    int i;

    for (i = 1; i < 20; i++) {
        term /= i;
        e += term;
    }
    printf("e ~ %.17g (%a)\n", e, e);
    for (i = 0; i < 12; i++) {
        printf("2^%-3d = %-8g 10^-%d = %-12e sqrt(%d) = %.15f\n", i * 7, x, i, tenth, i, newton_sqrt(i));
        x *= 128;
        tenth /= 10;
    }
    for (i = 1; i <= 5; i++) {
        snprintf(buf, sizeof(buf), "%.17g", 1.0 / (i * 3));
        printf("%s parses back exactly: %s\n", buf, strtod(buf, NULL) == 1.0 / (i * 3) ? "yes" : "no");
    }
    return 0;
}
