/* read/write system calls: writes a 64 MiB file in 4 KiB chunks, reads it back three times, removes it. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#define CHUNK 4096
#ifdef BENCH_QUICK /* boardup bench --quick: a smoke-test size */
#define CHUNKS 256
#else
#define CHUNKS (64 * 256)
#endif

int main(void) {
    static unsigned char buf[CHUNK];
    const char *name = "fileio.tmp";
    int fd = open(name, O_CREAT | O_TRUNC | O_WRONLY, 0644);
    if (fd < 0) {
        perror(name);
        return 1;
    }
    for (long c = 0; c < CHUNKS; c++) {
        for (int i = 0; i < CHUNK; i += 512) buf[i] = (unsigned char) (c + i);
        if (write(fd, buf, CHUNK) != CHUNK) {
            perror("write");
            return 1;
        }
    }
    close(fd);
    unsigned long sum = 0, total = 0;
    for (int pass = 0; pass < 3; pass++) {
        fd = open(name, O_RDONLY);
        long n;
        while ((n = read(fd, buf, CHUNK)) > 0) {
            total += (unsigned long) n;
            sum = sum * 31 + buf[0] + buf[n - 1] + buf[n / 2];
        }
        close(fd);
    }
    unlink(name);
    printf("fileio bytes %lu checksum %lu\n", total, sum);
    return 0;
}
