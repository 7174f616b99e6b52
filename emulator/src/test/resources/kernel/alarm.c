/* alarm, setitimer and pause on the clock; a signal interrupting a blocking call: EINTR, or SA_RESTART's restart. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t alarms;
static volatile int code;

static void on_alrm(int sig, siginfo_t *info, void *uc) {
    (void) sig;
    (void) uc;
    alarms++;
    code = info->si_code;
}

static void handle(int flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_alrm;
    sa.sa_flags = SA_SIGINFO | flags;
    sigaction(SIGALRM, &sa, NULL);
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void arm(long usec, long interval_usec) {
    struct itimerval it = {{0, interval_usec}, {0, usec}};
    setitimer(ITIMER_REAL, &it, NULL);
}

int main(void) {
    handle(0);
    printf("alarm(0) with none: %u\n", alarm(0));
    alarm(5);
    printf("alarm(3) after alarm(5): %u\n", alarm(3));
    printf("alarm(0) cancels: %u\n", alarm(0));

    struct itimerval it;
    getitimer(ITIMER_REAL, &it);
    printf("disarmed: %ld %ld %ld %ld\n", (long) it.it_value.tv_sec, (long) it.it_value.tv_usec,
           (long) it.it_interval.tv_sec, (long) it.it_interval.tv_usec);
    arm(900000, 0);
    alarm(0);
    arm(0, 0);
    errno = 0;
    int r = setitimer(ITIMER_REAL, &(struct itimerval){{0, 0}, {0, 1000000}}, NULL);
    printf("usec 1000000: %d errno %d\n", r, errno);
    arm(400000, 250000);
    getitimer(ITIMER_REAL, &it);
    printf("armed: value <= 0.4 s: %d, > 0.3 s: %d, interval %ld.%06ld\n",
           it.it_value.tv_sec == 0 && it.it_value.tv_usec <= 400000, it.it_value.tv_usec > 300000,
           (long) it.it_interval.tv_sec, (long) it.it_interval.tv_usec);
    arm(0, 0);

    /* pause until the alarm; the clock has moved by the alarm's time */
    double t0 = now();
    arm(20000, 0);
    errno = 0;
    r = pause();
    double waited = now() - t0;
    printf("pause: %d errno %d alarms %d si_code SI_KERNEL %d, waited >= 20 ms: %d\n", r, errno, alarms,
           code == SI_KERNEL, waited >= 0.02);

    /* a periodic timer: three expiries, then stopped */
    alarms = 0;
    arm(10000, 10000);
    while (alarms < 3) pause();
    arm(0, 0);
    printf("periodic: %d alarms\n", alarms);

    /* a read from an empty pipe: without SA_RESTART the alarm ends it with EINTR */
    int fds[2];
    char buf[16];
    pipe(fds);
    arm(10000, 0);
    errno = 0;
    r = read(fds[0], buf, sizeof buf);
    printf("read without SA_RESTART: %d errno %d (EINTR %d)\n", r, errno, EINTR);

    /* with SA_RESTART the read goes on after the handler and gets what a child writes later */
    handle(SA_RESTART);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        struct timespec d = {0, 60000000};
        nanosleep(&d, NULL);
        write(fds[1], "late", 4);
        _exit(0);
    }
    alarms = 0;
    arm(10000, 0);
    r = read(fds[0], buf, sizeof buf);
    printf("read with SA_RESTART: %d \"%.*s\" after %d alarm\n", r, r > 0 ? r : 0, buf, alarms);
    waitpid(pid, NULL, 0);

    /* nanosleep is never restarted: EINTR, and the time it had left */
    struct timespec req = {1, 0}, rem = {0, 0};
    arm(100000, 0);
    errno = 0;
    r = nanosleep(&req, &rem);
    printf("nanosleep: %d errno %d, rem between 0.85 and 0.95 s: %d\n", r, errno,
           rem.tv_sec == 0 && rem.tv_nsec > 850000000 && rem.tv_nsec < 950000000);

    /* wait4 with SA_RESTART: restarted; without: EINTR */
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        struct timespec d = {0, 50000000};
        nanosleep(&d, NULL);
        _exit(3);
    }
    int status = 0;
    arm(10000, 0);
    r = waitpid(pid, &status, 0);
    printf("waitpid with SA_RESTART: %s, status %d\n", r == pid ? "the child" : "failed", WEXITSTATUS(status));
    handle(0);
    pid = fork();
    if (pid == 0) {
        struct timespec d = {0, 50000000};
        nanosleep(&d, NULL);
        _exit(4);
    }
    arm(10000, 0);
    errno = 0;
    r = waitpid(pid, &status, 0);
    printf("waitpid without SA_RESTART: %d errno %d\n", r, errno);
    waitpid(pid, &status, 0);

    /* the default action of SIGALRM ends the process */
    signal(SIGALRM, SIG_DFL);
    fflush(stdout);
    alarm(1);
    for (;;) pause();
}
