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
 * A guest basic block inside a compiled region: a straight run of instructions, ending at a branch, a SYSCALL or a
 * size cap. Its instructions are compilation constants, so partial evaluation folds each {@link Executor#execute}
 * call to the semantics of that one instruction.
 *
 * <p>Its successors within the region are fixed when the region is built, from the block's cold profile
 * ({@link GuestBlock}): control going anywhere else leaves the region, it never deoptimizes to learn an edge.
 */
final class BlockNode extends Node {
    /** {@link #execute} result bits when the block stopped early; the low bits count the instructions run. */
    static final int SYSCALL_BIT = 1 << 30, INVALIDATED_BIT = 1 << 29, COUNT_MASK = (1 << 29) - 1;

    private final TruffleEngine engine;
    private final Assumption regionValid;
    @CompilationFinal(dimensions = 1) private final Instruction[] instructions;
    final long start;

    @CompilationFinal(dimensions = 1) final long[] successorRips;
    @CompilationFinal(dimensions = 1) final int[] successorIndices;
    /**
     * The block had more successors than were profiled (a RET, a jump table): the dispatch looks a target it does
     * not list up among all the region's blocks.
     */
    final boolean megamorphic;

    BlockNode(TruffleEngine engine, Assumption regionValid, GuestBlock block, long[] successorRips,
            int[] successorIndices) {
        this.engine = engine;
        this.regionValid = regionValid;
        this.instructions = block.instructions;
        this.start = block.start;
        this.successorRips = successorRips;
        this.successorIndices = successorIndices;
        this.megamorphic = block.megamorphic;
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
}
