/* execve: a forked child replaces itself with this same program, keeping an inherited pipe but not a CLOEXEC fd. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc == 4 && strcmp(argv[1], "again") == 0) {
        int out = atoi(argv[2]), closed = atoi(argv[3]);
        dprintf(out, "exec'd child: argv[0]=%s, %s, pipe fd %d still open, cloexec fd %d %s\n", argv[0],
                getenv("GREETING") ? getenv("GREETING") : "no env", out, closed,
                fcntl(closed, F_GETFD) == -1 ? "closed" : "open");
        return 12;
    }
    int fds[2];
    pipe(fds);
    int cloexec = open(".", O_RDONLY | O_CLOEXEC);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        char a[16], b[16];
        snprintf(a, sizeof a, "%d", fds[1]);
        snprintf(b, sizeof b, "%d", cloexec);
        char *args[] = {"renamed", "again", a, b, NULL};
        char *env[] = {"GREETING=hello", NULL};
        execve("./exec", args, env);
        perror("execve");
        _exit(127);
    }
    close(fds[1]);
    char buf[256];
    ssize_t n = read(fds[0], buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    printf("parent read: %s", buf);
    int status;
    waitpid(pid, &status, 0);
    printf("child exited %d\n", WEXITSTATUS(status));
    char *none[] = {"x", NULL};
    printf("execve of a missing file: %d\n", execve("./missing", none, none));
    return 0;
}
