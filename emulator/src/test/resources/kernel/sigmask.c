/* Blocking, pending and the order of delivery: sigprocmask, sigpending, sigsuspend, real-time signals queued. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char trail[256];
static int trail_len;

static void note(int sig) {
    trail_len += snprintf(trail + trail_len, sizeof trail - trail_len, " %d", sig);
}

static void on_sig(int sig, siginfo_t *info, void *uc) {
    (void) uc;
    note(sig);
    if (info->si_code == SI_QUEUE) trail_len += snprintf(trail + trail_len, sizeof trail - trail_len, "(%d)",
                                                         info->si_value.sival_int);
}

static void install(int sig, int flags, int also_block) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sig;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    if (also_block) sigaddset(&sa.sa_mask, also_block);
    sigaction(sig, &sa, NULL);
}

static void show(const char *what) {
    printf("%s:%s\n", what, trail);
    trail_len = 0;
    trail[0] = 0;
}

static void pending(const char *what) {
    sigset_t p;
    sigemptyset(&p);
    sigpending(&p);
    printf("%s pending:", what);
    for (int s = 1; s < 65; s++) if (sigismember(&p, s) == 1) printf(" %d", s);
    printf("\n");
}

int main(void) {
    sigset_t block, old, none;
    sigemptyset(&none);
    install(SIGUSR1, 0, 0);
    install(SIGUSR2, 0, 0);
    install(SIGHUP, 0, 0);
    install(SIGTERM, 0, SIGUSR2);
    install(SIGRTMIN, 0, 0);
    install(SIGRTMIN + 1, 0, 0);

    sigfillset(&block);
    sigprocmask(SIG_BLOCK, &block, &old);
    raise(SIGUSR2);
    raise(SIGUSR1);
    raise(SIGUSR1);
    raise(SIGHUP);
    raise(SIGCHLD); /* ignored by default, but kept pending while blocked */
    union sigval v;
    for (int i = 0; i < 3; i++) {
        v.sival_int = 10 + i;
        sigqueue(getpid(), SIGRTMIN + 1, v);
    }
    v.sival_int = 7;
    sigqueue(getpid(), SIGRTMIN, v);
    pending("all blocked");
    show("before unblocking");
    sigprocmask(SIG_SETMASK, &none, NULL);
    show("after unblocking");
    pending("nothing blocked");

    /* a handler's sa_mask holds back a signal it raises until it returns */
    sigprocmask(SIG_BLOCK, &block, NULL);
    raise(SIGTERM);
    raise(SIGUSR2);
    sigprocmask(SIG_SETMASK, &none, NULL);
    show("SIGTERM with SIGUSR2 in sa_mask");

    /* sigprocmask's errors and the unblockable SIGKILL/SIGSTOP */
    errno = 0;
    int r = sigprocmask(99, &block, NULL);
    printf("bad how: %d errno=%d\n", r, errno);
    sigprocmask(SIG_SETMASK, &block, NULL);
    sigprocmask(SIG_SETMASK, NULL, &old);
    printf("SIGKILL blocked: %d, SIGSTOP blocked: %d, SIGUSR1 blocked: %d\n", sigismember(&old, SIGKILL),
           sigismember(&old, SIGSTOP), sigismember(&old, SIGUSR1));

    /* sigsuspend: waits under a temporary mask, the handler runs, the old mask is back afterwards */
    raise(SIGUSR1);
    raise(SIGHUP);
    sigset_t only_usr1;
    sigfillset(&only_usr1);
    sigdelset(&only_usr1, SIGUSR1);
    errno = 0;
    r = sigsuspend(&only_usr1);
    printf("sigsuspend: %d errno=%d\n", r, errno);
    show("handled during sigsuspend");
    pending("after sigsuspend");
    sigprocmask(SIG_SETMASK, NULL, &old);
    printf("mask restored: %d\n", sigismember(&old, SIGUSR1));

    /* sigwait-style: take a blocked signal without its handler */
    int got = 0;
    sigset_t want;
    sigemptyset(&want);
    sigaddset(&want, SIGHUP);
    r = sigwait(&want, &got);
    printf("sigwait: %d got %d\n", r, got);
    show("handlers after sigwait");
    struct timespec zero = {0, 0};
    errno = 0;
    r = sigtimedwait(&want, NULL, &zero);
    printf("sigtimedwait with nothing pending: %d errno=%d\n", r, errno);
    return 0;
}
