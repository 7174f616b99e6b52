/* Lists the current directory (sorted) through opendir/readdir: getdents64 and directory fds. */
#include <stdio.h>
#include <dirent.h>
#include <string.h>
#include <stdlib.h>
static int cmp(const void *a, const void *b) { return strcmp(*(char **)a, *(char **)b); }
int main(void) {
    DIR *d = opendir(".");
    if (!d) { perror("opendir"); return 1; }
    char *names[100]; int n = 0; struct dirent *e;
    while ((e = readdir(d)) && n < 100) names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof *names, cmp);
    for (int i = 0; i < n; i++) printf("%s\n", names[i]);
    return 0;
}
