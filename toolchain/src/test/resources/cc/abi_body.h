/* One implementation of the ABI functions, compiled once by gcc (prefix g) and once by us (prefix o). */
#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define F(name) CAT(PREFIX, name)

struct S1 F(_s1)(char c) { struct S1 r = {c}; return r; }
struct S2 F(_s2)(int a, int b) { struct S2 r = {a, b}; return r; }
struct S3 F(_s3)(double d) { struct S3 r = {d}; return r; }
struct S4 F(_s4)(float x, float y, float z) { struct S4 r = {x, y, z}; return r; }
struct S5 F(_s5)(long a, double b) { struct S5 r = {a, b}; return r; }
struct S6 F(_s6)(double a, long b) { struct S6 r = {a, b}; return r; }
struct S7 F(_s7)(long a, long b, long c) { struct S7 r = {a, b, c}; return r; }
struct S8 F(_s8)(char a, char b, char c) { struct S8 r = {{a, b, c}}; return r; }
struct S9 F(_s9)(float f, int i) { struct S9 r = {f, i}; return r; }
struct S10 F(_s10)(long double x) { struct S10 r = {x}; return r; }
struct S11 F(_s11)(short s, double d) { struct S11 r = {s, d}; return r; }

double F(_sum)(struct S1 a, struct S2 b, struct S3 c, struct S4 d, struct S5 e, struct S6 f, struct S7 g,
               struct S8 h, struct S9 i, struct S10 j, struct S11 k, int n, double x, float y, long double z) {
    return a.c + b.a * 2 + b.b * 3 + c.d + d.x + d.y * 2 + d.z * 3 + e.a + e.b + f.a + f.b + g.a + g.b + g.c
         + h.c[0] + h.c[1] * 2 + h.c[2] * 3 + i.f + i.i + (double)j.x + k.s + k.d + n + x + y + (double)z;
}

double F(_many)(int a, int b, int c, int d, int e, int f, int g, double h, double i, double j, double k,
                double l, double m, double n, double o, double p, float q, struct S5 r, char s, short t) {
    return a + b * 2 + c * 3 + d * 4 + e * 5 + f * 6 + g * 7 + h * 8 + i * 9 + j * 10 + k * 11 + l * 12
         + m * 13 + n * 14 + o * 15 + p * 16 + q * 17 + r.a * 18 + r.b * 19 + s * 20 + t * 21;
}

double F(_vsum)(const char *fmt, ...) {
    __builtin_va_list ap;
    __builtin_va_start(ap, fmt);
    double s = 0;
    for (const char *p = fmt; *p; p++) {
        if (*p == 'i') s += __builtin_va_arg(ap, int);
        else if (*p == 'd') s += __builtin_va_arg(ap, double);
        else if (*p == 'L') s += (double)__builtin_va_arg(ap, long double);
        else if (*p == '5') { struct S5 v = __builtin_va_arg(ap, struct S5); s += v.a + v.b; }
        else if (*p == '7') { struct S7 v = __builtin_va_arg(ap, struct S7); s += v.a + v.b + v.c; }
        else if (*p == '4') { struct S4 v = __builtin_va_arg(ap, struct S4); s += v.x + v.y + v.z; }
    }
    __builtin_va_end(ap);
    return s;
}

long double F(_ld)(long double a, int b, long double c) { return a * b + c; }

/* Calls the other compiler's functions (prefix OTHER) and checks every result; returns the number of failures. */
int F(_check_other)(void) {
    int bad = 0;
#define OF(name) CAT(OTHER, name)
#define CHECK(cond) do { if (!(cond)) { printf("%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); bad++; } } while (0)
    CHECK(OF(_s1)('x').c == 'x');
    struct S2 s2 = OF(_s2)(3, -4); CHECK(s2.a == 3 && s2.b == -4);
    CHECK(OF(_s3)(2.5).d == 2.5);
    struct S4 s4 = OF(_s4)(1.5f, 2.5f, 3.5f); CHECK(s4.x == 1.5f && s4.y == 2.5f && s4.z == 3.5f);
    struct S5 s5 = OF(_s5)(7, 0.25); CHECK(s5.a == 7 && s5.b == 0.25);
    struct S6 s6 = OF(_s6)(0.75, -9); CHECK(s6.a == 0.75 && s6.b == -9);
    struct S7 s7 = OF(_s7)(1, 2, 3); CHECK(s7.a == 1 && s7.b == 2 && s7.c == 3);
    struct S8 s8 = OF(_s8)(4, 5, 6); CHECK(s8.c[0] == 4 && s8.c[1] == 5 && s8.c[2] == 6);
    struct S9 s9 = OF(_s9)(1.25f, 42); CHECK(s9.f == 1.25f && s9.i == 42);
    struct S10 s10 = OF(_s10)(6.5L); CHECK(s10.x == 6.5L);
    struct S11 s11 = OF(_s11)(-3, 8.5); CHECK(s11.s == -3 && s11.d == 8.5);
    struct S1 a = {1};
    struct S2 b = {2, 3};
    struct S3 c = {4};
    struct S4 d = {5, 6, 7};
    struct S5 e = {8, 9};
    struct S6 f = {10, 11};
    struct S7 g = {12, 13, 14};
    struct S8 h = {{15, 16, 17}};
    struct S9 i = {18, 19};
    struct S10 j = {20};
    struct S11 k = {21, 22};
    double expect = 1 + 2 * 2 + 3 * 3 + 4 + 5 + 6 * 2 + 7 * 3 + 8 + 9 + 10 + 11 + 12 + 13 + 14 + 15 + 16 * 2 + 17 * 3
                  + 18 + 19 + 20 + 21 + 22 + 23 + 24 + 25 + 26;
    CHECK(OF(_sum)(a, b, c, d, e, f, g, h, i, j, k, 23, 24, 25, 26) == expect);
    double many = 1 + 2 * 2 + 3 * 3 + 4 * 4 + 5 * 5 + 6 * 6 + 7 * 7 + 8 * 8 + 9 * 9 + 10 * 10 + 11 * 11 + 12 * 12
                + 13 * 13 + 14 * 14 + 15 * 15 + 16 * 16 + 17 * 17 + 18 * 18 + 19 * 19 + 20 * 20 + 21 * 21;
    struct S5 r = {18, 19};
    CHECK(OF(_many)(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, r, 20, 21) == many);
    struct S7 big = {100, 200, 300};
    CHECK(OF(_vsum)("idid5", 1, 2.5, 3, 4.5, e) == 1 + 2.5 + 3 + 4.5 + 17);
    CHECK(OF(_vsum)("7L4iiiiiiiidddddddddd", big, 1.5L, d, 1, 1, 1, 1, 1, 1, 1, 1, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0) == 600 + 1.5 + 18 + 8 + 10);
    CHECK(OF(_ld)(1.5L, 4, 0.25L) == 6.25L);
    return bad;
}
