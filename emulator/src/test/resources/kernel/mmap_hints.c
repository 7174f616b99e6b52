/* mmap's address hint as Linux takes it: page-aligned down, moved up to mmap_min_addr, honoured anywhere below
 * TASK_SIZE where the range is free and clear of the stack's guard gap; MAP_FIXED low down; the sysctl's value. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static void try(const char *what, uintptr_t hint, size_t len) {
    void *p = mmap((void *)hint, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("%-24s hint %#lx len %#zx -> ", what, (unsigned long)hint, len);
    if (p == MAP_FAILED)
        printf("%s\n", strerror(errno));
    else if ((uintptr_t)p == (hint & ~0xfffUL))
        printf("at the hint\n");
    else if ((uintptr_t)p < 0x100000000UL)
        printf("%p\n", p);
    else
        printf("elsewhere\n");
    if (p != MAP_FAILED) munmap(p, len);
}

static void fixed(uintptr_t at) {
    void *p = mmap((void *)at, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("MAP_FIXED at %#lx -> %s\n", (unsigned long)at, p == MAP_FAILED ? strerror(errno) : "mapped");
    if (p != MAP_FAILED) munmap(p, 4096);
}

int main(void) {
    int local;
    uintptr_t stack = (uintptr_t)&local & ~0xfffUL, task_size = 0x7ffffffff000UL;
    try("above 4 GiB", 0x100000000UL, 4096);
    try("unaligned", 0x100000123UL, 8192);
    try("1 TiB", 0x10000000000UL, 4096);
    try("4 GiB below TASK_SIZE", task_size - 0x100000000UL, 8192);
    try("ending at TASK_SIZE", task_size - 8192, 8192);
    try("crossing TASK_SIZE", task_size - 4096, 8192);
    try("above TASK_SIZE", 0x800000000000UL, 4096);
    try("huge length", 0x100000000UL, task_size);
    try("0x1000", 0x1000, 4096);
    try("0x2000", 0x2000, 4096);
    try("0x10000", 0x10000, 4096);
    try("0x800", 0x800, 4096);
    try("on the stack", stack, 4096);
    try("in the guard gap", stack - 0x80000, 4096);
    try("below the guard gap", stack - 0x200000, 4096);
    try("over the program", 0x400000, 4096);
    fixed(0x1000);
    fixed(0x10000);
    FILE *f = fopen("/proc/sys/vm/mmap_min_addr", "r");
    char buf[32] = "";
    if (f && fgets(buf, sizeof buf, f)) printf("vm.mmap_min_addr %s", buf);
    return 0;
}
