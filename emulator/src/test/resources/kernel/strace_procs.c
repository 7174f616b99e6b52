/* Several processes under strace -f, one behaviour per argument: w(ait), p(ipe), s(ignal handler), k(illed child),
 * n(anosleep that the child's SIGCHLD interrupts), e(xec), v(fork and exec); e and v run from the directory holding
 * this program as strace_procs. The child sleeps before acting and before exiting, so that natively the parent is
 * already blocked in the call that waits for it: each process's own sequence of trace lines is then the same on
 * every run. */
#include "sys.h"

struct timespec { long sec, nsec; };
struct sigaction { void (*handler)(int); unsigned long flags; void (*restorer)(void); unsigned long mask; };

static void nap(void) {
    struct timespec ts = {0, 50000000};
    sys2(35, &ts, 0);                                    /* nanosleep */
}

static void on_usr1(int sig) { (void)sig; puts1("handled\n"); }

__asm__(".globl restore\nrestore:\n mov $15, %eax\n syscall\n");
void restore(void);

static void wait_for(long pid) {
    int status;
    sys4(61, pid, &status, 0, 0);                        /* wait4 */
}

void start_c(long *sp) {
    char *what = (char *)sp[2];
    if (what[0] == 'x') {                                /* the exec'd image */
        puts1("exec'd\n");
        nap();                                           /* so that a vfork parent is in wait4 first */
        sys1(231, 4);
    }
    int fds[2];
    if (what[0] == 'p') sys2(293, fds, 0);               /* pipe2 */
    if (what[0] == 's') {
        struct sigaction sa = {on_usr1, 0x04000000, restore, 0};   /* SA_RESTORER */
        sys4(13, 10, &sa, 0, 8);                         /* rt_sigaction(SIGUSR1) */
    }
    unsigned long chld = 1UL << (17 - 1);
    if (what[0] == 'k') sys4(14, 0, &chld, 0, 8);       /* SIGCHLD blocked: it shows after wait4 however fast */
    long pid = what[0] == 'v' ? sys0(58) : sys0(57);    /* vfork: the parent waits for the exec; else fork */
    if (pid == 0) {
        if (what[0] != 'v') nap();
        switch (what[0]) {
            case 'p': sys3(1, fds[1], "through the pipe", 16); break;
            case 's': sys2(62, sys0(110), 10); break;    /* kill(getppid(), SIGUSR1) */
            case 'k': sys0(34); break;                   /* pause until killed */
            case 'e':
            case 'v': {
                char *argv[] = {"./strace_procs", "x", 0};
                char *envp[] = {0};
                sys3(59, "./no_such_program", argv, envp);  /* fails with ENOENT first */
                sys3(59, argv[0], argv, envp);
                break;
            }
        }
        nap();
        sys1(231, 3);
    }
    switch (what[0]) {
        case 'p': {
            char buf[32];
            sys1(3, fds[1]);                             /* close */
            long n = sys3(0, fds[0], buf, sizeof buf);
            sys3(1, 1, buf, n);
            break;
        }
        case 's': sys0(34); break;                       /* pause: the handler ends it */
        case 'n': {                                      /* the child ends in the middle of this sleep */
            struct timespec ts = {0, 200000000};
            sys2(35, &ts, 0);
            break;
        }
        case 'k': nap(); nap(); sys2(62, pid, 15); break; /* kill(child, SIGTERM) */
    }
    wait_for(pid);
    if (what[0] == 'k') sys4(14, 1, &chld, 0, 8);       /* rt_sigprocmask(SIG_UNBLOCK) */
    sys1(231, 0);
}

__asm__(".globl _start\n_start:\n mov %rsp, %rdi\n and $-16, %rsp\n call start_c\n");
