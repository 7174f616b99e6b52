/* needs helpers from gcc's own libgcc.a: 128-bit division, popcount, powi */
long sys_write(int fd, const void *buf, unsigned long n);
static void num(unsigned long v) { char b[24]; int i = 23; b[i] = '\n'; do { b[--i] = '0' + v % 10; v /= 10; } while (v); sys_write(1, b + i, 24 - i); }
volatile unsigned __int128 a = ((unsigned __int128) 1 << 100) + 12345;
volatile unsigned __int128 d = 1000000007;
volatile unsigned long x = 0xF0F0F0F0F0F0F0F0UL;
volatile double f = 2.5;
int main(void) {
    num((unsigned long) (a / d));
    num((unsigned long) (a % d));
    num(__builtin_popcountl(x));
    num((unsigned long) __builtin_powi(f, 3));
    return 0;
}
