/* Reads lines from stdin, sorts them with qsort and prints them with counts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    char **lines = NULL, *line = NULL;
    size_t n = 0, cap = 0, len_cap = 0, i;
    ssize_t len;

    while ((len = getline(&line, &len_cap, stdin)) != -1) {
        if (len > 0 && line[len - 1] == '\n')
            line[len - 1] = 0;
        if (n == cap) {
            cap = cap ? 2 * cap : 8;
            lines = realloc(lines, cap * sizeof(*lines));
        }
        lines[n++] = strdup(line);
    }
    qsort(lines, n, sizeof(*lines), by_text);
    for (i = 0; i < n; i++)
        printf("%3zu: %s\n", i + 1, lines[i]);
    for (i = 0; i < n; i++)
        free(lines[i]);
    free(lines);
    free(line);
    return 0;
}
