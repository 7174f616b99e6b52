package dev.boardup.kernel;

import dev.boardup.cpu.CpuState;

/**
 * Signal delivery for one process: the pending signals (standard ones once, real-time ones queued), their
 * dispositions' default actions, the alternate signal stack, and the x86-64 rt_sigframe that Linux's setup_rt_frame
 * builds on the user stack (return address = sa_restorer, ucontext with the saved registers, FP state, mask and
 * sigaltstack, siginfo), which rt_sigreturn reads back.
 */
final class Signals {
    static final long SA_NOCLDSTOP = 1, SA_NOCLDWAIT = 2, SA_ONSTACK = 0x08000000L;
    static final long SA_NODEFER = 0x40000000L, SA_RESETHAND = 0x80000000L, SA_RESTORER = 0x04000000L;
    static final long SA_RESTART = 0x10000000L;
    static final long SIG_DFL = 0, SIG_IGN = 1;
    static final int SIGKILL = 9, SIGSEGV = 11, SIGALRM = 14, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19;
    static final int SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22, SIGRTMIN = 32;
    /** si_code values. */
    static final int SI_USER = 0, SI_KERNEL = 0x80, SI_QUEUE = -1, SI_TKILL = -6, CLD_EXITED = 1, CLD_KILLED = 2;
    static final int CLD_STOPPED = 5, CLD_CONTINUED = 6;
    /** sigaltstack's ss_flags, and the smallest alternate stack it accepts. */
    static final int SS_ONSTACK = 1, SS_DISABLE = 2, SS_AUTODISARM = 1 << 31, MINSIGSTKSZ = 2048;
    /** The faults' signals, which Linux dequeues before any other: SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGSEGV, SIGSYS. */
    private static final long SYNCHRONOUS = bit(4) | bit(5) | bit(7) | bit(8) | bit(11) | bit(31);
    private static final long STOPS = bit(SIGSTOP) | bit(SIGTSTP) | bit(SIGTTIN) | bit(SIGTTOU);

    /** ucontext at frame+8, uc_mcontext at +48, uc_sigmask at +304, siginfo at +320: 448 bytes in all. */
    private static final int UC = 8, UC_STACK = UC + 16, MCONTEXT = 48, SIGMASK = 304, SIGINFO = 320, FRAME = 448;
    private static final int FPSTATE_SIZE = 512;
    /** sigcontext's general registers, in its order: r8..r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp. */
    private static final int[] SIGCONTEXT_GPRS = {CpuState.R8, CpuState.R9, CpuState.R10, CpuState.R11, CpuState.R12,
        CpuState.R13, CpuState.R14, CpuState.R15, CpuState.RDI, CpuState.RSI, CpuState.RBP, CpuState.RBX,
        CpuState.RDX, CpuState.RAX, CpuState.RCX, CpuState.RSP};

    /** What siginfo says about one pending signal; {@code raw} is a siginfo a process queued itself (sigqueue). */
    record Info(int signo, int code, int pid, long addr, int status, byte[] raw) {
        Info(int signo, int code, int pid, long addr, int status) {
            this(signo, code, pid, addr, status, null);
        }
    }

    /** What happens when a signal is delivered, given its disposition. */
    enum Action { HANDLE, IGNORE, STOP, TERMINATE }

    private final Kernel k;
    private long pending;
    @SuppressWarnings("unchecked")
    private final java.util.ArrayDeque<Info>[] queues = new java.util.ArrayDeque[65];
    /** The alternate signal stack (sas_ss_sp, sas_ss_size; size 0 = none) and its SS_AUTODISARM flag. */
    private long altSp, altSize;
    private int altFlags;
    /** The mask rt_sigsuspend replaced, which the handler's frame saves so that sigreturn puts it back. */
    private long suspendedMask;
    private boolean suspended;

    Signals(Kernel k) {
        this.k = k;
    }

    /** fork: the child inherits the alternate stack; its pending set starts empty. */
    void inherit(Signals parent) {
        altSp = parent.altSp;
        altSize = parent.altSize;
        altFlags = parent.altFlags;
    }

    /** execve: no alternate stack in the new program. */
    void exec() {
        altSp = 0;
        altSize = 0;
        altFlags = 0;
    }

