#include "lib.h"

/* argc, argv and the initial stack as execve leaves them: the arguments, their lengths, and the stack's alignment. */
int main(int argc, char **argv) {
    put_str("argc ");
    put_dec(argc);
    put_char('\n');
    for (int i = 1; i < argc; i++) {
        put_str("argv[");
        put_dec(i);
        put_str("] = \"");
        put_str(argv[i]);
        put_str("\" length ");
        put_dec(strlen(argv[i]));
        put_char('\n');
    }
    put_str("argv[argc] is null: ");
    put_dec(argv[argc] == 0);
    char **envp = argv + argc + 1;
    int envs = 0;
    while (envp[envs]) {
        envs++;
    }
    unsigned long *auxv = (unsigned long *)(envp + envs + 1);
    int pagesz_found = 0;
    for (; auxv[0] != 0; auxv += 2) {
        if (auxv[0] == 6) { /* AT_PAGESZ */
            pagesz_found = auxv[1] == 4096;
        }
    }
    put_str("\nAT_PAGESZ is 4096: ");
    put_dec(pagesz_found);
    put_str("\nargv 8-byte aligned: ");
    put_dec(((unsigned long)argv & 7) == 0);
    put_char('\n');
    flush();
    return argc;
}
