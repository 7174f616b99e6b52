/* Prints what the initial stack gives a program: argc, argv, envp and the auxiliary vector entries whose values do
 * not depend on address-space randomisation or the host's vDSO. */
#include "sys.h"

static long auxval(long *auxv, long type) {
    for (; auxv[0] != 0; auxv += 2)
        if (auxv[0] == type) return auxv[1];
    return -1;
}

void start_c(long *sp) {
    long argc = sp[0];
    char **argv = (char **)(sp + 1);
    char **envp = argv + argc + 1;
    kv("argc", argc);
    for (long i = 0; i < argc; i++) { puts1("argv: "); puts1(argv[i]); puts1("\n"); }
    long n = 0;
    while (envp[n]) { puts1("env: "); puts1(envp[n]); puts1("\n"); n++; }
    long *auxv = (long *)(envp + n + 1);
    kv("rsp%16", (long)sp % 16);
    kv("AT_PAGESZ", auxval(auxv, 6));
    kv("AT_CLKTCK", auxval(auxv, 17));
    kv("AT_PHENT", auxval(auxv, 4));
    kv("AT_PHNUM", auxval(auxv, 5));
    kv("AT_BASE", auxval(auxv, 7));
    kv("AT_FLAGS", auxval(auxv, 8));
    kv("AT_SECURE", auxval(auxv, 23));
    kv("AT_UID==getuid", auxval(auxv, 11) == sys0(102));
    kv("AT_EUID==geteuid", auxval(auxv, 12) == sys0(107));
    kv("AT_GID==getgid", auxval(auxv, 13) == sys0(104));
    kv("AT_EGID==getegid", auxval(auxv, 14) == sys0(108));
    extern char _start[];
    kv("AT_ENTRY==_start", auxval(auxv, 9) == (long)_start);
    long *ehdr_phoff = (long *)(auxval(auxv, 3) - 64 + 32);
    kv("AT_PHDR==ehdr+e_phoff", *ehdr_phoff == 64);
    puts1("AT_EXECFN: "); puts1((char *)auxval(auxv, 31)); puts1("\n");
    puts1("AT_PLATFORM: "); puts1((char *)auxval(auxv, 15)); puts1("\n");
    unsigned char *rnd = (unsigned char *)auxval(auxv, 25);
    long nonzero = 0;
    for (int i = 0; i < 16; i++) nonzero |= rnd[i];
    kv("AT_RANDOM readable", nonzero != 0);
    kv("argv[0] above auxv", (long)argv[0] > (long)auxv);
    kv("rdx at entry", sp[-1]);
    sys1(231, 0);
}

__asm__(".globl _start\n_start:\n mov %rsp, %rdi\n push %rdx\n and $-16, %rsp\n call start_c\n hlt\n");
