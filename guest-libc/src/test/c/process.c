/* Processes and control flow: atexit order, fork/wait statuses, exec, pipes,
 * signals with handlers, setjmp/longjmp, abort and assert in children.
 * The exec runs a copy of this very program (static, so it runs anywhere,
 * also inside boardup's sandbox), which then acts as echo. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <setjmp.h>
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

extern char **environ;
static jmp_buf jb;
static sigjmp_buf sjb;
static volatile sig_atomic_t got;

static void first(void) { printf("atexit first-registered runs last\n"); }
static void second(void) { printf("atexit second\n"); }
static void third(void) { printf("atexit third-registered runs first\n"); }

static int order;

static void counted(void) { printf("counted handler %d\n", ++order); }
static void late(void) { printf("late handler, registered during exit\n"); }
static void registers(void) { printf("registering another handler\n"); atexit(late); }

static void on_usr1(int sig)
{
    got = sig;
}

static void on_usr2(int sig, siginfo_t *info, void *ctx)
{
    got = sig + 1000 * (info->si_signo == sig) + 10000 * (ctx != NULL);
}

static void on_segv(int sig)
{
    siglongjmp(sjb, sig);
}

static void dive(int depth)
{
    if (depth == 0)
        longjmp(jb, 42);
    dive(depth - 1);
}

static void report(const char *what, int status)
{
    if (WIFEXITED(status))
        printf("%s: exited %d\n", what, WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        printf("%s: killed by signal %d (%s)\n", what, WTERMSIG(status), strsignal(WTERMSIG(status)));
    else
        printf("%s: status %#x\n", what, status);
}

static void child_does(const char *what, void (*fn)(void))
{
    pid_t pid;
    int status;

    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        fn();
        _exit(99);
    }
    if (waitpid(pid, &status, 0) != pid)
        printf("waitpid failed\n");
    report(what, status);
}

static void do_exit5(void) { exit(5); }
static void do_abort(void) { abort(); }
static void do_assert(void) { int x = 1; assert(x == 2); }
static void do_kill9(void) { kill(getpid(), SIGKILL); }
static void do_return_path(void) { printf("child prints, buffered, flushed by exit\n"); exit(0); }
/*
 * Copies /proc/self/exe to path with mode 0755; 0 on success. With pwrite, not write: glibc's binary and ours
 * differ in size, and WriteSyscallsMatchGlibcTest compares this program's write(2) calls to judge stdio.
 */
static int copy_self(const char *path)
{
    char chunk[65536];
    ssize_t n;
    off_t at = 0;
    int in = open("/proc/self/exe", O_RDONLY), out;

    if (in < 0)
        return -1;
    out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    if (out < 0)
        return -1;
    while ((n = read(in, chunk, sizeof(chunk))) > 0) {
        if (pwrite(out, chunk, n, at) != n)
            return -1;
        at += n;
    }
    close(in);
    return close(out);
}

static void do_exec(void)
{
    char *argv[] = { "./echo-copy", "--echo", "exec'd", "echo", NULL };

    if (copy_self(argv[0]) != 0)
        _exit(126);
    execve(argv[0], argv, environ);
    _exit(127);
}

/* execve's errors: a missing file, a text file marked executable, one that is not executable. */
static void exec_errors(void)
{
    char *argv[] = { "x", NULL };
    int fd, r;

    errno = 0;
    r = execve("./no-such-program", argv, environ);
    printf("execve missing: %d errno=%d (ENOENT %d)\n", r, errno, ENOENT);
    fd = open("not-elf", O_WRONLY | O_CREAT | O_TRUNC, 0755);
    write(fd, "just some text\n", 15);
    close(fd);
    errno = 0;
    r = execve("./not-elf", argv, environ);
    printf("execve text file: %d errno=%d (ENOEXEC %d)\n", r, errno, ENOEXEC);
    chmod("not-elf", 0644);
    errno = 0;
    r = execve("./not-elf", argv, environ);
    printf("execve without x permission: %d errno=%d (EACCES %d)\n", r, errno, EACCES);
    unlink("not-elf");
}

int main(int argc, char **argv)
{
    int fds[2], status, r, i;
    char buf[64];
    ssize_t n;
    pid_t pid;
    struct sigaction sa;
    sigset_t set, old;
    volatile int counter = 0;

    if (argc > 1 && strcmp(argv[1], "--echo") == 0) {
        for (i = 2; i < argc; i++)
            printf("%s%s", argv[i], i + 1 < argc ? " " : "\n");
        return 0;
    }
    atexit(first);
    atexit(second);
    atexit(third);
    printf("argc=%d argv[1]=%s argv[2]=%s argv[argc]=%p\n", argc, argv[1], argv[2], (void *)argv[argc]);
    printf("pid>0: %d ppid>0: %d pagesize=%ld getpagesize=%d\n", getpid() > 0, getppid() > 0,
           sysconf(_SC_PAGESIZE), getpagesize());

    r = setjmp(jb);
    if (r == 0)
        dive(10);
    printf("longjmp returned %d\n", r);
    r = setjmp(jb);
    if (r == 0)
        longjmp(jb, 0);
    printf("longjmp(0) gives %d\n", r);

    signal(SIGUSR1, on_usr1);
    raise(SIGUSR1);
    printf("handler saw signal %d\n", got);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_usr2;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR2, &sa, NULL);
    kill(getpid(), SIGUSR2);
    printf("siginfo handler result %d\n", got);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    got = 0;
    raise(SIGUSR1);
    printf("blocked: got=%d pending=%d\n", got, (sigpending(&set), sigismember(&set, SIGUSR1)));
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("unblocked: got=%d\n", got);
    signal(SIGSEGV, on_segv);
    if ((r = sigsetjmp(sjb, 1)) == 0) {
        counter++;
        *(volatile int *)16 = 1;
    }
    printf("recovered from signal %d, counter=%d\n", r, counter);
    errno = 0;
    r = signal(SIGKILL, on_usr1) == SIG_ERR;
    printf("signal(SIGKILL) -> %s errno=%d\n", r ? "SIG_ERR" : "ok", errno);
    r = (int)alarm(100);
    printf("alarm: %d then %u\n", r, alarm(0));

    pipe(fds);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        close(fds[0]);
        for (i = 0; i < 3; i++)
            dprintf(fds[1], "msg %d from child\n", i);
        _exit(0);
    }
    close(fds[1]);
    wait(&status);      /* all 51 bytes are in the pipe before the first read */
    while ((n = read(fds[0], buf, sizeof(buf) - 1)) > 0) {
        buf[n] = 0;
        printf("parent read: %s", buf);
    }
    report("pipe child", status);

    child_does("exit(5)", do_exit5);
    child_does("abort", do_abort);
    child_does("assert", do_assert);
    child_does("SIGKILL", do_kill9);
    child_does("buffered child", do_return_path);
    child_does("exec", do_exec);
    unlink("echo-copy");
    exec_errors();
    errno = 0;
    r = wait(&status);
    printf("wait with no children: %d errno=%d\n", r, errno);
    setenv("LIBC_TEST_VAR", "value one", 1);
    setenv("LIBC_TEST_VAR", "ignored", 0);
    printf("getenv: %s\n", getenv("LIBC_TEST_VAR"));
    unsetenv("LIBC_TEST_VAR");
    printf("after unsetenv: %p\n", (void *)getenv("LIBC_TEST_VAR"));
    for (i = 0; i < 35; i++)
        atexit(counted);
    atexit(registers);
    printf("main returns 3\n");
    return 3;
}
