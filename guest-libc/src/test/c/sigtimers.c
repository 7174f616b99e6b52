/* Signals and timers through the libc wrappers: sigaltstack, setitimer/getitimer,
 * alarm/pause, sigsuspend, sigqueue with sigwaitinfo/sigtimedwait, process groups
 * with killpg, psignal, and pipes' blocking writes. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char alt[32768];
static volatile sig_atomic_t hits, on_alt, last_sig;

static void on_signal(int sig)
{
    char here;

    hits++;
    last_sig = sig;
    on_alt = &here >= alt && &here < alt + sizeof(alt);
}

static void install(int sig, int flags)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sa.sa_flags = flags;
    sigaction(sig, &sa, NULL);
}

static void arm(long usec)
{
    struct itimerval it;

    memset(&it, 0, sizeof(it));
    it.it_value.tv_usec = usec;
    setitimer(ITIMER_REAL, &it, NULL);
}

int main(void)
{
    stack_t ss, old;
    struct itimerval it;
    sigset_t set, none;
    siginfo_t info;
    union sigval value;
    struct timespec zero = { 0, 0 };
    int r, fds[2], status;
    pid_t pid;

    memset(&ss, 0, sizeof(ss));
    ss.ss_sp = alt;
    ss.ss_size = sizeof(alt);
    r = sigaltstack(&ss, NULL);
    sigaltstack(NULL, &old);
    printf("sigaltstack: %d, size %ld, flags %d\n", r, (long)old.ss_size, old.ss_flags);
    install(SIGUSR1, SA_ONSTACK);
    raise(SIGUSR1);
    printf("SA_ONSTACK handler on the alternate stack: %d\n", on_alt);
    install(SIGUSR1, 0);
    raise(SIGUSR1);
    printf("plain handler on the alternate stack: %d\n", on_alt);

    install(SIGALRM, 0);
    getitimer(ITIMER_REAL, &it);
    printf("timer idle: %ld.%06ld\n", (long)it.it_value.tv_sec, (long)it.it_value.tv_usec);
    arm(30000);
    getitimer(ITIMER_REAL, &it);
    printf("armed: %d\n", it.it_value.tv_sec == 0 && it.it_value.tv_usec > 0 && it.it_value.tv_usec <= 30000);
    hits = 0;
    errno = 0;
    r = pause();
    printf("pause: %d errno %d, SIGALRM %d\n", r, errno, last_sig == SIGALRM && hits == 1);

    sigemptyset(&set);
    sigaddset(&set, SIGALRM);
    sigprocmask(SIG_BLOCK, &set, NULL);
    arm(20000);
    sigemptyset(&none);
    hits = 0;
    errno = 0;
    r = sigsuspend(&none);
    sigprocmask(SIG_SETMASK, NULL, &set);
    printf("sigsuspend: %d errno %d, handled %d, SIGALRM blocked again %d\n", r, errno, hits,
           sigismember(&set, SIGALRM));

    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN + 2);
    sigprocmask(SIG_BLOCK, &set, NULL);
    value.sival_int = 41;
    sigqueue(getpid(), SIGRTMIN + 2, value);
    value.sival_int = 42;
    sigqueue(getpid(), SIGRTMIN + 2, value);
    r = sigwaitinfo(&set, &info);
    printf("sigwaitinfo: %d, code SI_QUEUE %d, value %d, from me %d\n", r - SIGRTMIN, info.si_code == SI_QUEUE,
           info.si_value.sival_int, info.si_pid == getpid());
    r = sigtimedwait(&set, &info, &zero);
    printf("sigtimedwait: %d, value %d\n", r - SIGRTMIN, info.si_value.sival_int);
    errno = 0;
    r = sigtimedwait(&set, &info, &zero);
    printf("nothing left: %d errno %d\n", r, errno);

    r = setpgid(0, 0);
    printf("setpgid: %d, leader %d\n", r, getpgrp() == getpid());
    install(SIGUSR2, 0);
    hits = 0;
    r = killpg(getpgrp(), SIGUSR2);
    printf("killpg: %d, handled %d\n", r, hits);
    errno = 0;
    r = killpg(-1, SIGUSR2);
    printf("killpg(-1): %d errno %d\n", r, errno);

    pipe(fds);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        static char big[200000];
        long n = write(fds[1], big, sizeof(big));
        printf("child wrote %ld in one call\n", n);
        exit(0);
    }
    close(fds[1]);
    {
        static char buf[4096];
        long total = 0, n;
        while ((n = read(fds[0], buf, sizeof(buf))) > 0)
            total += n;
        waitpid(pid, &status, 0);
        printf("parent read %ld\n", total);
    }

    fflush(stdout);
    psignal(SIGALRM, "psignal");
    psignal(SIGRTMIN + 3, NULL);
    signal(SIGALRM, SIG_DFL);
    sigemptyset(&set);
    sigaddset(&set, SIGALRM);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    arm(20000);
    pause();
    return 0;
}
