/* Writes into a shared mapping of a file, then spins until the machine's instruction limit stops it. */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int main(void) {
    int fd = open("spin.dat", O_RDWR | O_CREAT | O_TRUNC, 0644);
    ftruncate(fd, 4096);
    char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    memcpy(p, "written before the limit", 24);
    __asm__ volatile("" ::: "memory");   /* the stores happen: the loop below never ends */
    for (volatile long i = 0;; i++) {
    }
}
