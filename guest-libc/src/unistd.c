/* unistd.c: thin system call wrappers that set errno. */
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
#include <time.h>
#include <sys/time.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/mman.h>
#include <sched.h>
#include "libc.h"

#define TCGETS 0x5401

int errno;

long __sysret(long r)
{
    if (r < 0 && r > -4096) {
        errno = (int)-r;
        return -1;
    }
    return r;
}

ssize_t read(int fd, void *buf, size_t n) { return __sysret(__syscall3(SYS_read, fd, buf, n)); }
ssize_t write(int fd, const void *buf, size_t n) { return __sysret(__syscall3(SYS_write, fd, buf, n)); }
ssize_t pread(int fd, void *buf, size_t n, off_t off) { return __sysret(__syscall4(SYS_pread64, fd, buf, n, off)); }
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off) { return __sysret(__syscall4(SYS_pwrite64, fd, buf, n, off)); }
int close(int fd) { return (int)__sysret(__syscall1(SYS_close, fd)); }
off_t lseek(int fd, off_t off, int whence) { return __sysret(__syscall3(SYS_lseek, fd, off, whence)); }
int unlink(const char *path) { return (int)__sysret(__syscall1(SYS_unlink, path)); }
int rmdir(const char *path) { return (int)__sysret(__syscall1(SYS_rmdir, path)); }
int access(const char *path, int mode) { return (int)__sysret(__syscall2(SYS_access, path, mode)); }
int chdir(const char *path) { return (int)__sysret(__syscall1(SYS_chdir, path)); }
int dup(int fd) { return (int)__sysret(__syscall1(SYS_dup, fd)); }
int dup2(int fd, int fd2) { return (int)__sysret(__syscall2(SYS_dup2, fd, fd2)); }
/* The calls below are the ones glibc 2.36 makes for the same functions, so the
 * kernel sees the same requests from both libraries. */
int pipe(int fds[2]) { return (int)__sysret(__syscall2(SYS_pipe2, fds, 0)); }

/* fork is clone with only the exit signal: no shared memory, no thread. */
#define CLONE_SIGCHLD 17
pid_t fork(void) { return (pid_t)__sysret(__syscall5(SYS_clone, CLONE_SIGCHLD, 0, 0, 0, 0)); }
int execve(const char *path, char *const argv[], char *const envp[]) { return (int)__sysret(__syscall3(SYS_execve, path, argv, envp)); }
int execv(const char *path, char *const argv[]) { return execve(path, argv, environ); }
pid_t getpid(void) { return (pid_t)__syscall0(SYS_getpid); }
pid_t getppid(void) { return (pid_t)__syscall0(SYS_getppid); }
int setpgid(pid_t pid, pid_t pgid) { return (int)__sysret(__syscall2(SYS_setpgid, pid, pgid)); }
pid_t getpgid(pid_t pid) { return (pid_t)__sysret(__syscall1(SYS_getpgid, pid)); }
pid_t getpgrp(void) { return (pid_t)__syscall0(SYS_getpgrp); }
pid_t setsid(void) { return (pid_t)__sysret(__syscall0(SYS_setsid)); }
pid_t getsid(pid_t pid) { return (pid_t)__sysret(__syscall1(SYS_getsid, pid)); }
uid_t getuid(void) { return (uid_t)__syscall0(SYS_getuid); }
uid_t geteuid(void) { return (uid_t)__syscall0(SYS_geteuid); }
gid_t getgid(void) { return (gid_t)__syscall0(SYS_getgid); }
gid_t getegid(void) { return (gid_t)__syscall0(SYS_getegid); }
int pause(void) { return (int)__sysret(__syscall0(SYS_pause)); }
unsigned int alarm(unsigned int seconds) { return (unsigned int)__syscall1(SYS_alarm, seconds); }
int ftruncate(int fd, off_t len) { return (int)__sysret(__syscall2(SYS_ftruncate, fd, len)); }
int truncate(const char *path, off_t len) { return (int)__sysret(__syscall2(SYS_truncate, path, len)); }
int fsync(int fd) { return (int)__sysret(__syscall1(SYS_fsync, fd)); }
ssize_t readlink(const char *path, char *buf, size_t size) { return __sysret(__syscall3(SYS_readlink, path, buf, size)); }
int link(const char *from, const char *to) { return (int)__sysret(__syscall2(SYS_link, from, to)); }
int symlink(const char *from, const char *to) { return (int)__sysret(__syscall2(SYS_symlink, from, to)); }
int rename(const char *from, const char *to) { return (int)__sysret(__syscall2(SYS_rename, from, to)); }
int mkdir(const char *path, mode_t mode) { return (int)__sysret(__syscall2(SYS_mkdir, path, mode)); }
int chmod(const char *path, mode_t mode) { return (int)__sysret(__syscall2(SYS_chmod, path, mode)); }
int fchmod(int fd, mode_t mode) { return (int)__sysret(__syscall2(SYS_fchmod, fd, mode)); }
mode_t umask(mode_t mask) { return (mode_t)__syscall1(SYS_umask, mask); }
int sched_yield(void) { return (int)__sysret(__syscall0(SYS_sched_yield)); }

