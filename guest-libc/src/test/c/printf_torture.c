/* Formats many flag/width/precision/conversion combinations of integers,
 * strings and doubles; every line must match glibc byte for byte. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <stddef.h>
#include <limits.h>
#include <wchar.h>
#include <errno.h>

static const char *flags[] = { "", "-", "+", " ", "#", "0", "-0", "+0", "# ", "#0" };
static const char *widths[] = { "", "1", "8", "25" };
static const char *precs[] = { "", ".", ".0", ".1", ".3", ".17" };

static void ints(void)
{
    static const char *convs = "diuoxX";
    static const long long values[] = { 0, 1, -1, 7, 42, -42, 255, 65535, INT_MAX, INT_MIN, LLONG_MAX, LLONG_MIN };
    const char *lens[] = { "", "hh", "h", "l", "ll" };
    char fmt[64];
    size_t f, w, p, c, v, l;

    for (c = 0; convs[c]; c++)
        for (l = 0; l < 5; l++)
            for (f = 0; f < sizeof(flags) / sizeof(*flags); f++)
                for (w = 0; w < 4; w++)
                    for (p = 0; p < 5; p++)
                        for (v = 0; v < sizeof(values) / sizeof(*values); v++) {
                            snprintf(fmt, sizeof(fmt), "[%%%s%s%s%s%c]", flags[f], widths[w], precs[p], lens[l], convs[c]);
                            printf("%s ", fmt);
                            if (l >= 3)
                                printf(fmt, values[v]);
                            else
                                printf(fmt, (int)values[v]);
                            putchar('\n');
                        }
}

static void doubles(void)
{
    static const char *convs = "feEgGaA";
    double values[] = {
        0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1.5, 2.5, 0.125, 0.375, 1e-5, 1e-4, 123.456, 999999.5, 1e15, 1e16,
        1e21, 1e22, 1e100, 1.7976931348623157e308, 2.2250738585072014e-308, 4.9406564584124654e-324,
        3.141592653589793, 2.718281828459045, 9.9999995, 0.000123456789, 100.0, 1e-300, 0.3, 2.0 / 3.0,
        5e-324 * 3, 1234567890123456789.0, 0.0005, 0.00049999999999999999, 1e23, 8.5, 9.5, 0.05, 0.15, 0.25
    };
    double inf = 1.0 / 0.0, nan = 0.0 / 0.0;
    char fmt[64];
    size_t f, w, p, c, v;

    for (c = 0; convs[c]; c++)
        for (f = 0; f < sizeof(flags) / sizeof(*flags); f++)
            for (w = 0; w < 4; w++)
                for (p = 0; p < 6; p++) {
                    snprintf(fmt, sizeof(fmt), "[%%%s%s%s%c]", flags[f], widths[w], precs[p], convs[c]);
                    printf("%s", fmt);
                    for (v = 0; v < sizeof(values) / sizeof(*values); v++)
                        printf(fmt, values[v]);
                    printf(fmt, inf);
                    printf(fmt, -inf);
                    printf(fmt, nan);
                    printf(fmt, -nan);
                    putchar('\n');
                }
    for (p = 0; p <= 40; p++)
        printf("%.*f %.*e %.*g %.*a\n", (int)p, 0.1, (int)p, 1.0 / 3.0, (int)p, 2.0 / 3.0, (int)p, 0.1);
    printf("%.60f\n%.70e\n%.800f\n", 1e-50, 4.9406564584124654e-324, 4.9406564584124654e-324);
    printf("%f\n%.0f\n%e\n", 1.7976931348623157e308, 1e308, 1.7976931348623157e308);
    for (v = 0; v < 60; v++)
        printf("%.0f %.1f %.2f %g\n", v + 0.5, v / 20.0 + 0.05, v / 200.0 + 0.005, v * 1e-3);
}

static void long_doubles(void)
{
    long double values[] = { 0.0L, 1.0L, -1.5L, 0.1L, 1e-10L, 123456789.123456789L, 1e300L, 1e-4000L, 1e4000L,
                             3.14159265358979323846264338327950288L };
    size_t v;

    for (v = 0; v < sizeof(values) / sizeof(*values); v++)
        printf("%Lf|%.20Le|%Lg|%.25Lg|%La|%.3La\n", values[v], values[v], values[v], values[v], values[v], values[v]);
}

static void others(void)
{
    char buf[32];
    int n1 = 0, n2 = 0, r;
    signed char hhn = 0;
    short hn = 0;
    long ln = 0;

    printf("[%c][%5c][%-5c][%%][%5%]\n", 'a', 'b', 'c');
    printf("[%s][%10s][%-10s][%.2s][%10.2s][%-10.2s][%s]\n", "hello", "hello", "hello", "hello", "hello", "hello", "");
    printf("[%s][%.3s][%10s][%.10s]\n", (char *)NULL, (char *)NULL, (char *)NULL, (char *)NULL);
    printf("[%p][%20p][%-20p][%p][%+p][%#p]\n", (void *)0x1234abcd, (void *)0x10, (void *)0x10, (void *)0,
           (void *)0x10, (void *)0x10);
    printf("[%*d][%-*d][%*d][%.*d][%.*d][%*.*f]\n", 6, 42, 6, 42, -6, 42, 4, 7, -1, 7, 10, 3, 3.14159);
    printf("[%zu][%zd][%td][%jd][%ju][%hhu][%hu][%lu][%llx][%lld]\n", (size_t)-1, (ptrdiff_t)-5, (ptrdiff_t)99,
           INTMAX_MIN, UINTMAX_MAX, 300, 70000, ULONG_MAX, 0xdeadbeefcafebabeULL, LLONG_MIN);
    printf("abc%n def%n\n", &n1, &n2);
    printf("n1=%d n2=%d\n", n1, n2);
    printf("%d%hhn%d%hn%d%ln\n", 11111, &hhn, 22222, &hn, 33333, &ln);
    printf("hhn=%d hn=%d ln=%ld\n", hhn, hn, ln);
    r = snprintf(buf, sizeof(buf), "%s-%d-%f", "truncated output here", 123456, 2.5);
    printf("snprintf r=%d buf=[%s]\n", r, buf);
    r = snprintf(buf, 1, "abc");
    printf("snprintf r=%d buf=[%s]\n", r, buf);
    r = snprintf(NULL, 0, "%d %s", 12345, "xyz");
    printf("snprintf(NULL) r=%d\n", r);
    r = sprintf(buf, "%05.1f|%x", -3.25, 48879);
    printf("sprintf r=%d buf=[%s]\n", r, buf);
    r = printf("%s\n", "counted");
    printf("printf r=%d\n", r);
    printf("[%'d][%'.2f]\n", 1234567, 1234567.891);
    printf("[%.0La] [%.1La] [%.0La] [%.2a] [%#.0a] [%-12.1a|] [%012.1a] [%.20a] [%.18La] [%.40A]\n", 15.5L, 15.97L,
           1.0L, 1.999, 1.0, 1.5, -1.5, 0.1, 0.1L, -0.0);
    printf("[%.300e]\n[%.50g]\n[%Le]\n[%.30La]\n", 1e-300, 1.0 / 3.0, 3.6e-4951L, 3.6e-4951L);
    printf("%2$s %1$s|%3$*4$d|%3$-*4$d|%5$.*6$f|%1$s\n", "world", "hello", 42, 6, 3.14159, 2);
    printf("%1$d %1$x %1$o %2$c %3$lld %4$Lf %5$p %6$hhd\n", 255, 'z', 1LL << 40, 1.5L, (void *)0x10, 300);
    printf("%3$s-%2$s-%1$s %%\n", "a", "b", "c");
    r = snprintf(buf, sizeof(buf), "%2$0*1$d|", 8, -12);
    printf("positional snprintf: %s %d\n", buf, r);
    printf("[%-+8.3d][%+-8.3d][% -8d][%0-8d][%08.3d][%#8.3o][%#.0x][%#o]\n", 5, 5, 5, 5, 5, 5, 0, 0);
}

static void unusual(void)
{
    char buf[32];
    int r;

    r = printf("[%y] [%5k] [%-08.3w] [%hy] [%#+012.4q] [% 3v]\n");
    printf("unknown conversions r=%d\n", r);
    fflush(stdout);
    r = printf("abc%");
    fflush(stdout);
    printf("|lone %% at the end r=%d errno=%d\n", r, errno);
    r = printf("x%5");
    fflush(stdout);
    printf("|r=%d\n", r);
    r = printf("%lc|%ls|%C|%S|%5ls|%-4lc|%.2ls|%ls\n", (wint_t)'A', L"wide", 'B', L"str", L"ab", (wint_t)'z', L"xyz",
               (wchar_t *)NULL);
    printf("wide r=%d\n", r);
    errno = 0;
    r = printf("before %ls after\n", L"caf\u00e9");
    fflush(stdout);
    printf("|non-ASCII wide r=%d errno=%d\n", r, errno);
    errno = 0;
    r = snprintf(buf, sizeof(buf), "s%lc", (wint_t)0xe9);
    printf("snprintf non-ASCII r=%d errno=%d\n", r, errno);
}

int main(void)
{
    unusual();
    ints();
    doubles();
    long_doubles();
    others();
    return 0;
}
