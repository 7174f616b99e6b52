package dev.boardup.cpu.truffle;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.BytecodeOSRNode;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.LoopNode;
import com.oracle.truffle.api.nodes.Node;
import dev.boardup.cpu.CpuException;
import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.memory.VirtualMemory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The block-to-block dispatch loop of one region, the way Truffle bytecode interpreters run their bytecodes: a
 * {@code MERGE_EXPLODE} loop over block indices. Every jump to a known successor assigns a constant index, so
 * partial evaluation turns the region's guest control flow into compiled control flow, guest loops into real loops.
 *
 * <p>The blocks are discovered as the guest runs: control reaching an address the region does not know yet adds
 * that block (deoptimizing once), up to a size cap. A guest loop that never returns to the host is compiled by
 * on-stack replacement at its back edges ({@link BytecodeOSRNode}).
 */
final class DispatchNode extends Node implements BytecodeOSRNode {
    static final int MAX_BLOCKS = 32;
    static final int MAX_INSTRUCTIONS = 192;
    /** The dispatch's starting "index" when called from the host: find the block at cpu.rip first. */
    private static final int ENTRY = -1;

    private final RegionRoot region;
    @CompilationFinal(dimensions = 1) private BlockNode[] blocks = {};
    private final Map<Long, Integer> indexOfRip = new HashMap<>();
    private int instructionCount;
    /** No more blocks fit: unknown targets leave the region without deoptimizing. */
    @CompilationFinal private boolean full;

    /** The VirtualMemory class seen so far, so memory calls devirtualize; null before the first run. */
    @CompilationFinal private Class<? extends VirtualMemory> memoryClass;
    @CompilationFinal private boolean memoryPolymorphic;

    @CompilationFinal private Object osrMetadata;

    DispatchNode(RegionRoot region) {
        this.region = region;
    }

    /** Adds the first block; the region's entry is block 0. */
    void addEntryBlock(Instruction[] instructions) {
        addBlock(instructions);
    }

    Object execute(VirtualFrame frame, CpuState cpu, VirtualMemory memory, long budget) {
        frame.setObject(RegionRoot.SLOT_CPU, cpu);
        frame.setObject(RegionRoot.SLOT_MEMORY, memory);
        frame.setLong(RegionRoot.SLOT_BUDGET, budget);
        frame.setLong(RegionRoot.SLOT_LEFT, budget);
        return dispatch(frame, ENTRY, cpu, profile(memory), budget);
    }

    @Override
    public Object executeOSR(VirtualFrame osrFrame, int target, Object interpreterState) {
        CpuState cpu = (CpuState) osrFrame.getObject(RegionRoot.SLOT_CPU);
        VirtualMemory memory = profile((VirtualMemory) osrFrame.getObject(RegionRoot.SLOT_MEMORY));
        long budget = osrFrame.getLong(RegionRoot.SLOT_BUDGET);
        return dispatch(osrFrame, target, cpu, memory, budget);
    }

