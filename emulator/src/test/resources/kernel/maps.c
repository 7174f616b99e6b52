/* Prints /proc/self/maps and the command line: the address-space layout, compared with Linux's (ASLR off). */
#include <stdio.h>

int main(int argc, char **argv) {
    char line[512];
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f) { perror("maps"); return 1; }
    while (fgets(line, sizeof line, f)) fputs(line, stdout);
    fclose(f);
    f = fopen("/proc/self/cmdline", "r");
    if (!f) { perror("cmdline"); return 1; }
    int c;
    while ((c = fgetc(f)) != EOF) putchar(c ? c : '|');
    putchar('\n');
    return 0;
}
