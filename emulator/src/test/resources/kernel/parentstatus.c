/*
 * /proc/<pid>/status of another process: a child reads its parent's while the parent waits for it, and its own
 * through /proc/self and /proc/<its pid>; then the parent's command line and whether its maps have a [stack].
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static void fields(const char *path, const char *tag) {
    char line[512];
    FILE *f = fopen(path, "r");
    if (!f) { perror(path); return; }
    while (fgets(line, sizeof line, f)) {
        if (!strncmp(line, "Name:", 5) || !strncmp(line, "State:", 6) || !strncmp(line, "Threads:", 8)) {
            printf("%s %s", tag, line);
        } else if (!strncmp(line, "Pid:", 4) || !strncmp(line, "PPid:", 5)) {
            int pid;
            sscanf(strchr(line, ':') + 1, "%d", &pid);
            printf("%s %.*s %s\n", tag, (int) (strchr(line, ':') - line), line,
                   pid == getpid() ? "me" : pid == getppid() ? "my parent" : "other");
        }
    }
    fclose(f);
}

int main(int argc, char **argv) {
    (void) argc;
    (void) argv;
    pid_t child = fork();
    if (child == 0) {
        char path[64];
        for (int tries = 0; tries < 100000; tries++) {
            /* the parent is about to wait: look once it sleeps */
            snprintf(path, sizeof path, "/proc/%d/status", getppid());
            FILE *f = fopen(path, "r");
            char line[512];
            int sleeping = 0;
            while (f && fgets(line, sizeof line, f)) sleeping |= !strcmp(line, "State:\tS (sleeping)\n");
            if (f) fclose(f);
            if (sleeping) break;
            usleep(100);
        }
        fields(path, "parent");
        fields("/proc/self/status", "self");
        snprintf(path, sizeof path, "/proc/%d/status", getpid());
        fields(path, "own pid");
        snprintf(path, sizeof path, "/proc/%d/cmdline", getppid());
        FILE *f = fopen(path, "r");
        char cmd[256] = "";
        size_t n = f ? fread(cmd, 1, sizeof cmd - 1, f) : 0;
        for (size_t i = 0; i < n; i++) if (!cmd[i]) cmd[i] = '|';
        printf("parent cmdline %s\n", n ? strrchr(cmd, '/') ? strrchr(cmd, '/') + 1 : cmd : "(none)");
        if (f) fclose(f);
        snprintf(path, sizeof path, "/proc/%d/maps", getppid());
        f = fopen(path, "r");
        int stack = 0;
        char line[512];
        while (f && fgets(line, sizeof line, f)) stack |= strstr(line, "[stack]") != NULL;
        printf("parent maps: %s\n", stack ? "has a [stack]" : "no [stack]");
        if (f) fclose(f);
        fflush(stdout);
        _exit(0);
    }
    int status;
    waitpid(child, &status, 0);
    printf("no such process: %s\n", fopen("/proc/999999/status", "r") ? "opened" : "ENOENT");
    return 0;
}
