/* Process groups and kill(0 / -pgid), SIGCHLD, and waitpid's WNOHANG, WUNTRACED and WCONTINUED. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t usr1, chld, chld_code, chld_status;

static void on_usr1(int sig) {
    (void) sig;
    usr1++;
}

static void on_chld(int sig, siginfo_t *info, void *uc) {
    (void) sig;
    (void) uc;
    chld++;
    chld_code = info->si_code;
    chld_status = info->si_status;
}

static void nap(long ms) {
    struct timespec d = {ms / 1000, (ms % 1000) * 1000000};
    nanosleep(&d, NULL);
}

/* A child that waits for SIGUSR1 and reports through the pipe, then exits with 10 + signals seen. */
static pid_t waiter(int report, int own_group) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        if (own_group) setpgid(0, 0);
        sigset_t none;
        sigemptyset(&none);
        write(report, "r", 1);
        while (!usr1) sigsuspend(&none);
        _exit(10 + usr1);
    }
    char c;
    read(report - 1, &c, 1);
    return pid;
}

int main(void) {
    int status, r;
    if (setpgid(0, 0) != 0) perror("setpgid");
    pid_t me = getpid();
    printf("own group: %d, getpgid(0) same: %d, session differs: %d\n", getpgrp() == me, getpgid(0) == me,
           getsid(0) != me);
    /* vfork: the parent sleeps until its child has exited (or exec'd) */
    fflush(stdout);
    pid_t v = vfork();
    if (v == 0) {
        write(1, "vfork: the child runs first\n", 28);
        _exit(5);
    }
    write(1, "vfork: then the parent\n", 23);
    waitpid(v, &status, 0);
    printf("vfork child exited %d\n", WEXITSTATUS(status));

    errno = 0;
    r = setsid();
    printf("setsid as a group leader: %d errno %d\n", r, errno);
    errno = 0;
    r = getpgid(999999);
    printf("getpgid of nobody: %d errno %d\n", r, errno);

    signal(SIGUSR1, on_usr1);
    sigset_t usr1set;
    sigemptyset(&usr1set);
    sigaddset(&usr1set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &usr1set, NULL);
    int p[2];
    pipe(p);
    /* report - 1 is the read end: pipe() gives consecutive descriptors here */
    pid_t a = waiter(p[1], 0), b = waiter(p[1], 0), c = waiter(p[1], 1);
    printf("children in our group: %d %d, third in its own: %d\n", getpgid(a) == me, getpgid(b) == me,
           getpgid(c) == c);
    r = kill(0, SIGUSR1);
    printf("kill(0, SIGUSR1): %d\n", r);
    waitpid(a, &status, 0);
    printf("first child exited %d\n", WEXITSTATUS(status));
    waitpid(b, &status, 0);
    printf("second child exited %d\n", WEXITSTATUS(status));
    r = waitpid(c, &status, WNOHANG);
    printf("third child still waits: %d\n", r);
    r = kill(-c, SIGUSR1);
    waitpid(c, &status, 0);
    printf("kill(-its group): %d, exited %d\n", r, WEXITSTATUS(status));
    sigset_t pend;
    sigpending(&pend);
    printf("our own SIGUSR1 pending from kill(0): %d\n", sigismember(&pend, SIGUSR1));
    sigprocmask(SIG_UNBLOCK, &usr1set, NULL);
    printf("handled after unblocking: %d\n", usr1);
    errno = 0;
    r = kill(-123456, SIGUSR1);
    printf("kill of an empty group: %d errno %d\n", r, errno);

    /* SIGCHLD with siginfo; WUNTRACED sees a stop, WCONTINUED the continue */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_chld;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGCHLD, &sa, NULL);
    fflush(stdout);
    pid_t s = fork();
    if (s == 0) {
        for (;;) nap(5);
    }
    kill(s, SIGSTOP);
    r = waitpid(s, &status, WUNTRACED);
    printf("WUNTRACED: %d, stopped %d by %d, SIGCHLD code CLD_STOPPED %d status %d\n", r == s, WIFSTOPPED(status),
           WSTOPSIG(status), chld_code == CLD_STOPPED, chld_status);
    r = waitpid(s, &status, WUNTRACED | WNOHANG);
    printf("the stop is reported once: %d\n", r);
    kill(s, SIGCONT);
    r = waitpid(s, &status, WCONTINUED);
    nap(50); /* Linux tells the parent of the continue once the child runs */
    printf("WCONTINUED: %d, continued %d, SIGCHLD code CLD_CONTINUED %d\n", r == s, WIFCONTINUED(status),
           chld_code == CLD_CONTINUED);
    kill(s, SIGTERM);
    waitpid(s, &status, 0);
    printf("then SIGTERM: signaled %d by %d, SIGCHLD code CLD_KILLED %d, %d SIGCHLDs\n", WIFSIGNALED(status),
           WTERMSIG(status), chld_code == CLD_KILLED, chld);

    /* SA_NOCLDSTOP: no SIGCHLD for the stop */
    sa.sa_flags |= SA_NOCLDSTOP;
    sigaction(SIGCHLD, &sa, NULL);
    chld = 0;
    s = fork();
    if (s == 0) {
        for (;;) nap(5);
    }
    kill(s, SIGSTOP);
    waitpid(s, &status, WUNTRACED);
    printf("SA_NOCLDSTOP: stopped %d, SIGCHLDs %d\n", WIFSTOPPED(status), chld);
    kill(s, SIGKILL);
    waitpid(s, &status, 0);
    printf("SIGKILL to a stopped child: signaled by %d, SIGCHLDs %d\n", WTERMSIG(status), chld);

    /* SIGCHLD ignored: children are reaped by the kernel, wait finds none */
    signal(SIGCHLD, SIG_IGN);
    fflush(stdout);
    s = fork();
    if (s == 0) _exit(1);
    errno = 0;
    r = waitpid(-1, &status, 0);
    printf("SIGCHLD ignored: waitpid %d errno %d (ECHILD %d)\n", r, errno, ECHILD);
    errno = 0;
    r = waitpid(-1, &status, WNOHANG);
    printf("WNOHANG without children: %d errno %d\n", r, errno);
    return 0;
}
