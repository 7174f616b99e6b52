package dev.boardup.memory;

import static dev.boardup.memory.PhysicalMemory.PAGE_MASK;
import static dev.boardup.memory.PhysicalMemory.PAGE_SHIFT;

/**
 * One address space: x86-64 4-level page tables (PML4, PDPT, PD, PT) kept in guest physical memory, exactly as the
 * MMU reads them. The root's physical address is {@link #cr3()}. Only 4 KiB pages are created.
 *
 * <p>Changing a mapping does not touch any TLB: like a kernel on real hardware, the caller follows up with
 * {@link Mmu#invlpg} or a CR3 reload.
 */
public final class PageTables {
    /** Intermediate entries grant everything, so the leaf alone decides a page's permissions. */
    private static final long TABLE_FLAGS = Pte.P | Pte.RW | Pte.US;
    /** Bits 63..48 of a canonical address's virtual page number (va >>> 12) in the upper half. */
    private static final long UPPER_HALF_VPN = 0xFFFFL << 36;

    /** Called for each mapped page by {@link #forEachMapped}. */
    @FunctionalInterface
    public interface PageVisitor {
        void visit(long va, long pte);
    }

    /** Hears every entry these tables write (not the MMU's A and D updates): for tracing and the debugger. */
    @FunctionalInterface
    public interface EntryWriteListener {
        void written(int level, long entryAddress, long oldEntry, long newEntry);
    }

    private final PhysicalMemory mem;
    private long pml4;
    private EntryWriteListener listener;

    /** An empty address space: allocates the PML4 frame. */
    public PageTables(PhysicalMemory mem) {
        this.mem = mem;
        this.pml4 = mem.allocFrame();
    }

    /** The physical address of the PML4: the value to load into CR3. */
    public long cr3() {
        return pml4;
    }

    public PhysicalMemory physical() {
        return mem;
    }

    /** Sets who hears of entry writes (null: nobody). */
    public void onEntryWrite(EntryWriteListener listener) {
        this.listener = listener;
    }

    /** Whether bits 63..47 of {@code va} are all equal: anything else is #GP on x86-64. */
    public static boolean canonical(long va) {
        return (va << 16 >> 16) == va;
    }

    /** The 9-bit table index of {@code va} at {@code level} (4 = PML4 ... 1 = PT). */
    static int index(long va, int level) {
        return (int) (va >>> (PAGE_SHIFT + 9 * (level - 1))) & 511;
    }

    /**
     * The physical address of the leaf PTE for {@code va}. Missing intermediate tables are allocated (zeroed, entries
     * P|RW|US) when {@code alloc}, otherwise the answer is 0.
     */
    public long walk(long va, boolean alloc) {
        requireCanonical(va);
        long table = root();
        for (int level = 4; level > 1; level--) {
            long entryPa = table + 8L * index(va, level);
            long e = mem.read64(entryPa);
            if (!Pte.present(e)) {
                if (!alloc) return 0;
                long old = e;
                e = Pte.make(mem.allocFrame(), TABLE_FLAGS);
                writeEntry(level, entryPa, old, e);
            } else if ((e & Pte.PS) != 0) {
                throw new IllegalStateException(String.format("large page at level %d maps 0x%x", level, va));
            }
            table = Pte.addr(e);
        }
        return table + 8L * index(va, 1);
    }

    /** Maps the page at {@code va} to the frame at {@code pa}: mappages for one page. P is implied. */
    public void map(long va, long pa, long flags) {
        requirePageAligned(va, "virtual");
        requirePageAligned(pa, "physical");
        long pteAddr = walk(va, true);
        long old = mem.read64(pteAddr);
        if (Pte.present(old)) {
            throw new IllegalStateException(String.format("remap of 0x%x (now %s)", va, Pte.toString(old)));
        }
        writeEntry(1, pteAddr, old, Pte.make(pa, flags | Pte.P));
    }

