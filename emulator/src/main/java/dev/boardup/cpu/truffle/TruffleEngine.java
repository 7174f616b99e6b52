package dev.boardup.cpu.truffle;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.Truffle;
import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.Engine;
import dev.boardup.cpu.decode.Decoder;
import dev.boardup.cpu.exec.Executor;
import dev.boardup.memory.Mmu;
import dev.boardup.memory.VirtualMemory;
import java.util.ArrayList;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Truffle execution engine ("truffle"): runs guest code as Truffle ASTs that Graal compiles to machine code.
 *
 * <p>Blocks. Guest code is cut into basic blocks ({@link BlockNode}): straight runs of decoded instructions ending
 * at a branch, a SYSCALL or {@link #MAX_BLOCK_INSTRUCTIONS}. Each instruction is a compilation constant, so the
 * block's call into {@code Executor.execute} for it folds to that one instruction's semantics.
 *
 * <p>Regions. Blocks are grouped into regions ({@link RegionRoot}), each a CallTarget. The host loop in
 * {@link #run} enters guest code (at the program entry, after a SYSCALL or a budget stop, wherever a region was
 * left) through the region that holds a block at RIP, or a new region starting there; the region picks the block
 * to start at by comparing RIP with its blocks' addresses. A region discovers its blocks as the guest runs: when
 * control goes from one of its blocks to an address that block does not list, the region decodes the target (if
 * new), records the edge and deoptimizes once. Dispatch between the blocks of a region runs inside Truffle, as a
 * {@code MERGE_EXPLODE} loop over block indices ({@link DispatchNode}), so guest loops, calls and returns inside
 * one region compile to machine jumps and loops; blocks with many targets (RET, jump tables) compare against every
 * block of the region. A guest loop that never returns to the host is compiled by on-stack replacement. Control
 * comes back to the host loop only at a SYSCALL, at the end of the budget, on invalidation, or when a full region
 * must be left (32 blocks or 192 instructions: Graal's compile time grows with region size, and large regions kept
 * hot code interpreted for too long).
 *
 * <p>State. Registers and flags stay in {@link CpuState}: the executor works on it directly. Faults are thrown
 * with RIP at the faulting instruction and every earlier instruction counted as retired. The budget is exact, like
 * the interpreter's: a region stops before a block that does not fit what is left of it, and the engine runs the
 * remaining few instructions one at a time.
 *
 * <p>Invalidation. Decoded code is kept per address space (per {@link VirtualMemory} object, see
 * {@link CodeCache}). {@link #invalidate} drops the blocks and regions overlapping a range in every address space;
 * a dropped region's assumption is invalidated, which discards its compiled code, and a region still running stops
 * after the current instruction. When the memory is an {@link Mmu}, pages holding decoded code are marked as code
 * pages, so guest stores into them reach the Mmu's code-write listener, which the machine points at
 * {@link #invalidate} (self-modifying code). Not thread-safe: one engine per host thread.
 */
public final class TruffleEngine implements Engine {
    /**
     * Counters for statistics and tests: basic blocks decoded, regions (CallTargets) built, Graal compilations
     * finished (each tier and each OSR compilation counts), instructions retired, and region entries from the host
     * loop (each costs a CallTarget call).
     */
    public record Stats(long blocksDecoded, long regionsBuilt, long compilations, long instructionsRetired,
            long regionEntries) {
    }

    static final int MAX_BLOCK_INSTRUCTIONS = 64;
    static final String REGION_NAME_PREFIX = "x86 region #";

    private static final AtomicInteger NEXT_ID = new AtomicInteger();

    final int id = NEXT_ID.incrementAndGet();
    /** Instructions retired; the region nodes add to it when they leave or fault. */
    long retired;
    long blocksDecoded;
    long regionsBuilt;
    private long regionEntries;
    final AtomicLong compilations = new AtomicLong();

    /** Decoded code per address space; weak, so an exited process's code goes with its memory. */
    private final Map<VirtualMemory, CodeCache> caches = new WeakHashMap<>();
    /** The cache used last, to skip the map lookup while one address space runs. */
    private VirtualMemory lastMemory;
    private CodeCache lastCache;
    private final boolean optimizing;

    public TruffleEngine() {
        String runtime = Truffle.getRuntime().getName();
        optimizing = !runtime.contains("Interpreted") && !runtime.contains("Default")
                && CompilationCounter.install();
        CompilationCounter.register(this);
    }

    /** False when Truffle has no optimizing runtime (Graal missing): guest code then runs, slowly, interpreted. */
    public boolean isOptimizing() {
        return optimizing;
    }

    /** The Truffle runtime's name, for messages. */
    public static String runtimeName() {
        return Truffle.getRuntime().getName();
    }

    public Stats stats() {
        return new Stats(blocksDecoded, regionsBuilt, compilations.get(), retired, regionEntries);
    }

    @Override
    public Stop run(CpuState cpu, VirtualMemory memory, long instructionBudget) {
        CodeCache cache = cacheFor(memory);
        long start = retired;
        while (true) {
            long left = instructionBudget - (retired - start);
            if (left < MAX_BLOCK_INSTRUCTIONS) {
                return step(cpu, memory, left);
            }
            RegionRoot region = cache.regionWithBlockAt(cpu.rip);
            if (region == null && cache.insideDecodedBlock(cpu.rip)) {
                // Stopped inside a block (an exact budget stop): finish it one instruction at a time rather than
                // build a region for every address a stop lands on.
                if (stepToKnownBlock(cpu, memory, cache) == Stop.SYSCALL) {
                    return Stop.SYSCALL;
                }
                continue;
            }
            if (region == null) {
                region = cache.newRegion(cpu.rip, memory);
            }
            regionEntries++;
            Object exit = region.getCallTarget().call(cpu, memory, left);
            if (exit == RegionRoot.EXIT_SYSCALL) {
                return Stop.SYSCALL;
            }
            if (exit == RegionRoot.EXIT_NOT_HERE) {
                cache.forgetEntry(cpu.rip, region);
            }
        }
    }

    /**
     * Runs the last few instructions of a budget, fewer than a block may hold, one at a time outside Truffle, so
     * that every budget is honoured exactly (a debugger's single step, the kernel's instruction limit).
     */
    private Stop step(CpuState cpu, VirtualMemory memory, long instructionBudget) {
        for (long n = 0; n < instructionBudget; n++) {
            int result = Executor.execute(Decoder.decode(memory, cpu.rip), cpu, memory);
            retired++;
            if (result == Executor.SYSCALL) {
                return Stop.SYSCALL;
            }
        }
        return Stop.BUDGET;
    }

    /** Steps at most one block's worth of instructions, until RIP is at a block some region holds. */
    private Stop stepToKnownBlock(CpuState cpu, VirtualMemory memory, CodeCache cache) {
        for (int n = 0; n < MAX_BLOCK_INSTRUCTIONS; n++) {
            if (step(cpu, memory, 1) == Stop.SYSCALL) {
                return Stop.SYSCALL;
            }
            if (cache.regionWithBlockAt(cpu.rip) != null) {
                break;
            }
        }
        return Stop.BUDGET;
    }

    private CodeCache cacheFor(VirtualMemory memory) {
        if (memory != lastMemory) {
            lastCache = caches.computeIfAbsent(memory, m -> new CodeCache(this, m));
            lastMemory = memory;
        }
        return lastCache;
    }

    /** Drops decoded code overlapping [start, end) in every address space this engine ran (too much is safe). */
    @Override
    @TruffleBoundary
    public void invalidate(long start, long end) {
        for (CodeCache cache : new ArrayList<>(caches.values())) {
            cache.invalidate(start, end);
        }
    }

    @Override
    public long instructionsRetired() {
        return retired;
    }

    @Override
    public String name() {
        return "truffle";
    }
}
