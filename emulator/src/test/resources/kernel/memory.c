/* brk, mmap, munmap, mprotect: return values, errnos and the memory they give, compared with Linux. */
#include "sys.h"

#define PROT_READ 1
#define PROT_WRITE 2
#define MAP_PRIVATE 2
#define MAP_ANONYMOUS 0x20
#define MAP_FIXED 0x10
#define MAP_FIXED_NOREPLACE 0x100000

static long mmap(long addr, long len, long prot, long flags, long fd, long off) {
    return sys6(9, addr, len, prot, flags, fd, off);
}

static long deep(long n) {
    volatile char pad[4000];
    pad[0] = (char)n;
    return n == 0 ? 0 : deep(n - 1) + pad[0] - (char)n + 1;
}

void _start(void) {
    long b0 = sys1(12, 0);
    kv("brk page aligned", (b0 & 4095) == 0);
    kv("brk below start", sys1(12, b0 - 4096) == b0);
    long b1 = sys1(12, b0 + 100000);
    kv("brk grow", b1 - b0);
    char *heap = (char *)b0;
    for (long i = 0; i < 100000; i += 4096) heap[i] = (char)i;
    heap[99999] = 5;
    long sum = 0;
    for (long i = 0; i < 100000; i += 4096) sum += heap[i];
    kv("heap sum", sum + heap[99999]);
    kv("brk shrink", sys1(12, b0 + 10) - b0);
    kv("brk query", sys1(12, 0) - b0);

    long m = mmap(0, 3 * 4096 + 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    kv("mmap aligned", (m & 4095) == 0);
    long *p = (long *)m;
    kv("fresh page is zero", p[0] + p[1000] + p[2047]);
    p[0] = 11;
    p[4 * 512 - 1] = 22;   /* the fourth page: the length was rounded up */
    kv("wrote", p[0] + p[4 * 512 - 1]);
    long m2 = mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    kv("second mapping below the first", m - m2);
    kv("munmap middle page", sys2(11, m + 4096, 4096));
    kv("pages around survive", p[0] + p[4 * 512 - 1]);
    kv("mmap len 0", mmap(0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    kv("mmap no type", mmap(0, 4096, PROT_READ, MAP_ANONYMOUS, -1, 0));
    kv("mmap bad offset", mmap(0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 5));
    kv("mmap bad fd", mmap(0, 4096, PROT_READ, MAP_PRIVATE, 77, 0));
    kv("mmap fixed unaligned", mmap(m + 1, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
    kv("fixed_noreplace busy", mmap(m, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0));
    kv("fixed over hole", mmap(m + 4096, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) - m);
    kv("munmap unaligned", sys2(11, m + 1, 4096));
    kv("munmap len 0", sys2(11, m, 0));
    kv("mprotect read-only", sys3(10, m, 4096, PROT_READ));
    kv("still readable", p[0]);
    kv("mprotect unaligned", sys3(10, m + 8, 4096, PROT_READ));
    kv("mprotect bad prot", sys3(10, m, 4096, 0x40));
    kv("mprotect unmapped", sys3(10, 0x10000, 4096, PROT_READ));
    kv("munmap all", sys2(11, m, 4 * 4096));
    long zero = sys4(257, -100, "/dev/zero", 0, 0);
    kv("read into read-only mapping", sys3(0, zero, m2, 1));
    kv("read into unmapped", sys3(0, zero, m, 1));
    kv("deep recursion (stack grows)", deep(1500));
    char *edge = (char *)mmap(0, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int i = 0; i < 5; i++) edge[4091 + i] = "abcde"[i];
    sys2(11, edge + 4096, 4096);
    kv("write running off the mapping", sys3(1, 1, edge + 4091, 10));
    kv("write starting off the mapping", sys3(1, 1, edge + 4096, 10));
    kv("remap the hole", mmap((long)edge + 4096, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
                         == (long)edge + 4096);
    long r = mmap(0, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ((long *)r)[0] = 1111;
    ((long *)r)[1023] = 2222;
    kv("mremap shrink", sys6(25, r, 2 * 4096, 4096, 0, 0, 0) == r);
    kv("mremap grow without MAYMOVE", sys6(25, r, 4096, 3 * 4096, 0, 0, 0));
    long r2 = sys6(25, r, 4096, 64 * 4096, 1, 0, 0);
    kv("mremap MAYMOVE moved", r2 != r);
    kv("contents travel", ((long *)r2)[0]);
    kv("old place is gone", sys3(10, r, 4096, PROT_READ));
    ((long *)r2)[64 * 512 - 1] = 3;
    kv("new tail usable", ((long *)r2)[64 * 512 - 1]);
    kv("mremap unaligned", sys6(25, r2 + 1, 4096, 8192, 1, 0, 0));
    kv("mremap unmapped", sys6(25, 0x10000, 4096, 8192, 1, 0, 0));
    sys1(60, 0);
}
