/* Pipes as Linux sizes them: 16 pages, atomic writes up to PIPE_BUF, blocking big writes, EAGAIN, SIGPIPE/EPIPE. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Fills a non-blocking pipe with writes of n bytes: how many bytes fit, and how the first refused write ends. */
static void fill(size_t n) {
    int fds[2];
    static char buf[70000];
    pipe2(fds, O_NONBLOCK);
    long total = 0, r;
    int writes = 0;
    while ((r = write(fds[1], buf, n)) == (long) n) {
        total += r;
        writes++;
    }
    int err = errno;
    printf("writes of %5zu: %6ld bytes in %5d writes, then %ld (errno %d)", n, total, writes, r, r < 0 ? err : 0);
    int avail = -1;
    ioctl(fds[0], FIONREAD, &avail);
    printf(", FIONREAD %d\n", avail);
    close(fds[0]);
    close(fds[1]);
}

static int child(void (*fn)(int), int fd) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        fn(fd);
        _exit(0);
    }
    return pid;
}

static int write_fd;
static void big_writer(int fd) {
    static char big[300000];
    for (size_t i = 0; i < sizeof big; i++) big[i] = (char) (i * 7 + i / 4096);
    long r = write(fd, big, sizeof big);
    dprintf(write_fd, "big write returned %ld\n", r);
}

static void atomic_writer(int fd) {
    char rec[PIPE_BUF];
    pid_t me = getpid();
    for (int i = 0; i < 8; i++) {
        memset(rec, 'a' + (me + i) % 26, sizeof rec);
        if (write(fd, rec, sizeof rec) != sizeof rec) _exit(1);
    }
}

static volatile int pipes_caught;
static void on_pipe(int sig) {
    (void) sig;
    pipes_caught++;
}

int main(void) {
    int fds[2], status;
    printf("PIPE_BUF %d, F_GETPIPE_SZ ", PIPE_BUF);
    pipe(fds);
    printf("%d\n", fcntl(fds[0], F_GETPIPE_SZ));
    close(fds[0]);
    close(fds[1]);
    size_t sizes[] = {1, 100, 1000, 3000, 4096, 4097, 5000, 10000, 65536, 70000};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) fill(sizes[i]);

    /* a non-blocking write bigger than the room left takes what fits */
    pipe2(fds, O_NONBLOCK);
    static char buf[100000];
    printf("nonblocking 100000 into an empty pipe: %ld\n", (long) write(fds[1], buf, 100000));
    printf("nonblocking read of 70000: %ld\n", (long) read(fds[0], buf, 70000));
    errno = 0;
    long r = read(fds[0], buf, 10);
    printf("empty nonblocking read: %ld errno %d\n", r, errno);
    close(fds[0]);
    close(fds[1]);

    /* writev to a pipe is one write */
    pipe2(fds, O_NONBLOCK);
    write(fds[1], buf, 4000);
    struct iovec iov[2] = {{buf, 50}, {buf, 46}};
    printf("writev of 96 after 4000: %ld", (long) writev(fds[1], iov, 2));
    int avail;
    ioctl(fds[0], FIONREAD, &avail);
    printf(", FIONREAD %d\n", avail);
    close(fds[0]);
    close(fds[1]);

    /* a blocking write of 300000 bytes waits for the reader, and every byte arrives in order */
    int report[2];
    pipe(report);
    pipe(fds);
    write_fd = report[1];
    pid_t pid = child(big_writer, fds[1]);
    close(fds[1]);
    long got = 0, bad = 0, n;
    static char in[8192];
    while ((n = read(fds[0], in, sizeof in)) > 0) {
        for (long i = 0; i < n; i++) {
            long at = got + i;
            if (in[i] != (char) (at * 7 + at / 4096)) bad++;
        }
        got += n;
    }
    waitpid(pid, &status, 0);
    close(report[1]);
    n = read(report[0], in, sizeof in);
    printf("reader got %ld bytes, %ld wrong; child says: %.*s", got, bad, (int) n, in);
    close(fds[0]);

    /* PIPE_BUF-sized writes from four writers never interleave */
    pipe(fds);
    pid_t kids[4];
    for (int i = 0; i < 4; i++) kids[i] = child(atomic_writer, fds[1]);
    close(fds[1]);
    static char all[4 * 8 * PIPE_BUF];
    got = 0;
    while ((n = read(fds[0], all + got, sizeof all - got)) > 0) got += n;
    int torn = 0;
    for (long rec = 0; rec < got / PIPE_BUF; rec++) {
        for (int i = 1; i < PIPE_BUF; i++) {
            if (all[rec * PIPE_BUF + i] != all[rec * PIPE_BUF]) torn++;
        }
    }
    for (int i = 0; i < 4; i++) waitpid(kids[i], &status, 0);
    printf("four writers: %ld bytes, %d torn records\n", got, torn);
    close(fds[0]);

    /* no reader: SIGPIPE kills by default, a handler sees it and write fails with EPIPE */
    pipe(fds);
    close(fds[0]);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        write(fds[1], "x", 1);
        _exit(0);
    }
    waitpid(pid, &status, 0);
    printf("writer without a reader: signaled %d by %d\n", WIFSIGNALED(status), WTERMSIG(status));
    signal(SIGPIPE, on_pipe);
    errno = 0;
    r = write(fds[1], "x", 1);
    printf("with a handler: %ld errno %d (EPIPE %d), caught %d\n", r, errno, EPIPE, pipes_caught);
    close(fds[1]);

    /* the reader goes away while a big write waits: the bytes so far count, and SIGPIPE follows */
    pipe(fds);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        close(fds[1]);
        read(fds[0], in, 1000);
        _exit(0);
    }
    close(fds[0]);
    r = write(fds[1], buf, 100000);
    waitpid(pid, &status, 0);
    printf("write cut short by the reader's exit: %ld, caught %d\n", r, pipes_caught);
    close(fds[1]);

    /* a signal ends a blocked write: with bytes written they are the result, without them EINTR */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_pipe;
    sigaction(SIGALRM, &sa, NULL);
    pipe(fds);
    struct itimerval it = {{0, 0}, {0, 10000}};
    setitimer(ITIMER_REAL, &it, NULL);
    r = write(fds[1], buf, 100000);
    printf("write interrupted after filling the pipe: %ld\n", r);
    setitimer(ITIMER_REAL, &it, NULL);
    errno = 0;
    r = write(fds[1], buf, 10);
    printf("write interrupted before any byte: %ld errno %d\n", r, errno);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    read(fds[0], buf, 65536);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        struct timespec d = {0, 50000000};
        nanosleep(&d, NULL);
        read(fds[0], buf, 65536);
        _exit(0);
    }
    write(fds[1], buf, 65536);
    setitimer(ITIMER_REAL, &it, NULL);
    r = write(fds[1], buf, 4096);
    waitpid(pid, &status, 0);
    printf("with SA_RESTART the write goes on once there is room: %ld\n", r);
    return 0;
}
