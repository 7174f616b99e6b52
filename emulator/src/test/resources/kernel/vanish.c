/*
 * A file vanishes under its mappings. Unlinked, a private and a shared mapping stay valid (the inode lives while
 * mapped). With argv[1] "truncate", the file is then cut to one page: its first page still reads, and pages past
 * the new end raise SIGBUS on access, in both kinds of mapping.
 */
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGES 4

static sigjmp_buf back;

static void bus(int sig) { siglongjmp(back, sig); }

static void probe(const char *what, volatile char *p) {
    int sig = sigsetjmp(back, 1);
    if (sig == 0) printf("%s: %c\n", what, *p);
    else printf("%s: signal %d\n", what, sig);
}

int main(int argc, char **argv) {
    int fd = open("victim", O_RDWR | O_CREAT | O_TRUNC, 0644);
    char page[4096];
    for (int i = 0; i < PAGES; i++) {
        memset(page, 'a' + i, sizeof page);
        write(fd, page, sizeof page);
    }
    char *priv = mmap(NULL, PAGES * 4096, PROT_READ, MAP_PRIVATE, fd, 0);
    char *shared = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (priv == MAP_FAILED || shared == MAP_FAILED) { perror("mmap"); return 1; }
    printf("before: %c %c\n", priv[0], shared[0]);
    unlink("victim");
    printf("unlinked: %s\n", access("victim", F_OK) == 0 ? "still there" : "gone");
    struct sigaction sa = {0};
    sa.sa_handler = bus;
    sigaction(SIGBUS, &sa, NULL);
    probe("private page 1 after unlink", priv + 4096);
    probe("shared page 1 after unlink", shared + 4096);
    shared[4096] = 'B';
    probe("private page 1 after a shared write", priv + 4096);
    if (argc < 2) return 0;
    ftruncate(fd, 4096);
    probe("private page 0 after truncate", priv);
    probe("private page 2 after truncate", priv + 2 * 4096);
    probe("shared page 0 after truncate", shared);
    probe("shared page 3 after truncate", shared + 3 * 4096);
    return 0;
}
