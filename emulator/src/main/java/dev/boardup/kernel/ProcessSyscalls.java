package dev.boardup.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The process and its surroundings: exit, fork/vfork/clone, wait4, execve, ids, process groups, uname, arch_prctl,
 * time and interval timers, randomness, signal dispositions, masks and sending, limits.
 */
final class ProcessSyscalls {
    static final int PID = 1000, PPID = 999;
    static final String RELEASE = "6.1.0-boardup";
    /** uname's version field, which /proc/version ends with too. */
    static final String VERSION = "#1 SMP PREEMPT_DYNAMIC boardup";
    static final int ARCH_SET_GS = 0x1001, ARCH_SET_FS = 0x1002, ARCH_GET_FS = 0x1003, ARCH_GET_GS = 0x1004;
    static final int SIGKILL = 9, SIGSTOP = 19, NSIG = 64;
    static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
    static final long RLIM_INFINITY = -1L;
    static final int RLIMIT_STACK = 3;
    private static final long NANOS = 1_000_000_000L;

    private final Kernel k;
    long sigmask;
    /** set_tid_address's pointer: recorded for when threads exist (the kernel clears it at thread exit). */
    private long clearChildTid;
    private final long[][] rlimits;

    /** The process's calls; a forked child's start with its parent's signal mask and limits. */
    ProcessSyscalls(Kernel k, ProcessSyscalls parent) {
        this.k = k;
        this.rlimits = defaultLimits();
        if (parent != null) {
            this.sigmask = parent.sigmask;
            for (int i = 0; i < rlimits.length; i++) rlimits[i] = parent.rlimits[i].clone();
        }
    }

