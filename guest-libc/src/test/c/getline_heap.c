/* getline over lines of many lengths: lengths, capacities and where the
 * growing line buffer lands in the heap (so realloc's sizes must match). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
    static const int lengths[] = { 0, 5, 119, 120, 121, 200, 250, 4095, 4096, 4097, 5000, 10000, 3, 20000, 7 };
    const char *path = "getline_heap.tmp";
    char *heap0 = sbrk(0), *line = NULL;
    size_t cap = 0, i;
    ssize_t len;
    FILE *f = fopen(path, "w");
    int k;

    for (i = 0; i < sizeof(lengths) / sizeof(*lengths); i++) {
        for (k = 0; k < lengths[i]; k++)
            fputc('a' + (k + (int)i) % 26, f);
        fputc('\n', f);
    }
    fputs("last line without newline", f);
    fclose(f);
    f = fopen(path, "r");
    while ((len = getline(&line, &cap, f)) != -1) {
        char *p = line;
        printf("len=%ld cap=%zu at %s%ld first=%c last=%d\n", (long)len, cap,
               p >= heap0 && p < (char *)sbrk(0) ? "heap+" : "mmap ", p >= heap0 && p < (char *)sbrk(0) ? (long)(p - heap0) : 0L,
               line[0] ? line[0] : '-', line[len - 1]);
    }
    printf("eof=%d\n", feof(f));
    rewind(f);
    ungetc('Z', f);
    len = getdelim(&line, &cap, 'b', f);
    printf("getdelim after ungetc: len=%ld [%.10s]\n", (long)len, line);
    fclose(f);
    unlink(path);
    free(line);
    line = NULL;
    cap = 0;
    len = getline(&line, &cap, stdin);
    printf("stdin: len=%ld cap=%zu [%s]\n", (long)len, cap, len >= 0 ? line : "");
    return 0;
}