char *getcwd(char *buf, size_t size)
{
    if (__sysret(__syscall2(SYS_getcwd, buf, size)) < 0)
        return NULL;
    return buf;
}

int stat(const char *path, struct stat *st) { return fstatat(AT_FDCWD, path, st, 0); }
int fstat(int fd, struct stat *st) { return fstatat(fd, "", st, AT_EMPTY_PATH); }
int lstat(const char *path, struct stat *st) { return fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW); }
int fstatat(int dirfd, const char *path, struct stat *st, int flags) { return (int)__sysret(__syscall4(SYS_newfstatat, dirfd, path, st, flags)); }

/* The mode argument is only read when the flags say a file may be created. */
static int wants_mode(int flags)
{
    return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE;
}

int open(const char *path, int flags, ...)
{
    va_list ap;
    mode_t mode = 0;

    if (wants_mode(flags)) {
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    return (int)__sysret(__syscall4(SYS_openat, AT_FDCWD, path, flags, mode));
}

int openat(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    mode_t mode = 0;

    if (wants_mode(flags)) {
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    return (int)__sysret(__syscall4(SYS_openat, dirfd, path, flags, mode));
}

int creat(const char *path, mode_t mode)
{
    return open(path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

int fcntl(int fd, int cmd, ...)
{
    va_list ap;
    long arg;

    va_start(ap, cmd);
    arg = va_arg(ap, long);
    va_end(ap);
    return (int)__sysret(__syscall3(SYS_fcntl, fd, cmd, arg));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
    return (pid_t)__sysret(__syscall4(SYS_wait4, pid, status, options, 0));
}

pid_t wait(int *status)
{
    return waitpid(-1, status, 0);
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
    return (int)__sysret(__syscall4(SYS_clock_nanosleep, CLOCK_REALTIME, 0, req, rem));
}

unsigned int sleep(unsigned int seconds)
{
    struct timespec ts;

    ts.tv_sec = seconds;
    ts.tv_nsec = 0;
    if (nanosleep(&ts, &ts) < 0)
        return (unsigned int)ts.tv_sec + (ts.tv_nsec > 0);
    return 0;
}

int usleep(useconds_t usec)
{
    struct timespec ts;

    ts.tv_sec = usec / 1000000;
    ts.tv_nsec = (long)(usec % 1000000) * 1000;
    return nanosleep(&ts, NULL);
}

/*
 * The program break as libc last saw it; glibc's name, which programs that peek at the break declare as
 * `extern void *__curbrk`. The kernel's brk returns the new break, or the old one on failure.
 */
void *__curbrk;

int brk(void *addr)
{
    char *r = (char *)__syscall1(SYS_brk, addr);

    __curbrk = r;
    if (r < (char *)addr) {
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

void *sbrk(long increment)
{
    char *old;

    if (__curbrk == NULL)
        __curbrk = (void *)__syscall1(SYS_brk, 0);
    old = __curbrk;
    if (increment == 0)
        return old;
    if (increment > 0 ? (unsigned long)old + increment < (unsigned long)old
                      : (unsigned long)old < (unsigned long)-increment) {
        errno = ENOMEM;
        return (void *)-1;
    }
    if (brk(old + increment) < 0)
        return (void *)-1;
    return old;
}

extern long __page_size;

long sysconf(int name)
{
    switch (name) {
    case _SC_PAGESIZE:
        return __page_size;
    case _SC_CLK_TCK:
        return 100;
    case _SC_ARG_MAX:
        return 2097152;
    case _SC_OPEN_MAX:
        return 1024;
    case _SC_CHILD_MAX:
        return -1;
    case _SC_NGROUPS_MAX:
        return 65536;
    case _SC_NPROCESSORS_CONF:
    case _SC_NPROCESSORS_ONLN:
        return 1;
    }
    errno = EINVAL;
    return -1;
}

int getpagesize(void)
{
    return (int)__page_size;
}

/* A terminal is whatever answers TCGETS; glibc decides the same way. */
int isatty(int fd)
{
    char termios[60];

    return __sysret(__syscall3(SYS_ioctl, fd, TCGETS, termios)) == 0;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    if (off & 4095) {
        errno = EINVAL;
        return MAP_FAILED;
    }
    return (void *)__sysret(__syscall6(SYS_mmap, (long)addr, (long)len, prot, flags, fd, off));
}

int munmap(void *addr, size_t len) { return (int)__sysret(__syscall2(SYS_munmap, addr, len)); }
int mprotect(void *addr, size_t len, int prot) { return (int)__sysret(__syscall3(SYS_mprotect, addr, len, prot)); }
int madvise(void *addr, size_t len, int advice) { return (int)__sysret(__syscall3(SYS_madvise, addr, len, advice)); }
int mincore(void *addr, size_t len, unsigned char *vec) { return (int)__sysret(__syscall3(SYS_mincore, addr, len, vec)); }
int mlock(const void *addr, size_t len) { return (int)__sysret(__syscall2(SYS_mlock, addr, len)); }
int munlock(const void *addr, size_t len) { return (int)__sysret(__syscall2(SYS_munlock, addr, len)); }
int mlockall(int flags) { return (int)__sysret(__syscall1(SYS_mlockall, flags)); }
int munlockall(void) { return (int)__sysret(__syscall0(SYS_munlockall)); }
int msync(void *addr, size_t len, int flags) { return (int)__sysret(__syscall3(SYS_msync, addr, len, flags)); }

void *mremap(void *old, size_t oldlen, size_t newlen, int flags, ...)
{
    va_list ap;
    void *target = NULL;

    if (flags & MREMAP_FIXED) {
        va_start(ap, flags);
        target = va_arg(ap, void *);
        va_end(ap);
    }
    return (void *)__sysret(__syscall5(SYS_mremap, old, oldlen, newlen, flags, target));
}

time_t time(time_t *t)
{
    struct timespec ts;

    __syscall2(SYS_clock_gettime, CLOCK_REALTIME, &ts);
    if (t)
        *t = ts.tv_sec;
    return ts.tv_sec;
}

int clock_gettime(clockid_t clock, struct timespec *ts) { return (int)__sysret(__syscall2(SYS_clock_gettime, clock, ts)); }
int clock_getres(clockid_t clock, struct timespec *ts) { return (int)__sysret(__syscall2(SYS_clock_getres, clock, ts)); }
int gettimeofday(struct timeval *tv, void *tz) { return (int)__sysret(__syscall2(SYS_gettimeofday, tv, tz)); }
int getitimer(int which, struct itimerval *value) { return (int)__sysret(__syscall2(SYS_getitimer, which, value)); }
int setitimer(int which, const struct itimerval *value, struct itimerval *old) { return (int)__sysret(__syscall3(SYS_setitimer, which, value, old)); }

clock_t clock(void)
{
    struct timespec ts;

    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) < 0)
        return (clock_t)-1;
    return ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

double difftime(time_t end, time_t start)
{
    return (double)end - (double)start;
}
