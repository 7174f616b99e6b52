package dev.boardup.cpu.truffle;

import com.oracle.truffle.api.Assumption;
import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.Truffle;
import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.FrameSlotKind;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.RootNode;
import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.memory.VirtualMemory;
import java.util.HashSet;
import java.util.Set;

/**
 * A region: a CallTarget holding the blocks reached from one guest entry address (see {@link DispatchNode}). The
 * engine enters it at any of its blocks, the one at cpu.rip, and it runs until control leaves it, a SYSCALL, the
 * budget or a fault.
 *
 * <p>Arguments: the {@link CpuState}, the {@link VirtualMemory} and the instruction budget (a Long). Returns one
 * of the {@code EXIT_} values. The region's code is guarded by {@link #valid}: once its bytes change the
 * assumption is invalidated, its compiled code is thrown away and the engine never calls it again.
 */
final class RegionRoot extends RootNode {
    static final int SLOT_CPU = 0, SLOT_MEMORY = 1, SLOT_BUDGET = 2, SLOT_LEFT = 3;

    /** Control left the region: continue at cpu.rip. */
    static final Integer EXIT_LEFT = 0;
    /** A SYSCALL ran: cpu.rip is past it. */
    static final Integer EXIT_SYSCALL = 1;
    /** The next block does not fit what is left of the budget. */
    static final Integer EXIT_BUDGET = 2;
    /** The region has no block at cpu.rip (it was invalidated): nothing ran. */
    static final Integer EXIT_NOT_HERE = 3;

    final TruffleEngine engine;
    final CodeCache cache;
    final long entry;
    final Assumption valid;
    /** The virtual page numbers its blocks occupy. */
    final Set<Long> pages = new HashSet<>();
    @Child private DispatchNode dispatch;

    RegionRoot(CodeCache cache, long entry, Instruction[] entryBlock) {
        super(null, frameDescriptor());
        this.cache = cache;
        this.engine = cache.engine;
        this.entry = entry;
        this.valid = Truffle.getRuntime().createAssumption("region 0x" + Long.toHexString(entry));
        this.dispatch = new DispatchNode(this);
        this.dispatch.addEntryBlock(entryBlock);
    }

    private static FrameDescriptor frameDescriptor() {
        FrameDescriptor.Builder builder = FrameDescriptor.newBuilder(4);
        builder.addSlot(FrameSlotKind.Object, "cpu", null);
        builder.addSlot(FrameSlotKind.Object, "memory", null);
        builder.addSlot(FrameSlotKind.Long, "budget", null);
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

    boolean overlaps(long from, long to) {
        return dispatch.overlaps(from, to);
    }

    int blockCount() {
        return dispatch.blockCount();
    }

    Iterable<Long> blockStarts() {
        return dispatch.blockStarts();
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