    void register() {
        k.register(60, "exit", a -> exit((int) a[0]), (a, r) -> Integer.toString((int) a[0]));
        k.register(231, "exit_group", a -> exit((int) a[0]), (a, r) -> Integer.toString((int) a[0]));
        k.register(39, "getpid", a -> k.pid, (a, r) -> "");
        k.register(186, "gettid", a -> k.pid, (a, r) -> "");
        k.register(110, "getppid", a -> k.ppid, (a, r) -> "");
        k.register(34, "pause", a -> {
            throw new Kernel.WouldBlock("pause without a signal to wake it");
        }, (a, r) -> "");
        k.register(130, "rt_sigsuspend", a -> sigsuspend(a[0], a[1]), (a, r) -> sigsetOut(a[0]) + ", " + a[1]);
        k.register(128, "rt_sigtimedwait", a -> sigtimedwait(a[0], a[1], a[2], a[3]),
                (a, r) -> sigsetOut(a[0]) + ", " + Strace.pointer(a[1]) + ", " + timespecOut(a[2], 0) + ", " + a[3]);
        k.register(129, "rt_sigqueueinfo", a -> sigqueueinfo((int) a[0], (int) a[1], a[2]),
                (a, r) -> a[0] + ", SIG" + signame((int) a[1]) + ", " + Strace.pointer(a[2]));
        k.register(131, "sigaltstack", a -> k.signals.sigaltstack(a[0], a[1]),
                (a, r) -> stackOut(a[0], 0) + ", " + stackOut(a[1], r));
        k.register(37, "alarm", a -> alarm(a[0] & 0xFFFF_FFFFL), (a, r) -> Long.toString(a[0] & 0xFFFF_FFFFL));
        k.register(38, "setitimer", a -> setitimer((int) a[0], a[1], a[2]),
                (a, r) -> itimerName(a[0]) + ", " + itimervalOut(a[1], 0) + ", " + itimervalOut(a[2], r));
        k.register(36, "getitimer", a -> getitimer((int) a[0], a[1]),
                (a, r) -> itimerName(a[0]) + ", " + itimervalOut(a[1], r));
        k.register(109, "setpgid", a -> setpgid((int) a[0], (int) a[1]), (a, r) -> a[0] + ", " + a[1]);
        k.register(121, "getpgid", a -> getpgid((int) a[0]), (a, r) -> Long.toString(a[0]));
        k.register(111, "getpgrp", a -> getpgid(0), (a, r) -> "");
        k.register(112, "setsid", a -> setsid(), (a, r) -> "");
        k.register(124, "getsid", a -> getsid((int) a[0]), (a, r) -> Long.toString(a[0]));
        k.register(59, "execve", a -> execve(a[0], a[1], a[2]), (a, r) -> execveOut(a[0], a[1], a[2]));
        k.register(57, "fork", a -> fork(0, 0, 0, 0), (a, r) -> "");
        k.register(58, "vfork", a -> fork(CLONE_VFORK, 0, 0, 0), (a, r) -> "");
        k.register(56, "clone", a -> clone(a[0], a[1], a[2], a[3], a[4]),
                (a, r) -> "child_stack=" + Strace.pointer(a[1]) + ", flags=" + cloneFlags(a[0])
                        + ((a[0] & CLONE_CHILD_SETTID) != 0 ? ", child_tidptr=" + Strace.pointer(a[3]) : ""));
        k.register(102, "getuid", a -> Identity.UID, (a, r) -> "");
        k.register(107, "geteuid", a -> Identity.UID, (a, r) -> "");
        k.register(104, "getgid", a -> Identity.GID, (a, r) -> "");
        k.register(108, "getegid", a -> Identity.GID, (a, r) -> "");
        k.register(24, "sched_yield", a -> 0, (a, r) -> "");
        k.register(63, "uname", a -> uname(a[0]), (a, r) -> r == 0
                ? "{sysname=\"Linux\", nodename=\"boardup\", ...}" : Strace.hex(a[0]));
        k.register(158, "arch_prctl", a -> archPrctl((int) a[0], a[1]),
                (a, r) -> archName(a[0]) + ", " + Strace.hex(a[1]));
        k.register(218, "set_tid_address", a -> setTidAddress(a[0]), (a, r) -> Strace.hex(a[0]));
        k.register(273, "set_robust_list", a -> a[1] == 24 ? 0 : -Errno.EINVAL,
                (a, r) -> Strace.hex(a[0]) + ", " + a[1]);
        k.register(228, "clock_gettime", a -> clockGettime((int) a[0], a[1]),
                (a, r) -> Strace.clock(a[0]) + ", " + timespecOut(a[1], r));
        k.register(229, "clock_getres", a -> clockGetres((int) a[0], a[1]),
                (a, r) -> Strace.clock(a[0]) + ", " + timespecOut(a[1], r));
        k.register(96, "gettimeofday", a -> gettimeofday(a[0], a[1]),
                (a, r) -> Strace.pointer(a[0]) + ", " + Strace.pointer(a[1]));
        k.register(201, "time", a -> time(a[0]), (a, r) -> Strace.pointer(a[0]));
        k.register(318, "getrandom", a -> getrandom(a[0], a[1], (int) a[2]),
                (a, r) -> randomOut(a[0], r) + ", " + a[1] + ", " + randomFlags(a[2]));
        // Restartable sequences need the kernel to rewrite the guest's critical sections on preemption; this
        // kernel has none, so it answers as a Linux built without CONFIG_RSEQ does and glibc carries on without.
        k.register(334, "rseq", a -> -Errno.ENOSYS,
                (a, r) -> Strace.pointer(a[0]) + ", " + Strace.hex(a[1]) + ", " + a[2] + ", " + Strace.hex(a[3]));
        k.register(13, "rt_sigaction", a -> rtSigaction((int) a[0], a[1], a[2], a[3]),
                (a, r) -> "SIG" + signame((int) a[0]) + ", " + sigactionOut(a[1], 0) + ", " + sigactionOut(a[2], r)
                        + ", " + a[3]);
        k.register(14, "rt_sigprocmask", a -> rtSigprocmask((int) a[0], a[1], a[2], a[3]),
                (a, r) -> howName(a[0]) + ", " + sigsetOut(a[1]) + ", "
                        + (r == 0 ? sigsetOut(a[2]) : Strace.pointer(a[2])) + ", " + a[3]);
        k.register(302, "prlimit64", a -> prlimit((int) a[0], (int) a[1], a[2], a[3]),
                (a, r) -> a[0] + ", " + resourceName(a[1]) + ", " + Strace.pointer(a[2]) + ", "
                        + rlimitOut(a[3], r));
        k.register(97, "getrlimit", a -> prlimit(0, (int) a[0], 0, a[1]),
                (a, r) -> resourceName(a[0]) + ", " + rlimitOut(a[1], r));
        k.register(35, "nanosleep", a -> sleep(a[0]), (a, r) -> timespecOut(a[0], 0) + ", " + Strace.pointer(a[1]));
        k.register(230, "clock_nanosleep", a -> clockNanosleep((int) a[0], (int) a[1], a[2]),
                (a, r) -> Strace.clock(a[0]) + ", " + (a[1] == 1 ? "TIMER_ABSTIME" : "0") + ", "
                        + timespecOut(a[2], 0) + ", " + Strace.pointer(a[3]));
        k.register(127, "rt_sigpending", a -> sigpending(a[0], a[1]), (a, r) -> sigsetOut(r == 0 ? a[0] : 0) + ", "
                + a[1]);
        k.register(61, "wait4", a -> wait4((int) a[0], a[1], (int) a[2], a[3]),
                (a, r) -> (int) a[0] + ", " + waitStatusOut(a[1], r) + ", " + waitOptions(a[2]) + ", "
                        + Strace.pointer(a[3]));
        k.register(62, "kill", a -> kill((int) a[0], (int) a[1], Signals.SI_USER),
                (a, r) -> a[0] + ", SIG" + signame((int) a[1]));
        k.register(15, "rt_sigreturn", a -> k.signals.sigreturn(), (a, r) -> "{mask=" + sigset(k.process.sigmask) + "}");
        k.register(234, "tgkill", a -> kill((int) a[1], (int) a[2], Signals.SI_TKILL),
                (a, r) -> a[0] + ", " + a[1] + ", SIG" + signame((int) a[2]));
    }

    private long exit(int status) {
        k.exit(status);
        return 0;
    }

    // ---- fork, clone, wait4 ----

    static final long CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_FILES = 0x400, CLONE_SIGHAND = 0x800;
    static final long CLONE_VFORK = 0x4000, CLONE_THREAD = 0x10000, CLONE_SETTLS = 0x80000;
    static final long CLONE_PARENT_SETTID = 0x100000, CLONE_CHILD_CLEARTID = 0x200000;
    static final long CLONE_CHILD_SETTID = 0x1000000;
    static final int WNOHANG = 1, WUNTRACED = 2, WCONTINUED = 8, WNOWAIT = 0x01000000;

