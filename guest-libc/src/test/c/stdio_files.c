/* File streams: fopen modes, fread/fwrite, seeking, ungetc, fgets, getline, stdin. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>

int main(void)
{
    const char *path = "stdio_files.tmp";
    char buf[256];
    FILE *f;
    int c, i;
    long pos;
    size_t n;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;

    f = fopen(path, "w");
    printf("fopen w: %s\n", f ? "ok" : "fail");
    for (i = 0; i < 100; i++)
        fprintf(f, "line %d of the file\n", i);
    printf("ftell after writes: %ld\n", ftell(f));
    fclose(f);

    f = fopen(path, "r");
    fgets(buf, sizeof(buf), f);
    printf("fgets: %s", buf);
    printf("ftell: %ld\n", ftell(f));
    c = fgetc(f);
    printf("fgetc: %c\n", c);
    ungetc('Z', f);
    printf("after ungetc ftell: %ld\n", ftell(f));
    fgets(buf, sizeof(buf), f);
    printf("fgets after ungetc: %s", buf);
    fseek(f, -20, SEEK_END);
    n = fread(buf, 1, 100, f);
    buf[n] = 0;
    printf("fread at end-20: n=%zu [%s] eof=%d\n", n, buf, feof(f));
    clearerr(f);
    printf("after clearerr eof=%d\n", feof(f));
    rewind(f);
    fgets(buf, 5, f);
    printf("short fgets: [%s]\n", buf);
    fseek(f, 100, SEEK_SET);
    pos = ftell(f);
    n = fread(buf, 10, 3, f);
    printf("fread records: pos=%ld n=%zu [%.30s]\n", pos, n, buf);
    while ((len = getline(&line, &cap, f)) > 0 && len < 30)
        ;
    printf("getline: len=%ld [%s", (long)len, line);
    fclose(f);

    f = fopen(path, "a+");
    fputs("appended\n", f);
    fseek(f, 0, SEEK_SET);
    fgets(buf, sizeof(buf), f);
    printf("a+ reads from start: %s", buf);
    fclose(f);
    f = fopen(path, "r+");
    fseek(f, 5, SEEK_SET);
    fputs("ZERO", f);
    fseek(f, 0, SEEK_SET);
    fgets(buf, sizeof(buf), f);
    printf("r+ overwrite: %s", buf);
    fclose(f);
    f = fopen(path, "r");
    fseek(f, 0, SEEK_END);
    printf("size: %ld\n", ftell(f));
    fclose(f);
    errno = 0;
    f = fopen("no/such/dir/file", "r");
    printf("fopen missing: %p errno=%d\n", (void *)f, errno);
    unlink(path);

    {
        static char userbuf[64];
        int p[2];
        FILE *w, *r;

        pipe(p);
        w = fdopen(p[1], "w");
        r = fdopen(p[0], "r");
        setvbuf(w, userbuf, _IOFBF, sizeof(userbuf));
        fprintf(w, "through a pipe with a 64-byte user buffer: %d\n", 42);
        printf("user buffer holds: %.20s\n", userbuf);
        fclose(w);
        fgets(buf, sizeof(buf), r);
        printf("fdopen read: %s", buf);
        printf("then eof: %d\n", fgetc(r) == EOF && feof(r));
        fclose(r);

        f = fopen(path, "w");
        setbuf(f, NULL);
        fputs("unbuffered file\n", f);
        f = freopen(path, "r", f);
        printf("freopen: %s\n", f ? "ok" : "failed");
        fgets(buf, sizeof(buf), f);
        printf("freopen read: %s", buf);
        fclose(f);
        unlink(path);
        printf("fileno: %d %d %d\n", fileno(stdin), fileno(stdout), fileno(stderr));
    }
    while (fgets(buf, sizeof(buf), stdin))
        printf("stdin: [%s]\n", buf);
    printf("stdin eof=%d getchar=%d\n", feof(stdin), getchar());
    free(line);
    return 0;
}
