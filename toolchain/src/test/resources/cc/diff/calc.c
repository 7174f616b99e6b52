#include <stdio.h>
#include <stdlib.h>
#include <math.h>

/* A tiny recursive-descent calculator over doubles. */
static const char *p;

static double expr(void);

static void skip_ws(void) { while (*p == ' ') p++; }

static double primary(void) {
    skip_ws();
    if (*p == '(') {
        p++;
        double v = expr();
        skip_ws();
        if (*p == ')') p++;
        return v;
    }
    if (*p == '-') { p++; return -primary(); }
    char *end;
    double v = strtod(p, &end);
    p = end;
    return v;
}

static double power(void) {
    double b = primary();
    skip_ws();
    if (*p == '^') { p++; return pow(b, power()); }
    return b;
}

static double term(void) {
    double v = power();
    for (;;) {
        skip_ws();
        switch (*p) {
        case '*': p++; v *= power(); break;
        case '/': p++; v /= power(); break;
        case '%': p++; v = fmod(v, power()); break;
        default: return v;
        }
    }
}

static double expr(void) {
    double v = term();
    for (;;) {
        skip_ws();
        if (*p == '+') { p++; v += term(); }
        else if (*p == '-') { p++; v -= term(); }
        else return v;
    }
}

int main(void) {
    const char *inputs[] = {"1 + 2 * 3", "(1 + 2) * 3", "2 ^ 10", "2 ^ 3 ^ 2", "10 / 4", "-3 * -(2 + 1)",
                            "7 % 3 + 0.5", "1e3 / 7", "0.1 + 0.2", "sqrt"};
    for (int i = 0; i < 9; i++) {
        p = inputs[i];
        double v = expr();
        printf("%-16s = %.10g\n", inputs[i], v);
    }
    float f = 1.0f;
    for (int i = 0; i < 30; i++) f = f * 1.1f + 0.01f;
    double d = 0;
    for (int i = 1; i <= 100; i++) d += 1.0 / (i * (double)i);
    printf("%.6f %.12f %.6f %.6f\n", f, d, sqrt(2.0), sin(1.0) + cos(2.0));
    long double ld = 1;
    for (int i = 1; i <= 20; i++) ld *= i;
    printf("%.0Lf %d\n", ld, (int)(ld / 1e15L));
    return 0;
}
