/* Removing files of /proc fails as Linux's procfs makes it fail; /proc/version is one line naming uname's release
 * and version. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

static void show(const char *what, int r) {
    printf("%s -> %d %s\n", what, r, r == 0 ? "" : strerror(errno));
}

int main(void) {
    show("unlink /proc/version", unlink("/proc/version"));
    show("rmdir /proc/version", rmdir("/proc/version"));
    show("unlink /proc/meminfo", unlink("/proc/meminfo"));
    show("unlink /proc/self/maps", unlink("/proc/self/maps"));
    show("unlink /proc/self/status", unlink("/proc/self/status"));
    show("unlink /proc/no-such-file", unlink("/proc/no-such-file"));
    char line[512] = "";
    FILE *f = fopen("/proc/version", "r");
    if (!f || !fgets(line, sizeof line, f)) return 1;
    struct utsname u;
    uname(&u);
    char *release = strstr(line, u.release), *version = strstr(line, u.version);
    printf("release after \"Linux version \" %d\n", release == line + strlen("Linux version "));
    printf("ends with the uname version %d\n", version && strcmp(version + strlen(u.version), "\n") == 0);
    printf("one line %d\n", fgets(line, sizeof line, f) == NULL);
    return 0;
}
