/* Types and functions shared by abi_gcc.c (compiled by gcc) and abi.c (compiled by us). */
struct S1 { char c; };
struct S2 { int a, b; };
struct S3 { double d; };
struct S4 { float x, y, z; };
struct S5 { long a; double b; };
struct S6 { double a; long b; };
struct S7 { long a, b, c; };
struct S8 { char c[3]; };
struct S9 { float f; int i; };
struct S10 { long double x; };
struct S11 { short s; double d; };

#define ABI_FUNCS(P) \
    struct S1 P##_s1(char c); \
    struct S2 P##_s2(int a, int b); \
    struct S3 P##_s3(double d); \
    struct S4 P##_s4(float x, float y, float z); \
    struct S5 P##_s5(long a, double b); \
    struct S6 P##_s6(double a, long b); \
    struct S7 P##_s7(long a, long b, long c); \
    struct S8 P##_s8(char a, char b, char c); \
    struct S9 P##_s9(float f, int i); \
    struct S10 P##_s10(long double x); \
    struct S11 P##_s11(short s, double d); \
    double P##_sum(struct S1 a, struct S2 b, struct S3 c, struct S4 d, struct S5 e, struct S6 f, struct S7 g, \
                   struct S8 h, struct S9 i, struct S10 j, struct S11 k, int n, double x, float y, long double z); \
    double P##_many(int a, int b, int c, int d, int e, int f, int g, double h, double i, double j, double k, \
                    double l, double m, double n, double o, double p, float q, struct S5 r, char s, short t); \
    double P##_vsum(const char *fmt, ...); \
    long double P##_ld(long double a, int b, long double c);

ABI_FUNCS(g)
ABI_FUNCS(o)
