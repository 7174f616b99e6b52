#include "test.h"

struct flags { unsigned a : 1; unsigned b : 3; int c : 4; unsigned : 0; unsigned d : 5; };
struct flags g_flags = {1, 5, -3, 7};
struct holder { int arr[4]; struct { char name[4]; } inner; };
struct holder g_holder = {{1, 2, 3, 4}, {"abc"}};
int *g_member_ptr = &g_holder.arr[2];
char *g_inner_name = g_holder.inner.name + 1;
typedef struct list list;
struct list { int v; list *next; };
static int forward_static(int);
static const struct { int k; const char *v; } g_table[] = {{1, "one"}, {2, "two"}, {0, 0}};
char g_embedded[] = "a\0b";
double g_darr[] = {1.5, -2.25, 1e100};
long g_longs[3] = {-1, 0x7fffffffffffffff, 1L << 40};
unsigned short g_ushort = 65535;
signed char g_schar = -128;
struct ret3 { char a, b, c; };
struct ret12 { int a, b, c; };
struct ret24 { long a, b, c; };
struct retf { float a; double b; };

static int forward_static(int x) { return x * 3; }
struct ret3 mk3(int i) { struct ret3 r = {i, i + 1, i + 2}; return r; }
struct ret12 mk12(int i) { return (struct ret12){i, i * 2, i * 3}; }
struct ret24 mk24(long i) { struct ret24 r; r.a = i; r.b = -i; r.c = i * i; return r; }
struct retf mkf(float a, double b) { struct retf r = {a, b}; return r; }
int take_structs(struct ret3 a, struct ret12 b, struct ret24 c, struct retf d) { return a.c + b.c + c.c + (int)(d.a * d.b); }
const char *lookup(int k) { for (int i = 0; g_table[i].v; i++) if (g_table[i].k == k) return g_table[i].v; return "none"; }
int count_bits(unsigned long x) { int n = 0; while (x) { n += x & 1; x >>= 1; } return n; }
char *my_strcpy(char *d, const char *s) { char *r = d; while ((*d++ = *s++)) ; return r; }
int g_calls;
int side(int v) { g_calls++; return v; }

int main(void) {
    ASSERT(1, g_flags.a);
    ASSERT(5, g_flags.b);
    ASSERT(-3, g_flags.c);
    ASSERT(7, g_flags.d);
    ASSERT(3, *g_member_ptr);
    ASSERT(98, *g_inner_name);
    ASSERT(9, forward_static(3));
    ASSERT_S("two", lookup(2));
    ASSERT_S("none", lookup(5));
    ASSERT(4, sizeof(g_embedded));
    ASSERT(98, g_embedded[2]);
    ASSERT_D(1e100, g_darr[2]);
    ASSERT_D(-2.25, g_darr[1]);
    ASSERT(0x7fffffffffffffff, g_longs[1]);
    ASSERT(-1, g_longs[0]);
    ASSERT(65535, g_ushort);
    ASSERT(-128, g_schar);
    ASSERT(7, mk3(5).c);
    ASSERT(30, mk12(10).c);
    ASSERT(-7, mk24(7).b);
    ASSERT_D(2.5, mkf(1.5f, 2.5).b);
    ASSERT(7 + 30 + 49 + 3, take_structs(mk3(5), mk12(10), mk24(7), mkf(1.5f, 2.0)));
    ASSERT(64, count_bits(-1UL));
    {
        char buf[8];
        ASSERT_S("hey", my_strcpy(buf, "hey"));
        list n2 = {2, 0}, n1 = {1, &n2};
        list *it = &n1;
        int s = 0;
        for (; it; it = it->next) s += it->v;
        ASSERT(3, s);
        int x = 5;
        ASSERT(5, *&x);
        ASSERT(1, &*&x == &x);
        int a, b, c;
        a = b = c = 9;
        ASSERT(27, a + b + c);
        int i, j;
        for (i = 0, j = 10; i < j; i++, j--) ;
        ASSERT(5, i);
        signed char sc = -5;
        switch (sc) { case -5: x = 1; break; default: x = 2; }
        ASSERT(1, x);
        _Bool flag = 0;
        flag++;
        ASSERT(1, flag);
        flag++;
        ASSERT(1, flag);
        flag = flag - 1;
        ASSERT(0, flag);
        ASSERT(1, (flag = 256) == 1);
        unsigned char uc = 7;
        ASSERT(-7, -uc);
        ASSERT(771, (unsigned short)65535 / (unsigned char)21845 * 1);
        ASSERT(2, -5 / (unsigned char)2 + 4);
        long l = 0x123456789L;
        int trunc = l;
        ASSERT(0x23456789, trunc);
        short sh = l;
        ASSERT(0x6789, sh);
        ASSERT(1, 1 << 2L == 4);
        g_calls = 0;
        int r = side(0) && side(1);
        ASSERT(0, r);
        ASSERT(1, g_calls);
        r = side(1) || side(1);
        ASSERT(2, g_calls);
        r = side(0) ? side(1) : side(2);
        ASSERT(4, g_calls);
        ASSERT(2, r);
        int *np = 0;
        int *pp = np ? np : &x;
        ASSERT(1, *pp);
        void *vp = 1 ? (void *)0 : &x;
        ASSERT(1, vp == 0);
        struct ret12 arr[2] = {mk12(1), mk12(2)};
        struct ret12 *ap = arr;
        ap++;
        ASSERT(6, ap->c);
        ASSERT(3, (ap - 1)->c);
        ASSERT(2, (*ap).a);
        int big[1000];
        for (int k = 0; k < 1000; k++) big[k] = k;
        ASSERT(999, big[999]);
        int m[3][4];
        int (*pm)[4] = m;
        pm[2][3] = 77;
        ASSERT(77, m[2][3]);
        ASSERT(16, sizeof(*pm));
        const char *strs[] = {"ab", "cd"};
        const char **sp = strs;
        ASSERT(100, *(*(sp + 1) + 1));
        ASSERT(3, "\0\1\2\3"[3]);
        ASSERT(2, sizeof("\0"));
    }
    report(__FILE__);
    return 0;
}
