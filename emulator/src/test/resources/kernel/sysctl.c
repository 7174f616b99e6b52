/* The mm sysctls a program can read: randomisation, mmap entropy and floor, overcommit policy. */
#include <stdio.h>
int main(void) {
    const char *files[] = {"/proc/sys/kernel/randomize_va_space", "/proc/sys/vm/mmap_rnd_bits",
                           "/proc/sys/vm/mmap_min_addr", "/proc/sys/vm/overcommit_memory"};
    for (int i = 0; i < 4; i++) {
        char line[64] = "";
        FILE *f = fopen(files[i], "r");
        if (!f || !fgets(line, sizeof line, f)) { perror(files[i]); return 1; }
        printf("%s %s", files[i], line);
        fclose(f);
    }
    return 0;
}
