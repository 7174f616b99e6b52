/* fork, wait4 and pipes across processes: every line comes from one process at a time, in an order fixed by waits. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int counter = 41;
static char big[3 * 4096] = "parent data";

static void report(const char *what, int status) {
    if (WIFEXITED(status)) printf("%s: exited %d\n", what, WEXITSTATUS(status));
    else if (WIFSIGNALED(status)) printf("%s: killed by signal %d\n", what, WTERMSIG(status));
    else printf("%s: status %#x\n", what, status);
}

static void sleep_ms(long ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void exit_codes(void) {
    for (int i = 0; i < 3; i++) {
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) _exit(i * 7);
        int status;
        pid_t got = waitpid(pid, &status, 0);
        printf("child %d same pid: %d, ", i, got == pid);
        report("child", status);
    }
}

static void copy_on_write(void) {
    int local = 5;
    int *heap = malloc(sizeof *heap);
    *heap = 9;
    fflush(stdout);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        counter++, local++, (*heap)++;
        strcpy(big + 4096, "child data");
        printf("child sees %d %d %d '%s', parent is mine: %d\n", counter, local, *heap, big + 4096,
               getppid() == parent);
        fflush(stdout);
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    printf("parent still sees %d %d %d '%s' '%s'\n", counter, local, *heap, big, big + 4096);
    counter += 100;
    printf("parent writes its own: %d\n", counter);
    free(heap);
}

static void pipe_between(void) {
    int fds[2];
    if (pipe(fds) != 0) { perror("pipe"); exit(1); }
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        for (int i = 0; i < 3; i++) {
            char line[64];
            int n = snprintf(line, sizeof line, "message %d from the child\n", i);
            write(fds[1], line, n);
        }
        /* a lot more than a pipe holds, so the writer must wait for the reader */
        static char blob[200000];
        memset(blob, 'x', sizeof blob);
        size_t done = 0;
        while (done < sizeof blob) done += write(fds[1], blob + done, sizeof blob - done);
        _exit(3);
    }
    close(fds[1]);
    char buf[4096];
    long total = 0, lines = 0;
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++) lines += buf[i] == '\n';
        total += n;
    }
    printf("read %ld bytes, %ld lines, then EOF (%zd)\n", total, lines, n);
    int status;
    wait(&status);
    report("writer", status);
}

static void sleepers(void) {
    int fds[2];
    pipe(fds);
    fflush(stdout);
    pid_t slow = fork();
    if (slow == 0) { sleep_ms(300); write(fds[1], "slow\n", 5); _exit(0); }
    pid_t fast = fork();
    if (fast == 0) { sleep_ms(200); write(fds[1], "fast\n", 5); _exit(0); }
    close(fds[1]);
    char buf[64];
    ssize_t n, at = 0;
    while ((n = read(fds[0], buf + at, sizeof buf - at)) > 0) at += n;
    buf[at] = 0;
    printf("woke in order:\n%s", buf);
    while (wait(NULL) > 0) {}
    printf("no more children: %s\n", errno == ECHILD ? "ECHILD" : "?");
}

static void nohang_and_kill(void) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) { for (;;) sleep_ms(1000); }
    int status = 0;
    printf("WNOHANG while it runs: %d\n", waitpid(pid, &status, WNOHANG));
    printf("kill: %d\n", kill(pid, SIGTERM));
    waitpid(pid, &status, 0);
    report("sleeper", status);
    int r = kill(pid, SIGTERM);
    printf("kill a reaped child: %d %s\n", r, errno == ESRCH ? "ESRCH" : "?");
}

int main(void) {
    int r = waitpid(-1, NULL, 0);
    printf("waitpid with no children: %d %s\n", r, errno == ECHILD ? "ECHILD" : "?");
    exit_codes();
    copy_on_write();
    pipe_between();
    sleepers();
    nohang_and_kill();
    fflush(stdout);
    if (fork() == 0) { sleep_ms(100); printf("orphan finishes after its parent\n"); return 0; }
    printf("parent exits 5\n");
    return 5;
}