    /** Removes the mapping of the page at {@code va}; returns the old PTE (0 if none). The frame is not freed. */
    public long unmap(long va) {
        long pteAddr = walk(va & ~PAGE_MASK, false);
        if (pteAddr == 0) return 0;
        long old = mem.read64(pteAddr);
        writeEntry(1, pteAddr, old, 0);
        return old;
    }

    /** The leaf PTE of {@code va}, or 0 when nothing maps it (also for a non-canonical address). No side effects. */
    public long lookup(long va) {
        if (!canonical(va)) return 0;
        long pteAddr = walk(va, false);
        return pteAddr == 0 ? 0 : mem.read64(pteAddr);
    }

    /**
     * Replaces the permission bits of the mapped page at {@code va} with {@code flags} (P implied), keeping its
     * frame and its A and D bits: mprotect for one page.
     */
    public void protect(long va, long flags) {
        long pteAddr = walk(va & ~PAGE_MASK, false);
        long old = pteAddr == 0 ? 0 : mem.read64(pteAddr);
        if (!Pte.present(old)) {
            throw new IllegalStateException(String.format("protect of unmapped page 0x%x", va));
        }
        long kept = old & (Pte.A | Pte.D);
        writeEntry(1, pteAddr, old, Pte.make(Pte.addr(old), flags | kept | Pte.P));
    }

    private void writeEntry(int level, long entryPa, long old, long e) {
        mem.write64(entryPa, e);
        if (listener != null && old != e) listener.written(level, entryPa, old, e);
    }

    /**
     * Calls {@code visitor} for every present page in [start, end) in ascending address order (for an upper-half
     * range, after the lower half). end == 0 means "to the top of the address space". The visitor may map, unmap or
     * protect the page it is given.
     */
    public void forEachMapped(long start, long end, PageVisitor visitor) {
        if (end != 0 && Long.compareUnsigned(end, start) <= 0) return;
        long first = start >>> PAGE_SHIFT;
        long last = (end - 1) >>> PAGE_SHIFT;
        visit(root(), 4, 0, first, last, visitor);
    }

    private void visit(long table, int level, long baseVpn, long first, long last, PageVisitor visitor) {
        int shift = 9 * (level - 1);
        for (int i = 0; i < 512; i++) {
            long lo = baseVpn | ((long) i << shift);
            if (level == 4 && i >= 256) lo |= UPPER_HALF_VPN;
            long hi = lo + (1L << shift) - 1;
            if (hi < first || lo > last) continue;
            long e = mem.read64(table + 8L * i);
            if (!Pte.present(e)) continue;
            if (level == 1) {
                visitor.visit(lo << PAGE_SHIFT, e);
            } else {
                visit(Pte.addr(e), level - 1, lo, first, last, visitor);
            }
        }
    }

    /**
     * Releases the frames of the tables themselves (PML4, PDPTs, PDs, PTs). The frames the leaves map are the
     * caller's: release them first (e.g. with {@link #forEachMapped}). The object is unusable afterwards.
     */
    public void free() {
        freeTable(root(), 4);
        pml4 = 0;
    }

    private void freeTable(long table, int level) {
        if (level > 1) {
            for (int i = 0; i < 512; i++) {
                long e = mem.read64(table + 8L * i);
                if (Pte.present(e)) freeTable(Pte.addr(e), level - 1);
            }
        }
        mem.freeFrame(table);
    }

    private long root() {
        if (pml4 == 0) throw new IllegalStateException("page tables already freed");
        return pml4;
    }

    private static void requireCanonical(long va) {
        if (!canonical(va)) throw new IllegalArgumentException(String.format("non-canonical address 0x%x", va));
    }

    private static void requirePageAligned(long a, String what) {
        if ((a & PAGE_MASK) != 0) throw new IllegalArgumentException(String.format("%s address 0x%x not page aligned", what, a));
    }
}
