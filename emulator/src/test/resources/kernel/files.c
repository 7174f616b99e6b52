/* File system calls and their errno results, run in an empty scratch directory: the native run's cwd, or the
 * machine's sandbox root. Every line prints a return value, so a wrong errno shows up as a diff. */
#include "sys.h"

#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_CREAT 0100
#define O_EXCL 0200
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_DIRECTORY 0200000
#define AT_FDCWD -100

struct stat { unsigned long dev, ino, nlink; unsigned int mode, uid, gid, pad; unsigned long rdev;
              long size, blksize, blocks, times[6], unused[3]; };

static long openat(const char *p, long flags, long mode) { return sys4(257, AT_FDCWD, p, flags, mode); }
static long null_dir_fd(void) { return openat(".", O_RDONLY | O_DIRECTORY, 0); }

void _start(void) {
    char buf[128];
    struct stat st;
    kv("sizeof stat", sizeof(struct stat));
    kv("open missing", openat("missing.txt", O_RDONLY, 0));
    kv("open missing dir", openat("nodir/x.txt", O_CREAT | O_WRONLY, 0644));
    long fd = openat("a.txt", O_CREAT | O_WRONLY | O_TRUNC, 0640);
    kv("create fd", fd);
    kv("write", sys3(1, fd, "hello, file\n", 12));
    kv("read on O_WRONLY", sys3(0, fd, buf, 4));
    kv("fstat", sys2(5, fd, &st));
    kv("st_mode", st.mode);
    kv("st_size", st.size);
    kv("st_nlink", st.nlink);
    kv("close", sys1(3, fd));
    kv("close again", sys1(3, fd));
    kv("excl on existing", openat("a.txt", O_CREAT | O_EXCL | O_WRONLY, 0644));
    fd = openat("a.txt", O_WRONLY | O_APPEND, 0);
    kv("append fd", fd);
    kv("append write", sys3(1, fd, "more\n", 5));
    kv("lseek SET", sys3(8, fd, 0, 0));
    kv("append write 2", sys3(1, fd, "end\n", 4));
    sys1(3, fd);
    fd = openat("a.txt", O_RDONLY, 0);
    kv("reopen", fd);
    long n = sys3(0, fd, buf, sizeof buf);
    kv("read all", n);
    sys3(1, 1, buf, n);
    kv("read at eof", sys3(0, fd, buf, sizeof buf));
    kv("lseek END", sys3(8, fd, 0, 2));
    kv("lseek CUR -4", sys3(8, fd, -4, 1));
    kv("lseek negative", sys3(8, fd, -100, 0));
    kv("lseek bad whence", sys3(8, fd, 0, 7));
    kv("pread", sys4(17, fd, buf, 5, 7));
    sys3(1, 1, buf, 5);
    puts1("\n");
    kv("write on O_RDONLY", sys3(1, fd, "x", 1));
    kv("read bad pointer", sys3(0, fd, 8, 4));
    kv("write bad pointer", sys3(1, 1, 16, 4));
    kv("ioctl TCGETS on file", sys3(16, fd, 0x5401, buf));
    kv("ioctl on bad fd", sys3(16, 99, 0x5401, buf));
    kv("dup", sys1(32, fd));
    kv("dup2", sys2(33, fd, 10));
    kv("fcntl F_GETFL", sys2(72, 10, 3) & 3);
    sys1(3, 10);
    sys1(3, fd);
    kv("newfstatat", sys4(262, AT_FDCWD, "a.txt", &st, 0));
    kv("st_size", st.size);
    kv("stat missing", sys4(262, AT_FDCWD, "nope", &st, 0));
    kv("stat bad path ptr", sys4(262, AT_FDCWD, 24, &st, 0));
    kv("mkdir", sys2(83, "sub", 0755));
    kv("mkdir again", sys2(83, "sub", 0755));
    kv("stat dir", sys4(262, AT_FDCWD, "sub", &st, 0));
    kv("dir mode", st.mode & 0170000);
    kv("open dir for write", openat("sub", O_WRONLY, 0));
    fd = openat("sub", O_RDONLY | O_DIRECTORY, 0);
    kv("open dir", fd);
    kv("read dir", sys3(0, fd, buf, 10));
    kv("openat in dir", sys4(257, fd, "../a.txt", O_RDONLY, 0));
    kv("O_DIRECTORY on file", openat("a.txt", O_RDONLY | O_DIRECTORY, 0));
    kv("access F_OK", sys2(21, "a.txt", 0));
    kv("access missing", sys2(21, "zzz", 0));
    kv("access R_OK|W_OK", sys2(21, "a.txt", 6));
    kv("access bad mode", sys2(21, "a.txt", 8));
    kv("readlink not a link", sys3(89, "a.txt", buf, sizeof buf));
    fd = openat("a.txt", O_RDONLY, 0);
    char *map = (char *)sys6(9, 0, 8192, 3, 2, fd, 0);     /* PROT_READ|PROT_WRITE, MAP_PRIVATE */
    kv("mmap file ok", (long)map > 0);
    sys3(1, 1, map, 12);
    kv("past end of file is zero", map[21] + map[4095]);
    map[0] = 'J';
    kv("private write stays private", sys4(17, fd, buf, 1, 0) == 1 && buf[0] == 'h');
    kv("mmap file at offset 1", sys6(9, 0, 4096, 1, 2, fd, 1));
    long wfd = openat("a.txt", O_WRONLY, 0);
    kv("mmap write-only fd", sys6(9, 0, 4096, 1, 2, wfd, 0));
    kv("mmap a directory fd", sys6(9, 0, 4096, 1, 2, null_dir_fd(), 0));
    sys1(3, wfd);
    sys1(3, fd);
    kv("umask", sys1(95, 027));
    kv("umask back", sys1(95, 022));
    kv("rename", sys2(82, "a.txt", "b.txt"));
    kv("rename missing", sys2(82, "a.txt", "c.txt"));
    kv("rename file over dir", sys2(82, "b.txt", "sub"));
    kv("renameat2 NOREPLACE onto itself", sys6(316, AT_FDCWD, (long)"b.txt", AT_FDCWD, (long)"b.txt", 1, 0));
    kv("rename back", sys4(264, AT_FDCWD, "b.txt", AT_FDCWD, "a.txt"));
    fd = openat("a.txt", O_RDWR, 0);
    kv("ftruncate grow", sys2(77, fd, 5000));
    kv("size after grow", sys3(8, fd, 0, 2));
    kv("ftruncate shrink", sys2(77, fd, 3));
    kv("size after shrink", sys3(8, fd, 0, 2));
    kv("ftruncate negative", sys2(77, fd, -1));
    kv("fsync", sys1(74, fd));
    sys1(3, fd);
    kv("truncate", sys2(76, "a.txt", 21));
    kv("truncate missing", sys2(76, "zz.txt", 1));
    kv("chmod", sys2(90, "a.txt", 0600));
    sys4(262, AT_FDCWD, "a.txt", &st, 0);
    kv("mode after chmod", st.mode & 07777);
    kv("chmod missing", sys2(90, "zz.txt", 0600));
    kv("mkdir sub2", sys2(83, "sub2", 0777));
    sys4(262, AT_FDCWD, "sub2", &st, 0);
    kv("mkdir mode (umask applied)", st.mode & 07777);
    long dfd = openat("sub2", O_RDONLY | O_DIRECTORY, 0);
    kv("fchdir", sys1(81, dfd));
    kv("create inside via cwd", sys1(3, openat("inner.txt", O_CREAT | O_WRONLY, 0666)));
    kv("fchdir to a file fd", sys1(81, 1));
    kv("chdir ..", sys1(80, ".."));
    kv("stat inner from root", sys4(262, AT_FDCWD, "sub2/inner.txt", &st, 0));
    kv("inner mode", st.mode & 07777);
    kv("rmdir non-empty", sys1(84, "sub2"));
    sys1(87, "sub2/inner.txt");
    kv("rmdir", sys1(84, "sub2"));
    kv("unlink", sys1(87, "a.txt"));
    kv("unlink again", sys1(87, "a.txt"));
    kv("unlink dir", sys1(87, "sub"));
    kv("rmdir", sys3(263, AT_FDCWD, "sub", 0x200));
    long null = openat("/dev/null", O_RDWR, 0);
    kv("/dev/null read", sys3(0, null, buf, 10));
    kv("/dev/null write", sys3(1, null, "abc", 3));
    kv("fstat /dev/null", sys2(5, null, &st));
    kv("null mode", st.mode);
    kv("null rdev", st.rdev);
    long zero = openat("/dev/zero", O_RDONLY, 0);
    buf[0] = 7;
    kv("/dev/zero read", sys3(0, zero, buf, 8));
    kv("zero byte", buf[0]);
    struct { const char *base; long len; } iov[3] = {{"wri", 3}, {"tev", 3}, {"\n", 1}};
    kv("writev", sys3(20, 1, iov, 3));
    kv("writev bad count", sys3(20, 1, iov, -1));
    kv("lseek on pipe", sys3(8, 1, 0, 1));
    char *edge = (char *)sys6(9, 0, 8192, 3, 0x22, -1, 0);
    for (int i = 0; i < 5; i++) edge[4091 + i] = "abcde"[i];
    sys2(11, edge + 4096, 4096);
    fd = openat("edge.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    kv("file write running off the mapping", sys3(1, fd, edge + 4091, 10));
    kv("file write starting off the mapping", sys3(1, fd, edge + 4096, 10));
    kv("size", sys3(8, fd, 0, 2));
    sys1(3, fd);
    fd = openat("edge.txt", O_RDONLY | O_TRUNC, 0);
    kv("O_RDONLY|O_TRUNC still truncates", sys3(8, fd, 0, 2));
    sys1(60, 42);
}
