package dev.boardup.cpu.exec;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import dev.boardup.cpu.CpuState;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The CPU's identity as CPUID reports it, and its time-stamp counter. The feature bits claim exactly what the
 * decoder and executor implement: FPU (x87), TSC, CX8, CMOV, SSE, SSE2, POPCNT, LZCNT. There is no FXSAVE
 * here, so FXSR is clear; nothing from SSE3 on, no AVX, no XSAVE.
 */
public final class Cpuid {
    private Cpuid() {
    }

    /** The vendor string, read by leaf 0 from EBX, EDX, ECX in that order. */
    private static final String VENDOR = "BoardupVirtC";
    private static final String BRAND = "boardup virtual x86-64 CPU";
    /** Family 6, model 0x0F, stepping 1: an arbitrary but fixed signature. */
    static final int SIGNATURE = 0x000006F1;

    static final int EDX_FPU = 1, EDX_TSC = 1 << 4, EDX_CX8 = 1 << 8, EDX_CMOV = 1 << 15, EDX_SSE = 1 << 25, EDX_SSE2 = 1 << 26;
    static final int ECX_POPCNT = 1 << 23;
    /** CPUID 0x80000001 ECX bit 5: ABM, i.e. LZCNT. */
    static final int EXT_ECX_ABM = 1 << 5;
    /** CPUID 0x80000001 EDX bit 29: long mode; bit 11: SYSCALL. */
    static final int EXT_EDX_LM = 1 << 29, EXT_EDX_SYSCALL = 1 << 11;

    private static final AtomicLong TSC = new AtomicLong(1_000_000);

    @TruffleBoundary
    static void execute(CpuState cpu) {
        int leaf = (int) cpu.gpr[CpuState.RAX];
        int[] r = leaf(leaf);
        cpu.gpr[CpuState.RAX] = r[0] & 0xFFFFFFFFL;
        cpu.gpr[CpuState.RBX] = r[1] & 0xFFFFFFFFL;
        cpu.gpr[CpuState.RCX] = r[2] & 0xFFFFFFFFL;
        cpu.gpr[CpuState.RDX] = r[3] & 0xFFFFFFFFL;
    }

    /** EAX, EBX, ECX, EDX for a leaf. Unknown leaves return zeros. */
    public static int[] leaf(int leaf) {
        switch (leaf) {
            case 0:
                return new int[] {1, word(VENDOR, 0), word(VENDOR, 8), word(VENDOR, 4)};
            case 1:
                return new int[] {SIGNATURE, 0x00010800, ECX_POPCNT,
                    EDX_FPU | EDX_TSC | EDX_CX8 | EDX_CMOV | EDX_SSE | EDX_SSE2};
            case 0x80000000:
                return new int[] {0x80000004, 0, 0, 0};
            case 0x80000001:
                return new int[] {SIGNATURE, 0, EXT_ECX_ABM, EXT_EDX_LM | EXT_EDX_SYSCALL};
            case 0x80000002, 0x80000003, 0x80000004: {
                int base = (leaf - 0x80000002) * 16;
                return new int[] {word(BRAND, base), word(BRAND, base + 4), word(BRAND, base + 8),
                    word(BRAND, base + 12)};
            }
            default:
                return new int[4];
        }
    }

    private static int word(String s, int from) {
        int w = 0;
        for (int i = 0; i < 4; i++) {
            int c = from + i < s.length() ? s.charAt(from + i) : 0;
            w |= c << (8 * i);
        }
        return w;
    }

    /** A monotonic virtual time-stamp count: strictly increasing across reads, shared by all threads. */
    @TruffleBoundary
    public static long timestamp() {
        return TSC.addAndGet(1024);
    }
}
