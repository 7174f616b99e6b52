/* wchar.h: wide-character types and the basic wide-string functions. */
#ifndef _WCHAR_H
#define _WCHAR_H

#include <stddef.h>

typedef unsigned int wint_t;

typedef struct {
    int __count;
    unsigned int __value;
} mbstate_t;

#define WEOF 0xffffffffu
#define WCHAR_MIN (-2147483647 - 1)
#define WCHAR_MAX 2147483647

size_t wcslen(const wchar_t *s);
wchar_t *wcscpy(wchar_t *dst, const wchar_t *src);
int wcscmp(const wchar_t *a, const wchar_t *b);
wchar_t *wcschr(const wchar_t *s, wchar_t c);

#endif