    /**
     * clone as far as it makes a new process: fork-like flags only (the exit signal, the tid pointers, a new stack
     * or TLS). CLONE_VM|CLONE_VFORK, as posix_spawn and vfork use it, is served by a copy-on-write copy too: the
     * child only ever execs or exits, so sharing is not observable. Threads (sharing files, handlers or the address
     * space for good) are not supported: EINVAL.
     */
    private long clone(long flags, long newSp, long parentTid, long childTid, long tls) {
        long known = 0xFF | CLONE_VFORK | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID
                | CLONE_CHILD_SETTID;
        boolean vforkLike = (flags & (CLONE_VM | CLONE_VFORK)) == (CLONE_VM | CLONE_VFORK);
        if ((flags & ~known & ~(vforkLike ? CLONE_VM : 0)) != 0) throw new SyscallError(Errno.EINVAL);
        return fork(flags, newSp, parentTid, childTid, tls);
    }

    private long fork(long flags, long newSp, long parentTid, long childTid) {
        return fork(flags, newSp, parentTid, childTid, 0);
    }

    private long fork(long flags, long newSp, long parentTid, long childTid, long tls) {
        if (k.vforkChild != null) return vforkDone();
        Kernel child = k.fork();
        if (newSp != 0) child.cpu.gpr[dev.boardup.cpu.CpuState.RSP] = newSp;
        if ((flags & CLONE_SETTLS) != 0) child.cpu.fsBase = tls;
        if ((flags & CLONE_PARENT_SETTID) != 0) k.user.write32(parentTid, child.pid);
        if ((flags & CLONE_CHILD_SETTID) != 0) child.user.write32(childTid, child.pid);
        if ((flags & CLONE_CHILD_CLEARTID) != 0) child.process.clearChildTid = childTid;
        if ((flags & CLONE_VFORK) != 0) {
            k.vforkChild = child;
            return vforkDone();
        }
        return child.pid;
    }

    /** vfork's parent sleeps until its child has exec'd or ended (the retried call lands here, not in fork). */
    private long vforkDone() {
        Kernel child = k.vforkChild;
        if (!child.exited() && !child.execed) throw new Kernel.WouldBlock("vfork: the child neither execs nor exits");
        k.vforkChild = null;
        return child.pid;
    }

    /**
     * wait4: reaps an ended child matching {@code pid} (-1 any, > 0 that one, 0 this process's group, < -1 that
     * group) and reports its status; with WUNTRACED a stop, with WCONTINUED a continue, each once; 0 with WNOHANG
     * while the children still run; waits otherwise. ECHILD without a matching child.
     */
    private long wait4(int pid, long status, int options, long rusage) {
        if ((options & ~(WNOHANG | WUNTRACED | WCONTINUED | WNOWAIT | 0x20000000 | 0x40000000 | 0x80000000 | 4))
                != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        boolean any = false, consume = (options & WNOWAIT) == 0;
        for (Kernel child : k.procs.childrenOf(k.pid)) {
            if (!waitMatches(child, pid)) continue;
            any = true;
            int report = -1;
            if (child.exited()) {
                report = child.waitStatus();
            } else if ((options & WUNTRACED) != 0 && child.takeStopStatus(false) >= 0) {
                report = child.takeStopStatus(consume);
            } else if ((options & WCONTINUED) != 0 && child.takeContinueStatus(false) >= 0) {
                report = child.takeContinueStatus(consume);
            }
            if (report < 0) continue;
            if (status != 0) k.user.write32(status, report);
            if (rusage != 0) k.user.write(rusage, new byte[144]);
            if (child.exited() && consume) k.procs.reap(child);
            return child.pid;
        }
        if (!any) throw new SyscallError(Errno.ECHILD);
        if ((options & WNOHANG) != 0) return 0;
        throw new Kernel.WouldBlock("wait4 for a child that never ends");
    }

    private boolean waitMatches(Kernel child, int pid) {
        if (pid > 0) return child.pid == pid;
        if (pid == -1) return true;
        return child.pgid == (pid == 0 ? k.pgid : -pid);
    }

    /**
     * execve of a static ELF inside the sandbox: the address space is replaced, close-on-exec descriptors closed,
     * caught signals reset to their default (ignored ones stay ignored), and the new program starts at its entry.
     */
    private long execve(long pathVa, long argvVa, long envpVa) throws java.io.IOException {
        String path = k.user.readCString(pathVa, 4096);
        java.nio.file.Path host = k.sandbox.resolve(path);
        if (!java.nio.file.Files.exists(host)) throw new SyscallError(Errno.ENOENT);
        if (java.nio.file.Files.isDirectory(host) || !java.nio.file.Files.isExecutable(host)) {
            throw new SyscallError(Errno.EACCES);
        }
        java.util.List<String> argv = stringArray(argvVa), env = stringArray(envpVa);
        ElfFile elf;
        try {
            elf = ElfFile.parse(java.nio.file.Files.readAllBytes(host));
        } catch (BadExecutable e) {
            throw new SyscallError(Errno.ENOEXEC);
        }
        if (k.procs.loader() == null) throw new SyscallError(Errno.ENOSYS);
        k.space.clear();
        k.files.closeOnExec();
        k.signals.exec();
        k.execed = true;
        for (long[] action : k.sigactions) {
            if (action[0] != Kernel.SIG_IGN) java.util.Arrays.fill(action, 0);
        }
        k.cpu.copyFrom(new dev.boardup.cpu.CpuState());
        k.procs.loader().load(k, elf, host, path, argv, env);
        return 0;
    }

    /** A failed execve's arguments as strace shows them (a successful one is the new image's first line). */
    private String execveOut(long path, long argv, long envp) {
        byte[] p = k.user.readCStringBytes(path, 4096);
        java.util.StringJoiner args = new java.util.StringJoiner(", ", "[", "]");
        for (String a : stringArray(argv)) {
            byte[] b = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            args.add(Strace.buffer(b, b.length));
        }
        int envc = stringArray(envp).size();
        return Strace.quote(p, p.length, false) + ", " + (argv == 0 ? "NULL" : args.toString()) + ", "
                + Strace.pointer(envp) + (envp == 0 ? "" : " /* " + envc + " var" + (envc == 1 ? "" : "s") + " */");
    }

    /** A NULL-terminated array of string pointers (argv, envp). */
    private java.util.List<String> stringArray(long va) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (va == 0) return out;
        for (int i = 0; ; i++) {
            if (i > 65536) throw new SyscallError(Errno.E2BIG);
            long p = k.user.read64(va + 8L * i);
            if (p == 0) return out;
            out.add(k.user.readCString(p, 131072));
        }
    }