    /**
     * Runs blocks from {@code startIndex} until a SYSCALL, a block that does not fit the budget, an invalidation, a
     * fault or a jump to code outside the region. The frame's {@code SLOT_LEFT} holds what remains of {@code budget}.
     *
     * <p>Partial evaluation merges two exploded iterations only when every local variable holds the same value
     * node: constants, or values from before the loop. So {@code index} is the only local that changes; the
     * remaining budget lives in a frame slot (frames are virtualized, their slots do not count), and back edges
     * are counted only in the interpreter.
     */
    @ExplodeLoop(kind = ExplodeLoop.LoopExplosionKind.MERGE_EXPLODE)
    private Object dispatch(VirtualFrame frame, int startIndex, CpuState cpu, VirtualMemory memory, long budget) {
        int index = startIndex;
        int backEdges = 0;
        outer:
        while (true) {
            if (index == ENTRY) {
                // The host may enter at any block of the region (after a budget stop, say): pick it by RIP.
                long rip = cpu.rip;
                BlockNode[] all = blocks;
                for (int k = 0; k < all.length; k++) {
                    if (all[k].start == rip) {
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
                leave(budget - left, backEdges);
                return RegionRoot.EXIT_BUDGET;
            }
            int status;
            try {
                status = block.execute(cpu, memory);
            } catch (CpuException fault) {
                leave(budget - left, backEdges);
                throw fault;
            }
            if (status != 0) {
                leave(budget - left + (status & BlockNode.COUNT_MASK), backEdges);
                return (status & BlockNode.SYSCALL_BIT) != 0 ? RegionRoot.EXIT_SYSCALL : RegionRoot.EXIT_LEFT;
            }
            left -= block.size();
            frame.setLong(RegionRoot.SLOT_LEFT, left);
            long rip = cpu.rip;
            long[] rips = block.successorRips;
            int[] indices = block.successorIndices;
            for (int s = 0; s < rips.length; s++) {
                if (rips[s] == rip) {
                    int next = indices[s];
                    if (next <= index && CompilerDirectives.inInterpreter()) {
                        backEdges++;
                        if (BytecodeOSRNode.pollOSRBackEdge(this)) {
                            Object result = BytecodeOSRNode.tryOSR(this, next, null, null, frame);
                            if (result != null) {
                                leave(0, backEdges);
                                return result;
                            }
                        }
                    }
                    index = next;
                    continue outer;
                }
            }
            if (!block.saturated) {
                CompilerDirectives.transferToInterpreterAndInvalidate();
                int next = learnSuccessor(block, rip, memory);
                if (next >= 0) {
                    index = next;
                    continue;
                }
            } else {
                // Too many targets to list (a RET, a switch's jump table): look the target up among all blocks.
                BlockNode[] all = blocks;
                for (int k = 0; k < all.length; k++) {
                    if (all[k].start == rip) {
                        index = k;
                        continue outer;
                    }
                }
                if (!full) {
                    CompilerDirectives.transferToInterpreterAndInvalidate();
                    int next = blockAt(rip, memory);
                    if (next >= 0) {
                        index = next;
                        continue;
                    }
                }
            }
            leave(budget - left, backEdges);
            return RegionRoot.EXIT_LEFT;
        }
    }

    /** Books the instructions run and tells the runtime how hot the loop was, so the region compiles in time. */
    private void leave(long ran, int backEdges) {
        region.engine.retired += ran;
        if (CompilerDirectives.inInterpreter() && backEdges > 0) {
            LoopNode.reportLoopCount(this, backEdges);
        }
    }

    /**
     * Control went from {@code from} to {@code rip}, which {@code from} does not list: finds or decodes that block
     * and records the edge. Returns its index, or -1 to leave the region.
     */
    @TruffleBoundary
    private int learnSuccessor(BlockNode from, long rip, VirtualMemory memory) {
        int index = blockAt(rip, memory);
        if (index < 0) {
            if (full) {
                from.saturated = true;
            }
            return -1;
        }
        from.addSuccessor(rip, index);
        return index;
    }

    /**
     * The index of the region's block at {@code rip}, decoding and adding it if the region has room. Returns -1
     * when the region is full, or when fetching there faults (the engine then raises the fault with the right RIP).
     */
    @TruffleBoundary
    private int blockAt(long rip, VirtualMemory memory) {
        Integer known = indexOfRip.get(rip);
        if (known != null) {
            return known;
        }
        if (blocks.length >= MAX_BLOCKS || instructionCount >= MAX_INSTRUCTIONS) {
            full = true;
            return -1;
        }
        Instruction[] instructions;
        try {
            instructions = region.cache.decodeBlock(memory, rip);
        } catch (CpuException fetchFault) {
            return -1;
        }
        if (!region.valid.isValid()) {
            return -1;
        }
        return addBlock(instructions);
    }

    private int addBlock(Instruction[] instructions) {
        BlockNode block = insert(new BlockNode(region.engine, region.valid, instructions));
        int index = blocks.length;
        blocks = Arrays.copyOf(blocks, index + 1);
        blocks[index] = block;
        indexOfRip.put(block.start, index);
        instructionCount += instructions.length;
        region.cache.noteBlock(region, block.start, block.end);
        return index;
    }

    boolean overlaps(long from, long to) {
        for (BlockNode block : blocks) {
            if (block.overlaps(from, to)) {
                return true;
            }
        }
        return false;
    }

    int blockCount() {
        return blocks.length;
    }

    /** The start addresses of the region's blocks: where the host may enter it. */
    Iterable<Long> blockStarts() {
        return indexOfRip.keySet();
    }

    private VirtualMemory profile(VirtualMemory memory) {
        if (memoryPolymorphic) {
            return memory;
        }
        Class<? extends VirtualMemory> seen = memoryClass;
        if (seen != null && memory.getClass() == seen) {
            return CompilerDirectives.castExact(memory, seen);
        }
        CompilerDirectives.transferToInterpreterAndInvalidate();
        if (seen == null) {
            memoryClass = memory.getClass();
        } else {
            memoryPolymorphic = true;
        }
        return memory;
    }

    @Override
    public Object getOSRMetadata() {
        return osrMetadata;
    }

    @Override
    public void setOSRMetadata(Object osrMetadata) {
        this.osrMetadata = osrMetadata;
    }
}
