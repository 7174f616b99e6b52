package dev.boardup.cpu.truffle;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.Truffle;
import dev.boardup.cpu.CpuException;
import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.Engine;
import dev.boardup.cpu.decode.Decoder;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.memory.Mmu;
import dev.boardup.memory.VirtualMemory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Truffle execution engine ("truffle"): runs guest code as Truffle ASTs that Graal compiles to machine code.
 *
 * <p>Design. Guest code is cut into basic blocks ({@link BlockNode}): straight runs of decoded instructions ending
 * at a branch, a SYSCALL or {@link #MAX_BLOCK_INSTRUCTIONS}. Each instruction is a compilation constant, so the
 * per-instruction call into the executor folds to that instruction's semantics. Blocks are grouped into
 * <em>regions</em> ({@link RegionRoot}), one CallTarget per entry address the host loop in {@link #run} has jumped
 * to. A region discovers its blocks as the guest runs: whenever control goes from one of its blocks to an address it
 * has not seen from there, it decodes that block (if new), records the edge, and deoptimizes once. Dispatch between
 * the blocks of a region runs inside Truffle as a {@code MERGE_EXPLODE} loop over block indices
 * ({@link DispatchNode}), so a guest loop inside one region compiles into a machine loop; guest loops that never
 * return to the host are compiled by on-stack replacement. Only leaving a region (an indirect jump or RET with too
 * many targets, a full region, a SYSCALL, the budget) comes back to the host loop, which then calls the region for
 * the new RIP.
 *
 * <p>Registers and flags stay in {@link CpuState}: the executor works on it directly. Faults are thrown with RIP at
 * the faulting instruction and every earlier instruction counted as retired. The budget is checked at block
 * boundaries, so a run may overshoot it by less than one block.
 *
 * <p>Invalidation: {@link #invalidate} drops every region with a block overlapping the range and invalidates its
 * assumption, which throws away its compiled code; a region still running stops after the current instruction.
 * When the memory is an {@link Mmu}, pages holding decoded code are marked so that guest writes to them invalidate
 * too (self-modifying code). Decoded code belongs to one address space: the kernel invalidates on exec, munmap and
 * mprotect. Not thread-safe: one engine per guest CPU thread.
 */
public final class TruffleEngine implements Engine {
    /** Counters for statistics and tests. */
    public record Stats(long blocksDecoded, long regionsBuilt, long compilations, long instructionsRetired) {
    }

    static final int MAX_BLOCK_INSTRUCTIONS = 64;
    /** No instruction is longer than 15 bytes, so no block spans more than this. */
    private static final long MAX_BLOCK_BYTES = MAX_BLOCK_INSTRUCTIONS * 15L;
    private static final int PAGE_SHIFT = 12;
    static final String REGION_NAME_PREFIX = "x86 region #";

    private static final AtomicInteger NEXT_ID = new AtomicInteger();

    final int id = NEXT_ID.incrementAndGet();
    /** Instructions retired; the region nodes add to it when they leave or fault. */
    long retired;
    private long blocksDecoded;
    private long regionsBuilt;
    final AtomicLong compilations = new AtomicLong();

    private final Map<Long, RegionRoot> regions = new HashMap<>();
    /** Decoded blocks by start address, shared by the regions that contain them. */
    private final NavigableMap<Long, Instruction[]> decoded = new TreeMap<>();
    /** Which regions hold code on each virtual page number. */
    private final Map<Long, Set<RegionRoot>> regionsOnPage = new HashMap<>();
    /** Virtual page numbers holding decoded blocks; an {@link Mmu} reports guest writes to them. */
    private final Set<Long> watchedPages = new HashSet<>();

    /** The MMU whose code pages we mark, if the memory we run on is one. */
    private Mmu mmu;
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
        return new Stats(blocksDecoded, regionsBuilt, compilations.get(), retired);
    }

    @Override
    public Stop run(CpuState cpu, VirtualMemory memory, long instructionBudget) {
        watchCodeWrites(memory);
        long start = retired;
        while (true) {
            long left = Math.max(1, instructionBudget - (retired - start));
            Object exit = regionAt(cpu.rip, memory).getCallTarget().call(cpu, memory, left);
            if (exit == RegionRoot.EXIT_SYSCALL) {
                return Stop.SYSCALL;
            }
            if (exit == RegionRoot.EXIT_BUDGET || retired - start >= instructionBudget) {
                return Stop.BUDGET;
            }
        }
    }

    private RegionRoot regionAt(long rip, VirtualMemory memory) {
        RegionRoot region = regions.get(rip);
        if (region == null) {
            region = new RegionRoot(this, rip, decodeBlock(memory, rip));
            regions.put(rip, region);
            regionsBuilt++;
        }
        return region;
    }

    /**
     * Decodes the basic block at {@code rip}, or returns it from the cache. A fault fetching the first instruction
     * is thrown (RIP is there, nothing ran); a fault further on just ends the block before it, so the fault is
     * raised when execution gets there.
     */
    @TruffleBoundary
    Instruction[] decodeBlock(VirtualMemory memory, long rip) {
        Instruction[] block = decoded.get(rip);
        if (block != null) {
            return block;
        }
        List<Instruction> instructions = new ArrayList<>();
        long pc = rip;
        while (instructions.size() < MAX_BLOCK_INSTRUCTIONS) {
            Instruction insn;
            try {
                insn = Decoder.decode(memory, pc);
            } catch (CpuException fault) {
                if (instructions.isEmpty()) {
                    throw fault;
                }
                break;
            }
            instructions.add(insn);
            pc = insn.next();
            if (insn.endsBlock()) {
                break;
            }
        }
        block = instructions.toArray(new Instruction[0]);
        decoded.put(rip, block);
        blocksDecoded++;
        watchPages(rip, end(block));
        return block;
    }

    /** Called by a region when it adds a block: indexes the block's pages so invalidation finds the region. */
    void noteCodeRange(RegionRoot region, long start, long end) {
        for (long page = start >>> PAGE_SHIFT; page <= (end - 1) >>> PAGE_SHIFT; page++) {
            regionsOnPage.computeIfAbsent(page, p -> new HashSet<>()).add(region);
            region.pages.add(page);
        }
    }

    /** Has the MMU report guest writes to the pages of a freshly decoded block. */
    private void watchPages(long start, long end) {
        for (long page = start >>> PAGE_SHIFT; page <= (end - 1) >>> PAGE_SHIFT; page++) {
            if (watchedPages.add(page) && mmu != null) {
                mmu.markCodePage(page << PAGE_SHIFT);
            }
        }
    }

    private void watchCodeWrites(VirtualMemory memory) {
        if (memory instanceof Mmu m && m != mmu) {
            mmu = m;
            m.setCodeWriteListener(pageVa -> invalidate(pageVa, pageVa + (1L << PAGE_SHIFT)));
            for (long page : watchedPages) {
                m.markCodePage(page << PAGE_SHIFT);
            }
        }
    }

    private static long end(Instruction[] block) {
        Instruction last = block[block.length - 1];
        return last.address + last.length;
    }

    @Override
    @TruffleBoundary
    public void invalidate(long start, long end) {
        if (end <= start) {
            return;
        }
        dropDecodedBlocks(start, end);
        Set<RegionRoot> doomed = new HashSet<>();
        long firstPage = start >>> PAGE_SHIFT;
        long lastPage = (end - 1) >>> PAGE_SHIFT;
        if (lastPage - firstPage < regionsOnPage.size()) {
            for (long page = firstPage; page <= lastPage; page++) {
                collectOverlapping(regionsOnPage.get(page), start, end, doomed);
            }
        } else {
            for (Map.Entry<Long, Set<RegionRoot>> e : regionsOnPage.entrySet()) {
                if (e.getKey() >= firstPage && e.getKey() <= lastPage) {
                    collectOverlapping(e.getValue(), start, end, doomed);
                }
            }
        }
        for (RegionRoot region : doomed) {
            drop(region);
        }
        forgetWatchedPages(start, end);
    }

    /** Pages wholly inside an invalidated range hold no decoded code any more: writes to them are plain again. */
    private void forgetWatchedPages(long start, long end) {
        long firstWhole = (start + (1L << PAGE_SHIFT) - 1) >>> PAGE_SHIFT;
        long endWhole = end >>> PAGE_SHIFT;
        Iterator<Long> it = watchedPages.iterator();
        while (it.hasNext()) {
            long page = it.next();
            if (page >= firstWhole && page < endWhole) {
                it.remove();
                if (mmu != null) {
                    mmu.unmarkCodePage(page << PAGE_SHIFT);
                }
            }
        }
    }

    private void dropDecodedBlocks(long start, long end) {
        Iterator<Map.Entry<Long, Instruction[]>> it =
                decoded.subMap(start - MAX_BLOCK_BYTES, true, end, false).entrySet().iterator();
        while (it.hasNext()) {
            Instruction[] block = it.next().getValue();
            if (block[0].address < end && start < end(block)) {
                it.remove();
            }
        }
    }

    private static void collectOverlapping(Set<RegionRoot> candidates, long start, long end, Set<RegionRoot> out) {
        if (candidates == null) {
            return;
        }
        for (RegionRoot region : candidates) {
            if (region.overlaps(start, end)) {
                out.add(region);
            }
        }
    }

    private void drop(RegionRoot region) {
        region.valid.invalidate();
        regions.remove(region.entry, region);
        for (long page : region.pages) {
            Set<RegionRoot> onPage = regionsOnPage.get(page);
            if (onPage != null && onPage.remove(region) && onPage.isEmpty()) {
                regionsOnPage.remove(page);
            }
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
