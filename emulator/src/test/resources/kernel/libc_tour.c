/* A tour of what glibc programs do at the kernel's door: stdio on files, errno text, large and small allocations,
 * time, the environment, directory and stat calls, atexit. Output is deterministic, so it compares with Linux. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static void bye(void) { printf("atexit handler ran\n"); }

int main(int argc, char **argv) {
    atexit(bye);
    printf("argc=%d argv[1]=%s\n", argc, argc > 1 ? argv[1] : "(none)");
    printf("HOME=%s NOPE=%s\n", getenv("HOME"), getenv("NOPE") ? "set" : "unset");

    FILE *f = fopen("data.txt", "w");
    for (int i = 0; i < 1000; i++) fprintf(f, "line %d %d\n", i, i * 7919 % 1000);
    fclose(f);
    struct stat st;
    int rc = stat("data.txt", &st);
    printf("stat=%d size=%ld regular=%d\n", rc, (long)st.st_size, S_ISREG(st.st_mode));
    f = fopen("data.txt", "r");
    char line[64];
    long sum = 0;
    int lines = 0;
    while (fgets(line, sizeof line, f)) { sum += strlen(line); lines++; }
    fclose(f);
    printf("read back %d lines, %ld bytes\n", lines, sum);

    errno = 0;
    if (!fopen("no/such/file", "r")) printf("fopen: %s\n", strerror(errno));
    if (open("data.txt", O_WRONLY | O_CREAT | O_EXCL, 0644) < 0) perror("open O_EXCL");
    if (unlink("data.txt") == 0) printf("unlinked\n");
    if (access("data.txt", F_OK) < 0) perror("access");

    char *small = malloc(100), *big = malloc(10 << 20);
    for (long i = 0; i < (10 << 20); i += 4096) big[i] = 'x';
    big[(10 << 20) - 1] = 'x';
    big = realloc(big, 20 << 20);
    printf("malloc ok=%d big[10M-1]=%c\n", small && big, big[(10 << 20) - 1]);
    free(big);
    free(small);
    void *m = mmap(NULL, 1 << 16, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mmap ok=%d munmap=%d\n", m != MAP_FAILED, munmap(m, 1 << 16));

    time_t t = time(NULL);
    struct timespec ts;
    printf("time sane=%d clock_gettime=%d clock()>=0: %d\n", t > 1600000000, clock_gettime(CLOCK_MONOTONIC, &ts),
           clock() >= 0);
    struct utsname u;
    uname(&u);
    printf("uname: %s %s\n", u.sysname, u.machine);
    printf("isatty(1)=%d pid>0=%d\n", isatty(1), getpid() > 0);
    printf("page size %ld\n", sysconf(_SC_PAGESIZE));
    fprintf(stderr, "to stderr\n");
    return 0;
}
