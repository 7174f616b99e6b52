#include "test.h"

typedef int myint;
typedef myint *myintp;
typedef struct { int a, b; } pair;
typedef int arr3[3];
typedef int (*cmpfn)(const void *, const void *);
enum color { RED, GREEN = 5, BLUE, ALPHA = -2, OMEGA };
enum { ANON_A = 100, ANON_B };
typedef enum { T_X = 1 << 2, T_Y } tenum;
static int file_static = 7;
extern int defined_later;
int defined_later = 11;
static inline int sq(int x) { return x * x; }
int undefined_function_never_emitted(int);
inline static int unused_inline(int x) { return undefined_function_never_emitted(x); }
_Noreturn void die(int code) { exit(code); }
__attribute__((noreturn)) void die2(void);
static int counter(void) { static int n; return ++n; }
int __attribute__((unused)) attr_var = 1;
int weak_defined(void) __attribute__((weak));
int weak_defined(void) { return 8; }
extern int weak_missing(void) __attribute__((weak));
__attribute__((weak)) int weak_var = 9;
int tentative_incomplete[];
int aligned_var __attribute__((aligned(32))) = 3;
_Alignas(64) char big_aligned[3];
_Static_assert(sizeof(int) == 4, "int is 4 bytes");
_Static_assert(RED == 0);
const int const_global = 5;
_Thread_local int tls_counter = 40;
__thread long tls_zero;
static __thread char tls_buf[8] = "tls";
volatile int volatile_global;
int k_and_r_proto();
int k_and_r_proto(int a) { return a + 1; }
int k_and_r_def(a, s, d, f) int a; char *s; double d; float f; { return a + s[0] + (int)d + (int)(f * 2); }
long k_and_r_default(x, y) long y; { return x * y; }
int *restrict_fn(int *restrict p) { return p; }

#define TYPE_NAME(x) _Generic((x), int: "int", long: "long", unsigned: "unsigned", char: "char", \
    double: "double", float: "float", char *: "char *", const char *: "const char *", default: "other")

int main(void) {
    myint a = 3;
    myintp pa = &a;
    ASSERT(3, *pa);
    pair p = {1, 2};
    ASSERT(3, p.a + p.b);
    arr3 arr = {1, 2, 3};
    ASSERT(12, sizeof(arr));
    ASSERT(0, RED);
    ASSERT(5, GREEN);
    ASSERT(6, BLUE);
    ASSERT(-2, ALPHA);
    ASSERT(-1, OMEGA);
    ASSERT(101, ANON_B);
    ASSERT(5, T_Y);
    ASSERT(4, sizeof(enum color));
    enum color c = BLUE;
    ASSERT(6, c);
    ASSERT(7, file_static);
    ASSERT(11, defined_later);
    ASSERT(49, sq(7));
    ASSERT(1, counter());
    ASSERT(2, counter());
    ASSERT(3, counter());
    ASSERT(0, (long)&aligned_var % 32);
    ASSERT(0, (long)big_aligned % 64);
    ASSERT(64, _Alignof(big_aligned));
    ASSERT(5, const_global);
    tls_counter += 2;
    ASSERT(42, tls_counter);
    ASSERT(0, tls_zero);
    tls_zero = 7;
    ASSERT(7, tls_zero);
    ASSERT_S("tls", tls_buf);
    {
        static _Thread_local int tls_static = 3;
        ASSERT(4, ++tls_static);
        int *tp = &tls_counter;
        ASSERT(42, *tp);
    }
    ASSERT(6, k_and_r_proto(5));
    ASSERT(8, weak_defined());
    ASSERT(1, weak_missing == 0);
    ASSERT(9, weak_var);
    tentative_incomplete[0] = 3;
    ASSERT(3, tentative_incomplete[0]);
    ASSERT(1 + 97 + 2 + 5, k_and_r_def(1, "a", 2.5, 2.5f));
    ASSERT(-12, k_and_r_default(3, -4L));
    ASSERT_S("main", __PRETTY_FUNCTION__);
    ASSERT(3, *restrict_fn(&a));
    {
        _Alignas(16) int local_aligned = 1;
        ASSERT(0, (long)&local_aligned % 16);
        for (int i = 0; i < 3; i++) {
            _Alignas(64) char line[10] = "cache";
            int big_aligned_local __attribute__((aligned(32))) = i;
            ASSERT(0, (long)line % 64);
            ASSERT(0, (long)&big_aligned_local % 32);
            ASSERT(i, big_aligned_local);
            ASSERT_S("cache", line);
            ASSERT(10, sizeof(line));
        }
        _Alignas(long) char ca;
        ASSERT(0, (long)&ca % 8);
        register int r = 4;
        volatile int v = 5;
        const int ci = 6;
        ASSERT(15, r + v + ci);
        auto int au = 1;
        ASSERT(1, au);
        static const char *const names[] = {"a", "b"};
        ASSERT_S("b", names[1]);
        int shadow = 1;
        {
            int shadow = 2;
            ASSERT(2, shadow);
            typedef long shadow_t;
            ASSERT(8, sizeof(shadow_t));
        }
        ASSERT(1, shadow);
        typedef char myint;
        ASSERT(1, sizeof(myint));
        int myint2 = sizeof(myint);
        ASSERT(1, myint2);
    }
    ASSERT_S("int", TYPE_NAME(1));
    ASSERT_S("long", TYPE_NAME(1L));
    ASSERT_S("unsigned", TYPE_NAME(1U));
    ASSERT_S("char", TYPE_NAME((char)1));
    ASSERT_S("int", TYPE_NAME(1 ? (char)0 : (char)1));
    ASSERT_S("int", TYPE_NAME((char)1 + (char)1));
    ASSERT_S("double", TYPE_NAME(1.0));
    ASSERT_S("float", TYPE_NAME(1.0f));
    ASSERT_S("char *", TYPE_NAME("str"));
    ASSERT_S("other", TYPE_NAME(&a));
    ASSERT_S("other", TYPE_NAME(1ULL));
    ASSERT_S("long", TYPE_NAME(sizeof(int) - 0L + 0L) == 0 ? "x" : "long");
    ASSERT(8, sizeof(sizeof(int)));
    ASSERT(4, sizeof(a));
    ASSERT(4, sizeof a);
    ASSERT(8, sizeof(int *));
    ASSERT(8, sizeof(int (*)[3]));
    ASSERT(12, sizeof(int[3]));
    ASSERT(24, sizeof(int[2][3]));
    ASSERT(8, sizeof(int (*)(void)));
    ASSERT(8, sizeof(char *[1]));
    ASSERT(4, _Alignof(int));
    ASSERT(8, _Alignof(double));
    ASSERT(1, _Alignof(char[10]));
    ASSERT(4, sizeof(typeof(a)));
    ASSERT(8, sizeof(__typeof__(pa)));
    {
        __typeof__(p) p2 = p;
        ASSERT(2, p2.b);
        long long ll = 1;
        long unsigned int lui = 2;
        short signed ss = 3;
        ASSERT(6, ll + lui + ss);
        char *words[] = {"x", "yy"};
        ASSERT(2, strlen(words[1]));
        int (*fns[2])(int) = {sq, sq};
        ASSERT(9, fns[1](3));
        int x, *y = &x, **z = &y;
        **z = 12;
        ASSERT(12, x);
    }
    ASSERT(3, ({ int t = 3; t; }));
    ASSERT(4, __extension__ 4);
    report(__FILE__);
    return 0;
}
