#include <stdio.h>
#include <stdarg.h>
typedef struct { double x, y; } vec;
static vec vadd(vec a, vec b) { vec r = {a.x + b.x, a.y + b.y}; return r; }
float fl(float a, float b) { return a < b ? a / b : b - a; }
double dmax(double a, double b) { return a > b ? a : b; }
int sum(int n, ...) { va_list ap; va_start(ap, n); int s = 0; for (int i = 0; i < n; i++) s += va_arg(ap, int); va_end(ap); return s; }
static int (*ops[])(int, int) = {0};
int add(int a, int b) { return a + b; }
int sub(int a, int b) { return a - b; }
const char *names[] = {"zero", "one", "two", "three"};
char gbuf[1000];
static char lbuf[33];
int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
unsigned char cond(int a, int b, long c) { return (a < b) + (a == b) * 2 + (c > 5) * 4 + ((unsigned)a > (unsigned)b) * 8; }
long cmov(long a, long b) { return a > b ? a * 3 : b - 1; }
void fill(char *p, int n) { for (int i = 0; i < n; i++) p[i] = (char)(i * 7); }
int main(void) {
  vec a = {1.5, 2.5}, b = {3.0, -1.0};
  vec c = vadd(a, b);
  printf("%g %g %g %g\n", c.x, c.y, fl(1.0f, 3.0f), dmax(2.0, -7.5));
  printf("%d %d\n", sum(4, 1, 2, 3, 4), fib(20));
  int (*f)(int, int) = ops[0] ? ops[0] : add;
  printf("%d %d %s\n", f(3, 4), sub(10, 3), names[2]);
  fill(gbuf, 1000); fill(lbuf, 33);
  int s = 0; for (int i = 0; i < 1000; i++) s += (unsigned char)gbuf[i];
  printf("%d %d %d %ld\n", s, cond(1, 2, 9), cond(-1, 2, 1), cmov(10, 3));
  return 0;
}
