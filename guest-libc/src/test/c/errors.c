/* errno values from failing calls, strerror/strsignal texts, perror, err/warn. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <err.h>
#include <fcntl.h>
#include <unistd.h>
#include <signal.h>
#include <sys/stat.h>

int main(int argc, char **argv)
{
    int i, fd;
    char buf[64];
    struct stat st;

    for (i = 0; i < 140; i++)
        printf("%d: %s\n", i, strerror(i));
    printf("%s\n", strerror(-1));
    printf("%s\n", strerror(1000));
    for (i = 0; i < 70; i++)
        printf("sig %d: %s\n", i, strsignal(i));
    errno = 0;
    fd = open("/nonexistent/dir/file", O_RDONLY);
    printf("open: %d errno=%d %s\n", fd, errno, strerror(errno));
    perror("open");
    errno = EACCES;
    perror("");
    errno = ENOENT;
    perror(NULL);
    printf("close(-1)=%d errno=%d\n", close(-1), errno);
    printf("read(-1)=%ld errno=%d\n", (long)read(-1, buf, 1), errno);
    printf("stat=%d errno=%d\n", stat("/definitely/not/here", &st), errno);
    printf("unlink=%d errno=%d\n", unlink("/proc/version"), errno == EACCES || errno == EPERM);
    printf("lseek on pipe: ");
    {
        int p[2];
        pipe(p);
        printf("%ld errno=%d\n", (long)lseek(p[0], 0, SEEK_SET), errno);
    }
    errno = 0;
    printf("%m after errno=0\n");
    errno = EINVAL;
    printf("%%m says [%m]\n");
    errno = EBADF;
    warn("warn %d", 1);
    warnx("warnx %s", "two");
    errno = ENOMEM;
    warn(NULL);
    fflush(stdout);
    if (argc > 5)
        errx(3, "never");
    errno = EEXIST;
    err(7, "failing with %s", argv[1]);
}
