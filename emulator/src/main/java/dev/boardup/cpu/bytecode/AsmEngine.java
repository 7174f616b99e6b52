package dev.boardup.cpu.bytecode;

import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.Engine;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.cpu.exec.Executor;
import dev.boardup.memory.VirtualMemory;
import java.util.ArrayList;
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
    public record Stats(long blocksDecoded, long blocksTranslated, long untranslatable, long translationNanos,
            long instructionsRetired) {
    }

    /** Runs of a block before it is translated; {@code -Dboardup.asm.threshold=0} translates every block at once. */
    public static final int DEFAULT_THRESHOLD = 32;

    private final int threshold;
    private final Map<VirtualMemory, BlockCache> caches = new WeakHashMap<>();
    private VirtualMemory lastMemory;
    private BlockCache lastCache;

    long retired;
    long blocksDecoded;
    private long blocksTranslated;
    private long untranslatable;
    private long translationNanos;

    public AsmEngine() {
        this(Integer.getInteger("boardup.asm.threshold", DEFAULT_THRESHOLD));
    }

    /** An engine that translates a block once it has run {@code threshold} times (0: before it first runs). */
    public AsmEngine(int threshold) {
        this.threshold = Math.max(0, threshold);
    }

    public Stats stats() {
        return new Stats(blocksDecoded, blocksTranslated, untranslatable, translationNanos, retired);
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
            int n = b.length();
            if (n > left) {
                long before = retired;
                if (interpret(b, cpu, memory, (int) left)) {
                    return Stop.SYSCALL;
                }
                left -= retired - before;
                previous = null;
                continue;
            }
            CompiledBlock code = b.code;
            if (code == null && !b.untranslatable && b.executions++ >= threshold) {
                code = translate(b);
            }
            if (code == null) {
                long before = retired;
                if (interpret(b, cpu, memory, n)) {
                    return Stop.SYSCALL;
                }
                left -= retired - before;
            } else {
                int done;
                try {
                    done = code.run(cpu, memory);
                } catch (Throwable fault) {
                    retired += b.faultIndex;
                    throw fault;
                }
                retired += done;
                left -= done;
                if (done == n && b.endsInSyscall) {
                    return Stop.SYSCALL;
                }
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

    private CompiledBlock translate(Block b) {
        long t0 = System.nanoTime();
        CompiledBlock code = BlockCompiler.compile(b);
        translationNanos += System.nanoTime() - t0;
        if (code == null) {
            b.untranslatable = true;
            untranslatable++;
        } else {
            b.code = code;
            blocksTranslated++;
        }
        return code;
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
