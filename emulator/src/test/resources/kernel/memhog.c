/*
 * Runs a machine out of memory. First a request no machine could honour (1 TiB, private and writable): Linux's
 * overcommit heuristic refuses it with ENOMEM. Then argv[1] "mmap" (1 MiB mappings) or "brk" (1 MiB sbrk steps)
 * touches memory until something gives: ENOMEM, or the OOM killer.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv) {
    void *huge = mmap(NULL, 1UL << 40, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("1 TiB: %s\n", huge == MAP_FAILED ? strerror(errno) : "mapped");
    fflush(stdout);
    if (argc < 2) return 0;
    for (long mib = 1;; mib++) {
        char *p = argv[1][0] == 'b' ? sbrk(1 << 20) : mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
                                                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED || p == (char *) -1) {
            printf("%s failed after %ld MiB: %s\n", argv[1], mib - 1, strerror(errno));
            return 1;
        }
        memset(p, 1, 1 << 20);
        if (mib % 16 == 0) {
            printf("%ld MiB\n", mib);
            fflush(stdout);
        }
    }
}
