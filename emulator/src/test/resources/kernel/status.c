/*
 * /proc/self/status around a 1 MiB anonymous mapping (touched, then unmapped), with a handler, an ignored and a
 * blocked signal, then /proc/meminfo: Linux's fields, and the sizes that follow from the address space.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static void handler(int sig) { (void) sig; }

static void show(const char *path, const char *mark) {
    char line[4096];
    FILE *f = fopen(path, "r");
    if (!f) { perror(path); return; }
    printf("== %s\n", mark);
    while (fgets(line, sizeof line, f)) fputs(line, stdout);
    fclose(f);
}

int main(void) {
    signal(SIGUSR1, handler);
    signal(SIGPIPE, SIG_IGN);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    show("/proc/self/status", "start");
    char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) { perror("mmap"); return 1; }
    memset(p, 1, 1 << 20);
    show("/proc/self/status", "touched");
    munmap(p, 1 << 20);
    show("/proc/self/status", "unmapped");
    show("/proc/meminfo", "meminfo");
    return 0;
}
