/* Raw Linux x86-64 system calls for freestanding test programs. */
typedef unsigned long size_t;
typedef long ssize_t;
static inline long sys6(long n, long a, long b, long c, long d, long e, long f) {
    long r;
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return r;
}
#define sys0(n) sys6(n,0,0,0,0,0,0)
#define sys1(n,a) sys6(n,(long)(a),0,0,0,0,0)
#define sys2(n,a,b) sys6(n,(long)(a),(long)(b),0,0,0,0)
#define sys3(n,a,b,c) sys6(n,(long)(a),(long)(b),(long)(c),0,0,0)
#define sys4(n,a,b,c,d) sys6(n,(long)(a),(long)(b),(long)(c),(long)(d),0,0)
static size_t slen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }
static void puts1(const char *s) { sys3(1, 1, s, slen(s)); }
static void putnum(long v) {
    char buf[24]; int i = 23; buf[i] = 0;
    unsigned long u = v < 0 ? -(unsigned long)v : v;
    do { buf[--i] = '0' + u % 10; u /= 10; } while (u);
    if (v < 0) buf[--i] = '-';
    puts1(buf + i);
}
static void puthex(unsigned long v) {
    char buf[20]; int i = 19; buf[i] = 0;
    do { buf[--i] = "0123456789abcdef"[v & 15]; v >>= 4; } while (v);
    buf[--i] = 'x'; buf[--i] = '0';
    puts1(buf + i);
}
static void kv(const char *k, long v) { puts1(k); puts1("="); putnum(v); puts1("\n"); }
