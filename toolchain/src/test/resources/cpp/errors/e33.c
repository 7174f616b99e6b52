#define f(a) a
f(1
