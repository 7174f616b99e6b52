package dev.boardup.cpu.bytecode;

import dev.boardup.cpu.decode.Instruction;
import dev.boardup.cpu.decode.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * One guest basic block: its decoded instructions, how often it ran, its translation once hot, and the blocks
 * that followed it last (the successor cache, so a hot loop goes block to block without a hash lookup). The
 * translation is of a trace: this block and the blocks that last followed it, as long as control went on
 * through direct jumps, calls, conditional branches and returns.
 */
final class Block {
    final long start;
    final long end;
    final Instruction[] instructions;
    /** The last instruction is a SYSCALL: running the whole block means returning to the kernel. */
    final boolean endsInSyscall;

    /** Cleared when the block's bytes may have changed; generated code checks it after each store. */
    boolean valid = true;
    /** Written by generated code when an instruction throws: how many instructions before it retired. */
    int faultIndex;

    int executions;
    /** The translation, once the block is hot; null before (or when it cannot be translated). */
    CompiledBlock code;
    boolean untranslatable;
    /** Instructions in the translated trace: what {@link #code} retires when it runs to its end. */
    int traceLength;
    /** The trace's last instruction is a SYSCALL. */
    boolean traceEndsInSyscall;
    /** Heads of other blocks' traces that include this block: they go when this block goes. */
    final List<Block> dependents = new ArrayList<>(0);

    private Block successor0;
    private Block successor1;

    Block(Instruction[] instructions) {
        this.instructions = instructions;
        Instruction last = instructions[instructions.length - 1];
        this.start = instructions[0].address;
        this.end = last.next();
        this.endsInSyscall = last.op == Op.SYSCALL;
    }

    int length() {
        return instructions.length;
    }

    /** A still valid block that followed this one at {@code rip}, or null. */
    Block successorAt(long rip) {
        Block s = successor0;
        if (s != null && s.start == rip && s.valid) {
            return s;
        }
        s = successor1;
        if (s != null && s.start == rip && s.valid) {
            successor1 = successor0; // keep the most recent first
            successor0 = s;
            return s;
        }
        return null;
    }

    /** The block that followed this one last, or null. */
    Block lastSuccessor() {
        return successor0;
    }

    /** Remembers {@code next} as a successor, displacing the older of the two. */
    void link(Block next) {
        successor1 = successor0;
        successor0 = next;
    }

    boolean overlaps(long from, long to) {
        return start < to && from < end;
    }
}
