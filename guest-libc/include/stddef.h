/* stddef.h: basic types and offsetof. */
#ifndef _STDDEF_H
#define _STDDEF_H

typedef unsigned long size_t;
typedef long ptrdiff_t;
typedef int wchar_t;

/* long double has 16-byte alignment on x86-64, so this struct gets glibc's 16. */
typedef struct {
    long long __max_align_ll;
    long double __max_align_ld;
} max_align_t;

#ifndef NULL
#define NULL ((void *)0)
#endif

#define offsetof(type, member) ((size_t)&((type *)0)->member)

#endif