    private static String cloneFlags(long flags) {
        String f = Strace.flags(flags & ~0xFFL,
                new long[] {CLONE_VM, CLONE_VFORK, CLONE_SETTLS, CLONE_PARENT_SETTID, CLONE_CHILD_CLEARTID,
                    CLONE_CHILD_SETTID},
                new String[] {"CLONE_VM", "CLONE_VFORK", "CLONE_SETTLS", "CLONE_PARENT_SETTID",
                    "CLONE_CHILD_CLEARTID", "CLONE_CHILD_SETTID"}, "");
        String sig = (flags & 0xFF) != 0 ? "SIG" + signame((int) (flags & 0xFF)) : "";
        return f.isEmpty() ? (sig.isEmpty() ? "0" : sig) : (sig.isEmpty() ? f : f + "|" + sig);
    }

    // ---- identity and machine ----

    private long uname(long buf) {
        String[] fields = {"Linux", "boardup", RELEASE, VERSION, "x86_64", "(none)"};
        byte[] uts = new byte[6 * 65];
        for (int i = 0; i < fields.length; i++) {
            byte[] f = fields[i].getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(f, 0, uts, 65 * i, f.length);
        }
        k.user.write(buf, uts);
        return 0;
    }

    private long archPrctl(int code, long addr) {
        switch (code) {
            case ARCH_SET_FS, ARCH_SET_GS -> {
                if (addr < 0 || addr >= AddressSpace.STACK_TOP + AddressSpace.PAGE) throw new SyscallError(Errno.EPERM);
                if (code == ARCH_SET_FS) k.cpu.fsBase = addr;
                else k.cpu.gsBase = addr;
                return 0;
            }
            case ARCH_GET_FS -> k.user.write64(addr, k.cpu.fsBase);
            case ARCH_GET_GS -> k.user.write64(addr, k.cpu.gsBase);
            default -> throw new SyscallError(Errno.EINVAL);
        }
        return 0;
    }

    private long setTidAddress(long tidptr) {
        clearChildTid = tidptr;
        return k.pid;
    }

    // ---- time ----

    private long nowNanos(int clock) {
        return switch (clock) {
            case 0, 5, 11 -> k.procs.realtimeNanos();
            case 1, 4, 6, 7, 9 -> k.procs.monotonicNanos();
            case 2, 3 -> k.procs.monotonicNanos() - 1_000 * NANOS;
            default -> throw new SyscallError(Errno.EINVAL);
        };
    }

