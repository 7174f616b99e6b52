package dev.boardup.cpu.truffle;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.Node;
import dev.boardup.cpu.CpuException;
import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.cpu.exec.Executor;
import dev.boardup.memory.VirtualMemory;

/**
 * A guest basic block: a straight run of instructions, ending at a branch, a SYSCALL or a size cap. Its
 * instructions are compilation constants, so partial evaluation folds each {@link Executor#execute} call to the
 * semantics of that one instruction.
 *
 * <p>The block also remembers where control went after it (its successors within the region, learned as the
 * guest runs), so the region's dispatch loop can jump to the next block with constant indices.
 */
final class BlockNode extends Node {
    /** {@link #execute} result bits when the block stopped early; the low bits count the instructions run. */
    static final int SYSCALL_BIT = 1 << 30, INVALIDATED_BIT = 1 << 29, COUNT_MASK = (1 << 29) - 1;

    /** At most this many successors are listed; a block with more (a RET, a jump table) is {@link #saturated}. */
    static final int MAX_SUCCESSORS = 4;

    private static final long[] NO_RIPS = {};
    private static final int[] NO_INDICES = {};

    private final TruffleEngine engine;
    private final Assumption regionValid;
    @CompilationFinal(dimensions = 1) private final Instruction[] instructions;
    final long start;
    final long end;

    @CompilationFinal(dimensions = 1) long[] successorRips = NO_RIPS;
    @CompilationFinal(dimensions = 1) int[] successorIndices = NO_INDICES;
    /**
     * Set when no more successors will be listed (too many, or the region is full): the dispatch then looks the
     * target up among all the region's blocks instead.
     */
    @CompilationFinal boolean saturated;

    BlockNode(TruffleEngine engine, Assumption regionValid, Instruction[] instructions) {
        this.engine = engine;
        this.regionValid = regionValid;
        this.instructions = instructions;
        this.start = instructions[0].address;
        Instruction last = instructions[instructions.length - 1];
        this.end = last.address + last.length;
    }

    int size() {
        return instructions.length;
    }

    /**
     * Runs the block. Returns 0 when every instruction ran; otherwise the number of instructions run, or-ed with
     * {@link #SYSCALL_BIT} after a SYSCALL or {@link #INVALIDATED_BIT} when the region's code was invalidated (a
     * guest store into its own code) so the rest of it must not run. A fault is rethrown after counting the
     * instructions before it as retired.
     */
    @ExplodeLoop
    int execute(CpuState cpu, VirtualMemory memory) {
        Instruction[] insns = instructions;
        for (int i = 0; i < insns.length; i++) {
            int result;
            try {
                result = Executor.execute(insns[i], cpu, memory);
            } catch (CpuException fault) {
                engine.retired += i;
                throw fault;
            }
            if (result == Executor.SYSCALL) {
                return (i + 1) | SYSCALL_BIT;
            }
            if (!regionValid.isValid()) {
                return (i + 1) | INVALIDATED_BIT;
            }
        }
        return 0;
    }

    /** Remembers that control went from this block to {@code rip}, the block at {@code index} of the region. */
    void addSuccessor(long rip, int index) {
        int n = successorRips.length;
        if (n >= MAX_SUCCESSORS) {
            saturated = true;
            return;
        }
        long[] rips = java.util.Arrays.copyOf(successorRips, n + 1);
        int[] indices = java.util.Arrays.copyOf(successorIndices, n + 1);
        rips[n] = rip;
        indices[n] = index;
        successorRips = rips;
        successorIndices = indices;
    }

    boolean overlaps(long from, long to) {
        return start < to && from < end;
    }
}
