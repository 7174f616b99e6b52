/* Signal handlers: a real frame on the stack, handlers that return and handlers that longjmp, across processes. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static sigjmp_buf escape;
static volatile sig_atomic_t usr1, chld;
static volatile void *fault_addr;

static void on_segv(int sig, siginfo_t *info, void *uc) {
    (void) uc;
    fault_addr = info->si_addr;
    siglongjmp(escape, sig);
}

static void on_usr1(int sig, siginfo_t *info, void *uc) {
    (void) uc;
    usr1 += sig + (info->si_pid == getpid());
}

static void on_chld(int sig) {
    (void) sig;
    chld++;
}

static void on_term(int sig) {
    static const char msg[] = "child caught SIGTERM\n";
    write(1, msg, sizeof msg - 1);
    _exit(40 + sig);
}

static void on_fpe(int sig, siginfo_t *info, void *uc) {
    (void) uc;
    siglongjmp(escape, sig + 100 * (info->si_code == FPE_INTDIV));
}

static void install(int sig, void (*action)(int, siginfo_t *, void *)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = action;
    sa.sa_flags = SA_SIGINFO;
    sigaction(sig, &sa, NULL);
}

int main(void) {
    install(SIGSEGV, on_segv);
    char *page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int got = sigsetjmp(escape, 1);
    if (got == 0) {
        page[12] = 1;
        printf("no fault?\n");
    } else {
        printf("SIGSEGV handler longjmped out with %d, si_addr is the page + 12: %d\n", got,
               fault_addr == page + 12);
    }
    got = sigsetjmp(escape, 1);
    if (got == 0) {
        *(volatile int *) 16 = 1;
    } else {
        printf("again, at address 16: %d\n", fault_addr == (void *) 16);
    }

    install(SIGFPE, on_fpe);
    volatile int zero = 0, seven = 7;
    got = sigsetjmp(escape, 1);
    if (got == 0) printf("%d\n", seven / zero);
    else printf("SIGFPE handler: %d\n", got);

    install(SIGUSR1, on_usr1);
    double keep = 1.5;
    long regs = 12345;
    kill(getpid(), SIGUSR1);
    printf("SIGUSR1 handler returned: %d, state kept: %g %ld\n", usr1, keep, regs);

    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, &old);
    raise(SIGUSR1);
    printf("blocked: handler not run yet (%d)\n", usr1);
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("unblocked: handler ran (%d)\n", usr1);

    signal(SIGCHLD, on_chld);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) _exit(7);
    int status;
    waitpid(pid, &status, 0);
    printf("SIGCHLD seen %d time(s), child exited %d\n", chld, WEXITSTATUS(status));

    int fds[2];
    pipe(fds);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        signal(SIGTERM, on_term);
        close(fds[0]);
        write(fds[1], "r", 1);
        for (;;) pause();
    }
    char c;
    read(fds[0], &c, 1);
    kill(pid, SIGTERM);
    waitpid(pid, &status, 0);
    printf("child with a SIGTERM handler exited %d\n", WEXITSTATUS(status));

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        signal(SIGSEGV, SIG_DFL);
        *(volatile int *) 8 = 0;
        _exit(0);
    }
    waitpid(pid, &status, 0);
    printf("child without a handler: killed by %d\n", WIFSIGNALED(status) ? WTERMSIG(status) : -1);
    return 0;
}