    private void writeTimespec(long va, long nanos) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, Math.floorDiv(nanos, NANOS)).putLong(8, Math.floorMod(nanos, NANOS));
        k.user.write(va, b.array());
    }

    private long clockGettime(int clock, long tp) {
        long now = nowNanos(clock);
        writeTimespec(tp, now);
        return 0;
    }

    private long clockGetres(int clock, long tp) {
        nowNanos(clock);
        if (tp != 0) writeTimespec(tp, clock == 5 || clock == 6 ? 4_000_000 : 1);
        return 0;
    }

    private long gettimeofday(long tv, long tz) {
        long now = nowNanos(0);
        if (tv != 0) {
            ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(0, now / NANOS).putLong(8, (now % NANOS) / 1000);
            k.user.write(tv, b.array());
        }
        if (tz != 0) k.user.write(tz, new byte[8]);
        return 0;
    }

    private long time(long tloc) {
        long seconds = nowNanos(0) / NANOS;
        if (tloc != 0) k.user.write64(tloc, seconds);
        return seconds;
    }

    private long readTimespec(long va) {
        long sec = k.user.read64(va), nsec = k.user.read64(va + 8);
        if (sec < 0 || nsec < 0 || nsec >= NANOS) throw new SyscallError(Errno.EINVAL);
        return sec > Long.MAX_VALUE / NANOS ? Long.MAX_VALUE : sec * NANOS + nsec;
    }

    private long sleep(long req) {
        if (k.wakeAt < 0) k.wakeAt = saturatingAdd(k.procs.monotonicNanos(), readTimespec(req));
        return sleepUntilWake();
    }

    private long clockNanosleep(int clock, int flags, long req) {
        if (k.wakeAt < 0) {
            long t = readTimespec(req);
            long now = nowNanos(clock);
            k.wakeAt = saturatingAdd(k.procs.monotonicNanos(), (flags & 1) != 0 ? t - now : t);
        }
        return sleepUntilWake();
    }

    /**
     * Sleeping on the virtual clock: the process waits until the scheduler, finding everyone asleep or waiting,
     * moves the clock to the earliest wake-up. The wake-up time is kept across the call's retries.
     */
    private long sleepUntilWake() {
        if (k.procs.monotonicNanos() < k.wakeAt) throw new Kernel.WouldBlock("sleep");
        k.wakeAt = -1;
        return 0;
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    // ---- randomness ----

    private long getrandom(long buf, long len, int flags) {
        if ((flags & ~7) != 0 || (flags & 6) == 6) throw new SyscallError(Errno.EINVAL);
        int n = (int) Math.min(len, 33554431);
        k.user.check(buf, n, true);
        byte[] bytes = new byte[n];
        k.config.layout().nextBytes(bytes);
        k.user.write(buf, bytes);
        return n;
    }

    // ---- signals: dispositions, masks, waiting for them, sending them ----

    private long rtSigaction(int sig, long act, long oldact, long sigsetsize) {
        if (sigsetsize != 8 || sig < 1 || sig > NSIG || (act != 0 && (sig == SIGKILL || sig == SIGSTOP))) {
            throw new SyscallError(Errno.EINVAL);
        }
        long[] next = null;
        if (act != 0) {
            next = new long[] {k.user.read64(act), k.user.read64(act + 8), k.user.read64(act + 16),
                k.user.read64(act + 24)};
        }
        if (oldact != 0) {
            long[] old = k.sigactions[sig];
            for (int i = 0; i < 4; i++) k.user.write64(oldact + 8L * i, old[i]);
        }
        if (next != null) {
            k.sigactions[sig] = next;
            // a disposition that ignores the signal drops what is pending of it, as POSIX asks
            if (k.signals.action(sig) == Signals.Action.IGNORE) k.signals.discard(sig);
        }
        return 0;
    }

    void setMask(long mask) {
        sigmask = mask & ~((1L << (SIGKILL - 1)) | (1L << (SIGSTOP - 1)));
    }

    private long rtSigprocmask(int how, long set, long oldset, long sigsetsize) {
        if (sigsetsize != 8) throw new SyscallError(Errno.EINVAL);
        long next = sigmask;
        if (set != 0) {
            long s = k.user.read64(set);
            next = switch (how) {
                case SIG_BLOCK -> sigmask | s;
                case SIG_UNBLOCK -> sigmask & ~s;
                case SIG_SETMASK -> s;
                default -> throw new SyscallError(Errno.EINVAL);
            };
        }
        if (oldset != 0) k.user.write64(oldset, sigmask);
        sigmask = next & ~((1L << (SIGKILL - 1)) | (1L << (SIGSTOP - 1)));
        return 0;
    }

    /** rt_sigpending: the signals that wait behind the mask. */
    private long sigpending(long set, long size) {
        if (size > 8) throw new SyscallError(Errno.EINVAL);
        byte[] bytes = new byte[(int) size];
        long pending = k.signals.pendingBlocked();
        for (int i = 0; i < size; i++) bytes[i] = (byte) (pending >>> (8 * i));
        k.user.write(set, bytes);
        return 0;
    }

    /** rt_sigsuspend: waits under a temporary mask until a handler runs, then fails with EINTR. */
    private long sigsuspend(long set, long size) {
        if (size != 8) throw new SyscallError(Errno.EINVAL);
        if (!k.retrying()) k.signals.suspend(k.user.read64(set));
        throw new Kernel.WouldBlock("sigsuspend without a signal to wake it");
    }

    /**
     * rt_sigtimedwait: takes a pending signal of {@code set} (usually blocked) without running its handler and
     * returns its number, filling a siginfo; waits for one, up to the timeout (EAGAIN when it passes).
     */
    private long sigtimedwait(long set, long info, long timeout, long size) {
        if (size != 8) throw new SyscallError(Errno.EINVAL);
        long wanted = k.user.read64(set) & ~(Signals.bit(SIGKILL) | Signals.bit(SIGSTOP));
        int sig = k.signals.pendingIn(wanted);
        if (sig != 0) {
            Signals.Info i = k.signals.dequeue(sig);
            if (info != 0) k.signals.writeSiginfo(info, i);
            k.waitingFor = 0;
            k.wakeAt = -1;
            return sig;
        }
        if (timeout != 0 && k.wakeAt < 0) k.wakeAt = saturatingAdd(k.procs.monotonicNanos(), readTimespec(timeout));
        if (timeout != 0 && k.procs.monotonicNanos() >= k.wakeAt) {
            k.wakeAt = -1;
            k.waitingFor = 0;
            throw new SyscallError(Errno.EAGAIN);
        }
        k.waitingFor = wanted;
        throw new Kernel.WouldBlock("sigtimedwait for a signal nobody sends");
    }

    /** A handled signal ended this waiting call with EINTR: a relative sleep reports the time it had left. */
    void interrupted(int number) {
        k.waitingFor = 0;
        long rem = switch (number) {
            case 35 -> k.cpu.gpr[dev.boardup.cpu.CpuState.RSI];
            case 230 -> (k.cpu.gpr[dev.boardup.cpu.CpuState.RSI] & 1) == 0 ? k.cpu.gpr[dev.boardup.cpu.CpuState.R10] : 0;
            default -> 0;
        };
        if (rem == 0 || k.wakeAt < 0) return;
        try {
            writeTimespec(rem, Math.max(0, k.wakeAt - k.procs.monotonicNanos()));
        } catch (SyscallError unwritable) {
            // Linux's restart block would fail the same call with EFAULT; the interruption is what matters here
        }
    }

    /**
     * kill/tgkill: the signal becomes pending in each target, delivered when it runs. pid > 0 is that process, 0
     * this process's group, -1 every process but this one, < -1 the group -pid. Zombies take signals silently.
     */
    private long kill(int pid, int sig, int code) {
        if (sig < 0 || sig > NSIG) throw new SyscallError(Errno.EINVAL);
        java.util.List<Kernel> targets = new java.util.ArrayList<>();
        for (Kernel t : k.procs.processes()) {
            boolean hit = pid > 0 ? t.pid == pid : pid == -1 ? t != k : t.pgid == (pid == 0 ? k.pgid : -pid);
            if (hit) targets.add(t);
        }
        if (targets.isEmpty()) throw new SyscallError(Errno.ESRCH);
        if (sig == 0) return 0;
        for (Kernel t : targets) {
            if (t.exited()) continue;
            if (sig == SIGKILL) {
                t.killedBy(sig);
                if (t != k) k.procs.ended(t); // the machine loop only sees the end of the process it runs
            } else {
                t.signals.post(new Signals.Info(sig, code, k.pid, 0, 0));
            }
        }
        return 0;
    }

    /**
     * rt_sigqueueinfo: the caller's own siginfo goes with the signal (sigqueue's value); a process may not forge a
     * kernel-made si_code for another process (EPERM).
     */
    private long sigqueueinfo(int pid, int sig, long info) {
        if (sig < 0 || sig > NSIG) throw new SyscallError(Errno.EINVAL);
        byte[] raw = k.user.read(info, 128);
        int code = java.nio.ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
        Kernel target = k.procs.find(pid);
        if (target == null || pid <= 0) throw new SyscallError(Errno.ESRCH);
        if ((code >= 0 || code == Signals.SI_TKILL) && target != k) throw new SyscallError(Errno.EPERM);
        if (sig == 0 || target.exited()) return 0;
        if (sig == SIGKILL) {
            target.killedBy(sig);
            if (target != k) k.procs.ended(target);
        } else {
            target.signals.post(new Signals.Info(sig, code, k.pid, 0, 0, raw));
        }
        return 0;
    }

    // ---- process groups and sessions ----

    /**
     * setpgid: this process or a child of it (not yet exec'd, same session) joins group {@code pgid} (0: its own
     * pid), which must be itself or a group of the session; a session leader cannot move.
     */
    private long setpgid(int pid, int pgid) {
        if (pgid < 0) throw new SyscallError(Errno.EINVAL);
        Kernel target = pid == 0 ? k : k.procs.find(pid);
        if (target == null || target.exited() || (target != k && target.ppid != k.pid)) {
            throw new SyscallError(Errno.ESRCH);
        }
        if (target != k && target.execed) throw new SyscallError(Errno.EACCES);
        if (target.sid != k.sid || target.sid == target.pid) throw new SyscallError(Errno.EPERM);
        int group = pgid == 0 ? target.pid : pgid;
        if (group != target.pid && !groupInSession(group, k.sid)) throw new SyscallError(Errno.EPERM);
        target.pgid = group;
        return 0;
    }

    private boolean groupInSession(int group, int session) {
        if (group == k.pgid) return true; // the group this process came with, whose leader may live outside
        for (Kernel p : k.procs.processes()) {
            if (!p.exited() && p.pgid == group && p.sid == session) return true;
        }
        return false;
    }

    private long getpgid(int pid) {
        Kernel target = pid == 0 ? k : k.procs.find(pid);
        if (target == null) throw new SyscallError(Errno.ESRCH);
        return target.pgid;
    }

    private long getsid(int pid) {
        Kernel target = pid == 0 ? k : k.procs.find(pid);
        if (target == null) throw new SyscallError(Errno.ESRCH);
        return target.sid;
    }

    /** setsid: a new session and group led by this process; EPERM if a group already bears its pid. */
    private long setsid() {
        for (Kernel p : k.procs.processes()) {
            if (p.pgid == k.pid) throw new SyscallError(Errno.EPERM);
        }
        k.sid = k.pid;
        k.pgid = k.pid;
        return k.pid;
    }

    // ---- interval timers ----

    static final int ITIMER_REAL = 0;
    private static final long MICROS = 1_000_000L;

    /** alarm: ITIMER_REAL in whole seconds; returns the old timer's seconds left, rounded as Linux does. */
    private long alarm(long seconds) {
        long now = k.procs.monotonicNanos();
        long left = k.realTimer.remaining(now);
        k.realTimer.set(now, seconds * NANOS, 0);
        long sec = left / NANOS, usec = (left % NANOS) / 1000;
        if ((sec == 0 && usec != 0) || usec >= 500_000) sec++;
        return sec;
    }

    private long setitimer(int which, long value, long old) {
        if (which != ITIMER_REAL) throw new SyscallError(Errno.EINVAL);
        long interval = 0, first = 0;
        if (value != 0) {
            interval = readTimeval(value);
            first = readTimeval(value + 16);
        }
        long now = k.procs.monotonicNanos();
        long[] before = {k.realTimer.interval(), k.realTimer.remaining(now)};
        k.realTimer.set(now, first, interval);
        if (old != 0) writeItimerval(old, before[0], before[1]);
        return 0;
    }

    private long getitimer(int which, long value) {
        if (which != ITIMER_REAL) throw new SyscallError(Errno.EINVAL);
        writeItimerval(value, k.realTimer.interval(), k.realTimer.remaining(k.procs.monotonicNanos()));
        return 0;
    }

    private long readTimeval(long va) {
        long sec = k.user.read64(va), usec = k.user.read64(va + 8);
        if (sec < 0 || usec < 0 || usec >= MICROS) throw new SyscallError(Errno.EINVAL);
        return sec > Long.MAX_VALUE / NANOS - 1 ? Long.MAX_VALUE : sec * NANOS + usec * 1000;
    }

    private void writeItimerval(long va, long interval, long value) {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, interval / NANOS).putLong(8, (interval % NANOS) / 1000);
        b.putLong(16, value / NANOS).putLong(24, (value % NANOS) / 1000);
        k.user.write(va, b.array());
    }

    static String signalMessage(int sig) {
        return switch (sig) {
            case 1 -> "Hangup";
            case 2 -> "Interrupt";
            case 3 -> "Quit";
            case 4 -> "Illegal instruction";
            case 5 -> "Trace/breakpoint trap";
            case 6 -> "Aborted";
            case 7 -> "Bus error";
            case 8 -> "Floating point exception";
            case 9 -> "Killed";
            case 11 -> "Segmentation fault";
            case 13 -> null; // shells say nothing about SIGPIPE
            case 14 -> "Alarm clock";
            case 15 -> "Terminated";
            default -> "Killed by signal " + sig;
        };
    }

    static String signame(int sig) {
        String[] names = {"0", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV",
            "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU",
            "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};
        return sig >= 0 && sig < names.length ? names[sig] : "RT_" + (sig - 32);
    }

    // ---- limits ----

    private static long[][] defaultLimits() {
        long[][] l = new long[16][];
        for (int i = 0; i < 16; i++) l[i] = new long[] {RLIM_INFINITY, RLIM_INFINITY};
        l[3] = new long[] {AddressSpace.STACK_LIMIT, RLIM_INFINITY};   // RLIMIT_STACK
        l[4] = new long[] {0, RLIM_INFINITY};                          // RLIMIT_CORE
        l[6] = new long[] {63471, 63471};                              // RLIMIT_NPROC
        l[7] = new long[] {FileTable.MAX_FDS, FileTable.MAX_FDS};      // RLIMIT_NOFILE
        l[8] = new long[] {8L << 20, 8L << 20};                        // RLIMIT_MEMLOCK
        l[11] = new long[] {63471, 63471};                             // RLIMIT_SIGPENDING
        l[12] = new long[] {819200, 819200};                           // RLIMIT_MSGQUEUE
        l[13] = new long[] {0, 0};                                     // RLIMIT_NICE
        l[14] = new long[] {0, 0};                                     // RLIMIT_RTPRIO
        return l;
    }

    /** A resource's soft limit, as getrlimit reports it. */
    long softLimit(int resource) {
        return rlimits[resource][0];
    }

    private long prlimit(int pid, int resource, long newLimit, long oldLimit) {
        if (pid != 0 && pid != k.pid) throw new SyscallError(Errno.ESRCH);
        if (resource < 0 || resource >= rlimits.length) throw new SyscallError(Errno.EINVAL);
        long[] next = null;
        if (newLimit != 0) {
            next = new long[] {k.user.read64(newLimit), k.user.read64(newLimit + 8)};
            if (Long.compareUnsigned(next[0], next[1]) > 0) throw new SyscallError(Errno.EINVAL);
            if (Long.compareUnsigned(next[1], rlimits[resource][1]) > 0) throw new SyscallError(Errno.EPERM);
        }
        if (oldLimit != 0) {
            k.user.write64(oldLimit, rlimits[resource][0]);
            k.user.write64(oldLimit + 8, rlimits[resource][1]);
        }
        if (next != null) rlimits[resource] = next;
        if (next != null && resource == RLIMIT_STACK) k.space.setStackLimit(next[0]);
        return 0;
    }

    // ---- strace rendering ----

    private static String archName(long code) {
        return switch ((int) code) {
            case ARCH_SET_GS -> "ARCH_SET_GS";
            case ARCH_SET_FS -> "ARCH_SET_FS";
            case ARCH_GET_FS -> "ARCH_GET_FS";
            case ARCH_GET_GS -> "ARCH_GET_GS";
            default -> Strace.hex(code) + " /* ARCH_??? */";
        };
    }

    private String timespecOut(long va, long r) {
        if (r != 0 || va == 0 || !k.user.readable(va, 16)) return Strace.pointer(va);
        return "{tv_sec=" + k.user.read64(va) + ", tv_nsec=" + k.user.read64(va + 8) + "}";
    }

    private String rlimitOut(long va, long r) {
        if (r != 0 || va == 0 || !k.user.readable(va, 16)) return Strace.pointer(va);
        return "{rlim_cur=" + limit(k.user.read64(va)) + ", rlim_max=" + limit(k.user.read64(va + 8)) + "}";
    }

    private static String limit(long v) {
        if (v == RLIM_INFINITY) return "RLIM64_INFINITY";
        if (v != 0 && v % 1024 == 0) return (v / 1024) + "*1024";
        return Long.toString(v);
    }

    private static String resourceName(long r) {
        String[] names = {"RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_CORE", "RLIMIT_RSS",
            "RLIMIT_NPROC", "RLIMIT_NOFILE", "RLIMIT_MEMLOCK", "RLIMIT_AS", "RLIMIT_LOCKS", "RLIMIT_SIGPENDING",
            "RLIMIT_MSGQUEUE", "RLIMIT_NICE", "RLIMIT_RTPRIO", "RLIMIT_RTTIME"};
        return r >= 0 && r < names.length ? names[(int) r] : Long.toString(r);
    }

    private static String howName(long how) {
        return switch ((int) how) {
            case SIG_BLOCK -> "SIG_BLOCK";
            case SIG_UNBLOCK -> "SIG_UNBLOCK";
            case SIG_SETMASK -> "SIG_SETMASK";
            default -> Long.toString(how);
        };
    }

    /** A sigset as strace shows it: [USR1 ALRM], or ~[...] when most bits are set. */
    /** wait4's status as strace decodes it: "[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]", once a child reported. */
    private String waitStatusOut(long va, long r) {
        if (r <= 0 || va == 0 || !k.user.readable(va, 4)) return Strace.pointer(va);
        int s = k.user.read32(va);
        String what;
        if ((s & 0x7f) == 0) {
            what = "WIFEXITED(s) && WEXITSTATUS(s) == " + ((s >> 8) & 0xff);
        } else if ((s & 0xff) == 0x7f) {
            what = "WIFSTOPPED(s) && WSTOPSIG(s) == SIG" + signame((s >> 8) & 0xff);
        } else if (s == 0xffff) {
            what = "WIFCONTINUED(s)";
        } else {
            what = "WIFSIGNALED(s) && WTERMSIG(s) == SIG" + signame(s & 0x7f) + ((s & 0x80) != 0 ? " && WCOREDUMP(s)"
                    : "");
        }
        return "[{" + what + "}]";
    }

    private static String waitOptions(long options) {
        return Strace.flags(options & 0xFFFF_FFFFL,
                new long[] {WNOHANG, WUNTRACED, 4, WCONTINUED, WNOWAIT, 0x20000000, 0x40000000, 0x80000000L},
                new String[] {"WNOHANG", "WSTOPPED", "WEXITED", "WCONTINUED", "WNOWAIT", "__WNOTHREAD", "__WALL",
                    "__WCLONE"}, "0");
    }

    private static final long SA_RESTORER = 0x04000000;

    /** A struct sigaction: "{sa_handler=..., sa_mask=[...], sa_flags=..., sa_restorer=...}" (no restorer without
     * SA_RESTORER); {@code r} is the call's result, an old action being written only on success. */
    private String sigactionOut(long va, long r) {
        if (va == 0) return "NULL";
        if (r != 0 || !k.user.readable(va, 32)) return Strace.pointer(va);
        long handler = k.user.read64(va), flags = k.user.read64(va + 8), restorer = k.user.read64(va + 16);
        String h = handler == Signals.SIG_DFL ? "SIG_DFL" : handler == Signals.SIG_IGN ? "SIG_IGN" : Strace.hex(handler);
        String f = Strace.flags(flags, new long[] {SA_RESTORER, 0x08000000, 0x10000000, 0x40000000, 0x80000000L, 4, 1,
            2}, new String[] {"SA_RESTORER", "SA_ONSTACK", "SA_RESTART", "SA_NODEFER", "SA_RESETHAND", "SA_SIGINFO",
                "SA_NOCLDSTOP", "SA_NOCLDWAIT"}, "0");
        return "{sa_handler=" + h + ", sa_mask=" + sigset(k.user.read64(va + 24)) + ", sa_flags=" + f
                + ((flags & SA_RESTORER) != 0 ? ", sa_restorer=" + Strace.hex(restorer) : "") + "}";
    }

    private String sigsetOut(long va) {
        if (va == 0) return "NULL";
        if (!k.user.readable(va, 8)) return Strace.pointer(va);
        return sigset(k.user.read64(va));
    }

    static String sigset(long set) {
        boolean inverted = Long.bitCount(set) > 32;
        if (inverted) set = ~set;
        java.util.StringJoiner j = new java.util.StringJoiner(" ", inverted ? "~[" : "[", "]");
        for (int sig = 1; sig <= NSIG; sig++) {
            if ((set & Signals.bit(sig)) != 0) j.add(signame(sig));
        }
        return j.toString();
    }

    private String stackOut(long va, long r) {
        if (va == 0 || r != 0 || !k.user.readable(va, 24)) return Strace.pointer(va);
        int flags = k.user.read32(va + 8);
        String f = Strace.flags(flags & 0xFFFFFFFFL, new long[] {Signals.SS_ONSTACK, Signals.SS_DISABLE,
            Signals.SS_AUTODISARM & 0xFFFFFFFFL}, new String[] {"SS_ONSTACK", "SS_DISABLE", "SS_AUTODISARM"}, "0");
        return "{ss_sp=" + Strace.pointer(k.user.read64(va)) + ", ss_flags=" + f + ", ss_size="
                + k.user.read64(va + 16) + "}";
    }

    private static String itimerName(long which) {
        return switch ((int) which) {
            case 0 -> "ITIMER_REAL";
            case 1 -> "ITIMER_VIRTUAL";
            case 2 -> "ITIMER_PROF";
            default -> Long.toString(which);
        };
    }

    private String itimervalOut(long va, long r) {
        if (va == 0 || r != 0 || !k.user.readable(va, 32)) return Strace.pointer(va);
        return "{it_interval={tv_sec=" + k.user.read64(va) + ", tv_usec=" + k.user.read64(va + 8)
                + "}, it_value={tv_sec=" + k.user.read64(va + 16) + ", tv_usec=" + k.user.read64(va + 24) + "}}";
    }

    /** strace shows random bytes all in \\x form. */
    private String randomOut(long va, long r) {
        if (r <= 0 || !k.user.readable(va, Math.min(r, Strace.MAX_STRING))) return Strace.hex(va);
        byte[] b = k.user.read(va, (int) Math.min(r, Strace.MAX_STRING));
        StringBuilder sb = new StringBuilder("\"");
        for (byte x : b) sb.append(String.format("\\x%02x", x & 0xFF));
        sb.append('"');
        if (r > Strace.MAX_STRING) sb.append("...");
        return sb.toString();
    }

    private static String randomFlags(long f) {
        return Strace.flags(f, new long[] {1, 2, 4}, new String[] {"GRND_NONBLOCK", "GRND_RANDOM", "GRND_INSECURE"},
                "0");
    }
}
