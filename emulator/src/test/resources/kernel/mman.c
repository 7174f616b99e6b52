/* The mmap family's semantics, compared with Linux: shared memory across fork, shared and private file mappings
 * (coherent with read/write, written back on msync and exit), MADV_DONTNEED, mremap's forms, mincore, mlock,
 * MAP_POPULATE, MAP_FIXED_NOREPLACE, MAP_GROWSDOWN and the errors. Prints values and -errno, never addresses. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PG 4096L
#define RW (PROT_READ | PROT_WRITE)

static long rc(long r) { return r == -1 ? -errno : r; }
static long prc(void *p) { return p == MAP_FAILED ? -errno : 0; }
static void show(const char *what, long v) { printf("%-44s %ld\n", what, v); }

/* A "Name:   123 kB" field of /proc/self/status, in kB. */
static long status_kb(const char *field) {
    char line[256];
    long value = -1;
    size_t n = strlen(field);
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) return -2;
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, field, n) == 0 && line[n] == ':') value = atol(line + n + 1);
    }
    fclose(f);
    return value;
}

/* The /proc/self/maps line of the area starting at p, without its addresses and inode number. */
static void show_maps_line(const char *what, void *p) {
    char line[512], want[32];
    FILE *f = fopen("/proc/self/maps", "r");
    snprintf(want, sizeof want, "%lx-", (unsigned long)p);
    while (f && fgets(line, sizeof line, f)) {
        if (strncmp(line, want, strlen(want)) != 0) continue;
        char perms[8], offset[32], dev[16], name[256] = "";
        unsigned long inode;
        sscanf(line, "%*s %7s %31s %15s %lu %255[^\n]", perms, offset, dev, &inode, name);
        /* files by their last component: the sandbox root is not the host's */
        char *shown = name[0] == '/' && strncmp(name, "/dev/", 5) != 0 ? strrchr(name, '/') + 1 : name;
        printf("maps of %s: %s %s %s %s\n", what, perms, offset, dev, shown);
    }
    if (f) fclose(f);
}

static void *anon(long len, int flags) {
    return mmap(NULL, len, RW, MAP_ANONYMOUS | flags, -1, 0);
}

/* Runs fn in a child and waits for it; output is flushed first so nothing is printed twice. */
static int in_child(void (*fn)(char *), char *arg) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        fn(arg);
        fflush(stdout);
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    return WEXITSTATUS(status);
}

static void child_writes(char *p) { strcpy(p, "written by the child"); }

static void sharing_across_fork(void) {
    char *shared = anon(PG, MAP_SHARED), *private = anon(PG, MAP_PRIVATE);
    strcpy(shared, "parent");
    strcpy(private, "parent");
    in_child(child_writes, shared);
    in_child(child_writes, private);
    printf("anon shared after child: %s\n", shared);
    printf("anon private after child: %s\n", private);

    int zfd = open("/dev/zero", O_RDWR);
    char *zs = mmap(NULL, 2 * PG, RW, MAP_SHARED, zfd, 0);
    char *zp = mmap(NULL, 2 * PG, RW, MAP_PRIVATE, zfd, 0);
    close(zfd);
    show("/dev/zero shared starts zeroed", zs[0] + zs[PG + 7]);
    in_child(child_writes, zs + PG);
    in_child(child_writes, zp + PG);
    printf("/dev/zero shared after child: %s\n", zs + PG);
    printf("/dev/zero private after child: [%s]\n", zp + PG);

    /* a page the parent never touched before the fork is still the same page in both */
    show_maps_line("anon shared", shared);
    show_maps_line("/dev/zero shared", zs);
    munmap(zs, PG);
    show_maps_line("/dev/zero shared, first page unmapped", zs + PG);
    char *late = anon(3 * PG, MAP_SHARED);
    in_child(child_writes, late + 2 * PG);
    printf("untouched shared page after child: %s\n", late + 2 * PG);
}

static void make_file(const char *name, long size) {
    int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);
    char buf[PG];
    for (long at = 0; at < size; at += PG) {
        for (int i = 0; i < PG; i++) buf[i] = 'a' + (at / PG + i) % 26;
        write(fd, buf, size - at < PG ? size - at : PG);
    }
    close(fd);
}

static char file_byte(const char *name, long at) {
    int fd = open(name, O_RDONLY);
    char c = '?';
    pread(fd, &c, 1, at);
    close(fd);
    return c;
}

