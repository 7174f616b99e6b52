#include <stdio.h>
long double f(long double x) { return x * 2; }
int main(void) {
    long double a = 1.5L, b = 0.75L;
    long double r = (a + (b * (a + (b * (a + (b * (a + (b * (a + (b * (a + (b * (a + (b * (a + (b * (a + (b * (a + (b * (a + (b * (a + (b * (a + b)))))))))))))))))))))))));
    long double s = a + f(b) * (a - f(a / b));
    printf("%.20Lg %.20Lg %d\n", r, s, a < b);
    return 0;
}
