/* Process-level calls: identity, uname, arch_prctl, clocks, random, signals bookkeeping, limits, unknown numbers. */
#include "sys.h"

static int streq(const char *a, const char *b) { while (*a && *a == *b) a++, b++; return *a == *b; }

__thread long tls_value = 1234;

void _start(void) {
    char uts[6 * 65];
    kv("uname", sys1(63, uts));
    puts1(uts); puts1(" "); puts1(uts + 4 * 65); puts1("\n");
    kv("uname bad ptr", sys1(63, 8));
    static long tls_block[4];
    tls_block[0] = (long)tls_block;
    kv("arch_prctl SET_FS", sys2(158, 0x1002, tls_block));
    long fs = 0;
    kv("arch_prctl GET_FS", sys2(158, 0x1003, &fs));
    kv("fs matches", fs == (long)tls_block);
    long via_fs;
    __asm__ volatile("mov %%fs:0, %0" : "=r"(via_fs));
    kv("fs:0 reads the block", via_fs == (long)tls_block);
    kv("arch_prctl bad code", sys2(158, 0x1234, 0));
    kv("arch_prctl GET_FS bad ptr", sys2(158, 0x1003, 16));
    kv("getpid==gettid", sys0(39) == sys0(186));
    kv("set_tid_address==getpid", sys1(218, 0) == sys0(39));
    kv("getppid>0", sys0(110) > 0);
    long ts[2] = {0, -1};
    kv("clock_gettime REALTIME", sys2(228, 0, ts));
    kv("after 2020", ts[0] > 1577836800 && ts[1] >= 0 && ts[1] < 1000000000);
    kv("clock_gettime MONOTONIC", sys2(228, 1, ts));
    kv("clock_gettime bad clock", sys2(228, 999, ts));
    kv("clock_gettime bad ptr", sys2(228, 0, 8));
    long tv[2];
    kv("gettimeofday", sys2(96, tv, 0));
    kv("usec in range", tv[1] >= 0 && tv[1] < 1000000);
    unsigned char rnd[64] = {0};
    kv("getrandom", sys3(318, rnd, 64, 0));
    long any = 0;
    for (int i = 0; i < 64; i++) any |= rnd[i];
    kv("random not all zero", any != 0);
    kv("getrandom bad flags", sys3(318, rnd, 8, 0x80));
    long act[4] = {1, 0, 0, 0}, old[4] = {7, 7, 7, 7};
    kv("rt_sigaction", sys4(13, 10, act, old, 8));
    kv("old handler was default", old[0]);
    kv("rt_sigaction reads back", sys4(13, 10, 0, old, 8) == 0 && old[0] == 1);
    kv("rt_sigaction SIGKILL", sys4(13, 9, act, 0, 8));
    kv("rt_sigaction bad size", sys4(13, 10, act, 0, 4));
    kv("rt_sigaction bad signal", sys4(13, 65, act, 0, 8));
    long set = 1 << 1, oset = -1;
    kv("rt_sigprocmask", sys4(14, 0, &set, &oset, 8));
    kv("old mask", oset);
    kv("rt_sigprocmask bad how", sys4(14, 9, &set, 0, 8));
    long lim[2];
    kv("prlimit64 STACK", sys4(302, 0, 3, 0, lim));
    kv("soft <= hard", (unsigned long)lim[0] <= (unsigned long)lim[1]);
    kv("prlimit64 bad resource", sys4(302, 0, 99, 0, lim));
    kv("getuid==geteuid", sys0(102) == sys0(107));
    kv("sched_yield", sys0(24));
    kv("huge syscall number", sys0(100000));
    char exe[256];
    long n = sys3(89, "/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    kv("readlink /proc/self/exe ends with /process", n > 8 && streq(exe + n - 8, "/process"));
    long self = sys4(257, -100, "/proc/self/exe", 0, 0);
    char magic[4] = {0};
    kv("open /proc/self/exe", self >= 0);
    kv("read its ELF magic", sys3(0, self, magic, 4) == 4 && magic[0] == 0x7f && magic[1] == 'E');
    kv("open /proc/self/exe for writing", sys4(257, -100, "/proc/self/exe", 1, 0));
    sys1(231, 7);
}