    static long bit(int sig) {
        return 1L << (sig - 1);
    }

    private boolean blocked(int sig) {
        return (k.process.sigmask & bit(sig)) != 0;
    }

    /** The pending set, one bit per signal (for /proc/[pid]/status). */
    long pending() {
        return pending;
    }

    /**
     * Generates a signal, as Linux's send_signal: SIGCONT resumes a stopped process and cancels pending stops (a
     * stop cancels a pending SIGCONT); a signal that would be ignored is dropped unless blocked; a standard signal
     * already pending is not queued twice; real-time signals queue.
     */
    void post(Info info) {
        int sig = info.signo();
        if (sig == SIGCONT) {
            for (int stop : new int[] {SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU}) discard(stop);
            k.resume();
        } else if ((bit(sig) & STOPS) != 0) {
            discard(SIGCONT);
        }
        if (action(sig) == Action.IGNORE && !blocked(sig)) {
            // a traced process's ignored signals still reach it (sig_ignored spares ptraced tasks): strace shows them
            if (k.config.strace()) ignoredButTraced.add(info);
            return;
        }
        if (sig < SIGRTMIN && (pending & bit(sig)) != 0) return;
        if (queues[sig] == null) queues[sig] = new java.util.ArrayDeque<>();
        queues[sig].addLast(info);
        pending |= bit(sig);
    }

    /** Ignored signals that strace -f still sees delivered, in the order they came. */
    private final java.util.List<Info> ignoredButTraced = new java.util.ArrayList<>();

    /** strace's "--- SIG... ---" for each ignored signal that came since the process last ran. */
    /** Whether ignored signals wait to be shown: under ptrace, they would have woken a waiting call. */
    boolean ignoredButTracedPending() {
        return !ignoredButTraced.isEmpty();
    }

    void traceIgnored() {
        for (Info info : ignoredButTraced) traceIgnored(info);
        ignoredButTraced.clear();
    }

    /** An ignored signal reaches a traced process all the same: strace shows it, then it vanishes. */
    void traceIgnored(Info info) {
        if (k.config.strace() && !k.exited() && k.straceLog.tracesSignal(info.signo())) {
            k.straceLog.note(k, "--- SIG" + ProcessSyscalls.signame(info.signo()) + " " + describe(info) + " ---");
        }
    }

    /** Forgets every pending instance of {@code sig}. */
    void discard(int sig) {
        if (queues[sig] != null) queues[sig].clear();
        pending &= ~bit(sig);
    }

    /** Takes the oldest pending instance of {@code sig}. */
    Info dequeue(int sig) {
        Info info = queues[sig].pollFirst();
        if (queues[sig].isEmpty()) pending &= ~bit(sig);
        return info;
    }

    /** The next pending signal the mask lets through (faults first, then the lowest number), or 0. */
    int deliverable() {
        long ready = pending & ~k.process.sigmask;
        if (ready == 0) return 0;
        long sync = ready & SYNCHRONOUS;
        return Long.numberOfTrailingZeros(sync != 0 ? sync : ready) + 1;
    }

    /** rt_sigpending's answer: the pending signals that are blocked. */
    long pendingBlocked() {
        return pending & k.process.sigmask;
    }

    /** The first signal of {@code set} that is pending, or 0 (rt_sigtimedwait). */
    int pendingIn(long set) {
        long ready = pending & set;
        return ready == 0 ? 0 : Long.numberOfTrailingZeros(ready) + 1;
    }

    boolean hasHandler(int sig) {
        long h = k.sigactions[sig][0];
        return h != SIG_DFL && h != SIG_IGN;
    }

    static boolean ignoredByDefault(int sig) {
        return sig == SIGCHLD || sig == SIGCONT || sig == 23 || sig == 28;
    }

    Action action(int sig) {
        long h = k.sigactions[sig][0];
        if (sig == SIGKILL || sig == SIGSTOP) return sig == SIGKILL ? Action.TERMINATE : Action.STOP;
        if (h == SIG_IGN) return Action.IGNORE;
        if (h != SIG_DFL) return Action.HANDLE;
        if (ignoredByDefault(sig)) return Action.IGNORE;
        if ((bit(sig) & STOPS) != 0) return Action.STOP;
        return Action.TERMINATE;
    }

