/* sigaltstack: handlers with SA_ONSTACK run on the alternate stack, even when the normal stack has overflowed. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char alt[1 << 16] __attribute__((aligned(16)));
static sigjmp_buf escape;
static volatile int on_alt, flags_inside, eperm_inside, depth;

static int in_alt(void *p) {
    return (char *) p >= alt && (char *) p < alt + sizeof alt;
}

static void on_usr1(int sig) {
    char local;
    stack_t now, other;
    (void) sig;
    on_alt = in_alt(&local);
    sigaltstack(NULL, &now);
    flags_inside = now.ss_flags;
    memset(&other, 0, sizeof other);
    other.ss_sp = malloc(SIGSTKSZ);
    other.ss_size = SIGSTKSZ;
    errno = 0;
    eperm_inside = sigaltstack(&other, NULL) == -1 ? errno : 0;
}

static void on_segv(int sig, siginfo_t *info, void *uc) {
    char local;
    (void) info;
    on_alt = in_alt(&local);
    flags_inside = ((ucontext_t *) uc)->uc_stack.ss_flags;
    siglongjmp(escape, sig);
}

static int recurse(int n) {
    volatile char pad[4096];
    pad[0] = (char) n;
    depth++;
    return recurse(n + 1) + pad[0];
}

static void handle(int sig, void (*fn)(int), int flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigaction(sig, &sa, NULL);
}

int main(void) {
    stack_t ss, old;
    int r;

    sigaltstack(NULL, &old);
    printf("initially: flags %d (SS_DISABLE %d) size %zu sp %p\n", old.ss_flags, SS_DISABLE, old.ss_size, old.ss_sp);

    memset(&ss, 0, sizeof ss);
    ss.ss_sp = alt;
    ss.ss_size = 1024;
    errno = 0;
    r = sigaltstack(&ss, NULL);
    printf("too small: %d errno %d\n", r, errno);
    ss.ss_size = sizeof alt;
    ss.ss_flags = 42;
    errno = 0;
    r = sigaltstack(&ss, NULL);
    printf("bad flags: %d errno %d\n", r, errno);
    ss.ss_flags = 0;
    r = sigaltstack(&ss, &old);
    sigaltstack(NULL, &old);
    printf("installed: %d, flags %d, size %zu, sp is alt: %d\n", r, old.ss_flags, old.ss_size, old.ss_sp == alt);

    handle(SIGUSR1, on_usr1, 0);
    raise(SIGUSR1);
    printf("without SA_ONSTACK: on alt %d, flags %d\n", on_alt, flags_inside);
    handle(SIGUSR1, on_usr1, SA_ONSTACK);
    raise(SIGUSR1);
    printf("with SA_ONSTACK: on alt %d, flags %d (SS_ONSTACK %d), change inside: errno %d\n", on_alt, flags_inside,
           SS_ONSTACK, eperm_inside);
    sigaltstack(NULL, &old);
    printf("after the handler: flags %d\n", old.ss_flags);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigaction(SIGSEGV, &sa, NULL);
    r = sigsetjmp(escape, 1);
    if (r == 0) {
        recurse(0);
        printf("no overflow?\n");
    }
    printf("stack overflow: SIGSEGV %d caught on alt %d (uc_stack flags %d), deep: %d\n", r, on_alt, flags_inside,
           depth > 1000);

    ss.ss_flags = SS_DISABLE;
    r = sigaltstack(&ss, NULL);
    sigaltstack(NULL, &old);
    printf("disabled: %d flags %d size %zu\n", r, old.ss_flags, old.ss_size);
    fflush(stdout);

    /* without an alternate stack the overflow's SIGSEGV cannot be delivered: the process dies */
    r = sigsetjmp(escape, 1);
    if (r == 0) recurse(0);
    printf("survived?\n");
    return 0;
}
