/* signal.c: signal dispositions, masks, raise/abort and the signal-aware jumps. */
#include <signal.h>
#include <setjmp.h>
#include <stdio.h>
#include <time.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include "libc.h"

/* The kernel's own struct sigaction: its mask is one 64-bit word. */
struct kernel_sigaction {
    sighandler_t handler;
    unsigned long flags;
    void (*restorer)(void);
    unsigned long mask;
};

#define KERNEL_SIGSET_SIZE 8

int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
    struct kernel_sigaction kact, kold;
    long r;

    if (act) {
        kact.handler = act->sa_handler;
        kact.flags = (unsigned long)(unsigned int)act->sa_flags | SA_RESTORER;
        kact.restorer = __restore_rt;
        kact.mask = act->sa_mask.__val[0];
    }
    r = __syscall4(SYS_rt_sigaction, sig, act ? &kact : NULL, old ? &kold : NULL, KERNEL_SIGSET_SIZE);
    if (__sysret(r) < 0)
        return -1;
    if (old) {
        memset(old, 0, sizeof(*old));
        old->sa_handler = kold.handler;
        old->sa_flags = (int)kold.flags;
        old->sa_restorer = kold.restorer;
        old->sa_mask.__val[0] = kold.mask;
    }
    return 0;
}

/* glibc's signal() has BSD semantics: restart system calls, keep the handler. */
sighandler_t signal(int sig, sighandler_t handler)
{
    struct sigaction act, old;

    memset(&act, 0, sizeof(act));
    act.sa_handler = handler;
    act.sa_flags = SA_RESTART;
    sigaddset(&act.sa_mask, sig);
    if (sigaction(sig, &act, &old) < 0)
        return SIG_ERR;
    return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
    if (old)
        memset(old, 0, sizeof(*old));
    return (int)__sysret(__syscall4(SYS_rt_sigprocmask, how, set, old, KERNEL_SIGSET_SIZE));
}

int sigpending(sigset_t *set)
{
    memset(set, 0, sizeof(*set));
    return (int)__sysret(__syscall2(SYS_rt_sigpending, set, KERNEL_SIGSET_SIZE));
}

int sigsuspend(const sigset_t *mask)
{
    return (int)__sysret(__syscall2(SYS_rt_sigsuspend, mask, KERNEL_SIGSET_SIZE));
}

int sigaltstack(const stack_t *ss, stack_t *old)
{
    return (int)__sysret(__syscall2(SYS_sigaltstack, ss, old));
}

int sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout)
{
    return (int)__sysret(__syscall4(SYS_rt_sigtimedwait, set, info, timeout, KERNEL_SIGSET_SIZE));
}

int sigwaitinfo(const sigset_t *set, siginfo_t *info)
{
    return sigtimedwait(set, info, NULL);
}

/* Like glibc: the signal's number through *sig, 0 or an error number (never EINTR: it waits again). */
int sigwait(const sigset_t *set, int *sig)
{
    int r;

    do
        r = sigtimedwait(set, NULL, NULL);
    while (r < 0 && errno == EINTR);
    if (r < 0)
        return errno;
    *sig = r;
    return 0;
}

/* The value travels in a siginfo the caller fills as glibc does: SI_QUEUE, its pid and uid. */
int sigqueue(pid_t pid, int sig, const union sigval value)
{
    siginfo_t info;

    memset(&info, 0, sizeof(info));
    info.si_signo = sig;
    info.si_code = SI_QUEUE;
    info.si_pid = (pid_t)__syscall0(SYS_getpid);
    info.si_uid = (uid_t)__syscall0(SYS_getuid);
    info.si_value = value;
    return (int)__sysret(__syscall3(SYS_rt_sigqueueinfo, pid, sig, &info));
}

int killpg(pid_t pgrp, int sig)
{
    if (pgrp < 0) {
        errno = EINVAL;
        return -1;
    }
    return kill(-pgrp, sig);
}

/* glibc's psignal names only the classic signals: others, real-time ones too, are "Unknown signal N". */
void psignal(int sig, const char *s)
{
    const char *colon = s && *s ? ": " : "";

    if (!s)
        s = "";
    if (sig > 0 && sig < 32)
        fprintf(stderr, "%s%s%s\n", s, colon, strsignal(sig));
    else
        fprintf(stderr, "%s%sUnknown signal %d\n", s, colon, sig);
}

static int bad_signal(int sig)
{
    if (sig <= 0 || sig >= NSIG) {
        errno = EINVAL;
        return 1;
    }
    return 0;
}

int sigemptyset(sigset_t *set)
{
    memset(set, 0, sizeof(*set));
    return 0;
}

int sigfillset(sigset_t *set)
{
    memset(set, 0xff, sizeof(*set));
    return 0;
}

int sigaddset(sigset_t *set, int sig)
{
    if (bad_signal(sig))
        return -1;
    set->__val[(sig - 1) / 64] |= 1UL << ((sig - 1) % 64);
    return 0;
}

int sigdelset(sigset_t *set, int sig)
{
    if (bad_signal(sig))
        return -1;
    set->__val[(sig - 1) / 64] &= ~(1UL << ((sig - 1) % 64));
    return 0;
}

int sigismember(const sigset_t *set, int sig)
{
    if (bad_signal(sig))
        return -1;
    return (set->__val[(sig - 1) / 64] >> ((sig - 1) % 64)) & 1;
}

int kill(pid_t pid, int sig)
{
    return (int)__sysret(__syscall2(SYS_kill, pid, sig));
}

int raise(int sig)
{
    long pid = __syscall0(SYS_getpid);
    long tid = __syscall0(SYS_gettid);

    return (int)__sysret(__syscall3(SYS_tgkill, pid, tid, sig));
}

/* Like glibc: raise SIGABRT; if a handler returns, force the default and retry. */
void abort(void)
{
    sigset_t set;
    struct sigaction act;

    sigemptyset(&set);
    sigaddset(&set, SIGABRT);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(SIGABRT);
    memset(&act, 0, sizeof(act));
    act.sa_handler = SIG_DFL;
    sigaction(SIGABRT, &act, NULL);
    raise(SIGABRT);
    for (;;)
        _exit(127);
}

int __sigjmp_save(sigjmp_buf env, int savemask)
{
    env->__mask_was_saved = savemask && sigprocmask(SIG_BLOCK, NULL, &env->__saved_mask) == 0;
    return 0;
}

void __longjmp_regs(struct __jmp_buf_tag *env, int val);

void siglongjmp(sigjmp_buf env, int val)
{
    if (env->__mask_was_saved)
        sigprocmask(SIG_SETMASK, &env->__saved_mask, NULL);
    __longjmp_regs(env, val);
    for (;;)
        ;
}
