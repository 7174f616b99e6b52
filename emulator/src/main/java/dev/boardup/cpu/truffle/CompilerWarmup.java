package dev.boardup.cpu.truffle;

import com.oracle.truffle.runtime.OptimizedCallTarget;
import dev.boardup.cpu.decode.Decoder;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.memory.Mmu;
import dev.boardup.memory.VirtualMemory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Starts the Graal compiler early, on a small region of typical guest code that never runs. Graal runs as ordinary
 * Java on a stock JDK: its first compilation also loads and warms up the compiler itself, which took seconds on
 * this project's 2-core machines while the guest waited for its hot loop to compile. Compiling a stand-in region
 * on the compiler thread while the machine boots and the guest starts moves that cost off the critical path.
 */
final class CompilerWarmup {
    /**
     * A loop over an array, then a PUSH, a byte load and a branch: common gcc -O2 instructions, so their semantics
     * are partially evaluated once before real code needs them. Kept small: on a loaded machine every second of
     * compiler time delays the guest's own compilations.
     */
    private static final byte[] CODE = HexFormat.of().parseHex(
            "488b04cf4801c248895608488d49014c39c172ec530fb60685c07410");
    private static final long BASE = 0x400000;

    private static boolean started;

    private CompilerWarmup() {
    }

    /** Queues the stand-in region for compilation, once per JVM. */
    static synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        TruffleEngine owner = new TruffleEngine(TruffleEngine.DEFAULT_HOT_THRESHOLD, false);
        RegionRoot region = new RegionRoot(owner, blocks(), Mmu.class);
        if (region.getCallTarget() instanceof OptimizedCallTarget target) {
            target.compile(true);
        }
    }

    /** The stand-in code's blocks, each profiled with the successors it would have. */
    private static List<GuestBlock> blocks() {
        VirtualMemory memory = new CodeBytes();
        Map<Long, GuestBlock> byStart = new HashMap<>();
        List<GuestBlock> blocks = new ArrayList<>();
        long pc = BASE;
        while (pc < BASE + CODE.length) {
            List<Instruction> insns = new ArrayList<>();
            Instruction insn;
            do {
                insn = Decoder.decode(memory, pc);
                insns.add(insn);
                pc = insn.next();
            } while (!insn.endsBlock() && pc < BASE + CODE.length);
            GuestBlock block = new GuestBlock(insns.toArray(new Instruction[0]));
            blocks.add(block);
            byStart.put(block.start, block);
        }
        for (GuestBlock block : blocks) {
            Instruction last = block.instructions[block.size() - 1];
            if (last.operandCount() > 0 && last.operand(0).kind == dev.boardup.cpu.decode.Operand.REL) {
                block.noteSuccessor(last.operand(0).imm);
            }
            block.noteSuccessor(block.end);
            if (!byStart.containsKey(block.end)) {
                block.megamorphic = true;
            }
        }
        return blocks;
    }

    /** Read-only memory holding the stand-in code at {@link #BASE}; only the decoder reads it. */
    private static final class CodeBytes implements VirtualMemory {
        @Override
        public byte fetch8(long va) {
            return read8(va);
        }

        @Override
        public byte read8(long va) {
            long off = va - BASE;
            return off >= 0 && off < CODE.length ? CODE[(int) off] : (byte) 0x90;
        }

        @Override
        public short read16(long va) {
            return (short) (read8(va) & 0xFF | read8(va + 1) << 8);
        }

        @Override
        public int read32(long va) {
            return read16(va) & 0xFFFF | read16(va + 2) << 16;
        }

        @Override
        public long read64(long va) {
            return read32(va) & 0xFFFFFFFFL | (long) read32(va + 4) << 32;
        }

        @Override
        public void write8(long va, byte value) {
            throw new IllegalStateException("the warm-up code is never run");
        }

        @Override
        public void write16(long va, short value) {
            write8(va, (byte) value);
        }

        @Override
        public void write32(long va, int value) {
            write8(va, (byte) value);
        }

        @Override
        public void write64(long va, long value) {
            write8(va, (byte) value);
        }
    }
}