static void child_writes_mapping(char *name) {
    int fd = open(name, O_RDWR);
    char *p = mmap(NULL, 2 * PG, RW, MAP_SHARED, fd, 0);
    close(fd);
    memcpy(p + PG + 100, "EXIT", 4);   /* no msync, no munmap: exit writes it back */
}

static void shared_files(void) {
    make_file("shared.dat", 2 * PG + 100);
    int fd = open("shared.dat", O_RDWR);
    char *p = mmap(NULL, 3 * PG, RW, MAP_SHARED, fd, 0);
    show("mmap shared file", prc(p));
    printf("first bytes: %.6s, page 2: %.3s\n", p, p + 2 * PG);
    show_maps_line("shared file", p);
    p[10] = 'X';
    char c = 0;
    pread(fd, &c, 1, 10);
    printf("read() sees the mapping's write: %c\n", c);
    pwrite(fd, "Y", 1, 20);
    printf("mapping sees write(): %c\n", p[20]);
    int fd2 = open("shared.dat", O_RDWR);
    char *q = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd2, 0);
    printf("second mapping sees both: %c %c\n", q[10], q[20]);
    p[30] = 'Z';
    printf("second mapping sees a later write: %c\n", q[30]);
    memcpy(p + PG, "SYNCED", 6);
    show("msync", rc(msync(p, 2 * PG, MS_SYNC)));
    printf("file after msync: %c%c%c\n", file_byte("shared.dat", PG), file_byte("shared.dat", PG + 1),
           file_byte("shared.dat", PG + 5));
    p[2 * PG + 50] = 'T';
    show("munmap", rc(munmap(p, 3 * PG)));
    printf("file after munmap: %c\n", file_byte("shared.dat", 2 * PG + 50));
    munmap(q, PG);
    close(fd2);
    in_child(child_writes_mapping, "shared.dat");
    printf("file after the child's exit: %c%c%c%c\n", file_byte("shared.dat", PG + 100),
           file_byte("shared.dat", PG + 101), file_byte("shared.dat", PG + 102), file_byte("shared.dat", PG + 103));
    /* a mapping at a file offset shows the bytes from there */
    char *at = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, PG);
    printf("offset mapping: %.6s\n", at);
    munmap(at, PG);
    show("size unchanged", lseek(fd, 0, SEEK_END));
    close(fd);

    /* an unlinked file lives on in its descriptor and its mapping, still one page cache */
    make_file("gone.dat", PG);
    int gfd = open("gone.dat", O_RDWR);
    char *g = mmap(NULL, PG, RW, MAP_SHARED, gfd, 0);
    unlink("gone.dat");
    g[5] = '!';
    char gc = 0;
    pread(gfd, &gc, 1, 5);
    pwrite(gfd, "?", 1, 6);
    printf("unlinked file: read() sees %c, mapping sees %c\n", gc, g[6]);
    munmap(g, PG);
    close(gfd);
}