    /**
     * Acts on the deliverable pending signals before the process returns to user mode: ignored ones vanish, a
     * stop signal stops it, a fatal one kills, and each handled one gets its frame, the next one's frame above it
     * (so the last one set up runs first, as on Linux), while its handler's mask still lets signals through.
     * Returns true if a handler frame was set up.
     */
    boolean deliver() {
        traceIgnored();
        boolean framed = false;
        int sig;
        while (!k.exited() && !k.stopped() && (sig = deliverable()) != 0) {
            Info info = dequeue(sig);
            switch (action(sig)) {
                case IGNORE -> traceIgnored(info);
                case STOP -> k.stop(info);
                case TERMINATE -> {
                    k.kill(sig, ProcessSyscalls.signalMessage(sig), describe(info));
                    return false;
                }
                case HANDLE -> {
                    try {
                        setupFrame(info);
                        framed = true;
                    } catch (SyscallError unwritableStack) {
                        // force_sigsegv: a frame that cannot be written kills the process with SIGSEGV
                        k.kill(SIGSEGV, ProcessSyscalls.signalMessage(SIGSEGV), "{si_signo=SIGSEGV, si_code=SI_KERNEL,"
                                + " si_addr=NULL}");
                        return false;
                    }
                }
            }
        }
        return framed;
    }

    /** Whether a fault's signal can go to a handler now (caught and not blocked); else it kills, as force_sig. */
    boolean canHandleFault(int sig) {
        return hasHandler(sig) && !blocked(sig);
    }

    /** rt_sigsuspend: {@code mask} applies until a handler runs; the frame then saves the mask it replaced. */
    void suspend(long mask) {
        suspendedMask = k.process.sigmask;
        suspended = true;
        k.process.setMask(mask);
    }

    // ---- the alternate signal stack ----

    private boolean onAltStack(long sp) {
        return altSize != 0 && Long.compareUnsigned(sp, altSp) > 0 && Long.compareUnsigned(sp - altSp, altSize) <= 0;
    }

    /** sas_ss_flags: SS_DISABLE without an alternate stack, SS_ONSTACK while running on it, else 0. */
    private int altStackState(long sp) {
        if (altSize == 0) return SS_DISABLE;
        return onAltStack(sp) ? SS_ONSTACK : 0;
    }

