package dev.boardup.cpu.truffle;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import dev.boardup.cpu.CpuException;
import dev.boardup.cpu.decode.Decoder;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.memory.Mmu;
import dev.boardup.memory.VirtualMemory;
import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
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
    /**
     * A region holds at most this many blocks and instructions: Graal's compile time and code size grow faster
     * than its size (gcc's unrolled fib: 64 instructions compiled to 24 KB, 256 to 178 KB in 33 s on a loaded
     * machine).
     */
    static final int MAX_REGION_BLOCKS = 16, MAX_REGION_INSTRUCTIONS = 64;
    /** The direct-mapped lookup in front of {@link #decoded}: the host loop asks for a block at every branch. */
    private static final int RECENT_SIZE = 4096;

    final TruffleEngine engine;
    /** Weak: the engine's map holds this cache weakly keyed by that very memory. */
    private final WeakReference<Mmu> mmu;

    /** Decoded blocks by start address. */
    private final NavigableMap<Long, GuestBlock> decoded = new TreeMap<>();
    private final GuestBlock[] recent = new GuestBlock[RECENT_SIZE];
    /** Which regions hold code on each virtual page number. */
    private final Map<Long, Set<RegionRoot>> regionsOnPage = new HashMap<>();
    /** Virtual page numbers holding decoded blocks. */
    private final Set<Long> watchedPages = new HashSet<>();

    CodeCache(TruffleEngine engine, VirtualMemory memory) {
        this.engine = engine;
        this.mmu = new WeakReference<>(memory instanceof Mmu m ? m : null);
    }

    /**
     * The block starting at {@code rip}, decoded now if it is new. A fault fetching its first instruction is
     * thrown (RIP is there, nothing ran); a fault further on just ends the block before it, so the fault is raised
     * when execution gets there.
     */
    GuestBlock blockAt(long rip, VirtualMemory memory) {
        int slot = (int) (rip ^ (rip >>> 12)) & (RECENT_SIZE - 1);
        GuestBlock block = recent[slot];
        if (block != null && block.start == rip && block.valid) {
            return block;
        }
        block = decoded.get(rip);
        if (block == null) {
            block = decode(rip, memory);
        }
        recent[slot] = block;
        return block;
    }

    @TruffleBoundary
    private GuestBlock decode(long rip, VirtualMemory memory) {
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
        GuestBlock block = new GuestBlock(instructions.toArray(new Instruction[0]));
        decoded.put(rip, block);
        engine.blocksDecoded++;
        watchPages(block.start, block.end);
        return block;
    }

    /**
     * Builds a region entered at the hot block {@code head}: the blocks its profile reaches through blocks that ran
     * at least {@code warm} times, breadth first, up to the size cap. Every member without a region of its own is
     * entered through this one from now on.
     */
    RegionRoot buildRegion(GuestBlock head, int warm, VirtualMemory memory) {
        List<GuestBlock> members = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        ArrayDeque<GuestBlock> queue = new ArrayDeque<>();
        queue.add(head);
        seen.add(head.start);
        int instructions = 0;
        while (!queue.isEmpty() && members.size() < MAX_REGION_BLOCKS) {
            GuestBlock block = queue.poll();
            if (instructions + block.size() > MAX_REGION_INSTRUCTIONS) {
                continue;
            }
            members.add(block);
            instructions += block.size();
            for (int s = 0; s < block.successorCount; s++) {
                GuestBlock next = decoded.get(block.successors[s]);
                if (next != null && next.valid && next.compilable && next.heat >= warm && seen.add(next.start)) {
                    queue.add(next);
                }
            }
        }
        RegionRoot region = new RegionRoot(engine, members, memory.getClass());
        engine.regionsBuilt++;
        for (GuestBlock block : members) {
            if (block.region == null) {
                block.region = region;
            }
            for (long page = block.start >>> PAGE_SHIFT; page <= (block.end - 1) >>> PAGE_SHIFT; page++) {
                regionsOnPage.computeIfAbsent(page, p -> new HashSet<>()).add(region);
            }
        }
        return region;
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

    /** Drops every decoded block and region overlapping [start, end); a dropped one never runs again. */
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
        Iterator<GuestBlock> it = decoded.subMap(start - MAX_BLOCK_BYTES, true, end, false).values().iterator();
        while (it.hasNext()) {
            GuestBlock block = it.next();
            if (block.overlaps(start, end)) {
                block.valid = false;
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
        for (GuestBlock block : region.members) {
            if (block.region == region) {
                block.region = null;
            }
            for (long page = block.start >>> PAGE_SHIFT; page <= (block.end - 1) >>> PAGE_SHIFT; page++) {
                Set<RegionRoot> onPage = regionsOnPage.get(page);
                if (onPage != null && onPage.remove(region) && onPage.isEmpty()) {
                    regionsOnPage.remove(page);
                }
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
