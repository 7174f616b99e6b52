package dev.boardup.cpu;

/**
 * The architectural state of one x86-64 hardware thread in 64-bit user mode: the sixteen general
 * registers, RIP, the arithmetic flags, the FS/GS bases and the SSE registers.
 *
 * <p>Flags are kept one field each because almost every instruction writes several of them and
 * only a few read them; {@link #rflags()} assembles the architectural RFLAGS value on demand.
 */
public final class CpuState {
    public static final int RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7;
    public static final int R8 = 8, R9 = 9, R10 = 10, R11 = 11, R12 = 12, R13 = 13, R14 = 14, R15 = 15;

    public static final long FLAG_CF = 1L, FLAG_PF = 1L << 2, FLAG_AF = 1L << 4, FLAG_ZF = 1L << 6;
    public static final long FLAG_SF = 1L << 7, FLAG_TF = 1L << 8, FLAG_IF = 1L << 9, FLAG_DF = 1L << 10;
    public static final long FLAG_OF = 1L << 11, FLAG_AC = 1L << 18, FLAG_ID = 1L << 21;
    /** Bit 1 of RFLAGS always reads as one. */
    public static final long FLAG_FIXED = 1L << 1;

    public final long[] gpr = new long[16];
    public long rip;

    public boolean cf, pf, af, zf, sf, of, df;
    /** RFLAGS bits user code may toggle but that have no effect here (TF, AC, ID): kept so POPF/PUSHF round-trip. */
    public long otherFlags = FLAG_IF;

    public long fsBase, gsBase;

    /** XMM0..XMM15, two 64-bit lanes each: xmm[2*n] is the low quadword, xmm[2*n+1] the high one. */
    public final long[] xmm = new long[32];
    public int mxcsr = 0x1F80;

    /**
     * The x87 FPU: physical registers R0..R7, each an 80-bit extended value kept as its 64-bit significand
     * (explicit integer bit) and its 16-bit sign-and-exponent. ST(i) is R[(fpuTop + i) & 7]. Bit n of
     * {@link #fpuEmpty} marks Rn empty. {@link #fpuStatus} holds the status word without TOP (bits 11-13).
     */
    public final long[] fpuMantissa = new long[8];
    public final int[] fpuSignExponent = new int[8];
    public int fpuTop;
    public int fpuEmpty = 0xFF;
    public int fpuControl = 0x37F;
    public int fpuStatus;

    public long rflags() {
        long f = FLAG_FIXED | otherFlags;
        if (cf) f |= FLAG_CF;
        if (pf) f |= FLAG_PF;
        if (af) f |= FLAG_AF;
        if (zf) f |= FLAG_ZF;
        if (sf) f |= FLAG_SF;
        if (df) f |= FLAG_DF;
        if (of) f |= FLAG_OF;
        return f;
    }

    /** Loads the flags a user-mode POPF may change; IOPL, VM, RF and friends are not user-writable. */
    public void setRflags(long f) {
        cf = (f & FLAG_CF) != 0;
        pf = (f & FLAG_PF) != 0;
        af = (f & FLAG_AF) != 0;
        zf = (f & FLAG_ZF) != 0;
        sf = (f & FLAG_SF) != 0;
        df = (f & FLAG_DF) != 0;
        of = (f & FLAG_OF) != 0;
        otherFlags = (f & (FLAG_TF | FLAG_AC | FLAG_ID)) | FLAG_IF;
    }

    /** Copies every register of {@code other} into this state (fork, signal frames, debugger snapshots). */
    public void copyFrom(CpuState other) {
        System.arraycopy(other.gpr, 0, gpr, 0, 16);
        System.arraycopy(other.xmm, 0, xmm, 0, 32);
        rip = other.rip;
        cf = other.cf; pf = other.pf; af = other.af; zf = other.zf; sf = other.sf; of = other.of; df = other.df;
        otherFlags = other.otherFlags;
        fsBase = other.fsBase;
        gsBase = other.gsBase;
        mxcsr = other.mxcsr;
        System.arraycopy(other.fpuMantissa, 0, fpuMantissa, 0, 8);
        System.arraycopy(other.fpuSignExponent, 0, fpuSignExponent, 0, 8);
        fpuTop = other.fpuTop;
        fpuEmpty = other.fpuEmpty;
        fpuControl = other.fpuControl;
        fpuStatus = other.fpuStatus;
    }
}