    /**
     * sigaltstack: reports the current alternate stack (a stack_t: ss_sp, ss_flags, ss_size) and installs
     * {@code ss}'s: EPERM while running on it, EINVAL for unknown flags, ENOMEM below MINSIGSTKSZ.
     */
    long sigaltstack(long ss, long oss) {
        long sp = k.cpu.gpr[CpuState.RSP];
        long[] old = {altSp, altStackState(sp) | altFlags, altSize};
        if (ss != 0) {
            long newSp = k.user.read64(ss), newSize = k.user.read64(ss + 16);
            int flags = k.user.read32(ss + 8);
            if (onAltStack(sp)) throw new SyscallError(Errno.EPERM);
            int mode = flags & ~SS_AUTODISARM;
            if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0) throw new SyscallError(Errno.EINVAL);
            if (mode == SS_DISABLE) {
                newSp = 0;
                newSize = 0;
            } else if (Long.compareUnsigned(newSize, MINSIGSTKSZ) < 0) {
                throw new SyscallError(Errno.ENOMEM);
            }
            altSp = newSp;
            altSize = newSize;
            altFlags = flags & SS_AUTODISARM;
        }
        if (oss != 0) writeStack(oss, old[0], (int) old[1], old[2]);
        return 0;
    }

    private void writeStack(long at, long sp, int flags, long size) {
        byte[] b = new byte[24];
        java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(0, sp).putInt(8, flags)
                .putLong(16, size);
        k.user.write(at, b);
    }

    /** Where the frame goes: below the red zone, or at the top of the alternate stack for an SA_ONSTACK handler. */
    private long frameTop(long[] action) {
        long sp = k.cpu.gpr[CpuState.RSP];
        if ((action[1] & SA_ONSTACK) != 0 && altStackState(sp) == 0) return altSp + altSize;
        return sp - 128;
    }

    /**
     * Builds the rt_sigframe below the red zone (or on the alternate stack) and points the CPU at the handler. A
     * frame that does not fit on the alternate stack, or lands on unwritable memory, is a SyscallError(EFAULT).
     */
    void setupFrame(Info info) {
        CpuState cpu = k.cpu;
        long[] action = k.sigactions[info.signo()];
        long sp = frameTop(action);
        long fp = (sp - FPSTATE_SIZE) & ~63L;
        long frame = ((fp - FRAME) & ~15L) - 8;
        long userSp = cpu.gpr[CpuState.RSP];
        if (onAltStack(sp) && !onAltStack(frame)) throw new SyscallError(Errno.EFAULT);
        writeFpState(fp);
        UserMemory u = k.user;
        u.write(frame, new byte[FRAME]);
        u.write64(frame, (action[1] & SA_RESTORER) != 0 ? action[2] : 0);
        u.write64(frame + UC, 6); // UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS
        writeStack(frame + UC_STACK, altSp, altStackState(userSp) | altFlags, altSize);
        long savedMask = suspended ? suspendedMask : k.process.sigmask;
        suspended = false;
        long mc = frame + MCONTEXT;
        for (int i = 0; i < SIGCONTEXT_GPRS.length; i++) u.write64(mc + 8L * i, cpu.gpr[SIGCONTEXT_GPRS[i]]);
        u.write64(mc + 128, cpu.rip);
        u.write64(mc + 136, cpu.rflags());
        u.write64(mc + 144, 0x2b_0000_0000_0033L); // cs = 0x33, ss = 0x2b
        u.write64(mc + 152, 0); // err
        u.write64(mc + 160, info.signo() == SIGSEGV ? 14 : 0); // trapno: #PF for SIGSEGV
        u.write64(mc + 168, savedMask);
        u.write64(mc + 176, info.addr());
        u.write64(mc + 184, fp);
        u.write64(frame + SIGMASK, savedMask);
        writeSiginfo(frame + SIGINFO, info);
        if ((altFlags & SS_AUTODISARM) != 0 && onAltStack(sp)) {
            altSp = 0;
            altSize = 0;
            altFlags = 0;
        }
        long mask = k.process.sigmask | action[3];
        if ((action[1] & SA_NODEFER) == 0) mask |= bit(info.signo());
        k.process.setMask(mask);
        if ((action[1] & SA_RESETHAND) != 0) k.sigactions[info.signo()] = new long[4];
        if (k.config.strace() && k.straceLog.tracesSignal(info.signo())) {
            k.straceLog.note(k, "--- SIG" + ProcessSyscalls.signame(info.signo()) + " " + describe(info) + " ---");
        }
        cpu.gpr[CpuState.RSP] = frame;
        cpu.rip = action[0];
        cpu.gpr[CpuState.RDI] = info.signo();
        cpu.gpr[CpuState.RSI] = frame + SIGINFO;
        cpu.gpr[CpuState.RDX] = frame + UC;
        cpu.gpr[CpuState.RAX] = 0;
        cpu.df = false;
    }

    /**
     * rt_sigreturn: the handler's ret popped the return address, so the frame starts 8 below RSP. Registers, FP
     * state, mask and the alternate stack come back from it.
     */
    long sigreturn() {
        CpuState cpu = k.cpu;
        long frame = cpu.gpr[CpuState.RSP] - 8;
        UserMemory u = k.user;
        long mc = frame + MCONTEXT;
        long[] regs = new long[SIGCONTEXT_GPRS.length];
        for (int i = 0; i < regs.length; i++) regs[i] = u.read64(mc + 8L * i);
        long rip = u.read64(mc + 128), flags = u.read64(mc + 136), fp = u.read64(mc + 184);
        long mask = u.read64(frame + SIGMASK);
        long stackSp = u.read64(frame + UC_STACK), stackSize = u.read64(frame + UC_STACK + 16);
        int stackFlags = u.read32(frame + UC_STACK + 8);
        if (fp != 0) readFpState(fp);
        for (int i = 0; i < regs.length; i++) cpu.gpr[SIGCONTEXT_GPRS[i]] = regs[i];
        cpu.rip = rip;
        cpu.setRflags(flags);
        k.process.setMask(mask);
        restoreAltStack(stackSp, stackFlags, stackSize);
        return cpu.gpr[CpuState.RAX];
    }

    /** restore_altstack: the frame's stack_t is installed as sigaltstack would, and refused the same way. */
    private void restoreAltStack(long sp, int flags, long size) {
        if (onAltStack(k.cpu.gpr[CpuState.RSP])) return;
        int mode = flags & ~SS_AUTODISARM;
        if (mode == SS_DISABLE) {
            altSp = 0;
            altSize = 0;
            altFlags = flags & SS_AUTODISARM;
        } else if ((mode == 0 || mode == SS_ONSTACK) && Long.compareUnsigned(size, MINSIGSTKSZ) >= 0) {
            altSp = sp;
            altSize = size;
            altFlags = flags & SS_AUTODISARM;
        }
    }

    /** An fxsave image: FCW, MXCSR and XMM0-15 are what a handler can disturb that we restore. */
    private void writeFpState(long fp) {
        byte[] img = new byte[FPSTATE_SIZE];
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(img).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putShort(0, (short) k.cpu.fpuControl);
        b.putInt(24, k.cpu.mxcsr);
        b.putInt(28, 0xFFFF);
        for (int i = 0; i < 32; i++) b.putLong(160 + 8 * i, k.cpu.xmm[i]);
        k.user.write(fp, img);
    }

    private void readFpState(long fp) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(k.user.read(fp, FPSTATE_SIZE))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        k.cpu.fpuControl = b.getShort(0) & 0xFFFF;
        k.cpu.mxcsr = b.getInt(24);
        for (int i = 0; i < 32; i++) k.cpu.xmm[i] = b.getLong(160 + 8 * i);
    }

    /** A 128-byte siginfo_t at {@code at}. */
    void writeSiginfo(long at, Info info) {
        UserMemory u = k.user;
        if (info.raw() != null) {
            u.write(at, info.raw());
            u.write32(at, info.signo());
            return;
        }
        u.write(at, new byte[128]);
        u.write32(at, info.signo());
        u.write32(at + 8, info.code());
        if (info.code() <= 0 || info.signo() == SIGCHLD) {
            u.write32(at + 16, info.pid());
            u.write32(at + 20, Identity.UID);
            if (info.signo() == SIGCHLD) u.write32(at + 24, info.status());
        } else {
            u.write64(at + 16, info.addr());
        }
    }

    /** strace's rendering of a siginfo. */
    static String describe(Info info) {
        String name = "SIG" + ProcessSyscalls.signame(info.signo());
        String sender = ", si_pid=" + info.pid() + ", si_uid=" + Identity.UID;
        if (info.signo() == SIGCHLD && info.code() > 0) {
            String[] codes = {"", "CLD_EXITED", "CLD_KILLED", "CLD_DUMPED", "CLD_TRAPPED", "CLD_STOPPED",
                "CLD_CONTINUED"};
            String status = info.code() == CLD_EXITED ? Integer.toString(info.status())
                    : "SIG" + ProcessSyscalls.signame(info.status());
            return "{si_signo=" + name + ", si_code=" + codes[Math.min(info.code(), 6)] + sender + ", si_status="
                    + status + ", si_utime=0, si_stime=0}";
        }
        boolean fault = (bit(info.signo()) & SYNCHRONOUS) != 0;
        return switch (info.code()) {
            case SI_USER -> "{si_signo=" + name + ", si_code=SI_USER" + sender + "}";
            case SI_TKILL -> "{si_signo=" + name + ", si_code=SI_TKILL" + sender + "}";
            case SI_QUEUE -> {
                long value = info.raw() == null ? 0 : java.nio.ByteBuffer.wrap(info.raw())
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(24);
                yield "{si_signo=" + name + ", si_code=SI_QUEUE" + sender + ", si_int=" + (int) value + ", si_ptr="
                        + Strace.hex(value) + "}";
            }
            case SI_KERNEL -> "{si_signo=" + name + ", si_code=SI_KERNEL" + (fault ? ", si_addr=NULL" : "") + "}";
            default -> "{si_signo=" + name + ", si_code=" + info.code() + ", si_addr=" + Strace.pointer(info.addr())
                    + "}";
        };
    }
}
