#define _GNU_SOURCE
/* System call wrappers: files, directories, descriptors, memory mappings,
 * time, and errno after each failure. Results are printed, never addresses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <time.h>
#include <sched.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/mman.h>
#include <sys/time.h>
#include <sys/types.h>

static void check(const char *what, long r)
{
    printf("%-28s -> %ld", what, r);
    if (r < 0)
        printf(" errno=%d (%s)", errno, strerror(errno));
    printf("\n");
    errno = 0;
}

int main(void)
{
    char buf[128], cwd[512];
    struct stat st;
    struct timespec ts, ts2;
    struct timeval tv;
    struct tm tm;
    time_t t;
    int fd, fd2, fds[2];
    char *m, *m2;
    unsigned char vec[4];
    long page = sysconf(_SC_PAGESIZE);

    check("mkdir d", mkdir("syscalls.d", 0755));
    check("mkdir d again", mkdir("syscalls.d", 0755));
    check("chdir d", chdir("syscalls.d"));
    check("getcwd ends with d", getcwd(cwd, sizeof(cwd)) != NULL && strstr(cwd, "syscalls.d") != NULL);
    fd = open("f", O_CREAT | O_RDWR | O_TRUNC, 0640);
    check("open f", fd >= 0);
    check("write", write(fd, "hello, world\n", 13));
    check("lseek cur", lseek(fd, 0, SEEK_CUR));
    check("lseek set 7", lseek(fd, 7, SEEK_SET));
    check("read 5", read(fd, buf, 5));
    check("pwrite at 0", pwrite(fd, "J", 1, 0));
    check("pread at 0", pread(fd, buf, 5, 0));
    buf[5] = 0;
    printf("pread text: %s\n", buf);
    check("fstat", fstat(fd, &st));
    printf("size=%ld regular=%d mode=%o nlink=%ld\n", (long)st.st_size, S_ISREG(st.st_mode), st.st_mode & 0777,
           (long)st.st_nlink);
    check("ftruncate 4", ftruncate(fd, 4));
    check("stat f", stat("f", &st));
    printf("size after truncate=%ld\n", (long)st.st_size);
    fd2 = dup(fd);
    check("dup > fd", fd2 > fd);
    check("dup2 to 10", dup2(fd, 10));
    check("close 10", close(10));
    check("close 10 again", close(10));
    check("fcntl getfd", fcntl(fd, F_GETFD));
    check("fcntl getfl rdwr", (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
    close(fd2);
    close(fd);
    check("access f R_OK", access("f", R_OK));
    check("access g", access("g", F_OK));
    check("rename f g", rename("f", "g"));
    check("link g h", link("g", "h"));
    check("stat nlink 2", stat("g", &st) == 0 && st.st_nlink == 2);
    check("symlink g s", symlink("g", "s"));
    memset(buf, 0, sizeof(buf));
    check("readlink s", readlink("s", buf, sizeof(buf)));
    printf("readlink text: %s\n", buf);
    check("lstat s is link", lstat("s", &st) == 0 && S_ISLNK(st.st_mode));
    check("chmod 600", chmod("g", 0600));
    check("stat mode 600", stat("g", &st) == 0 && (st.st_mode & 0777) == 0600);
    check("open O_EXCL existing", open("g", O_CREAT | O_EXCL | O_WRONLY, 0600));
    check("open dir for writing", open(".", O_WRONLY));
    check("unlink s", unlink("s"));
    check("unlink h", unlink("h"));
    check("unlink g", unlink("g"));
    check("unlink g again", unlink("g"));
    check("chdir ..", chdir(".."));
    check("rmdir d", rmdir("syscalls.d"));
    check("rmdir missing", rmdir("syscalls.d"));

    check("pipe", pipe(fds));
    check("write pipe", write(fds[1], "xyz", 3));
    check("read pipe", read(fds[0], buf, sizeof(buf)));
    close(fds[1]);
    check("read pipe at eof", read(fds[0], buf, sizeof(buf)));
    close(fds[0]);
    check("write to bad fd", write(99, "x", 1));

    m = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    check("mmap 3 pages", m != MAP_FAILED);
    check("mmap page aligned", ((unsigned long)m & (page - 1)) == 0);
    check("zero filled", m[0] == 0 && m[3 * page - 1] == 0);
    m[0] = 'a';
    m[page] = 'b';
    check("mincore", mincore(m, 3 * page, vec));
    printf("resident first page: %d\n", vec[0] & 1);
    check("madvise dontneed", madvise(m, page, MADV_DONTNEED));
    check("after dontneed zero", m[0] == 0);
    m2 = mremap(m, 3 * page, 5 * page, MREMAP_MAYMOVE);
    check("mremap grow", m2 != MAP_FAILED);
    if (m2 == MAP_FAILED)
        return 1;
    check("contents kept", m2[page] == 'b');
    check("mprotect read-only", mprotect(m2 + page, page, PROT_READ));
    check("mremap across protections", mremap(m2, 5 * page, 6 * page, 0) == MAP_FAILED);
    check("msync", msync(m2, page, MS_SYNC));
    check("mlock", mlock(m2, page));
    check("munlock", munlock(m2, page));
    check("munmap", munmap(m2, 5 * page));
    check("mmap bad offset", (long)mmap(NULL, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 1));
    check("munmap unaligned", munmap((void *)1, page));

    t = 1700000000;
    gmtime_r(&t, &tm);
    printf("gmtime: %04d-%02d-%02d %02d:%02d:%02d wday=%d yday=%d\n", tm.tm_year + 1900, tm.tm_mon + 1,
           tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_wday, tm.tm_yday);
    t = -1;
    gmtime_r(&t, &tm);
    printf("gmtime(-1): %04d-%02d-%02d %02d:%02d:%02d wday=%d\n", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
           tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_wday);
    t = 951782400;
    gmtime_r(&t, &tm);
    printf("leap day: %04d-%02d-%02d yday=%d\n", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_yday);
    check("clock_gettime", clock_gettime(CLOCK_MONOTONIC, &ts));
    check("clock_gettime again", clock_gettime(CLOCK_MONOTONIC, &ts2));
    check("monotonic", ts2.tv_sec > ts.tv_sec || (ts2.tv_sec == ts.tv_sec && ts2.tv_nsec >= ts.tv_nsec));
    check("gettimeofday", gettimeofday(&tv, NULL));
    check("time agrees", labs((long)time(NULL) - (long)tv.tv_sec) <= 1);
    check("bad clock", clock_gettime(99, &ts));
    ts.tv_sec = 0;
    ts.tv_nsec = 1000;
    check("nanosleep", nanosleep(&ts, NULL));
    ts.tv_nsec = 2000000000;
    check("nanosleep bad", nanosleep(&ts, NULL));
    check("usleep", usleep(10));
    check("sleep 0", sleep(0));
    check("sched_yield", sched_yield());
    check("kill self 0", kill(getpid(), 0));
    check("kill bad signal", kill(getpid(), 999));
    check("getuid==geteuid", getuid() == geteuid());
    check("sysconf pagesize", sysconf(_SC_PAGESIZE));
    check("sysconf bad", sysconf(-5));
    check("isatty pipe", isatty(0));
    printf("difftime %.1f\n", difftime(10, 4));
    return 0;
}
