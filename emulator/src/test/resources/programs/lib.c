/* A buffered stdout and the memory routines gcc may call even in freestanding code. */
#include "lib.h"

static char out[4096];
static size_t used;

void flush(void) {
    size_t done = 0;
    while (done < used) {
        ssize_t n = write(1, out + done, used - done);
        if (n <= 0) {
            exit(100);
        }
        done += n;
    }
    used = 0;
}

void put_char(char c) {
    if (used == sizeof out) {
        flush();
    }
    out[used++] = c;
}

void put_str(const char *s) {
    while (*s) {
        put_char(*s++);
    }
}

void put_dec(long v) {
    char digits[24];
    int n = 0;
    unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;
    do {
        digits[n++] = '0' + u % 10;
        u /= 10;
    } while (u);
    if (v < 0) {
        put_char('-');
    }
    while (n) {
        put_char(digits[--n]);
    }
}

void put_hex(unsigned long v) {
    put_str("0x");
    for (int shift = 60; shift >= 0; shift -= 4) {
        put_char("0123456789abcdef"[(v >> shift) & 15]);
    }
}

void *memcpy(void *dst, const void *src, size_t n) {
    char *d = dst;
    const char *s = src;
    while (n--) {
        *d++ = *s++;
    }
    return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
    char *d = dst;
    const char *s = src;
    if (d < s) {
        while (n--) {
            *d++ = *s++;
        }
    } else {
        while (n--) {
            d[n] = s[n];
        }
    }
    return dst;
}

void *memset(void *dst, int c, size_t n) {
    char *d = dst;
    while (n--) {
        *d++ = (char)c;
    }
    return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++) {
        if (*x != *y) {
            return *x - *y;
        }
    }
    return 0;
}

size_t strlen(const char *s) {
    size_t n = 0;
    while (s[n]) {
        n++;
    }
    return n;
}
