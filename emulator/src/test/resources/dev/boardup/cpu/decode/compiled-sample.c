typedef unsigned long size_t;
struct point { double x, y; int tag; char name[13]; };
static long counter;
long fib(long n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
size_t my_strlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }
void *my_memcpy(void *d, const void *s, size_t n) { char *a = d; const char *b = s; while (n--) *a++ = *b++; return d; }
void *my_memset(void *d, int c, size_t n) { unsigned char *a = d; for (size_t i = 0; i < n; i++) a[i] = c; return d; }
int my_strcmp(const char *a, const char *b) { while (*a && *a == *b) { a++; b++; } return (unsigned char)*a - (unsigned char)*b; }
double dist2(struct point *p, struct point *q) { double dx = p->x - q->x, dy = p->y - q->y; return dx * dx + dy * dy; }
float favg(const float *v, int n) { float s = 0; for (int i = 0; i < n; i++) s += v[i]; return n ? s / n : 0.0f; }
int dtoi(double d) { return (int) d; }
long ftol(float f) { return (long) f; }
double itod(int i) { return i * 0.5; }
unsigned long udiv(unsigned long a, unsigned long b) { return a / b + a % b; }
long sdiv(long a, long b) { return a / b - a % b; }
int sdiv32(int a, int b) { return a / b; }
unsigned mul3(unsigned a) { return a * 3 + (a >> 3) - (a << 7); }
int clz(unsigned x) { return __builtin_clz(x) + __builtin_ctzl(x) + __builtin_popcount(x); }
unsigned long bswap(unsigned long x) { return __builtin_bswap64(x) ^ __builtin_bswap32((unsigned)x); }
int cmpd(double a, double b) { return a < b ? -1 : a > b ? 1 : 0; }
double dmax(double a, double b) { return a > b ? a : b; }
long sum_array(const int *a, long n) { long s = 0; for (long i = 0; i < n; i++) s += a[i]; return s; }
void vadd(int *restrict a, const int *restrict b, int n) { for (int i = 0; i < n; i++) a[i] += b[i] * 3; }
void fscale(float *restrict a, int n, float k) { for (int i = 0; i < n; i++) a[i] *= k; }
void dscale(double *restrict a, int n, double k) { for (int i = 0; i < n; i++) a[i] = a[i] * k + 1.0; }
int sel(int a, int b, int c) { return a > b ? c : a - b; }
short narrow(long x) { return (short) x; }
signed char sb(int x) { return (signed char) (x * 7); }
unsigned long rot(unsigned long x, int k) { return (x << k) | (x >> (64 - k)); }
int sw(int x) { switch (x) { case 0: return 5; case 1: return 9; case 2: return 11; case 3: return 2; case 4: return 99; case 5: return 7; default: return -1; } }
long muladd(long a, long b) { __int128 p = (__int128) a * b; return (long) (p >> 64) + (long) p; }
unsigned long umulh(unsigned long a, unsigned long b) { return ((unsigned __int128) a * b) >> 64; }
void copy_struct(struct point *d, const struct point *s) { *d = *s; }
void zero_struct(struct point *d) { *d = (struct point) {0}; }
double neg(double x) { return -x; }
double fab(double x) { return __builtin_fabs(x); }
float fsq(float x) { return __builtin_sqrtf(x); }
double dsq(double x) { return __builtin_sqrt(x); }
float d2f(double x) { return (float) x; }
unsigned long d2u(double x) { return (unsigned long) x; }
double u2d(unsigned long x) { return (double) x; }
float u2f(unsigned x) { return (float) x; }
int tls_like(void) { counter++; return (int) counter; }
long atomic_inc(long *p) { return __atomic_add_fetch(p, 1, __ATOMIC_SEQ_CST); }
int cas(int *p, int o, int n) { return __atomic_compare_exchange_n(p, &o, n, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); }
long xchg(long *p, long v) { return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST); }
void _start(void) { for (;;) { } }
