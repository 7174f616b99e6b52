/* mmap example II: print the bytes [offset, offset+length) of a file through a private read-only mapping.
 * mmap needs a page-aligned file offset, so the mapping starts at the page holding offset.
 * Usage: mmap_example2 file offset [length]   (length defaults to the rest of the file) */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static void die(const char *what)
{
    perror(what);
    exit(EXIT_FAILURE);
}

int main(int argc, char *argv[])
{
    struct stat sb;
    off_t offset, aligned;
    size_t length;
    char *addr;
    int fd;

    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: %s file offset [length]\n", argv[0]);
        exit(EXIT_FAILURE);
    }
    fd = open(argv[1], O_RDONLY);
    if (fd == -1)
        die("open");
    if (fstat(fd, &sb) == -1)
        die("fstat");

    offset = atol(argv[2]);
    aligned = offset & ~(sysconf(_SC_PAGE_SIZE) - 1);
    if (offset >= sb.st_size) {
        fprintf(stderr, "offset %ld is past the end of the file (%ld bytes)\n", (long)offset, (long)sb.st_size);
        exit(EXIT_FAILURE);
    }
    length = argc == 4 ? (size_t)atol(argv[3]) : (size_t)(sb.st_size - offset);
    if (offset + (off_t)length > sb.st_size)
        length = sb.st_size - offset;   /* no bytes past the end of the file */

    fprintf(stderr, "mapping %zu bytes from file offset %ld (page-aligned down from %ld)\n",
            length + (size_t)(offset - aligned), (long)aligned, (long)offset);
    addr = mmap(NULL, length + offset - aligned, PROT_READ, MAP_PRIVATE, fd, aligned);
    if (addr == MAP_FAILED)
        die("mmap");

    if (write(STDOUT_FILENO, addr + offset - aligned, length) != (ssize_t)length)
        die("write");
    munmap(addr, length + offset - aligned);
    close(fd);
    return EXIT_SUCCESS;
}
