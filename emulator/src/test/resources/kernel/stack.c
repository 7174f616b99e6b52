/*
 * How far the stack grows. argv[1] is RLIMIT_STACK in KiB; with argv[2] "gap", a page is mapped 3 MiB below the
 * stack first, and Linux's guard gap (1 MiB) stops the stack before it. A child recurses, reporting its depth in
 * KiB through a pipe every 4 KiB, until the fault that cannot grow the stack kills it.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static int out;
static char *top;

static void dive(void) {
    volatile char page[4096];
    page[0] = 1;
    int kib = (int) ((top - (char *) page) / 1024);
    write(out, &kib, sizeof kib);
    dive();
    page[1] = 2;
}

int main(int argc, char **argv) {
    struct rlimit rl = {strtoul(argv[1], NULL, 0) * 1024, RLIM_INFINITY};
    if (setrlimit(RLIMIT_STACK, &rl) != 0) { perror("setrlimit"); return 1; }
    getrlimit(RLIMIT_STACK, &rl);
    printf("RLIMIT_STACK %lu KiB\n", (unsigned long) rl.rlim_cur / 1024);
    fflush(stdout);
    int fds[2];
    pipe(fds);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        out = fds[1];
        char here;
        top = &here;
        if (argc > 2) {
            char *below = (char *) (((unsigned long) &here & ~4095UL) - (3UL << 20));
            if (mmap(below, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) != below) {
                perror("mmap");
                _exit(1);
            }
        }
        dive();
        _exit(0);
    }
    close(fds[1]);
    int kib, deepest = 0;
    while (read(fds[0], &kib, sizeof kib) == sizeof kib) deepest = kib;
    int status;
    waitpid(pid, &status, 0);
    printf("deepest %d KiB\n", deepest);
    printf("child %s %d\n", WIFSIGNALED(status) ? "killed by signal" : "exited", WIFSIGNALED(status)
           ? WTERMSIG(status) : WEXITSTATUS(status));
    return 0;
}
