/* kill(-1): every process the caller may signal except init and the caller itself. Run natively only inside a
 * PID namespace (the test starts it under unshare, as a child of the namespace's init), never on the host. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t terms;

static void on_term(int sig) {
    (void) sig;
    terms++;
}

int main(void) {
    /* 1: the namespace's init natively; 999: the parent boardup gives its first process */
    if (getppid() != 1 && getppid() != 999) {
        printf("refusing to kill(-1) outside a PID namespace\n");
        return 1;
    }
    signal(SIGTERM, on_term);
    signal(SIGUSR1, on_term);
    int ready[2];
    pipe(ready);
    pid_t kids[3];
    for (int i = 0; i < 3; i++) {
        fflush(stdout);
        kids[i] = fork();
        if (kids[i] == 0) {
            sigset_t none;
            sigemptyset(&none);
            write(ready[1], "r", 1);
            while (!terms) sigsuspend(&none);
            _exit(20 + i);
        }
    }
    char c;
    for (int i = 0; i < 3; i++) read(ready[0], &c, 1);
    printf("kill(-1, 0): %d\n", kill(-1, 0));
    int r = kill(-1, SIGTERM);
    printf("kill(-1, SIGTERM): %d, the caller spared: %d\n", r, terms == 0);
    for (int i = 0; i < 3; i++) {
        int status;
        waitpid(kids[i], &status, 0);
        printf("child %d exited %d\n", i, WEXITSTATUS(status));
    }
    errno = 0;
    r = kill(-1, SIGUSR1);
    printf("kill(-1) with nobody else: %d errno %d, caller still spared: %d\n", r, errno, terms == 0);
    return 0;
}
