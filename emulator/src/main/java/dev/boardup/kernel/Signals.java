package dev.boardup.kernel;

import dev.boardup.cpu.CpuState;

/**
 * Signal delivery for one process: pending signals, and the x86-64 rt_sigframe that Linux's setup_rt_frame builds
 * on the user stack (return address = sa_restorer, ucontext with the saved registers, FP state and mask, siginfo),
 * which rt_sigreturn reads back.
 */
final class Signals {
    static final long SA_NODEFER = 0x40000000L, SA_RESETHAND = 0x80000000L, SA_RESTORER = 0x04000000L;
    static final long SA_RESTART = 0x10000000L;
    static final long SIG_DFL = 0, SIG_IGN = 1;
    static final int SIGCHLD = 17;
    /** si_code values. */
    static final int SI_USER = 0, SI_KERNEL = 0x80, SI_TKILL = -6, CLD_EXITED = 1, CLD_KILLED = 2;

    /** ucontext at frame+8, uc_mcontext at +48, uc_sigmask at +304, siginfo at +320: 448 bytes in all. */
    private static final int UC = 8, MCONTEXT = 48, SIGMASK = 304, SIGINFO = 320, FRAME = 448;
    private static final int FPSTATE_SIZE = 512;
    /** sigcontext's general registers, in its order: r8..r15, rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp. */
    private static final int[] SIGCONTEXT_GPRS = {CpuState.R8, CpuState.R9, CpuState.R10, CpuState.R11, CpuState.R12,
        CpuState.R13, CpuState.R14, CpuState.R15, CpuState.RDI, CpuState.RSI, CpuState.RBP, CpuState.RBX,
        CpuState.RDX, CpuState.RAX, CpuState.RCX, CpuState.RSP};

    /** What siginfo says about one pending signal. */
    record Info(int signo, int code, int pid, long addr, int status) {}

    private final Kernel k;
    private long pending;
    private final Info[] infos = new Info[65];

    Signals(Kernel k) {
        this.k = k;
    }

    static long bit(int sig) {
        return 1L << (sig - 1);
    }

    /** Makes {@code info.signo()} pending (a standard signal already pending is not queued twice). */
    void post(Info info) {
        if ((pending & bit(info.signo())) != 0) return;
        pending |= bit(info.signo());
        infos[info.signo()] = info;
    }

    /** The pending set, one bit per signal (for /proc/[pid]/status). */
    long pending() {
        return pending;
    }

    /** The lowest pending signal the mask lets through, or 0. */
    int deliverable() {
        long ready = pending & ~k.process.sigmask;
        return ready == 0 ? 0 : Long.numberOfTrailingZeros(ready) + 1;
    }

    boolean hasHandler(int sig) {
        long h = k.sigactions[sig][0];
        return h != SIG_DFL && h != SIG_IGN;
    }

    static boolean ignoredByDefault(int sig) {
        return sig == SIGCHLD || sig == 18 || sig == 23 || sig == 28;
    }

    /**
     * Acts on every deliverable pending signal: ignored ones vanish, a default-fatal one kills, a handled one gets
     * its frame (the others then wait behind its mask). Returns true if a handler frame was set up.
     */
    boolean deliver() {
        int sig;
        while (!k.exited() && (sig = deliverable()) != 0) {
            pending &= ~bit(sig);
            Info info = infos[sig];
            long handler = k.sigactions[sig][0];
            if (handler == SIG_IGN || (handler == SIG_DFL && ignoredByDefault(sig))) continue;
            if (handler == SIG_DFL) {
                k.kill(sig, ProcessSyscalls.signalMessage(sig), describe(info));
                return false;
            }
            setupFrame(info);
            return true;
        }
        return false;
    }

    /** Whether a fault's signal can go to a handler now (caught and not blocked); else it kills, as force_sig. */
    boolean canHandleFault(int sig) {
        return hasHandler(sig) && (k.process.sigmask & bit(sig)) == 0;
    }

    /** Builds the rt_sigframe below the red zone and points the CPU at the handler. */
    void setupFrame(Info info) {
        CpuState cpu = k.cpu;
        long[] action = k.sigactions[info.signo()];
        long sp = cpu.gpr[CpuState.RSP] - 128;
        long fp = (sp - FPSTATE_SIZE) & ~63L;
        long frame = ((fp - FRAME) & ~15L) - 8;
        writeFpState(fp);
        UserMemory u = k.user;
        u.write(frame, new byte[FRAME]);
        u.write64(frame, (action[1] & SA_RESTORER) != 0 ? action[2] : 0);
        u.write64(frame + UC, 6); // UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS
        u.write32(frame + UC + 24, 2); // uc_stack.ss_flags = SS_DISABLE
        long mc = frame + MCONTEXT;
        for (int i = 0; i < SIGCONTEXT_GPRS.length; i++) u.write64(mc + 8L * i, cpu.gpr[SIGCONTEXT_GPRS[i]]);
        u.write64(mc + 128, cpu.rip);
        u.write64(mc + 136, cpu.rflags());
        u.write64(mc + 144, 0x2b_0000_0000_0033L); // cs = 0x33, ss = 0x2b
        u.write64(mc + 152, 0); // err
        u.write64(mc + 160, info.signo() == 11 ? 14 : 0); // trapno: #PF for SIGSEGV
        u.write64(mc + 168, k.process.sigmask);
        u.write64(mc + 176, info.addr());
        u.write64(mc + 184, fp);
        u.write64(frame + SIGMASK, k.process.sigmask);
        writeSiginfo(frame + SIGINFO, info);
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

    /** rt_sigreturn: the handler's ret popped the return address, so the frame starts 8 below RSP. */
    long sigreturn() {
        CpuState cpu = k.cpu;
        long frame = cpu.gpr[CpuState.RSP] - 8;
        UserMemory u = k.user;
        long mc = frame + MCONTEXT;
        long[] regs = new long[SIGCONTEXT_GPRS.length];
        for (int i = 0; i < regs.length; i++) regs[i] = u.read64(mc + 8L * i);
        long rip = u.read64(mc + 128), flags = u.read64(mc + 136), fp = u.read64(mc + 184);
        long mask = u.read64(frame + SIGMASK);
        if (fp != 0) readFpState(fp);
        for (int i = 0; i < regs.length; i++) cpu.gpr[SIGCONTEXT_GPRS[i]] = regs[i];
        cpu.rip = rip;
        cpu.setRflags(flags);
        k.process.setMask(mask);
        return cpu.gpr[CpuState.RAX];
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

    private void writeSiginfo(long at, Info info) {
        UserMemory u = k.user;
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
        return switch (info.code()) {
            case SI_USER -> "{si_signo=" + name + ", si_code=SI_USER, si_pid=" + info.pid() + ", si_uid="
                    + Identity.UID + "}";
            case SI_TKILL -> "{si_signo=" + name + ", si_code=SI_TKILL, si_pid=" + info.pid() + ", si_uid="
                    + Identity.UID + "}";
            default -> "{si_signo=" + name + ", si_code=" + info.code() + ", si_addr=" + Strace.pointer(info.addr())
                    + "}";
        };
    }
}
