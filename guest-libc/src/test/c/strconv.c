/* strtol/strtoul/strtoll/strtod/atoi edge cases: values, end offsets, errno. */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <inttypes.h>

static void ints(const char *s, int base)
{
    char *end;
    long l;
    unsigned long ul;
    long long ll;
    unsigned long long ull;

    errno = 0;
    l = strtol(s, &end, base);
    printf("strtol(\"%s\",%d) = %ld end+%ld errno=%d\n", s, base, l, (long)(end - s), errno);
    errno = 0;
    ul = strtoul(s, &end, base);
    printf("strtoul(\"%s\",%d) = %lu end+%ld errno=%d\n", s, base, ul, (long)(end - s), errno);
    errno = 0;
    ll = strtoll(s, &end, base);
    printf("strtoll = %lld end+%ld errno=%d\n", ll, (long)(end - s), errno);
    errno = 0;
    ull = strtoull(s, &end, base);
    printf("strtoull = %llu end+%ld errno=%d atoi=%d atol=%ld\n", ull, (long)(end - s), errno, atoi(s), atol(s));
}

static void dbl(const char *s)
{
    char *end;
    double d;

    errno = 0;
    d = strtod(s, &end);
    printf("strtod(\"%s\") = %.17g %a end+%ld errno=%d atof=%g\n", s, d, d, (long)(end - s), errno, atof(s));
}

int main(void)
{
    static const char *int_inputs[] = {
        "0", "42", "-42", "+7", "  \t\n 123xyz", "0x1f", "0X1F", "0x", "0xg", "017", "08", "-0", "",
        "   ", "-", "+", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "-9223372036854775809", "18446744073709551615", "18446744073709551616", "-1", "-18446744073709551615",
        "99999999999999999999999", "zz", "ZZ", "1010", "777", "-0x10", "0b101", "12 34"
    };
    static const int bases[] = { 0, 10, 16, 8, 2, 36 };
    static const char *dbl_inputs[] = {
        "0", "-0", "1", "0.1", "1e10", "1.5e-3", "  -2.5e+2xyz", ".5", "5.", ".", "e5", "1e", "1e+", "1e-400",
        "1e400", "-1e400", "2.2250738585072011e-308", "2.2250738585072014e-308", "4.9406564584124654e-324",
        "2.4703282292062327e-324", "2.4703282292062328e-324", "1.7976931348623157e308", "1.7976931348623158e308",
        "1.7976931348623159e308", "9007199254740993", "9007199254740992.5", "0.30000000000000004", "123456789012345678901234567890",
        "3.14159265358979323846264338327950288419716939937510", "0x1p-2", "0x1.8p3", "0X.8", "0x1.fffffffffffffp1023",
        "0x1p-1074", "0x1p-1075", "0x", "inf", "-Infinity", "INFINITE", "nan", "NaN(123)", "nanx", "1e-310",
        "0.000000000000000000000000000000000000000000001", "100000000000000000000000000000000000000000000000000e-50",
        "7.2057594037927933e16", "2.5", "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203124", "1.00000000000000011102230246251565404236316680908203126",
        "2.2250738585072012e-308", "2.22507385850720134e-308", "2.2250738585072013e-308", "1.1125369292536007e-308", "0x1.fffffffffffff8p-1023"
    };
    static const char *float_inputs[] = {
        "1.00000005960464477539062499", "1.000000059604644775390625", "1.00000005960464477539062501",
        "3.4028235e38", "3.4028236e38", "1e39", "1.4e-45", "7e-46", "1e-46", "1.17549435e-38", "0.1", "-2.5",
        "16777217", "16777219", "0x1.fffffep127", "0x1.ffffffp127", "nan", "-inf", "5e-324"
    };
    size_t i, b;

    for (i = 0; i < sizeof(int_inputs) / sizeof(*int_inputs); i++)
        for (b = 0; b < sizeof(bases) / sizeof(*bases); b++)
            ints(int_inputs[i], bases[b]);
    errno = 0;
    printf("bad base: %ld errno=%d\n", strtol("10", NULL, 1), errno);
    for (i = 0; i < sizeof(dbl_inputs) / sizeof(*dbl_inputs); i++)
        dbl(dbl_inputs[i]);
    for (i = 0; i < sizeof(float_inputs) / sizeof(*float_inputs); i++) {
        char *end;
        float f;
        errno = 0;
        f = strtof(float_inputs[i], &end);
        printf("strtof(\"%s\") = %.9g %a end+%ld errno=%d\n", float_inputs[i], f, f, (long)(end - float_inputs[i]), errno);
    }
    printf("abs %d %ld %lld\n", abs(-5), labs(-6L), llabs(-7LL));
    printf("div %d %d ldiv %ld %ld\n", div(-7, 2).quot, div(-7, 2).rem, ldiv(7L, -2L).quot, ldiv(7L, -2L).rem);
    printf("strtoimax %" PRIdMAX " %" PRIuMAX "\n", strtoimax("-123", NULL, 10), strtoumax("456", NULL, 10));
    return 0;
}
