/* mmap example I: a MAP_SHARED anonymous mapping and a MAP_SHARED mapping of /dev/zero are both shared with
 * a child after fork: what the child writes, the parent reads (unlike private memory, copied on write). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
    char *anon, *zero;
    int fd, status;

    anon = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_SHARED, -1, 0);
    if (anon == MAP_FAILED) {
        perror("mmap anonymous");
        exit(1);
    }
    fd = open("/dev/zero", O_RDWR);
    if (fd < 0) {
        perror("open /dev/zero");
        exit(1);
    }
    zero = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (zero == MAP_FAILED) {
        perror("mmap /dev/zero");
        exit(1);
    }
    close(fd);

    strcpy(anon, "string 1");
    strcpy(zero, "string 1");
    printf("parent before fork: anonymous \"%s\", /dev/zero \"%s\"\n", anon, zero);
    fflush(stdout);

    switch (fork()) {
    case -1:
        perror("fork");
        exit(1);
    case 0:
        strcpy(anon, "string 2");
        strcpy(zero, "string 2");
        printf("child wrote \"string 2\" into both\n");
        fflush(stdout);
        sleep(3);
        printf("child after sleep(3):  anonymous \"%s\", /dev/zero \"%s\"\n", anon, zero);
        exit(0);
    default:
        sleep(2);
        printf("parent after sleep(2): anonymous \"%s\", /dev/zero \"%s\"\n", anon, zero);
        fflush(stdout);
        wait(&status);
        printf("child exited with status %d\n", WEXITSTATUS(status));
    }
    return 0;
}
