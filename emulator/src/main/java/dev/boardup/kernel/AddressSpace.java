package dev.boardup.kernel;

import dev.boardup.memory.Mmu;
import dev.boardup.memory.PageFault;
import dev.boardup.memory.PageTables;
import dev.boardup.memory.PhysicalMemory;
import dev.boardup.memory.Pte;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * One process's user address space: the VMAs (what the program asked for) beside the page tables (what is
 * mapped now). mmap and brk only record VMAs; pages appear on the first fault, zeroed or copied from the area's
 * file contents ({@link #resolveFault}). The stack area grows down on faults just below it, up to 8 MiB.
 */
public final class AddressSpace {
    public static final long PAGE = PhysicalMemory.PAGE_SIZE;
    /** Without randomisation Linux's stack top is TASK_SIZE itself, one page below 2^47. */
    public static final long STACK_TOP = 0x7FFF_FFFF_F000L;
    /** TASK_SIZE minus the 128 MiB minimum gap Linux leaves for the stack. */
    public static final long MMAP_BASE = STACK_TOP - 0x800_0000L;
    public static final long STACK_LIMIT = 8L << 20;
    /** Linux's vm.mmap_min_addr: nothing is ever mapped below it. */
    public static final long MMAP_MIN = 0x10000L;

    private final PhysicalMemory physical;
    private final PageTables tables;
    private final Mmu mmu;
    private final TreeMap<Long, Vma> vmas = new TreeMap<>();
    /** Told about every range whose mappings went away or changed, so decoded code can be forgotten. */
    private BiConsumer<Long, Long> codeInvalidator = (s, e) -> {};
    /** Told about every fault this space resolved (those it cannot resolve are the kernel's to report). */
    private FaultListener faultListener = (va, errorCode, how) -> {};

    /** Hears each fault {@link #resolveFault} resolved: the address, the #PF error code, and how. */
    @FunctionalInterface
    public interface FaultListener {
        void resolved(long va, int errorCode, FaultRecord.Resolution how);
    }

    private long brkStart, brk;
    private long pageFaults;

    public AddressSpace(PhysicalMemory physical, PageTables tables, Mmu mmu) {
        this.physical = physical;
        this.tables = tables;
        this.mmu = mmu;
    }

    public void onUnmap(BiConsumer<Long, Long> invalidator) {
        this.codeInvalidator = invalidator;
    }

    public void onFault(FaultListener listener) {
        this.faultListener = listener;
    }

    public PhysicalMemory physical() {
        return physical;
    }

    public PageTables tables() {
        return tables;
    }

    /** The MMU whose CR3 holds these page tables: this process's own. */
    public Mmu mmu() {
        return mmu;
    }

    public long pageFaults() {
        return pageFaults;
    }

    public List<Vma> vmas() {
        return List.copyOf(vmas.values());
    }

    public Vma find(long va) {
        Map.Entry<Long, Vma> e = vmas.floorEntry(va);
        return e != null && e.getValue().contains(va) ? e.getValue() : null;
    }

    // ---- creating areas ----

    /** Records [start, end) as a new area; the caller has made sure nothing is there. */
    public Vma add(long start, long end, int prot, String name, byte[] backing, long backingOffset) {
        return add(new Vma(start, end, prot, name, backing, backingOffset, null));
    }

    /** Records an area the caller built (a file mapping); nothing may be there yet. */
    public Vma add(Vma v) {
        vmas.put(v.start, v);
        return v;
    }

    public boolean isFree(long start, long end) {
        Map.Entry<Long, Vma> below = vmas.lowerEntry(end);
        return below == null || below.getValue().end <= start;
    }

    /** The highest free range of {@code len} bytes below the mmap base, as Linux's top-down allocator picks. */
    public long findFreeTopDown(long len) {
        long end = MMAP_BASE;
        for (Vma v : vmas.descendingMap().values()) {
            if (v.start >= end) continue;
            if (v.end <= end - len) break;
            end = v.start;
        }
        return end - len >= MMAP_MIN ? end - len : -1;
    }

    /** /proc/self/maps: one line per area in address order, then the legacy vsyscall page Linux always lists. */
    public String maps() {
        StringBuilder sb = new StringBuilder();
        for (Vma v : vmas.values()) {
            sb.append(v.mapsLine());
        }
        return sb.append(String.format("%-73s[vsyscall]%n", "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0"))
                .toString();
    }

    // ---- brk ----

    public void setBrkStart(long start) {
        brkStart = brk = start;
    }

    public long brkStart() {
        return brkStart;
    }

    public long brk() {
        return brk;
    }

    /** Linux's brk(2): moves the break if it can and returns the break in effect afterwards. */
    public long setBrk(long requested) {
        if (requested < brkStart) {
            return brk;
        }
        long oldTop = pageUp(brk), newTop = pageUp(requested);
        if (newTop > oldTop) {
            if (!isFree(oldTop, newTop + PAGE) || newTop > MMAP_BASE) {
                return brk;
            }
            Vma heap = find(oldTop - 1);
            if (heap != null && "[heap]".equals(heap.name) && heap.end == oldTop) {
                vmas.put(heap.start, heap.withEnd(newTop));
            } else {
                add(oldTop, newTop, Vma.PROT_READ | Vma.PROT_WRITE, "[heap]", null, 0);
            }
        } else if (newTop < oldTop) {
            unmap(newTop, oldTop);
        }
        brk = requested;
        return brk;
    }

    // ---- mremap ----

    /**
     * Moves the area [oldStart, oldStart+oldLen) to [newStart, newStart+oldLen): its VMA and its present pages,
     * whose frames change address without being copied. The caller has checked that the range is one area and
     * that the destination is free.
     */
    public void move(long oldStart, long oldLen, long newStart) {
        Vma v = find(oldStart);
        Vma moved = v.slice(oldStart, oldStart + oldLen);
        List<long[]> pages = new ArrayList<>();
        tables.forEachMapped(oldStart, oldStart + oldLen, (va, pte) -> pages.add(new long[] {va, pte}));
        for (long[] p : pages) {
            tables.unmap(p[0]);
            mmu.invlpg(p[0]);
        }
        vmas.remove(v.start);
        if (v.start < oldStart) vmas.put(v.start, v.withEnd(oldStart));
        if (v.end > oldStart + oldLen) vmas.put(oldStart + oldLen, v.withStart(oldStart + oldLen));
        codeInvalidator.accept(oldStart, oldStart + oldLen);
        vmas.put(newStart, moved.movedTo(newStart));
        for (long[] p : pages) {
            tables.map(newStart + (p[0] - oldStart), Pte.addr(p[1]), Pte.flags(p[1]) & ~(Pte.A | Pte.D));
        }
    }

    /** Grows the area ending at {@code end} to {@code newEnd} in place; the caller has checked the room is free. */
    public void extend(long end, long newEnd) {
        Vma v = find(end - 1);
        vmas.put(v.start, v.withEnd(newEnd));
    }

    // ---- munmap, mprotect ----

    /** Removes every mapping in [start, end), splitting areas that straddle the edges. */
    public void unmap(long start, long end) {
        for (Vma v : overlapping(start, end)) {
            vmas.remove(v.start);
            if (v.start < start) vmas.put(v.start, v.withEnd(start));
            if (v.end > end) vmas.put(end, v.withStart(end));
            unmapPages(Math.max(v.start, start), Math.min(v.end, end));
        }
        codeInvalidator.accept(start, end);
    }

    /** Changes the protection of [start, end); false (ENOMEM) if part of the range is not mapped. */
    public boolean protect(long start, long end, int prot) {
        if (!fullyMapped(start, end)) {
            return false;
        }
        for (Vma v : overlapping(start, end)) {
            vmas.remove(v.start);
            if (v.start < start) vmas.put(v.start, v.withEnd(start));
            if (v.end > end) vmas.put(end, v.withStart(end));
            long from = Math.max(v.start, start), to = Math.min(v.end, end);
            vmas.put(from, v.slice(from, to).withProt(prot));
            reprotectPages(from, to, prot);
        }
        codeInvalidator.accept(start, end);
        return true;
    }

    public boolean fullyMapped(long start, long end) {
        long at = start;
        for (Vma v : overlapping(start, end)) {
            if (v.start > at) return false;
            at = v.end;
        }
        return at >= end;
    }

    private List<Vma> overlapping(long start, long end) {
        List<Vma> out = new ArrayList<>();
        Long from = vmas.floorKey(start);
        for (Vma v : vmas.tailMap(from == null ? start : from, true).values()) {
            if (v.start >= end) break;
            if (v.end > start) out.add(v);
        }
        return out;
    }

    private void unmapPages(long start, long end) {
        for (long va = start; va < end; va += PAGE) {
            long old = tables.unmap(va);
            if (Pte.present(old)) {
                physical.decRef(Pte.addr(old));
                mmu.invlpg(va);
            }
        }
    }

    private void reprotectPages(long start, long end, int prot) {
        for (long va = start; va < end; va += PAGE) {
            long pte = tables.lookup(va);
            if (!Pte.present(pte)) continue;
            if (prot == Vma.PROT_NONE) {
                physical.decRef(Pte.addr(tables.unmap(va)));
            } else if ((pte & Pte.COW) != 0) {
                // still shared with another process: writable only once the first write has copied it
                tables.protect(va, (pteFlags(prot) & ~Pte.RW) | Pte.COW);
            } else {
                tables.protect(va, pteFlags(prot));
            }
            mmu.invlpg(va);
        }
    }

    // ---- demand paging ----

    /**
     * Resolves a #PF the way Linux's do_user_addr_fault would without signals: inside an area that permits the
     * access, a not-present page gets a fresh frame; just below the stack the stack grows first. False means the
     * fault is the program's own (SIGSEGV).
     */
    public boolean resolveFault(PageFault pf) {
        return resolveFault(pf.address, pf.errorCode);
    }

    /** A fault taken by the kernel's own access to user memory (copy_to_user): no U bit in its error code. */
    public boolean resolveFault(long va, boolean write, boolean fetch, boolean present) {
        return resolveFault(va, (present ? PageFault.P : 0) | (write ? PageFault.W : 0) | (fetch ? PageFault.I : 0));
    }

    private boolean resolveFault(long va, int errorCode) {
        boolean write = (errorCode & PageFault.W) != 0, fetch = (errorCode & PageFault.I) != 0;
        boolean present = (errorCode & PageFault.P) != 0;
        Vma v = find(va);
        boolean grown = false;
        if (v == null) {
            v = growStack(va);
            grown = v != null;
        }
        if (v != null && present && write && v.permits(true, false)) {
            FaultRecord.Resolution how = breakCow(va & ~(PAGE - 1));
            if (how != null) faultListener.resolved(va, errorCode, how);
            return how != null;
        }
        if (v == null || !v.permits(write, fetch) || present) {
            return false;
        }
        populate(v, va & ~(PAGE - 1));
        pageFaults++;
        faultListener.resolved(va, errorCode, grown ? FaultRecord.Resolution.STACK_GROWTH
                : v.backing != null ? FaultRecord.Resolution.FILE_PAGE : FaultRecord.Resolution.ZERO_FILL);
        return true;
    }

    /** Maps the page at {@code pageVa} now (the loader and the kernel's own copies use it too). */
    void populate(Vma v, long pageVa) {
        long pa = physical.allocFrame();
        if (v.backing != null) {
            long from = v.backingOffset + (pageVa - v.start);
            if (from < v.backing.length) {
                int n = (int) Math.min(PAGE, v.backing.length - from);
                physical.writeBytes(pa, v.backing, (int) from, n);
            }
        }
        tables.map(pageVa, pa, pteFlags(v.prot));
        mmu.invlpg(pageVa);
    }

    // ---- fork: copy-on-write ----

    /**
     * fork's copy of this address space into {@code childTables}: the same areas and break, and every present page
     * shared with the child read-only and marked COW in both, its frame's refcount raised. The first write on either
     * side faults and {@link #breakCow} gives the writer its own copy. (MAP_SHARED mappings are private copies in
     * this kernel, so they are copied on write too.)
     */
    public AddressSpace forkInto(PageTables childTables, Mmu childMmu) {
        AddressSpace child = new AddressSpace(physical, childTables, childMmu);
        child.vmas.putAll(vmas);
        child.brkStart = brkStart;
        child.brk = brk;
        child.codeInvalidator = codeInvalidator;
        List<long[]> pages = new ArrayList<>();
        tables.forEachMapped(0, STACK_TOP + PAGE, (va, pte) -> pages.add(new long[] {va, pte}));
        for (long[] p : pages) {
            long va = p[0], pte = p[1];
            long flags = Pte.flags(pte) & ~(Pte.A | Pte.D);
            if (Pte.writable(pte) || (pte & Pte.COW) != 0) {
                flags = (flags & ~Pte.RW) | Pte.COW;
                tables.protect(va, flags & ~Pte.P);
                mmu.invlpg(va);
            }
            physical.incRef(Pte.addr(pte));
            childTables.map(va, Pte.addr(pte), flags & ~Pte.P);
        }
        return child;
    }

    /**
     * A write to a present COW page: the last process still holding the frame simply gets write access back;
     * otherwise the writer gets a private copy of the frame. Null if the page is not COW (a real protection fault).
     */
    private FaultRecord.Resolution breakCow(long pageVa) {
        long pte = tables.lookup(pageVa);
        if (!Pte.present(pte) || (pte & Pte.COW) == 0) {
            return null;
        }
        FaultRecord.Resolution how;
        long flags = (Pte.flags(pte) & ~(Pte.COW | Pte.A | Pte.D | Pte.P)) | Pte.RW;
        long frame = Pte.addr(pte);
        if (physical.refCount(frame) == 1) {
            tables.protect(pageVa, flags);
            how = FaultRecord.Resolution.COW_REUSE;
        } else {
            long copy = physical.allocFrame();
            physical.copyFrame(copy, frame);
            physical.decRef(frame);
            tables.unmap(pageVa);
            tables.map(pageVa, copy, flags);
            how = FaultRecord.Resolution.COW_COPY;
        }
        mmu.invlpg(pageVa);
        pageFaults++;
        return how;
    }

    /** execve's first half: every area and page gone (the page tables stay, empty), the break forgotten. */
    public void clear() {
        tables.forEachMapped(0, STACK_TOP + PAGE, (va, pte) -> {
            tables.unmap(va);
            physical.decRef(Pte.addr(pte));
        });
        vmas.clear();
        brkStart = brk = 0;
        mmu.flushTlb();
        mmu.clearCodePages();
        codeInvalidator.accept(0L, STACK_TOP + PAGE);
    }

    /** exit's teardown: every frame's reference dropped, then the page tables themselves freed. */
    public void release() {
        tables.forEachMapped(0, STACK_TOP + PAGE, (va, pte) -> physical.decRef(Pte.addr(pte)));
        vmas.clear();
        tables.free();
    }

    private Vma growStack(long va) {
        Map.Entry<Long, Vma> above = vmas.higherEntry(va);
        if (above == null || !"[stack]".equals(above.getValue().name)) {
            return null;
        }
        Vma stack = above.getValue();
        long newStart = va & ~(PAGE - 1);
        if (stack.end - newStart > STACK_LIMIT || !isFree(newStart, stack.start)) {
            return null;
        }
        vmas.remove(stack.start);
        Vma grown = new Vma(newStart, stack.end, stack.prot, stack.name);
        vmas.put(newStart, grown);
        return grown;
    }

    /** PTE bits for a protection: user pages, RW when writable, NX unless executable. */
    public static long pteFlags(int prot) {
        long f = Pte.P | Pte.US;
        if ((prot & Vma.PROT_WRITE) != 0) f |= Pte.RW;
        if ((prot & Vma.PROT_EXEC) == 0) f |= Pte.NX;
        return f;
    }

    public static long pageUp(long x) {
        return (x + PAGE - 1) & ~(PAGE - 1);
    }

    public static long pageDown(long x) {
        return x & ~(PAGE - 1);
    }
}
