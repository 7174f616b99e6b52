/* cat, kept simple: copies each file (or stdin) to stdout, finishing short writes, and names what it cannot open. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int write_all(const char *buf, ssize_t len)
{
    while (len > 0) {
        ssize_t n = write(STDOUT_FILENO, buf, (size_t)len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        buf += n;
        len -= n;
    }
    return 0;
}

static int copy(int fd)
{
    char buf[4096];
    ssize_t n;

    while ((n = read(fd, buf, sizeof buf)) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (write_all(buf, n) < 0)
            return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int status = 0, i;

    if (argc < 2)
        return copy(STDIN_FILENO) < 0;
    for (i = 1; i < argc; i++) {
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, "Cannot access '%s' (%s)\n", argv[i], strerror(errno));
            status = 1;
            continue;
        }
        if (copy(fd) < 0) {
            fprintf(stderr, "Cannot copy '%s' (%s)\n", argv[i], strerror(errno));
            status = 1;
        }
        close(fd);
    }
    return status;
}
