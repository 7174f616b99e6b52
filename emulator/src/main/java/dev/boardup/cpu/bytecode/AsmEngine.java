package dev.boardup.cpu.bytecode;

import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.Engine;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.cpu.decode.Op;
import dev.boardup.cpu.decode.Operand;
import dev.boardup.cpu.exec.Executor;
import dev.boardup.memory.VirtualMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The bytecode engine ("asm"): hot guest basic blocks are translated to JVM bytecode ({@link BlockCompiler}),
 * loaded as hidden classes and left to HotSpot's JIT, so it is fast without Graal.
 *
 * <p>A block first runs interpreted: its decoded instructions go one at a time through
 * {@link Executor#execute}, exactly as in the plain interpreter. After {@link #threshold} runs it is translated;
 * the generated code calls the same value-level semantics ({@code Alu}, {@code Flags}, {@code Operands},
 * {@code Executor}'s push/pop/call/ret) with the instruction's fields as constants, and falls back to
 * {@link Executor#execute} for instructions it does not specialise. Each block remembers its last two successors,
 * so a hot loop goes block to block without a hash lookup.
 *
 * <p>Faults leave RIP at the faulting instruction and count exactly the instructions before it. The budget is
 * exact: a block longer than what is left of it runs interpreted, instruction by instruction, up to the budget.
 * Invalidation follows the {@link Engine#invalidate} contract as the Truffle engine does: decoded code is kept per
 * address space, code pages are watched in the MMU, and a block that a store invalidates stops after that store.
 * Not thread-safe: one engine per host thread.
 */
public final class AsmEngine implements Engine {
    /** Counters for --stats and tests. */
    public record Stats(long blocksDecoded, long blocksTranslated, long tracedBlocks, long untranslatable,
            long translationNanos, long instructionsRetired) {
    }

    /** Runs of a block before it is translated; {@code -Dboardup.asm.threshold=0} translates every block at once. */
    public static final int DEFAULT_THRESHOLD = 32;
    /**
     * Most guest instructions in one trace by default ({@code -Dboardup.asm.trace=N}). 0, single blocks: measured
     * on the bench programs, traces of up to 64 instructions were no faster (their C2 compilations cost more than
     * the dispatches they save), and traces that also followed Jcc and RET with guards were up to 1.8x slower.
     */
    public static final int DEFAULT_MAX_TRACE = Integer.getInteger("boardup.asm.trace", 0);

    private final int threshold;
    private final int maxTrace;
    private final Map<VirtualMemory, BlockCache> caches = new WeakHashMap<>();
    private VirtualMemory lastMemory;
    private BlockCache lastCache;

    long retired;
    long blocksDecoded;
    private long blocksTranslated;
    private long untranslatable;
    private long translationNanos;
    private long tracedBlocks;

    public AsmEngine() {
        this(Integer.getInteger("boardup.asm.threshold", DEFAULT_THRESHOLD), DEFAULT_MAX_TRACE);
    }

    /**
     * An engine that translates a block once it has run {@code threshold} times (0: before it first runs), as a
     * trace of up to {@code maxTrace} instructions (a single block if that is shorter).
     */
    public AsmEngine(int threshold, int maxTrace) {
        this.threshold = Math.max(0, threshold);
        this.maxTrace = maxTrace;
    }

    public Stats stats() {
        return new Stats(blocksDecoded, blocksTranslated, tracedBlocks, untranslatable, translationNanos, retired);
    }

    @Override
    public Stop run(CpuState cpu, VirtualMemory memory, long instructionBudget) {
        BlockCache cache = cacheFor(memory);
        long left = instructionBudget;
        Block previous = null;
        while (left > 0) {
            Block b = previous == null ? null : previous.successorAt(cpu.rip);
            if (b == null) {
                b = cache.blockAt(memory, cpu.rip);
                if (previous != null) {
                    previous.link(b);
                }
            }
            CompiledBlock code = b.code;
            if (code == null && !b.untranslatable && b.executions++ >= threshold) {
                code = translate(b);
            }
            if (code != null && b.traceLength <= left) {
                int done;
                try {
                    done = code.run(cpu, memory);
                } catch (Throwable fault) {
                    retired += b.faultIndex;
                    throw fault;
                }
                retired += done;
                left -= done;
                if (done == b.traceLength && b.traceEndsInSyscall) {
                    return Stop.SYSCALL;
                }
            } else {
                // Cold, or the budget ends inside the trace: the block's instructions one at a time.
                long before = retired;
                if (interpret(b, cpu, memory, (int) Math.min(b.length(), left))) {
                    return Stop.SYSCALL;
                }
                left -= retired - before;
            }
            previous = b.valid ? b : null;
        }
        return Stop.BUDGET;
    }

    /**
     * Runs up to {@code limit} of the block's instructions through the executor, stopping early if a store
     * invalidated the block. Returns true if a SYSCALL ran.
     */
    private boolean interpret(Block b, CpuState cpu, VirtualMemory memory, int limit) {
        Instruction[] instructions = b.instructions;
        for (int i = 0; i < limit; i++) {
            int result = Executor.execute(instructions[i], cpu, memory);
            retired++;
            if (result == Executor.SYSCALL) {
                return true;
            }
            if (!b.valid) {
                break;
            }
        }
        return false;
    }

    /**
     * Translates the trace starting at {@code b}: the block, then the block that followed it last, and so on while
     * control went on through a direct JMP or CALL (or a block cut short) and the trace stays short enough.
     */
    private CompiledBlock translate(Block b) {
        long t0 = System.nanoTime();
        List<Block> trace = trace(b);
        CompiledBlock code = BlockCompiler.compile(trace);
        while (code == null && trace.size() > 1) {
            trace.remove(trace.size() - 1);
            code = BlockCompiler.compile(trace);
        }
        translationNanos += System.nanoTime() - t0;
        if (code == null) {
            b.untranslatable = true;
            untranslatable++;
            return null;
        }
        int length = 0;
        for (Block t : trace) {
            length += t.length();
            if (t != b) {
                t.dependents.add(b);
            }
        }
        Block last = trace.get(trace.size() - 1);
        b.traceLength = length;
        b.traceEndsInSyscall = last.endsInSyscall;
        b.code = code;
        blocksTranslated++;
        tracedBlocks += trace.size();
        return code;
    }

    private List<Block> trace(Block head) {
        List<Block> trace = new ArrayList<>();
        trace.add(head);
        int length = head.length();
        Block b = head;
        while (true) {
            Block next = b.lastSuccessor();
            if (next == null || !next.valid || trace.contains(next) || length + next.length() > maxTrace
                    || !continues(b, next)) {
                return trace;
            }
            trace.add(next);
            length += next.length();
            b = next;
        }
    }

    /** Whether control always goes from {@code b} to {@code next}: a direct JMP or CALL there, or no branch. */
    private static boolean continues(Block b, Block next) {
        Instruction last = b.instructions[b.length() - 1];
        return switch (last.op) {
            case Op.JMP, Op.CALL -> last.operands[0].kind == Operand.REL && last.operands[0].imm == next.start
                    && (last.operands[0].imm << 16) >> 16 == last.operands[0].imm;
            default -> !last.endsBlock() && next.start == b.end;
        };
    }

    private BlockCache cacheFor(VirtualMemory memory) {
        if (memory != lastMemory) {
            lastCache = caches.computeIfAbsent(memory, m -> new BlockCache(this, m));
            lastMemory = memory;
        }
        return lastCache;
    }

    /** Drops decoded and translated code overlapping [start, end) in every address space this engine ran. */
    @Override
    public void invalidate(long start, long end) {
        for (BlockCache cache : new ArrayList<>(caches.values())) {
            cache.invalidate(start, end);
        }
    }

    @Override
    public long instructionsRetired() {
        return retired;
    }

    @Override
    public String name() {
        return "asm";
    }
}
