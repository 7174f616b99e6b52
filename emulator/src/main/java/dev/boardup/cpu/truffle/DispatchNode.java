package dev.boardup.cpu.truffle;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.Node;
import dev.boardup.cpu.CpuException;
import dev.boardup.cpu.CpuState;
import dev.boardup.memory.VirtualMemory;

/**
 * The block-to-block dispatch loop of one region, the way Truffle bytecode interpreters run their bytecodes: a
 * {@code MERGE_EXPLODE} loop over block indices. Every jump to a listed successor assigns a constant index, so
 * partial evaluation turns the region's guest control flow into compiled control flow, guest loops into real loops.
 *
 * <p>The blocks and their successors are fixed when the region is built: a jump anywhere else leaves the region
 * (the host loop goes on from there), so compiled code is never invalidated to add an edge.
 */
final class DispatchNode extends Node {
    /** The dispatch's starting "index" when called from the host: find the block at cpu.rip first. */
    private static final int ENTRY = -1;

    @Children private final BlockNode[] blocks;
    /** The exact class of the address space's memory, so memory calls devirtualize. */
    private final Class<? extends VirtualMemory> memoryClass;
    private final TruffleEngine engine;

    /**
     * Whether any instruction of the region may touch the SSE or x87 state; only then is that state copied in and
     * out (see {@link #copyOf}).
     */
    private final boolean usesVectorState;

    DispatchNode(TruffleEngine engine, BlockNode[] blocks, Class<? extends VirtualMemory> memoryClass,
            boolean usesVectorState) {
        this.engine = engine;
        this.blocks = blocks;
        this.memoryClass = memoryClass;
        this.usesVectorState = usesVectorState;
    }

    /**
     * Runs blocks from the one at cpu.rip until a SYSCALL, a block that does not fit the budget, an invalidation, a
     * fault or a jump out of the region. The frame's {@code SLOT_LEFT} holds what remains of {@code budget}.
     *
     * <p>Partial evaluation merges two exploded iterations only when every local variable holds the same value
     * node: constants, or values from before the loop. So {@code index} is the only local that changes; the
     * remaining budget lives in a frame slot (frames are virtualized, their slots do not count).
     */
    Object execute(VirtualFrame frame, CpuState cpu, VirtualMemory anyMemory, long budget) {
        VirtualMemory memory = CompilerDirectives.castExact(anyMemory, memoryClass);
        CpuState local = copyOf(cpu);
        try {
            return dispatch(frame, local, memory, budget);
        } finally {
            writeBack(local, cpu);
        }
    }

    /**
     * A fresh copy of the registers the region's instructions use. It never escapes the compiled region, so Graal
     * keeps its registers and flags in host registers (scalar replacement): a flag overwritten before it is read
     * is never stored, and RIP is stored once when the region is left, not after every instruction.
     */
    private CpuState copyOf(CpuState cpu) {
        CpuState local = new CpuState();
        copyScalars(cpu, local);
        copy(cpu.gpr, local.gpr, 16);
        if (usesVectorState) {
            copyVectorState(cpu, local);
        }
        return local;
    }

    /** Commits the region's registers to the real CPU state, on every way out: an exit, a fault or a SYSCALL. */
    private void writeBack(CpuState local, CpuState cpu) {
        copyScalars(local, cpu);
        copy(local.gpr, cpu.gpr, 16);
        if (usesVectorState) {
            copyVectorState(local, cpu);
        }
    }

    private static void copyScalars(CpuState from, CpuState to) {
        to.rip = from.rip;
        to.cf = from.cf;
        to.pf = from.pf;
        to.af = from.af;
        to.zf = from.zf;
        to.sf = from.sf;
        to.of = from.of;
        to.df = from.df;
        to.otherFlags = from.otherFlags;
        to.fsBase = from.fsBase;
        to.gsBase = from.gsBase;
    }

    private static void copyVectorState(CpuState from, CpuState to) {
        copy(from.xmm, to.xmm, 32);
        copy(from.fpuMantissa, to.fpuMantissa, 8);
        copySignExponents(from.fpuSignExponent, to.fpuSignExponent);
        to.mxcsr = from.mxcsr;
        to.fpuTop = from.fpuTop;
        to.fpuEmpty = from.fpuEmpty;
        to.fpuControl = from.fpuControl;
        to.fpuStatus = from.fpuStatus;
    }

    @ExplodeLoop
    private static void copySignExponents(int[] from, int[] to) {
        for (int i = 0; i < 8; i++) {
            to[i] = from[i];
        }
    }

    /** Copies the first {@code n} elements; {@code n} is a constant, so the copy unrolls. */
    @ExplodeLoop
    private static void copy(long[] from, long[] to, int n) {
        for (int i = 0; i < n; i++) {
            to[i] = from[i];
        }
    }

    @ExplodeLoop(kind = ExplodeLoop.LoopExplosionKind.MERGE_EXPLODE)
    private Object dispatch(VirtualFrame frame, CpuState cpu, VirtualMemory memory, long budget) {
        frame.setLong(RegionRoot.SLOT_LEFT, budget);
        int index = ENTRY;
        outer:
        while (true) {
            if (index == ENTRY) {
                // The host may enter at any block of the region (after a syscall, say): pick it by RIP.
                long rip = cpu.rip;
                for (int k = 0; k < blocks.length; k++) {
                    if (blocks[k].start == rip) {
                        index = k;
                        continue outer;
                    }
                }
                return RegionRoot.EXIT_NOT_HERE;
            }
            BlockNode block = blocks[index];
            long left = frame.getLong(RegionRoot.SLOT_LEFT);
            if (left < block.size()) {
                // The block does not fit the budget: the engine single-steps what is left, so stops are exact.
                engine.retired += budget - left;
                return RegionRoot.EXIT_BUDGET;
            }
            int status;
            try {
                status = block.execute(cpu, memory);
            } catch (CpuException fault) {
                engine.retired += budget - left;
                throw fault;
            }
            if (status != 0) {
                engine.retired += budget - left + (status & BlockNode.COUNT_MASK);
                return (status & BlockNode.SYSCALL_BIT) != 0 ? RegionRoot.EXIT_SYSCALL : RegionRoot.EXIT_LEFT;
            }
            left -= block.size();
            frame.setLong(RegionRoot.SLOT_LEFT, left);
            long rip = cpu.rip;
            long[] rips = block.successorRips;
            int[] indices = block.successorIndices;
            for (int s = 0; s < rips.length; s++) {
                if (rips[s] == rip) {
                    index = indices[s];
                    continue outer;
                }
            }
            if (block.megamorphic) {
                // Too many targets to list (a RET, a switch's jump table): look the target up among all blocks.
                for (int k = 0; k < blocks.length; k++) {
                    if (blocks[k].start == rip) {
                        index = k;
                        continue outer;
                    }
                }
            }
            engine.retired += budget - left;
            return RegionRoot.EXIT_LEFT;
        }
    }

    int blockCount() {
        return blocks.length;
    }
}
