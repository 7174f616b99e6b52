package dev.boardup.cpu.truffle;

import dev.boardup.cpu.decode.Instruction;
import dev.boardup.cpu.decode.Op;
import dev.boardup.cpu.decode.Operand;

/**
 * A decoded guest basic block as the host loop sees it: its instructions, how often it ran cold (outside compiled
 * code), and where control went after it. That edge profile is what a region is built from once the block is hot,
 * so a compiled region already knows its successors and never deoptimizes to discover one.
 */
final class GuestBlock {
    /** At most this many distinct successors are profiled; a block with more (a RET, a jump table) is megamorphic. */
    static final int MAX_SUCCESSORS = 4;

    final Instruction[] instructions;
    final long start;
    final long end;
    /**
     * False when the block has SSE or x87 instructions: their semantics partially evaluate to huge graphs (a
     * 40-instruction block of glibc's SSE string code compiled to 103 KB of machine code in 16 s, and held up
     * every compilation queued behind it), so such blocks always run cold and never join a region.
     */
    final boolean compilable;

    /** Cold executions so far. */
    int heat;
    /** Distinct successor addresses seen, the first {@link #successorCount} of them valid. */
    final long[] successors = new long[MAX_SUCCESSORS];
    int successorCount;
    /** More distinct successors than {@link #MAX_SUCCESSORS} were seen. */
    boolean megamorphic;
    private long lastSuccessor = -1;

    /** Cleared when the guest overwrites the block's bytes: the block must not be run again. */
    boolean valid = true;
    /** The region the host enters at this block, or null. */
    RegionRoot region;

    GuestBlock(Instruction[] instructions) {
        this.instructions = instructions;
        this.start = instructions[0].address;
        Instruction last = instructions[instructions.length - 1];
        this.end = last.address + last.length;
        this.compilable = integerOnly(instructions);
    }

    /** No SSE, MXCSR or x87 operation (their ops follow the integer ones, from LDMXCSR on) and no XMM operand. */
    private static boolean integerOnly(Instruction[] instructions) {
        for (Instruction insn : instructions) {
            if (insn.op >= Op.LDMXCSR) {
                return false;
            }
            for (int i = 0; i < insn.operandCount(); i++) {
                if (insn.operand(i).kind == Operand.XMM) {
                    return false;
                }
            }
        }
        return true;
    }

    int size() {
        return instructions.length;
    }

    /** Profiles that control went from this block to {@code rip}. */
    void noteSuccessor(long rip) {
        if (rip == lastSuccessor) {
            return;
        }
        lastSuccessor = rip;
        for (int i = 0; i < successorCount; i++) {
            if (successors[i] == rip) {
                return;
            }
        }
        if (successorCount < MAX_SUCCESSORS) {
            successors[successorCount++] = rip;
        } else {
            megamorphic = true;
        }
    }

    boolean overlaps(long from, long to) {
        return start < to && from < end;
    }
}
