#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct node { int key; long val; struct node *next; };
static struct node *head;
__thread int tls_counter;
__thread long tls_init = 42;
long double ld_mul(long double a, long double b) { return a * b + 1.0L; }
int cmp_int(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
static void push(int k, long v) { struct node *n = malloc(sizeof *n); n->key = k; n->val = v; n->next = head; head = n; }
unsigned long long mix(unsigned long long x) { x ^= x >> 33; x *= 0xff51afd7ed558ccdULL; x ^= x >> 33; x *= 0xc4ceb9fe1a85ec53ULL; return x ^ (x >> 33); }
int bits(unsigned x) { return __builtin_popcount(x) + __builtin_clz(x | 1) + __builtin_ctz(x | 0x100); }
long divs(long a, long b, unsigned u, unsigned v) { return a / b + a % b + u / v + (u % v); }
double conv(int i, long l, unsigned long ul, float f) { return (double)i + (double)l + (double)ul + f + (long)f + (unsigned)f; }
int atomics(int *p) { __sync_fetch_and_add(p, 5); int old = 3; __atomic_compare_exchange_n(p, &old, 9, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); return __atomic_exchange_n(p, 1, __ATOMIC_SEQ_CST); }
short sh(short a, signed char b, unsigned char c, unsigned short d) { return a * b + c - d; }
int big_switch(int x) {
  switch (x) { case 1: return puts("one"); case 2: return printf("%d\n", x); case 3: return x * 7; case 4: return x << 3; case 5: return -x; case 7: return x ^ 0x55; case 9: return x & 3; default: return 0; }
}
int main(int argc, char **argv) {
  int arr[8] = {5, 3, 9, 1, 7, 2, 8, 6};
  qsort(arr, 8, sizeof arr[0], cmp_int);
  for (int i = 0; i < 8; i++) printf("%d ", arr[i]);
  printf("\n");
  for (int i = 0; i < 5; i++) push(i, i * 100L);
  for (struct node *n = head; n; n = n->next) printf("%d:%ld ", n->key, n->val);
  printf("\n%llx %d %ld\n", mix(12345), bits(0xF0F0), divs(-100, 7, 100, 7));
  printf("%.3f %.3Lf\n", conv(-3, 1L << 40, 3000000000UL, 2.5f), ld_mul(1.5L, 2.0L));
  tls_counter += argc; int v = 10; int r = atomics(&v);
  printf("%d %d %ld %d %d\n", tls_counter, r, tls_init, v, sh(300, -5, 200, 1000));
  for (int i = 0; i < 10; i++) big_switch(i);
  char buf[64]; strcpy(buf, "hello"); strcat(buf, " world"); printf("%s %zu\n", buf, strlen(buf));
  return 0;
}
