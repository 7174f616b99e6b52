#include "test.h"

/* GNU asm: file-scope asm, extended asm with register, immediate, memory and matching constraints. */
__asm__(".text\n"
        ".globl asm_add3\n"
        "asm_add3:\n"
        "  lea 3(%rdi), %rax\n"
        "  ret\n");
long asm_add3(long x);

static long sys3(long n, long a, long b, long c) {
    long r;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory");
    return r;
}

static long sys6(long n, long a, long b, long c, long d, long e, long f) {
    long r;
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return r;
}

int main(void) {
    ASSERT(10, asm_add3(7));
    ASSERT(7, sys3(1, 1, (long)"asm ok\n", 7));
    ASSERT(39, sys6(39, 0, 0, 0, 0, 0, 0) == sys3(39, 0, 0, 0) ? 39 : 0);
    long out;
    __asm__("mov %1, %0" : "=r"(out) : "r"(41L));
    ASSERT(41, out);
    int x = 5;
    __asm__("addl %1, %0" : "+r"(x) : "i"(10));
    ASSERT(15, x);
    __asm__("shll $2, %k0" : "+r"(x));
    ASSERT(60, x);
    int mem = 1;
    __asm__("movl $77, %0" : "=m"(mem));
    ASSERT(77, mem);
    long a = 6, b = 7, prod;
    __asm__("imul %[y], %[x]\n\tmov %[x], %[out]" : [out] "=r"(prod) : [x] "r"(a), [y] "r"(b));
    ASSERT(42, prod);
    long tied;
    __asm__("inc %0" : "=r"(tied) : "0"(99L));
    ASSERT(100, tied);
    unsigned char lo;
    __asm__("movb %1, %0" : "=q"(lo) : "q"((unsigned char)200));
    ASSERT(200, lo);
    __asm__ volatile("" ::: "memory");
    __asm__("nop");
    report(__FILE__);
    return 0;
}
