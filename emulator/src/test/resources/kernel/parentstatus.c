/*
 * /proc/<pid>/status of another process: a child reads its parent's while the parent waits for it, and its own
 * through /proc/self and /proc/<its pid>.
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

int main(void) {
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
        fflush(stdout);
        _exit(0);
    }
    int status;
    waitpid(child, &status, 0);
    printf("no such process: %s\n", fopen("/proc/999999/status", "r") ? "opened" : "ENOENT");
    return 0;
}
