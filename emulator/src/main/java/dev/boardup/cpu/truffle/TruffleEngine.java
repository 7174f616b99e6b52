package dev.boardup.cpu.truffle;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.Truffle;
import dev.boardup.cpu.CpuException;
import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.Engine;
import dev.boardup.cpu.decode.Decoder;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.cpu.exec.Executor;
import dev.boardup.memory.Mmu;
import dev.boardup.memory.VirtualMemory;
import java.util.ArrayList;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Truffle execution engine ("truffle"): runs cold guest code block by block in plain Java, and hot guest code as
 * Truffle ASTs that Graal compiles to machine code.
 *
 * <p>Blocks. Guest code is cut into basic blocks ({@link GuestBlock}): straight runs of decoded instructions ending
 * at a branch, a SYSCALL or {@link #MAX_BLOCK_INSTRUCTIONS}. The host loop in {@link #run} executes a cold block's
 * instructions directly (the plain interpreter's way), counts how often each block ran and profiles where
 * control went after it.
 *
 * <p>Regions. When a block has run {@link #hotThreshold} times, the blocks its profile reaches (those that ran at
 * least a tenth as often) become a region ({@link RegionRoot}), one CallTarget, which is sent to Graal at once. Its
 * block-to-block dispatch runs inside Truffle as a {@code MERGE_EXPLODE} loop over block indices
 * ({@link DispatchNode}), so guest loops, calls and returns inside one region compile to machine jumps and loops.
 * Each instruction is a compilation constant, so the call into {@code Executor.execute} for it folds to that one
 * instruction's semantics. The host keeps running the region's blocks cold until Graal's code is installed, and
 * only then enters the region: the Truffle interpreter, far slower than the plain one, never runs guest code in
 * normal use. The successors are fixed from the profile when the region is built; control going elsewhere returns
 * to the host loop, so compiled code is never invalidated to learn an edge. (Measured before this design: a region
 * discovered its blocks as it ran in the Truffle interpreter and deoptimized once per new edge; a 420M-instruction
 * loop took longer than on the plain interpreter, and most benchmarks finished before anything compiled.)
 *
 * <p>Blocks with SSE or x87 instructions never join a region (their semantics partially evaluate to huge graphs);
 * they always run cold. A region that runs too few instructions per entry to pay for entering it is left cold too.
 *
 * <p>State. Cold blocks work on {@link CpuState} directly; a region works on a copy of it that Graal scalar-replaces
 * (see {@link DispatchNode}), written back when the region is left. Faults are thrown with RIP at the faulting
 * instruction and every earlier instruction counted as retired. The budget is exact, like
 * the interpreter's: a block runs only if it fits what is left of it, and the engine runs the remaining few
 * instructions one at a time.
 *
 * <p>Invalidation. Decoded code is kept per address space (per {@link VirtualMemory} object, see
 * {@link CodeCache}). {@link #invalidate} drops the blocks and regions overlapping a range in every address space;
 * a dropped region's assumption is invalidated, which discards its compiled code, and a block or region still
 * running stops after the current instruction. When the memory is an {@link Mmu}, pages holding decoded code are
 * marked as code pages, so guest stores into them reach the Mmu's code-write listener, which the machine points at
 * {@link #invalidate} (self-modifying code). Not thread-safe: one engine per host thread.
 */
public final class TruffleEngine implements Engine {
    /**
     * Counters for statistics and tests: basic blocks decoded, regions (CallTargets) built, Graal compilations
     * finished (each tier counts), instructions retired, and region entries from the host loop (each costs a
     * CallTarget call).
     */
    public record Stats(long blocksDecoded, long regionsBuilt, long compilations, long instructionsRetired,
            long regionEntries, long compiledInstructions) {
    }

    static final int MAX_BLOCK_INSTRUCTIONS = 64;
    static final String REGION_NAME_PREFIX = "x86 region #";
    /**
     * Cold executions after which a block heads a region that is compiled. Every Graal compilation has a cost
     * beyond its own thread: Graal is ordinary Java here, and while HotSpot's JIT compiles Graal's hot methods it
     * compiles the engine's own cold path later (one extra compilation at start-up made a 444M-instruction cold
     * run take 9.3 s instead of 5.7 s).
     */
    static final int DEFAULT_HOT_THRESHOLD = 1000;

    /** A hot block still running cold looks at its region's compilation every this many (+1) runs. */
    private static final int RECHECK_MASK = 0x3FF;

    private static final AtomicInteger NEXT_ID = new AtomicInteger();

    final int id = NEXT_ID.incrementAndGet();
    /** Instructions retired; the region nodes add to it when they leave or fault. */
    long retired;
    long blocksDecoded;
    long regionsBuilt;
    private long regionEntries;
    /** Instructions retired inside region calls (compiled code, or the region ASTs in tests). */
    private long compiledInstructions;
    final AtomicLong compilations = new AtomicLong();

    private final int hotThreshold;
    /** Tests only: enter regions before they are compiled, so the Truffle interpreter runs their ASTs. */
    private final boolean enterUncompiled;

    /** Decoded code per address space; weak, so an exited process's code goes with its memory. */
    private final Map<VirtualMemory, CodeCache> caches = new WeakHashMap<>();
    /** The cache used last, to skip the map lookup while one address space runs. */
    private VirtualMemory lastMemory;
    private CodeCache lastCache;
    private final boolean optimizing;

    public TruffleEngine() {
        this(DEFAULT_HOT_THRESHOLD, false);
    }

    /**
     * An engine that builds a region once a block ran {@code hotThreshold} times, and with {@code enterUncompiled}
     * enters regions even before Graal compiled them (tests use it to run the region ASTs on short programs).
     */
    TruffleEngine(int hotThreshold, boolean enterUncompiled) {
        this.hotThreshold = hotThreshold;
        this.enterUncompiled = enterUncompiled;
        String runtime = Truffle.getRuntime().getName();
        optimizing = !runtime.contains("Interpreted") && !runtime.contains("Default")
                && CompilationCounter.install();
        CompilationCounter.register(this);
    }

    /**
     * For tests of the region code on short programs: a block heads a region after two cold runs, and regions are
     * entered uncompiled (the Truffle interpreter runs them) rather than sent to Graal.
     */
    static TruffleEngine eagerForTests() {
        return new TruffleEngine(2, true);
    }

    /** False when Truffle has no optimizing runtime (Graal missing): guest code then only runs cold. */
    public boolean isOptimizing() {
        return optimizing;
    }

    /** The Truffle runtime's name, for messages. */
    public static String runtimeName() {
        return Truffle.getRuntime().getName();
    }

    public Stats stats() {
        return new Stats(blocksDecoded, regionsBuilt, compilations.get(), retired, regionEntries,
                compiledInstructions);
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
            GuestBlock block = cache.blockAt(cpu.rip, memory);
            RegionRoot region = block.region;
            if (region != null && region.profitable && (enterUncompiled || region.isCompiled())) {
                regionEntries++;
                long before = retired;
                Object exit = region.getCallTarget().call(cpu, memory, left);
                region.noteEntry(retired - before);
                compiledInstructions += retired - before;
                if (exit == RegionRoot.EXIT_SYSCALL) {
                    return Stop.SYSCALL;
                }
                if (exit == RegionRoot.EXIT_NOT_HERE && block.region == region) {
                    // The region was dropped (its code was overwritten), and with it maybe this block: look RIP
                    // up again, and never offer this region here again.
                    block.region = null;
                }
                continue;
            }
            boolean syscall = runCold(block, cpu, memory);
            block.noteSuccessor(cpu.rip);
            int heat = ++block.heat;
            if (heat >= hotThreshold && (heat == hotThreshold || (heat & RECHECK_MASK) == 0)) {
                heatUp(cache, block, memory);
            } else if (heat < 0) {
                block.heat = hotThreshold;
            }
            if (syscall) {
                return Stop.SYSCALL;
            }
        }
    }

    /**
     * Runs a block's instructions in plain Java. Returns true after a SYSCALL. Stops early, after the current
     * instruction, when the block was invalidated (the guest wrote into it); a fault is rethrown with the
     * instructions before it counted as retired.
     */
    private boolean runCold(GuestBlock block, CpuState cpu, VirtualMemory memory) {
        Instruction[] insns = block.instructions;
        for (int i = 0; i < insns.length; i++) {
            int result;
            try {
                result = Executor.execute(insns[i], cpu, memory);
            } catch (CpuException fault) {
                retired += i;
                throw fault;
            }
            if (result == Executor.SYSCALL) {
                retired += i + 1;
                return true;
            }
            if (!block.valid) {
                retired += i + 1;
                return false;
            }
        }
        retired += insns.length;
        return false;
    }

    /** A block got hot: it heads a new region unless it has one, and its region is sent to Graal. */
    private void heatUp(CodeCache cache, GuestBlock block, VirtualMemory memory) {
        if (!block.valid || !block.compilable) {
            return;
        }
        if (block.region == null || !block.region.valid.isValid()) {
            block.region = cache.buildRegion(block, Math.max(1, hotThreshold / 10), memory);
        }
        if (optimizing && !enterUncompiled) {
            block.region.requestCompilation(memory);
        }
    }

    /**
     * Runs the last few instructions of a budget, fewer than a block may hold, one at a time, so that every budget
     * is honoured exactly (a debugger's single step, the kernel's instruction limit).
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
