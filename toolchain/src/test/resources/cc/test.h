/* Shared by the C test programs: checks compiled by our compiler, helpers compiled by gcc (common.c). */
#define ASSERT(x, y) assert_eq((long)(x), (long)(y), #y, __FILE__, __LINE__)
#define ASSERT_D(x, y) assert_double((double)(x), (double)(y), #y, __FILE__, __LINE__)
#define ASSERT_S(x, y) assert_str(x, y, #y, __FILE__, __LINE__)
long assert_eq(long expected, long actual, const char *code, const char *file, int line);
double assert_double(double expected, double actual, const char *code, const char *file, int line);
void assert_str(const char *expected, const char *actual, const char *code, const char *file, int line);
void report(const char *file);
int printf(const char *fmt, ...);
int sprintf(char *buf, const char *fmt, ...);
int strcmp(const char *a, const char *b);
int memcmp(const void *a, const void *b, unsigned long n);
unsigned long strlen(const char *s);
void *memset(void *p, int c, unsigned long n);
void exit(int code);
