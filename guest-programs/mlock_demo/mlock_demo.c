/* mlock: locking a buffer brings all its pages into memory at once (no page faults later), munlock lets
 * them go again; mlockall(MCL_FUTURE) does the same for every mapping made afterwards. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGES 16

static int resident_pages(void *addr, size_t len)
{
    unsigned char vec[PAGES];
    int n = 0;

    if (mincore(addr, len, vec) != 0) {
        perror("mincore");
        exit(1);
    }
    for (size_t i = 0; i < (len + 4095) / 4096; i++)
        n += vec[i] & 1;
    return n;
}

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    size_t len = PAGES * page;
    char *buf = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (buf == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    printf("mapped %d pages: %d resident\n", PAGES, resident_pages(buf, len));

    if (mlock(buf, len) != 0) {
        perror("mlock");
        return 1;
    }
    printf("after mlock:      %d resident\n", resident_pages(buf, len));
    printf("the locked pages read as zeroes: %s\n", buf[0] == 0 && buf[len - 1] == 0 ? "yes" : "no");
    strcpy(buf, "secret key material");

    if (munlock(buf, len) != 0) {
        perror("munlock");
        return 1;
    }
    printf("after munlock:    %d resident, buffer holds \"%s\"\n", resident_pages(buf, len), buf);
    munmap(buf, len);

    if (mlock(buf, len) != 0)
        perror("mlock of an unmapped range");

    if (mlockall(MCL_CURRENT | MCL_FUTURE) != 0) {
        perror("mlockall");
        return 1;
    }
    char *later = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mapped after mlockall(MCL_FUTURE): %d of %d resident\n", resident_pages(later, len), PAGES);
    munlockall();
    char *lazy = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mapped after munlockall:           %d of %d resident\n", resident_pages(lazy, len), PAGES);
    return 0;
}
