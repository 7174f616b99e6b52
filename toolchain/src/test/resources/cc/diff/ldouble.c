#include <stdio.h>
long double third = 1.0L / 3;
long double mix = 2 * 0.1L + 1e-5L - (long double)0.5f;
long double big = 18446744073709551615UL * 3.0L;
static long double neg = -(1.0L / 7);
long double from_double = 0.1;
int main(void) {
    printf("%.25Lf\n%.25Lf\n%.10Lf\n%.25Lf\n%.25Lf\n", third, mix, big, neg, from_double);
    long double local = 1.0L / 3;
    printf("%d\n", local == third);
    return 0;
}
