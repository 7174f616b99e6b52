package dev.boardup.difftest;

import java.util.Arrays;

/**
 * Everything one differential case compares: the general registers, RIP, RFLAGS, the XMM registers, MXCSR, the
 * scratch memory and, if the instruction faulted, the vector (and for #PF the address) it faulted with.
 */
final class MachineState {
    static final String[] GPR_NAMES = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    static final int NO_FAULT = -1;

    final long[] gpr = new long[16];
    long rip;
    long rflags = 0x202;
    final long[] xmm = new long[32];
    int mxcsr = 0x1F80;
    /** FS and GS bases the instruction starts with (inputs only: no catalogued form changes them). */
    long fsBase;
    long gsBase;
    /** The x87 FPU as CpuState keeps it: physical registers R0..R7 (64-bit significand, sign+exponent). */
    final long[] fpuMantissa = new long[8];
    final int[] fpuSignExponent = new int[8];
    int fpuTop;
    int fpuEmpty = 0xFF;
    int fpuControl = 0x37F;
    /** The status word without TOP. */
    int fpuStatus;
    final byte[] mem = new byte[Layout.MEM_SIZE];
    int vector = NO_FAULT;
    long cr2;
    /** The #PF error code's W bit: was the faulting access a write. */
    boolean faultWasWrite;
    /** The instruction wrote into the scratch page outside the compared area. */
    boolean outsideWrite;

    MachineState copy() {
        MachineState s = new MachineState();
        System.arraycopy(gpr, 0, s.gpr, 0, 16);
        System.arraycopy(xmm, 0, s.xmm, 0, 32);
        System.arraycopy(mem, 0, s.mem, 0, mem.length);
        s.rip = rip;
        s.rflags = rflags;
        s.mxcsr = mxcsr;
        s.fsBase = fsBase;
        s.gsBase = gsBase;
        System.arraycopy(fpuMantissa, 0, s.fpuMantissa, 0, 8);
        System.arraycopy(fpuSignExponent, 0, s.fpuSignExponent, 0, 8);
        s.fpuTop = fpuTop;
        s.fpuEmpty = fpuEmpty;
        s.fpuControl = fpuControl;
        s.fpuStatus = fpuStatus;
        s.vector = vector;
        s.cr2 = cr2;
        s.faultWasWrite = faultWasWrite;
        s.outsideWrite = outsideWrite;
        return s;
    }

    long memQword(int offset) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (mem[offset + i] & 0xFF);
        }
        return v;
    }

    void setMemQword(int offset, long v) {
        for (int i = 0; i < 8; i++) {
            mem[offset + i] = (byte) (v >>> (8 * i));
        }
    }

    /** The registers as one line per group, for mismatch reports. */
    String describeRegisters() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(String.format("%s=%016x%s", GPR_NAMES[i], gpr[i], i % 4 == 3 ? "\n    " : " "));
        }
        sb.append(String.format("rip=%x rflags=%x [%s] mxcsr=%x", rip, rflags, flagNames(rflags), mxcsr));
        if (fpuEmpty != 0xFF || fpuControl != 0x37F || fpuStatus != 0 || fpuTop != 0) {
            sb.append(String.format("%n    x87 fcw=%x fsw=%x top=%d", fpuControl, fpuStatus, fpuTop));
            for (int i = 0; i < 8; i++) {
                int r = (fpuTop + i) & 7;
                if ((fpuEmpty & (1 << r)) == 0) {
                    sb.append(String.format(" st%d=%04x_%016x", i, fpuSignExponent[r] & 0xFFFF, fpuMantissa[r]));
                }
            }
        }
        if (vector != NO_FAULT) {
            sb.append(String.format(" FAULT vector %d", vector));
            if (vector == 14) {
                sb.append(String.format(" cr2=%x %s", cr2, faultWasWrite ? "write" : "read"));
            }
        }
        return sb.toString();
    }

    static String flagNames(long f) {
        StringBuilder sb = new StringBuilder();
        String[] names = {"CF", "", "PF", "", "AF", "", "ZF", "SF", "", "", "DF", "OF"};
        for (int bit = 0; bit < names.length; bit++) {
            if (!names[bit].isEmpty() && (f & (1L << bit)) != 0) {
                sb.append(sb.isEmpty() ? "" : " ").append(names[bit]);
            }
        }
        return sb.toString();
    }

    static String hex(byte[] bytes, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(String.format("%02x", bytes[i] & 0xFF));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describeRegisters() + " xmm=" + Arrays.toString(xmm);
    }
}
