/* System calls and the few library routines the freestanding test programs need. */
#ifndef PROGRAMS_LIB_H
#define PROGRAMS_LIB_H

typedef unsigned long size_t;
typedef long ssize_t;

static inline long sys3(long n, long a, long b, long c) {
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return r;
}

static inline ssize_t write(int fd, const void *buf, size_t len) { return sys3(1, fd, (long)buf, len); }
static inline __attribute__((noreturn)) void exit(int status) {
    sys3(60, status, 0, 0);
    __builtin_unreachable();
}

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);

void put_str(const char *s);
void put_dec(long v);
void put_hex(unsigned long v);
void put_char(char c);
void flush(void);

#endif
