package dev.boardup.debug;

import dev.boardup.cpu.CpuState;
import dev.boardup.kernel.Kernel;
import java.util.ArrayList;
import java.util.List;

/**
 * Call frames by the frame-pointer chain: each frame's return address sits just above its saved RBP. The
 * innermost frame may still be in its prologue ({@code [endbr64;] push %rbp; mov %rsp,%rbp}) or at its
 * {@code ret}, where the chain is not set up yet or is gone; the bytes at pc and at the function's start tell which.
 */
final class Frames {
    private static final int MAX_FRAMES = 64;
    private static final byte PUSH_RBP = 0x55, RET = (byte) 0xC3;

    /** One frame: where it executes, and the stack slot holding the address it returns to. */
    record Frame(long pc, long returnSlot) {}

    private Frames() {
    }

    static List<Frame> unwind(Kernel k, Program program) {
        List<Frame> frames = new ArrayList<>();
        CpuState cpu = k.cpu();
        long pc = cpu.rip, rsp = cpu.gpr[CpuState.RSP], rbp = cpu.gpr[CpuState.RBP];
        try {
            for (int depth = 0; depth < MAX_FRAMES; depth++) {
                ElfImage.Symbol f = program.containing(pc);
                long slot, callerRbp;
                int stage = depth == 0 ? prologueStage(k, f, pc) : 2;
                if (stage == 0) {
                    slot = rsp;
                    callerRbp = rbp;
                } else if (stage == 1) {
                    slot = rsp + 8;
                    callerRbp = GuestMemory.readValue(k, rsp, 8);
                } else {
                    slot = rbp + 8;
                    callerRbp = GuestMemory.readValue(k, rbp, 8);
                }
                frames.add(new Frame(pc, slot));
                // Past main is the C library's business, as gdb's "backtrace past-main off" has it; and a function
                // built without frame pointers leaves RBP meaning nothing, so the chain cannot go on through it.
                if (f == null || f.name().equals("main") || f.name().equals("_start")) break;
                if (stage == 2 && (rbp == 0 || !hasFramePointer(k, f))) break;
                long ret = GuestMemory.readValue(k, slot, 8);
                if (ret == 0) break;
                pc = ret;
                rsp = slot + 8;
                rbp = callerRbp;
            }
        } catch (IllegalArgumentException unreadable) {
            // the chain leads out of mapped memory: the frames found so far are all there is
        }
        return frames;
    }

    /**
     * How far the innermost frame has set up: 0 before {@code push %rbp} or at a {@code ret} (return address at
     * RSP), 1 between the push and {@code mov %rsp,%rbp}, 2 with RBP its frame pointer.
     */
    private static int prologueStage(Kernel k, ElfImage.Symbol f, long pc) {
        if (GuestMemory.read(k, pc, 1)[0] == RET) return 0;
        if (f == null) return 2;
        byte[] start = GuestMemory.read(k, f.value(), 8);
        int push = isEndbr64(start) ? 4 : 0;
        if (start[push] != PUSH_RBP) return 2;
        long afterPush = f.value() + push + 1, afterMov = afterPush + 3;
        if (pc < afterPush) return 0;
        if (pc < afterMov) return 1;
        return 2;
    }

    /** Whether the function starts with {@code [endbr64;] push %rbp}: it keeps a frame pointer. */
    private static boolean hasFramePointer(Kernel k, ElfImage.Symbol f) {
        byte[] start = GuestMemory.read(k, f.value(), 5);
        return start[isEndbr64(start) ? 4 : 0] == PUSH_RBP;
    }

    private static boolean isEndbr64(byte[] b) {
        return b[0] == (byte) 0xF3 && b[1] == 0x0F && b[2] == 0x1E && b[3] == (byte) 0xFA;
    }
}
