package dev.boardup.cpu.truffle;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import dev.boardup.cpu.CpuException;
import dev.boardup.cpu.decode.Decoder;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.memory.Mmu;
import dev.boardup.memory.VirtualMemory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The decoded blocks and regions of one address space, with the indexes invalidation needs: which regions have
 * code on each page, and which pages hold decoded code at all. Those pages are marked as code pages in the
 * {@link Mmu}, which then reports guest writes to them to its code-write listener; the Mmu's owner (the machine)
 * routes that listener to {@link TruffleEngine#invalidate}.
 */
final class CodeCache {
    /** No instruction is longer than 15 bytes, so no block spans more than this. */
    private static final long MAX_BLOCK_BYTES = TruffleEngine.MAX_BLOCK_INSTRUCTIONS * 15L;
    private static final int PAGE_SHIFT = 12;

    final TruffleEngine engine;
    /** Weak: the engine's map holds this cache weakly keyed by that very memory. */
    private final WeakReference<Mmu> mmu;

    /** For each block start address, the region the host enters there: the first region that holds that block. */
    private final Map<Long, RegionRoot> regionAtBlock = new HashMap<>();
    /** Decoded blocks by start address, shared by the regions that contain them. */
    private final NavigableMap<Long, Instruction[]> decoded = new TreeMap<>();
    /** Which regions hold code on each virtual page number. */
    private final Map<Long, Set<RegionRoot>> regionsOnPage = new HashMap<>();
    /** Virtual page numbers holding decoded blocks. */
    private final Set<Long> watchedPages = new HashSet<>();

    CodeCache(TruffleEngine engine, VirtualMemory memory) {
        this.engine = engine;
        this.mmu = new WeakReference<>(memory instanceof Mmu m ? m : null);
    }

    /** A region with a block starting at {@code rip}, or null. */
    RegionRoot regionWithBlockAt(long rip) {
        return regionAtBlock.get(rip);
    }

    /** A new region whose first block starts at {@code rip}. */
    RegionRoot newRegion(long rip, VirtualMemory memory) {
        RegionRoot region = new RegionRoot(this, rip, decodeBlock(memory, rip));
        engine.regionsBuilt++;
        return region;
    }

    /** Whether {@code rip} lies inside (not at the start of) an already decoded block. */
    boolean insideDecodedBlock(long rip) {
        Map.Entry<Long, Instruction[]> e = decoded.lowerEntry(rip);
        return e != null && rip < end(e.getValue());
    }

    /** A region that could not be entered at {@code rip} is not offered there again. */
    void forgetEntry(long rip, RegionRoot region) {
        regionAtBlock.remove(rip, region);
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
        while (instructions.size() < TruffleEngine.MAX_BLOCK_INSTRUCTIONS) {
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
        engine.blocksDecoded++;
        watchPages(rip, end(block));
        return block;
    }

    /** Called by a region when it adds a block: indexes the block so the host and invalidation find the region. */
    void noteBlock(RegionRoot region, long start, long end) {
        regionAtBlock.putIfAbsent(start, region);
        for (long page = start >>> PAGE_SHIFT; page <= (end - 1) >>> PAGE_SHIFT; page++) {
            regionsOnPage.computeIfAbsent(page, p -> new HashSet<>()).add(region);
            region.pages.add(page);
        }
    }

    /** Has the MMU report guest writes to the pages of a freshly decoded block. */
    private void watchPages(long start, long end) {
        for (long page = start >>> PAGE_SHIFT; page <= (end - 1) >>> PAGE_SHIFT; page++) {
            Mmu m = mmu.get();
            if (watchedPages.add(page) && m != null) {
                m.markCodePage(page << PAGE_SHIFT);
            }
        }
    }

    private static long end(Instruction[] block) {
        Instruction last = block[block.length - 1];
        return last.address + last.length;
    }

    /** Drops every decoded block and region overlapping [start, end); a dropped region never runs again. */
    @TruffleBoundary
    void invalidate(long start, long end) {
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
        for (long start : region.blockStarts()) {
            regionAtBlock.remove(start, region);
        }
        for (long page : region.pages) {
            Set<RegionRoot> onPage = regionsOnPage.get(page);
            if (onPage != null && onPage.remove(region) && onPage.isEmpty()) {
                regionsOnPage.remove(page);
            }
        }
    }

    /** Pages wholly inside an invalidated range hold no decoded code any more: writes to them are plain again. */
    private void forgetWatchedPages(long start, long end) {
        long firstWhole = (start + (1L << PAGE_SHIFT) - 1) >>> PAGE_SHIFT;
        long endWhole = end >>> PAGE_SHIFT;
        Mmu m = mmu.get();
        Iterator<Long> it = watchedPages.iterator();
        while (it.hasNext()) {
            long page = it.next();
            if (page >= firstWhole && page < endWhole) {
                it.remove();
                if (m != null) {
                    m.unmarkCodePage(page << PAGE_SHIFT);
                }
            }
        }
    }
}
