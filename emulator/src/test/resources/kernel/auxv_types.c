/* The auxiliary vector's entry types in order, where the initial stack pointer sits in its page, and whether
 * AT_SYSINFO_EHDR points at an ELF image in [vdso] that glibc's time functions live with. */
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv, char **envp) {
    char **e = envp;
    while (*e) e++;
    unsigned long *auxv = (unsigned long *)(e + 1), vdso = 0;
    printf("rsp page offset %#lx\n", ((unsigned long)argv - 8) & 0xfff);
    printf("types");
    for (unsigned long *a = auxv;; a += 2) {
        printf(" %lu", a[0]);
        if (a[0] == 33) vdso = a[1];
        if (a[0] == 0) break;
    }
    printf("\n");
    printf("vdso is ELF %d\n", vdso != 0 && memcmp((void *)vdso, "\177ELF", 4) == 0);
    char line[256], want[32];
    snprintf(want, sizeof want, "%lx-", vdso);
    FILE *maps = fopen("/proc/self/maps", "r");
    int found = 0;
    while (maps && fgets(line, sizeof line, maps))
        if (strncmp(line, want, strlen(want)) == 0 && strstr(line, "[vdso]")) found = 1;
    printf("AT_SYSINFO_EHDR is [vdso] %d\n", found);
    struct timespec ts;
    struct timeval tv;
    printf("clock_gettime %d gettimeofday %d time %d\n", clock_gettime(CLOCK_MONOTONIC, &ts),
           gettimeofday(&tv, NULL), time(NULL) > 0);
    printf("sysconf(_SC_MINSIGSTKSZ) %ld\n", sysconf(_SC_MINSIGSTKSZ));
    return 0;
}
