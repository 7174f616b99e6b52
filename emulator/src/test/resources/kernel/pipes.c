/* Pipes within one process, links, and the small memory and process calls, with their errnos, against Linux. */
#include "sys.h"

void _start(void) {
    int fds[2];
    char buf[32];
    kv("pipe", sys1(22, fds));
    kv("fds", fds[0] * 10 + fds[1]);
    kv("write", sys3(1, fds[1], "through the pipe", 16));
    kv("read part", sys3(0, fds[0], buf, 7));
    sys3(1, 1, buf, 7);
    puts1("\n");
    kv("read rest", sys3(0, fds[0], buf, sizeof buf));
    kv("write on read end", sys3(1, fds[0], "x", 1));
    kv("read on write end", sys3(0, fds[1], buf, 1));
    kv("close writer", sys1(3, fds[1]));
    kv("read at EOF", sys3(0, fds[0], buf, sizeof buf));
    sys1(3, fds[0]);
    kv("pipe2 nonblock", sys2(293, fds, 04000));
    kv("empty nonblocking read", sys3(0, fds[0], buf, 4));
    long ign[4] = {1, 0, 0, 0};
    sys4(13, 13, ign, 0, 8);                      /* SIGPIPE ignored: EPIPE instead of death */
    sys1(3, fds[0]);
    kv("write with no reader", sys3(1, fds[1], "x", 1));
    kv("pipe2 bad flags", sys2(293, fds, 1));
    kv("pipe bad pointer", sys1(22, 8));

    long fd = sys4(257, -100, "target.txt", 0101, 0644);
    sys3(1, fd, "linked", 6);
    sys1(3, fd);
    kv("link", sys2(86, "target.txt", "hard.txt"));
    kv("link exists", sys2(86, "target.txt", "hard.txt"));
    kv("link missing", sys2(86, "nope.txt", "x.txt"));
    kv("symlink", sys2(88, "target.txt", "soft.txt"));
    long n = sys3(89, "soft.txt", buf, sizeof buf);
    kv("readlink", n);
    sys3(1, 1, buf, n);
    puts1("\n");
    fd = sys4(257, -100, "soft.txt", 0, 0);
    kv("read via symlink", sys3(0, fd, buf, sizeof buf));
    sys1(3, fd);
    struct { unsigned long dev, ino, nlink; } st;
    char stbuf[144];
    sys4(262, -100, "hard.txt", stbuf, 0);
    kv("nlink", ((long *)stbuf)[2]);
    sys1(87, "hard.txt");
    sys1(87, "soft.txt");
    sys1(87, "target.txt");
    (void)st;

    long m = sys6(9, 0, 3 * 4096, 3, 0x22, -1, 0);
    ((char *)m)[4096] = 1;
    unsigned char vec[3] = {9, 9, 9};
    kv("mincore", sys3(27, m, 3 * 4096, vec));
    kv("resident", vec[0] * 100 + vec[1] * 10 + vec[2]);
    kv("mincore unaligned", sys3(27, m + 1, 4096, vec));
    kv("mlock", sys2(149, m, 4096));
    kv("munlock", sys2(150, m, 4096));
    kv("msync", sys3(26, m, 4096, 4));
    kv("msync bad flags", sys3(26, m, 4096, 5));
    sys2(11, m, 3 * 4096);
    kv("mlock unmapped", sys2(149, m, 4096));
    kv("wait4 without children", sys4(61, -1, 0, 0, 0));
    long pending = -1;
    kv("rt_sigpending", sys2(127, &pending, 8));
    kv("pending", pending);
    long out = sys4(257, -100, "/dev/stdout", 1, 0);
    kv("open /dev/stdout", out);
    sys3(1, out, "via /dev/stdout\n", 16);
    kv("open /dev/fd/2", sys4(257, -100, "/dev/fd/2", 1, 0));
    kv("open /dev/fd/77", sys4(257, -100, "/dev/fd/77", 1, 0));
    kv("open /proc/self/fd/1", sys4(257, -100, "/proc/self/fd/1", 1, 0));
    sys1(60, 0);
}
