package dev.boardup.cpu.bytecode;

import dev.boardup.cpu.CpuException;
import dev.boardup.cpu.decode.Decoder;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.memory.Mmu;
import dev.boardup.memory.VirtualMemory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The decoded blocks of one address space, by start address, with a direct-mapped array in front of the map for
 * the host loop's lookups. Pages holding decoded code are marked as code pages in the {@link Mmu}, so guest stores
 * into them reach the machine's code-write listener and from there {@link AsmEngine#invalidate}.
 */
final class BlockCache {
    static final int MAX_BLOCK_INSTRUCTIONS = 32;
    /** No instruction is longer than 15 bytes, so no block spans more than this. */
    private static final long MAX_BLOCK_BYTES = MAX_BLOCK_INSTRUCTIONS * 15L;
    private static final int PAGE_SHIFT = 12;
    private static final int RECENT_SIZE = 4096;

    private final AsmEngine engine;
    /** Weak: the engine's map holds this cache weakly keyed by that very memory. */
    private final WeakReference<Mmu> mmu;
    private final NavigableMap<Long, Block> blocks = new TreeMap<>();
    private final Block[] recent = new Block[RECENT_SIZE];
    /** Virtual page numbers holding decoded blocks. */
    private final Set<Long> watchedPages = new HashSet<>();

    BlockCache(AsmEngine engine, VirtualMemory memory) {
        this.engine = engine;
        this.mmu = new WeakReference<>(memory instanceof Mmu m ? m : null);
    }

    /** The block starting at {@code rip}, decoded now if need be (a fault fetching its first instruction is thrown). */
    Block blockAt(VirtualMemory memory, long rip) {
        int slot = (int) (rip ^ (rip >>> 12)) & (RECENT_SIZE - 1);
        Block b = recent[slot];
        if (b != null && b.start == rip && b.valid) {
            return b;
        }
        b = blocks.get(rip);
        if (b == null) {
            b = decode(memory, rip);
            blocks.put(rip, b);
        }
        recent[slot] = b;
        return b;
    }

    /**
     * Decodes up to a branch, a SYSCALL or {@link #MAX_BLOCK_INSTRUCTIONS}. A fault further on than the first
     * instruction just ends the block before it, so it is raised when execution gets there.
     */
    private Block decode(VirtualMemory memory, long rip) {
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
        Block b = new Block(instructions.toArray(new Instruction[0]));
        engine.blocksDecoded++;
        watchPages(b.start, b.end);
        return b;
    }

    private void watchPages(long start, long end) {
        Mmu m = mmu.get();
        for (long page = start >>> PAGE_SHIFT; page <= (end - 1) >>> PAGE_SHIFT; page++) {
            if (watchedPages.add(page) && m != null) {
                m.markCodePage(page << PAGE_SHIFT);
            }
        }
    }

    /** Drops every block overlapping [start, end); a block running now stops after its current instruction. */
    void invalidate(long start, long end) {
        if (end <= start) {
            return;
        }
        List<Block> doomed = new ArrayList<>();
        for (Block b : blocks.subMap(start - MAX_BLOCK_BYTES, true, end, false).values()) {
            if (b.overlaps(start, end)) {
                doomed.add(b);
            }
        }
        // A trace goes with any block in it: drop the heads that depend on a dropped block, transitively.
        for (int i = 0; i < doomed.size(); i++) {
            Block b = doomed.get(i);
            if (b.valid) {
                b.valid = false;
                blocks.remove(b.start, b);
                doomed.addAll(b.dependents);
            }
        }
        forgetWatchedPages(start, end);
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

    int size() {
        return blocks.size();
    }

    Map<Long, Block> blocks() {
        return blocks;
    }
}
