#ifndef UTIL_H
#define UTIL_H
long sys_write(int fd, const void *buf, unsigned long n);
#define ARRAY_SIZE(a) (sizeof (a) / sizeof (a)[0])
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define STR(x) #x
#define XSTR(x) STR(x)
#define CAT(a, b) a##b
static unsigned long length(const char *s) { unsigned long n = 0; while (s[n]) n++; return n; }
static void print(const char *s) { sys_write(1, s, length(s)); }
static void print_num(long v) {
    char b[24]; int i = 23; b[i] = 0;
    int neg = v < 0; if (neg) v = -v;
    do { b[--i] = '0' + v % 10; v /= 10; } while (v);
    if (neg) b[--i] = '-';
    print(b + i);
}
#define SHOW(expr) (print(#expr " = "), print_num(expr), print("\n"))
#endif