static void private_files(void) {
    make_file("private.dat", PG);
    int fd = open("private.dat", O_RDWR);
    char *p = mmap(NULL, PG, RW, MAP_PRIVATE, fd, 0);
    show_maps_line("private file", p);
    char first = p[0];
    pwrite(fd, "1", 1, 0);
    printf("private mapping before its first write sees write(): %c (was %c)\n", p[0], first);
    p[1] = 'P';
    pwrite(fd, "2", 1, 2);
    printf("after its write it keeps its copy: %c %c\n", p[1], p[2]);
    printf("file is untouched by it: %c\n", file_byte("private.dat", 1));
    show("msync private", rc(msync(p, PG, MS_SYNC)));
    show("madvise DONTNEED private file", rc(madvise(p, PG, MADV_DONTNEED)));
    printf("after DONTNEED the file's page again: %c %c\n", p[1], p[2]);
    munmap(p, PG);
    printf("file after munmap: %c\n", file_byte("private.dat", 1));

    int ro = open("private.dat", O_RDONLY);
    show("shared writable of O_RDONLY fd", prc(mmap(NULL, PG, RW, MAP_SHARED, ro, 0)));
    show("shared read-only of O_RDONLY fd", prc(mmap(NULL, PG, PROT_READ, MAP_SHARED, ro, 0)));
    char *cp = mmap(NULL, PG, RW, MAP_PRIVATE, ro, 0);
    show("private writable of O_RDONLY fd", prc(cp));
    cp[0] = 'W';
    printf("private copy written: %c, file: %c\n", cp[0], file_byte("private.dat", 0));
    show("mprotect shared ro mapping writable", rc(mprotect(mmap(NULL, PG, PROT_READ, MAP_SHARED, ro, 0), PG, RW)));
    int wo = open("private.dat", O_WRONLY);
    show("mapping of O_WRONLY fd", prc(mmap(NULL, PG, PROT_READ, MAP_SHARED, wo, 0)));
    show("unaligned offset", prc(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, ro, 100)));
    show("bad fd", prc(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, 99, 0)));
    int pfd[2];
    pipe(pfd);
    show("pipe", prc(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, pfd[0], 0)));
    show("pipe, shared writable", prc(mmap(NULL, PG, RW, MAP_SHARED, pfd[0], 0)));
    int null = open("/dev/null", O_RDWR);
    show("/dev/null", prc(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, null, 0)));
    int zro = open("/dev/zero", O_RDONLY);
    show("/dev/zero O_RDONLY, shared writable", prc(mmap(NULL, PG, RW, MAP_SHARED, zro, 0)));
    show("/dev/zero O_RDONLY, private writable", prc(mmap(NULL, PG, RW, MAP_PRIVATE, zro, 0)));
    int path = open("private.dat", O_PATH);
    show("O_PATH descriptor", prc(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, path, 0)));
    int dir = open(".", O_RDONLY);
    show("directory", prc(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, dir, 0)));
    show("length 0", prc(mmap(NULL, 0, PROT_READ, MAP_PRIVATE, ro, 0)));
    show("no MAP_PRIVATE or MAP_SHARED", prc(mmap(NULL, PG, PROT_READ, MAP_ANONYMOUS, -1, 0)));
}

static long resident(char *p, long pages) {
    unsigned char vec[64];
    long bits = 0;
    if (mincore(p, pages * PG, vec) < 0) return -errno;
    for (long i = 0; i < pages; i++) bits |= (long)(vec[i] & 1) << i;
    return bits;
}

