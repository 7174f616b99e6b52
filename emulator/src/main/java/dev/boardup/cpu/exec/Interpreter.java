package dev.boardup.cpu.exec;

import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.Engine;
import dev.boardup.cpu.decode.Decoder;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.memory.Mmu;
import dev.boardup.memory.VirtualMemory;
import java.util.Arrays;

/**
 * The reference engine: fetch-decode-execute one instruction at a time, with a direct-mapped cache of decoded
 * instructions keyed by address so hot code is not decoded again on every pass; one cache for each of the few
 * address spaces run most recently, so processes taking turns (a pipe, a fork and wait) keep theirs.
 */
public final class Interpreter implements Engine {
    /** Address spaces whose decoded code is kept at once; another one replaces the least recently run. */
    private static final int SPACES = 4;

    private final DecodedCode[] spaces = new DecodedCode[SPACES];
    /** spaces[0], the address space running now. */
    private DecodedCode current;
    private long retired;

    @Override
    public Stop run(CpuState cpu, VirtualMemory memory, long instructionBudget) {
        DecodedCode code = current;
        if (code == null || code.memory != memory) {
            code = switchTo(memory);
        }
        long n = 0; // counted here, not in the field: a store per instruction that the JIT cannot drop
        try {
            while (n < instructionBudget) {
                Instruction insn = code.fetch(cpu.rip);
                int result = Executor.execute(insn, cpu, memory);
                n++;
                if (result == Executor.SYSCALL) {
                    return Stop.SYSCALL;
                }
            }
            return Stop.BUDGET;
        } finally {
            retired += n; // a faulting instruction is not retired
        }
    }

    /** Makes memory's cache the current one (most recently used first), reusing the oldest when it has none. */
    private DecodedCode switchTo(VirtualMemory memory) {
        int i = 0;
        while (i < SPACES - 1 && spaces[i] != null && spaces[i].memory != memory) {
            i++;
        }
        DecodedCode code = spaces[i];
        if (code == null) {
            code = new DecodedCode();
        }
        if (code.memory != memory) {
            // another address space (another process, or a debugger's view): its code at these addresses may differ
            code.reset(memory);
        }
        System.arraycopy(spaces, 0, spaces, 1, i);
        spaces[0] = code;
        current = code;
        return code;
    }

    /** Every address space's cache forgets its code in the range: a shared mapping may be code in several. */
    @Override
    public void invalidate(long start, long end) {
        for (DecodedCode code : spaces) {
            if (code != null) code.invalidate(start, end);
        }
    }

    @Override
    public long instructionsRetired() {
        return retired;
    }

    @Override
    public String name() {
        return "interpreter";
    }

    /** The decoded instructions of one address space. */
    private static final class DecodedCode {
        /**
         * 64K slots indexed by the low 16 address bits: code within any 64 KiB window never collides. (4096 slots
         * made glibc's malloc and printf paths evict each other: 8-17% of all instructions were decoded again.)
         */
        private static final int SIZE = 1 << 16;
        private static final int MAX_INSN_LENGTH = 15;

        private final Instruction[] slots = new Instruction[SIZE];
        private VirtualMemory memory;
        /** Bounds of the bytes of every instruction decoded since the reset: invalidating elsewhere is free. */
        private long lowest = Long.MAX_VALUE, highest = Long.MIN_VALUE;

        void reset(VirtualMemory memory) {
            Arrays.fill(slots, null);
            lowest = Long.MAX_VALUE;
            highest = Long.MIN_VALUE;
            this.memory = memory;
        }

        Instruction fetch(long rip) {
            int slot = slot(rip);
            Instruction insn = slots[slot];
            if (insn == null || insn.address != rip) {
                insn = Decoder.decode(memory, rip);
                if (memory instanceof Mmu mmu) {
                    // guest stores into these pages must reach invalidate (self-modifying code, a guest JIT)
                    mmu.markCodePage(rip);
                    mmu.markCodePage(rip + insn.length - 1);
                }
                lowest = Math.min(lowest, rip);
                highest = Math.max(highest, rip + insn.length);
                slots[slot] = insn;
            }
            return insn;
        }

        private static int slot(long rip) {
            return (int) (rip ^ (rip >>> 16)) & (SIZE - 1);
        }

        /**
         * Drops the instructions with a byte in [start, end). Most calls are munmaps of data, far from any code; a
         * page written to (self-modifying code) is looked up address by address instead of slot by slot.
         */
        void invalidate(long start, long end) {
            if (end <= lowest || start >= highest) return;
            if (end - start < SIZE - MAX_INSN_LENGTH) {
                for (long a = start - (MAX_INSN_LENGTH - 1); a < end; a++) {
                    dropIfOverlapping(slot(a), start, end);
                }
            } else {
                for (int i = 0; i < SIZE; i++) {
                    dropIfOverlapping(i, start, end);
                }
            }
        }

        private void dropIfOverlapping(int slot, long start, long end) {
            Instruction insn = slots[slot];
            if (insn != null && insn.address < end && insn.address + insn.length > start) {
                slots[slot] = null;
            }
        }
    }
}
