package dev.boardup.cpu.truffle;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.FrameSlotKind;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.runtime.OptimizedCallTarget;
import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.cpu.decode.Op;
import dev.boardup.cpu.decode.Operand;
import dev.boardup.memory.VirtualMemory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A region: a CallTarget holding a hot block and the warm blocks its profile reached (see {@link DispatchNode}).
 * The engine enters it at any of its blocks, the one at cpu.rip, and it runs until control leaves it, a SYSCALL,
 * the budget or a fault.
 *
 * <p>Arguments: the {@link CpuState}, the {@link VirtualMemory} and the instruction budget (a Long). Returns one
 * of the {@code EXIT_} values. The region's code is guarded by {@link #valid}: once its bytes change the
 * assumption is invalidated, its compiled code is thrown away and the engine never calls it again.
 */
final class RegionRoot extends RootNode {
    static final int SLOT_LEFT = 0;

    /** Control left the region: continue at cpu.rip. */
    static final Integer EXIT_LEFT = 0;
    /** A SYSCALL ran: cpu.rip is past it. */
    static final Integer EXIT_SYSCALL = 1;
    /** The next block does not fit what is left of the budget. */
    static final Integer EXIT_BUDGET = 2;
    /** The region has no block at cpu.rip (it was invalidated): nothing ran. */
    static final Integer EXIT_NOT_HERE = 3;

    /** How many times a region is sent to Graal before it is left to run cold for good. */
    private static final int MAX_COMPILE_REQUESTS = 3;

    final TruffleEngine engine;
    final long entry;
    final Assumption valid;
    /** The guest blocks it holds, in dispatch order (the entry first). */
    final List<GuestBlock> members;
    @Child private DispatchNode dispatch;
    private int compileRequests;

    /**
     * Entering a region costs a CallTarget call and copying the registers in and out, about what a few cold
     * instructions cost. A region that, over {@link #JUDGED_ENTRIES} entries, ran fewer than
     * {@link #MIN_INSTRUCTIONS_PER_ENTRY} instructions a time is not entered again: its blocks run cold.
     */
    private static final int JUDGED_ENTRIES = 1 << 14, MIN_INSTRUCTIONS_PER_ENTRY = 16;
    boolean profitable = true;
    private int entries;
    private long instructionsInEntries;

    RegionRoot(TruffleEngine engine, List<GuestBlock> members, Class<? extends VirtualMemory> memoryClass) {
        super(null, frameDescriptor());
        this.engine = engine;
        this.members = members;
        this.entry = members.get(0).start;
        this.valid = Truffle.getRuntime().createAssumption("region 0x" + Long.toHexString(entry));
        this.dispatch = new DispatchNode(engine, blockNodes(), memoryClass, usesVectorState(members));
    }

    /**
     * Whether any member may read or write XMM, MXCSR or x87 state: any SSE or x87 operation (their ops follow the
     * integer ones, from LDMXCSR on) or any XMM operand. Deciding "yes" too often only costs copying.
     */
    private static boolean usesVectorState(List<GuestBlock> members) {
        for (GuestBlock block : members) {
            for (Instruction insn : block.instructions) {
                if (insn.op >= Op.LDMXCSR) {
                    return true;
                }
                for (int i = 0; i < insn.operandCount(); i++) {
                    if (insn.operand(i).kind == Operand.XMM) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** One node per member, each listing the successors its profile saw that are members too. */
    private BlockNode[] blockNodes() {
        Map<Long, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            indexOf.putIfAbsent(members.get(i).start, i);
        }
        BlockNode[] nodes = new BlockNode[members.size()];
        for (int i = 0; i < nodes.length; i++) {
            GuestBlock block = members.get(i);
            int n = 0;
            long[] rips = new long[block.successorCount];
            int[] indices = new int[block.successorCount];
            for (int s = 0; s < block.successorCount; s++) {
                Integer target = indexOf.get(block.successors[s]);
                if (target != null) {
                    rips[n] = block.successors[s];
                    indices[n++] = target;
                }
            }
            nodes[i] = new BlockNode(engine, valid, block, java.util.Arrays.copyOf(rips, n),
                    java.util.Arrays.copyOf(indices, n));
        }
        return nodes;
    }

    private static FrameDescriptor frameDescriptor() {
        FrameDescriptor.Builder builder = FrameDescriptor.newBuilder(1);
        builder.addSlot(FrameSlotKind.Long, "budget left", null);
        return builder.build();
    }

    @Override
    public Object execute(VirtualFrame frame) {
        if (!valid.isValid()) {
            return EXIT_NOT_HERE;
        }
        Object[] args = frame.getArguments();
        CpuState cpu = CompilerDirectives.castExact(args[0], CpuState.class);
        VirtualMemory memory = (VirtualMemory) args[1];
        long budget = (Long) args[2];
        return dispatch.execute(frame, cpu, memory, budget);
    }

    /** Books one entry from the host that ran {@code instructions} instructions; judges the region's profit. */
    void noteEntry(long instructions) {
        instructionsInEntries += instructions;
        if (++entries == JUDGED_ENTRIES) {
            profitable = instructionsInEntries >= (long) MIN_INSTRUCTIONS_PER_ENTRY * JUDGED_ENTRIES;
        }
    }

    /** Whether Graal's code for the region is installed, so calling it runs machine code, not the AST. */
    boolean isCompiled() {
        return getCallTarget() instanceof OptimizedCallTarget target && target.isValid();
    }

    /**
     * Asks Graal to compile the region on its background thread, unless it is already queued or was asked too
     * often (a region whose compiled code keeps being thrown away is left to run cold).
     */
    void requestCompilation(VirtualMemory memory) {
        if (!(getCallTarget() instanceof OptimizedCallTarget target) || compileRequests >= MAX_COMPILE_REQUESTS
                || target.isSubmittedForCompilation() || target.isValid()) {
            return;
        }
        compileRequests++;
        if (compileRequests == 1) {
            // A first call that runs nothing (no block is at RIP -1) records the argument types, so the compiled
            // code is not thrown away by the first real call updating that profile.
            CpuState nowhere = new CpuState();
            nowhere.rip = -1;
            target.call(nowhere, memory, Long.valueOf(0));
        }
        target.compile(true);
    }

    boolean overlaps(long from, long to) {
        for (GuestBlock block : members) {
            if (block.overlaps(from, to)) {
                return true;
            }
        }
        return false;
    }

    int blockCount() {
        return members.size();
    }

    @Override
    public String getName() {
        return TruffleEngine.REGION_NAME_PREFIX + engine.id + "@0x" + Long.toHexString(entry);
    }

    @Override
    public String toString() {
        return getName();
    }
}
