/* Interleaves stdout and stderr writes of many kinds; when both go to one pipe
 * or file, the order shows exactly when each stream's buffer was written. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
    char line[200];
    int i;

    printf("stdout 1 (buffered, no newline yet)");
    fprintf(stderr, "stderr 1\n");
    puts(" ... stdout 1 ends");
    fputs("stderr 2 via fputs\n", stderr);
    putchar('A');
    fputc('B', stderr);
    putc('\n', stdout);
    fputc('\n', stderr);
    write(1, "raw write to fd 1\n", 18);
    write(2, "raw write to fd 2\n", 18);
    fflush(stdout);
    printf("after fflush\n");
    fprintf(stderr, "a long stderr line %0300d\n", 7);
    /* Fill past the 4096-byte buffer so glibc's block flushing shows. */
    memset(line, 'x', sizeof(line) - 2);
    line[sizeof(line) - 2] = '\n';
    line[sizeof(line) - 1] = 0;
    for (i = 0; i < 45; i++) {
        printf("%02d:%s", i, line);
        if (i % 10 == 0)
            fprintf(stderr, "stderr at line %d\n", i);
    }
    fwrite(line, 1, 5000 > sizeof(line) ? sizeof(line) - 1 : 5000, stdout);
    for (i = 0; i < 30; i++)
        fwrite(line, 1, sizeof(line) - 1, stdout);
    fprintf(stderr, "stderr after big fwrites\n");
    {
        static char big[9000];
        memset(big, 'y', sizeof(big));
        big[sizeof(big) - 1] = '\n';
        fwrite(big, 1, sizeof(big), stdout);
        fprintf(stderr, "stderr after a 9000-byte fwrite\n");
        fprintf(stderr, "%.*s\n", 8500, big);
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("now line buffered: part one, ");
    fprintf(stderr, "stderr between parts\n");
    printf("part two\n");
    fprintf(stderr, "stderr after line\n");
    setvbuf(stderr, NULL, _IOFBF, 0);
    fprintf(stderr, "stderr now fully buffered\n");
    printf("stdout line\n");
    fprintf(stderr, "stderr flushed at exit\n");
    printf("stdout without newline at exit");
    return 0;
}
