/*
 * A freestanding runtime for the C test programs, compiled by boardup cc itself: the few libc functions they call,
 * with output and exit straight through Linux syscalls. printf understands what the programs use: flags "-0 ",
 * width, precision, the l/ll/z/h length modifiers, and %d %i %u %x %X %o %c %s %p %f %%; %e and %g print as %f.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long syscall3(long n, long a, long b, long c) {
    long ret;
    __asm__ volatile ("syscall" : "=a"(ret) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return ret;
}

/* An ELF64 program header, as the kernel's auxiliary vector points at them. */
struct phdr {
    unsigned int type, flags;
    unsigned long offset, vaddr, paddr, filesz, memsz, align;
};

enum { PT_TLS = 7, AT_PHDR = 3, AT_PHNUM = 5, ARCH_SET_FS = 0x1002, SYS_ARCH_PRCTL = 158 };

static char tls_area[8192] __attribute__((aligned(64)));

static void copy_bytes(char *d, const char *s, unsigned long n) {
    for (unsigned long i = 0; i < n; i++) d[i] = s[i];
}

/*
 * Called by _start with the initial stack: builds the static TLS block (x86-64 variant II: the block ends at the
 * thread pointer, whose first word points at itself) from PT_TLS and points %fs at it.
 */
void __rt_init(long *sp) {
    char **envp = (char **)(sp + 1 + sp[0] + 1);
    while (*envp) envp++;
    struct phdr *ph = 0;
    long phnum = 0;
    for (long *aux = (long *)(envp + 1); aux[0]; aux += 2) {
        if (aux[0] == AT_PHDR) ph = (struct phdr *)aux[1];
        if (aux[0] == AT_PHNUM) phnum = aux[1];
    }
    for (long i = 0; ph && i < phnum; i++) {
        if (ph[i].type != PT_TLS) continue;
        unsigned long align = ph[i].align ? ph[i].align : 1;
        unsigned long size = (ph[i].memsz + align - 1) / align * align;
        char *tp = tls_area + sizeof tls_area - 64;
        if (size > sizeof tls_area - 64 || align > 64) exit(127);
        char *block = tp - size;
        copy_bytes(block, (const char *)ph[i].vaddr, ph[i].filesz);
        *(char **)tp = tp;
        syscall3(SYS_ARCH_PRCTL, ARCH_SET_FS, (long)tp, 0);
    }
}

void exit(int code) {
    for (;;) syscall3(60, code, 0, 0);
}

unsigned long strlen(const char *s) {
    unsigned long n = 0;
    while (s[n]) n++;
    return n;
}

int strcmp(const char *a, const char *b) {
    while (*a && *a == *b) a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

int memcmp(const void *a, const void *b, unsigned long n) {
    const unsigned char *p = a, *q = b;
    for (unsigned long i = 0; i < n; i++)
        if (p[i] != q[i]) return p[i] - q[i];
    return 0;
}

void *memset(void *p, int c, unsigned long n) {
    unsigned char *d = p;
    for (unsigned long i = 0; i < n; i++) d[i] = c;
    return p;
}

void *memcpy(void *dst, const void *src, unsigned long n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    for (unsigned long i = 0; i < n; i++) d[i] = s[i];
    return dst;
}

/* One conversion's digits, before padding. */
static int digits(char *out, unsigned long v, int base, int upper) {
    char tmp[32];
    int n = 0;
    do {
        int d = v % base;
        tmp[n++] = d < 10 ? '0' + d : (upper ? 'A' : 'a') + d - 10;
        v /= base;
    } while (v);
    for (int i = 0; i < n; i++) out[i] = tmp[n - 1 - i];
    return n;
}

static int fixed(char *out, double v, int precision) {
    int n = 0;
    if (v != v) { memcpy(out, "nan", 3); return 3; }
    if (v < 0) { out[n++] = '-'; v = -v; }
    if (v > 1e18) { memcpy(out + n, "inf", 3); return n + 3; }
    double scale = 1;
    for (int i = 0; i < precision; i++) scale *= 10;
    double scaled = v * scale + 0.5;
    unsigned long whole = (unsigned long)(scaled / scale);
    unsigned long frac = (unsigned long)scaled - (unsigned long)(whole * scale);
    n += digits(out + n, whole, 10, 0);
    if (precision > 0) {
        out[n++] = '.';
        char f[32];
        int fn = digits(f, frac, 10, 0);
        for (int i = fn; i < precision; i++) out[n++] = '0';
        memcpy(out + n, f, fn);
        n += fn;
    }
    return n;
}

int vsprintf(char *buf, const char *fmt, va_list ap) {
    char *o = buf;
    for (const char *p = fmt; *p; p++) {
        if (*p != '%') { *o++ = *p; continue; }
        p++;
        int left = 0, zero = 0, space = 0, width = 0, precision = -1, longs = 0;
        for (;; p++) {
            if (*p == '-') left = 1;
            else if (*p == '0') zero = 1;
            else if (*p == ' ') space = 1;
            else break;
        }
        if (*p == '*') { width = va_arg(ap, int); p++; }
        while (*p >= '0' && *p <= '9') width = width * 10 + *p++ - '0';
        if (*p == '.') {
            p++;
            precision = 0;
            if (*p == '*') { precision = va_arg(ap, int); p++; }
            while (*p >= '0' && *p <= '9') precision = precision * 10 + *p++ - '0';
        }
        while (*p == 'l' || *p == 'z' || *p == 'h') if (*p++ != 'h') longs++;
        char tmp[512];
        const char *s = tmp;
        int n = 0;
        switch (*p) {
        case 'd': case 'i': {
            long v = longs ? va_arg(ap, long) : va_arg(ap, int);
            if (v < 0) tmp[n++] = '-';
            else if (space) tmp[n++] = ' ';
            n += digits(tmp + n, v < 0 ? -(unsigned long)v : v, 10, 0);
            break;
        }
        case 'u': case 'x': case 'X': case 'o': {
            unsigned long v = longs ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
            n = digits(tmp, v, *p == 'o' ? 8 : *p == 'u' ? 10 : 16, *p == 'X');
            break;
        }
        case 'p':
            tmp[0] = '0', tmp[1] = 'x';
            n = 2 + digits(tmp + 2, (unsigned long)va_arg(ap, void *), 16, 0);
            break;
        case 'c': tmp[n++] = va_arg(ap, int); break;
        case 's':
            s = va_arg(ap, const char *);
            n = strlen(s);
            if (precision >= 0 && precision < n) n = precision;
            break;
        case 'f': case 'e': case 'g':
            n = fixed(tmp, va_arg(ap, double), precision < 0 ? 6 : precision);
            break;
        default: tmp[n++] = *p; break;
        }
        int pad = width > n ? width - n : 0;
        if (!left && zero && *p != 's' && *p != 'c' && n && (s[0] == '-' || s[0] == ' ')) { *o++ = *s++; n--; }
        if (!left) while (pad--> 0) *o++ = zero && *p != 's' && *p != 'c' ? '0' : ' ';
        memcpy(o, s, n);
        o += n;
        if (left) while (pad--> 0) *o++ = ' ';
    }
    *o = 0;
    return o - buf;
}

int sprintf(char *buf, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsprintf(buf, fmt, ap);
    va_end(ap);
    return n;
}

int printf(const char *fmt, ...) {
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsprintf(buf, fmt, ap);
    va_end(ap);
    syscall3(1, 1, (long)buf, n);
    return n;
}
