#include "lib.h"

/* Memory from the kernel: brk growth and shrink, anonymous mmap/munmap, mprotect; prints only what does not
 * depend on where the kernel placed things. */
static inline long sys6(long n, long a, long b, long c, long d, long e, long f) {
    long r;
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;
    __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return r;
}

int main(void) {
    long start = sys3(12, 0, 0, 0);
    long grown = sys3(12, start + 100000, 0, 0);
    put_str("brk grows by 100000: ");
    put_dec(grown - start);
    char *heap = (char *)start;
    for (long i = 0; i < 100000; i++) {
        heap[i] = (char)(i * 7);
    }
    long sum = 0;
    for (long i = 0; i < 100000; i++) {
        sum += heap[i];
    }
    put_str("\nheap sum ");
    put_dec(sum);
    long shrunk = sys3(12, start + 4096, 0, 0);
    put_str("\nbrk shrinks: ");
    put_dec(shrunk - start);
    long map = sys6(9, 0, 1 << 20, 3, 0x22, -1, 0); /* PROT_READ|WRITE, MAP_PRIVATE|ANONYMOUS */
    put_str("\nmmap page aligned: ");
    put_dec(map > 0 && (map & 4095) == 0);
    long *words = (long *)map;
    put_str("\nfresh mapping is zero: ");
    long nonzero = 0;
    for (long i = 0; i < (1 << 17); i++) {
        nonzero += words[i] != 0;
        words[i] = i;
    }
    put_dec(nonzero == 0);
    put_str("\nlast word ");
    put_dec(words[(1 << 17) - 1]);
    put_str("\nmprotect read-only: ");
    put_dec(sys3(10, map, 1 << 20, 1));
    put_str("\nmunmap: ");
    put_dec(sys3(11, map, 1 << 20, 0));
    put_str("\nbad munmap: ");
    put_dec(sys3(11, map + 1, 4096, 0));
    put_char('\n');
    flush();
    return 0;
}