static void dontneed_and_mincore(void) {
    char *p = anon(16 * PG, MAP_PRIVATE);
    show("mincore fresh (bit per page)", resident(p, 16));
    p[0] = 1;
    p[3 * PG] = 3;
    p[7 * PG + 5] = 7;
    show("mincore after touching 0, 3, 7", resident(p, 16));
    show("madvise DONTNEED page 3", rc(madvise(p + 3 * PG, PG, MADV_DONTNEED)));
    show("page 3 reads zero again", p[3 * PG]);
    show("page 0 kept", p[0]);
    show("mincore after DONTNEED", resident(p, 16));
    show("madvise unaligned", rc(madvise(p + 1, PG, MADV_DONTNEED)));
    show("madvise WILLNEED", rc(madvise(p, PG, MADV_WILLNEED)));
    show("mincore unaligned", rc(mincore(p + 1, PG, (unsigned char[1]){0})));
    munmap(p + 8 * PG, PG);
    show("mincore over a hole", rc(mincore(p, 16 * PG, (unsigned char[16]){0})));
    show("madvise over a hole", rc(madvise(p, 16 * PG, MADV_DONTNEED)));

    long shmem = status_kb("RssShmem");
    char *s = anon(4 * PG, MAP_SHARED);
    s[PG] = 9;
    s[2 * PG] = 8;
    s[3 * PG + 5] = s[0];
    show("RssShmem grows by the touched pages (kB)", status_kb("RssShmem") - shmem);
    madvise(s, 4 * PG, MADV_DONTNEED);
    show("shared anon keeps data after DONTNEED", s[PG]);

    make_file("mincore.dat", PG + 10);
    int fd = open("mincore.dat", O_RDONLY);
    char *f = mmap(NULL, 4 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
    show("mincore of a file mapping (cached pages)", resident(f, 4));
    close(fd);
}

static void mremap_forms(void) {
    char *p = anon(3 * PG, MAP_PRIVATE);
    munmap(p + PG, 2 * PG);
    p[0] = 'g';
    char *g = mremap(p, PG, 3 * PG, 0);
    show("grow in place when free", g == p);
    g[2 * PG] = 'e';
    show("shrink", mremap(g, 3 * PG, PG, 0) == g);
    char *wall = mmap(p + PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    show("grow blocked without MAYMOVE", prc(mremap(p, PG, 2 * PG, 0)));
    char *m = mremap(p, PG, 4 * PG, MREMAP_MAYMOVE);
    show("MAYMOVE moved", m != p);
    printf("data preserved: %c, old address unmapped: %ld\n", m[0], resident(p, 1));
    char *target = anon(8 * PG, MAP_PRIVATE);
    munmap(target, 8 * PG);
    char *f = mremap(m, 4 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, target + 2 * PG);
    show("MREMAP_FIXED lands there", f == target + 2 * PG);
    printf("data preserved: %c\n", f[0]);
    show("FIXED without MAYMOVE", prc(mremap(f, PG, PG, MREMAP_FIXED, target)));
    show("unaligned old address", prc(mremap(f + 1, PG, PG, 0)));
    show("unmapped old address", prc(mremap(target, PG, PG, 0)));
    show("new length 0", prc(mremap(f, PG, 0, MREMAP_MAYMOVE)));
    munmap(wall, PG);

    char *s = anon(PG, MAP_SHARED);
    strcpy(s, "shared");
    char *sm = mremap(s, PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, target + 5 * PG);
    show("shared mapping moved", sm == target + 5 * PG);
    printf("its data came along: %s\n", sm);
    in_child(child_writes, sm);
    printf("moved shared mapping still shared: %s\n", sm);

    char *twin = mremap(sm, 0, PG, MREMAP_MAYMOVE);
    show("old length 0 on a shared mapping", prc(twin));
    strcpy(twin, "one object, two addresses");
    printf("the first mapping sees the second's write: %s\n", sm);
    show("old length 0 on a private mapping", prc(mremap(f, 0, PG, MREMAP_MAYMOVE)));

    /* (whether MREMAP_DONTUNMAP itself succeeds depends on the host kernel's build: only its argument checks) */
    char *d = anon(2 * PG, MAP_PRIVATE);
    show("DONTUNMAP with another length", prc(mremap(d, 2 * PG, PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP)));
    show("DONTUNMAP without MAYMOVE", prc(mremap(d, 2 * PG, 2 * PG, MREMAP_DONTUNMAP)));
}

static void locking(void) {
    char *p = anon(4 * PG, MAP_PRIVATE);
    show("VmLck before mlock (kB)", status_kb("VmLck"));
    show("mlock", rc(mlock(p + 10, 2 * PG)));
    show("mincore after mlock (pages 0..2)", resident(p, 4));
    show("VmLck after mlock of 3 pages (kB)", status_kb("VmLck"));
    show("mlock overlapping again", rc(mlock(p, 4 * PG)));
    show("VmLck after mlock of 4 pages (kB)", status_kb("VmLck"));
    show("munlock", rc(munlock(p, 4 * PG)));
    show("VmLck after munlock (kB)", status_kb("VmLck"));
    show("mlock of a hole", rc(mlock(p + 4 * PG + 1000 * PG, PG)));
    show("mlockall(0)", rc(mlockall(0)));
    show("mlockall(MCL_CURRENT|MCL_FUTURE)", rc(mlockall(MCL_CURRENT | MCL_FUTURE)));
    char *later = anon(3 * PG, MAP_PRIVATE);
    show("mapping under MCL_FUTURE is resident", resident(later, 3));
    show("madvise DONTNEED on locked", rc(madvise(later, PG, MADV_DONTNEED)));
    char *h0 = sbrk(0);
    sbrk(3 * PG);
    show("heap grown under MCL_FUTURE is resident", resident((char *)(((unsigned long)h0 + PG - 1) & ~(PG - 1)), 2));
    long locked = status_kb("VmLck");
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        printf("%-44s %ld\n", "a fork's child inherits no locks (VmLck kB)", status_kb("VmLck"));
        fflush(stdout);
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    show("the parent keeps its own", status_kb("VmLck") == locked && locked > 0);
    show("munlockall", rc(munlockall()));
    show("mlockall(MCL_CURRENT|MCL_FUTURE|MCL_ONFAULT)", rc(mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)));
    char *onfault = anon(3 * PG, MAP_PRIVATE);
    show("MCL_ONFAULT: a new mapping stays lazy", resident(onfault, 3));
    show("but counts as locked (VmLck grew, kB)", status_kb("VmLck") >= 12);
    munlockall();
    char *m2 = anon(4 * PG, MAP_PRIVATE);
    show("mlock2(MLOCK_ONFAULT)", rc(mlock2(m2, 4 * PG, MLOCK_ONFAULT)));
    show("... leaves the pages lazy", resident(m2, 4));
    show("VmLck after mlock2 (kB)", status_kb("VmLck"));
    show("mlock2 bad flags", rc(mlock2(m2, PG, 2)));
    show("mlock2(0) populates", rc(mlock2(m2, 2 * PG, 0)) == 0 ? resident(m2, 4) : -1);
    munlock(m2, 4 * PG);
    char *after = anon(3 * PG, MAP_PRIVATE);
    show("after munlockall lazy again", resident(after, 3));
    char *pop = mmap(NULL, 5 * PG, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    show("MAP_POPULATE resident", resident(pop, 5));
    char *nores = mmap(NULL, 5 * PG, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    show("MAP_NORESERVE", prc(nores));
    show("MAP_NORESERVE lazy", resident(nores, 5));
}

static void placement(void) {
    char *p = anon(2 * PG, MAP_PRIVATE);
    char *r = mmap(p, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    show("MAP_FIXED_NOREPLACE on a mapping", prc(r));
    munmap(p, 2 * PG);
    r = mmap(p, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    show("MAP_FIXED_NOREPLACE on a hole lands there", r == p);
    munmap(r, PG);

    /* room below it: a stack may not grow within the guard gap (256 pages) of another area */
    char *room = mmap(NULL, 600 * PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(room, 600 * PG);
    char *g = mmap(room + 598 * PG, 2 * PG, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN | MAP_FIXED, -1, 0);
    show("MAP_GROWSDOWN", prc(g));
    g[0] = 'd';
    g[-PG] = 'u';
    show("grew below its start", g[-PG] == 'u' && g[0] == 'd');
    show("the grown page is mapped", resident(g - PG, 1));
}

static sigjmp_buf recover;
static siginfo_t caught;

static void on_fault(int sig, siginfo_t *info, void *context) {
    (void)sig;
    (void)context;
    caught = *info;
    siglongjmp(recover, 1);
}

/* Touches *p; returns 0, or the signal it raised (handled) with its si_code, as signal * 100 + si_code. */
static long touch(volatile char *p) {
    if (sigsetjmp(recover, 1)) {
        return caught.si_signo * 100 + caught.si_code + (caught.si_addr == (void *)p ? 0 : 10000);
    }
    (void)*p;
    return 0;
}

static void child_touches(char *p) { (void)*(volatile char *)p; }

static void past_end_of_file(void) {
    struct sigaction sa = {0};
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGSEGV, &sa, NULL);
    make_file("short.dat", 100);
    int fd = open("short.dat", O_RDWR);
    char *p = mmap(NULL, 3 * PG, PROT_READ, MAP_SHARED, fd, 0);
    show("inside the file", touch(p + 50));
    show("past its end, same page (zeroes)", touch(p + 200) == 0 && p[200] == 0);
    show("a page past the end: SIGBUS, BUS_ADRERR", touch(p + PG));
    show("a page past the end, private", touch((char *)mmap(NULL, 2 * PG, PROT_READ, MAP_PRIVATE, fd, 0) + PG));
    ftruncate(fd, 3 * PG);
    show("after growing the file", touch(p + 2 * PG + 1));
    char *q = mmap(NULL, 3 * PG, PROT_READ, MAP_SHARED, fd, 0);
    char *w = mmap(NULL, 3 * PG, RW, MAP_PRIVATE, fd, 0);
    show("before truncating: a byte of page 1", touch(q + PG + 3));
    w[PG] = 'c';
    show("before truncating: a byte of page 0", q[50]);
    ftruncate(fd, 10);
    show("after truncating it", touch(q + 2 * PG));
    show("a page mapped before the truncation", touch(q + PG + 3));
    show("a private copy past the new end", touch(w + PG));
    show("the partial last page past the end reads 0", q[50]);
    show("... and before it the file", q[5]);
    show("unmapped address: SIGSEGV, SEGV_MAPERR", touch((char *)8));
    char *small = anon(PG, MAP_SHARED);
    char *grown = mremap(small, PG, 3 * PG, MREMAP_MAYMOVE);
    show("shared memory grown by mremap: first page", touch(grown));
    show("the pages past the object's size", touch(grown + 2 * PG));
    signal(SIGBUS, SIG_DFL);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        child_touches(q + PG);
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    show("unhandled: killed by signal", WIFSIGNALED(status) ? WTERMSIG(status) : -1);
    signal(SIGBUS, SIG_DFL);
    sigaction(SIGBUS, &sa, NULL);
    int t = open("short.dat", O_RDONLY | O_TRUNC);
    show("page 0 after an O_TRUNC open", touch(q));
    close(t);
    close(fd);
}

static void child_reports(char *p) { printf("%-44s %d\n", "the child reads", *(volatile char *)p); }

static void advice(void) {
    signal(SIGSEGV, SIG_DFL);
    char *a = anon(4 * PG, MAP_PRIVATE);
    int bad[] = {5, 6, 7, 25, 26, 100, -1};
    for (int i = 0; i < 7; i++) {
        char what[64];
        snprintf(what, sizeof what, "madvise advice %d", bad[i]);
        show(what, rc(madvise(a, PG, bad[i])));
    }
    char *s = anon(2 * PG, MAP_SHARED);
    show("MADV_FREE on shared memory", rc(madvise(s, PG, MADV_FREE)));
    show("MADV_FREE on private memory", rc(madvise(a, PG, MADV_FREE)));
    show("MADV_REMOVE on private memory", rc(madvise(a, PG, MADV_REMOVE)));
    int fd = open("private.dat", O_RDWR);
    char *pf = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 0);
    show("MADV_REMOVE on a private file mapping", rc(madvise(pf, PG, MADV_REMOVE)));
    show("MADV_WIPEONFORK on a file mapping", rc(madvise(pf, PG, MADV_WIPEONFORK)));
    show("MADV_POPULATE_WRITE on read-only", rc(madvise(pf, PG, MADV_POPULATE_WRITE)));
    show("MADV_POPULATE_READ", rc(madvise(pf, PG, MADV_POPULATE_READ)));
    char *lazy = anon(3 * PG, MAP_PRIVATE);
    show("MADV_POPULATE_WRITE", rc(madvise(lazy, 3 * PG, MADV_POPULATE_WRITE)));
    show("... made them resident", resident(lazy, 3));

    s[5] = 5;
    s[PG + 5] = 6;
    char *twin = mremap(s, 0, 2 * PG, MREMAP_MAYMOVE);
    show("MADV_REMOVE on shared memory", rc(madvise(s, PG, MADV_REMOVE)));
    show("its page reads zero, in both mappings", s[5] + twin[5]);
    show("the next page kept", twin[PG + 5]);
    char *sf = mmap(NULL, PG, RW, MAP_SHARED, fd, 0);
    sf[0] = 'R';
    msync(sf, PG, MS_SYNC);
    show("MADV_REMOVE on a shared file", rc(madvise(sf, PG, MADV_REMOVE)));
    printf("the file's bytes now: %d %d, the mapping's: %d\n", file_byte("private.dat", 0),
           file_byte("private.dat", 100), sf[0]);
    close(fd);

    char *keep = anon(2 * PG, MAP_PRIVATE);
    char *wipe = anon(2 * PG, MAP_PRIVATE);
    char *gone = anon(2 * PG, MAP_PRIVATE);
    keep[0] = wipe[0] = gone[0] = 9;
    show("MADV_WIPEONFORK", rc(madvise(wipe, 2 * PG, MADV_WIPEONFORK)));
    show("MADV_DONTFORK", rc(madvise(gone, PG, MADV_DONTFORK)));
    in_child(child_reports, keep);
    in_child(child_reports, wipe);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        child_reports(gone);
        _exit(0);
    }
    int status;
    waitpid(pid, &status, 0);
    show("a DONTFORK area is not in the child: signal", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    show("the parent keeps all three", keep[0] + wipe[0] + gone[0]);
    show("MADV_DOFORK", rc(madvise(gone, PG, MADV_DOFORK)));
    in_child(child_reports, gone);
    show("MADV_KEEPONFORK", rc(madvise(wipe, 2 * PG, MADV_KEEPONFORK)));
    in_child(child_reports, wipe);
}

int main(void) {
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    sharing_across_fork();
    shared_files();
    private_files();
    dontneed_and_mincore();
    mremap_forms();
    locking();
    placement();
    past_end_of_file();
    advice();
    return 0;
}
