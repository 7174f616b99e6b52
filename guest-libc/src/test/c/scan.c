/* sscanf/fscanf conversions, widths, suppression, scansets, %n and return counts. */
#include <stdio.h>
#include <string.h>

int main(void)
{
    int a = -1, b = -1, c = -1, n = -1, r;
    unsigned u = 0;
    long l = 0;
    long long ll = 0;
    short h = 0;
    signed char hh = 0;
    float f = 0;
    double d = 0;
    char s1[64] = "", s2[64] = "", ch[4] = "";
    void *p = 0;
    const char *inputs[] = { "42 -17 0x1f", "  +5,6;7", "abc", "", "   ", "12abc", "-", "0x", "077 08 0x10" };
    size_t i;

    for (i = 0; i < sizeof(inputs) / sizeof(*inputs); i++) {
        a = b = c = -1;
        r = sscanf(inputs[i], "%d %d %x", &a, &b, &c);
        printf("[%s] %%d %%d %%x -> r=%d a=%d b=%d c=%d\n", inputs[i], r, a, b, c);
        a = b = c = -1;
        r = sscanf(inputs[i], "%i %i %i", &a, &b, &c);
        printf("[%s] %%i x3 -> r=%d a=%d b=%d c=%d\n", inputs[i], r, a, b, c);
    }
    r = sscanf("+5,6;7", "%d,%d;%d", &a, &b, &c);
    printf("literals: r=%d %d %d %d\n", r, a, b, c);
    r = sscanf("hello world  again", "%s %5s%n", s1, s2, &n);
    printf("strings: r=%d [%s] [%s] n=%d\n", r, s1, s2, n);
    r = sscanf("key=value;rest", "%[^=]=%[a-z]%n", s1, s2, &n);
    printf("scansets: r=%d [%s] [%s] n=%d\n", r, s1, s2, n);
    r = sscanf("]]x", "%[]]", s1);
    printf("bracket set: r=%d [%s]\n", r, s1);
    r = sscanf("xyz", "%2c", ch);
    printf("chars: r=%d [%c%c]\n", r, ch[0], ch[1]);
    r = sscanf("3.25 -1e3 0x1p4 inf", "%f %lf %lf %lf", &f, &d, &d, &d);
    printf("floats: r=%d f=%g d=%g\n", r, f, d);
    r = sscanf("1.5e-3", "%lf", &d);
    printf("float: r=%d d=%.17g\n", r, d);
    r = sscanf("12345678901 -2 70000 300 ffffffff", "%lld %ld %hd %hhd %x", &ll, &l, &h, &hh, &u);
    printf("lengths: r=%d %lld %ld %d %d %u\n", r, ll, l, h, hh, u);
    r = sscanf("1 2 3", "%*d %d %*d%n", &a, &n);
    printf("suppressed: r=%d a=%d n=%d\n", r, a, n);
    r = sscanf("123456", "%2d%3d%d", &a, &b, &c);
    printf("widths: r=%d %d %d %d\n", r, a, b, c);
    r = sscanf("0x7ffe1234", "%p", &p);
    printf("pointer: r=%d %p\n", r, p);
    r = sscanf("100%", "%d%%", &a);
    printf("percent: r=%d %d\n", r, a);
    r = sscanf("abc", "abd");
    printf("mismatch: r=%d\n", r);
    while ((r = scanf("%63s", s1)) == 1)
        printf("scanf word [%s]\n", s1);
    printf("scanf end r=%d\n", r);
    return 0;
}
