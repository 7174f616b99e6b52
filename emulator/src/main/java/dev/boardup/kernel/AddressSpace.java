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
 * mapped now). mmap and brk only record VMAs; pages appear on the first fault, zeroed, copied from the area's
 * private contents, or taken from its {@link PageCache} ({@link #resolveFault}). Shared areas map the cache's
 * frames themselves, in every process; private areas copy them on the first write. The stack area (and any
 * MAP_GROWSDOWN area) grows down on faults just below it, up to RLIMIT_STACK and never closer than the guard gap
 * to the area below. Top-down mmap starts at the mmap base the exec's {@link Layout} chose.
 */
public final class AddressSpace {
    public static final long PAGE = PhysicalMemory.PAGE_SIZE;
    /** Without randomisation Linux's stack top is TASK_SIZE itself, one page below 2^47. */
    public static final long STACK_TOP = 0x7FFF_FFFF_F000L;
    /** TASK_SIZE minus the 128 MiB minimum gap Linux leaves for the stack: the mmap base without randomisation. */
    public static final long MMAP_BASE = STACK_TOP - 0x800_0000L;
    public static final long STACK_LIMIT = 8L << 20;
    /**
     * The kernel's own mmap_min_addr, the larger of the sysctl and CONFIG_LSM_MMAP_MIN_ADDR (64 KiB): address hints
     * are rounded up to it and the top-down search stops at it.
     */
    public static final long MMAP_MIN = 0x10000L;
    /** vm.mmap_min_addr as this machine's kernel sets it: a MAP_FIXED below it needs CAP_SYS_RAWIO (root). */
    public static final long SYSCTL_MMAP_MIN = 4096;

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
    private long mmapBase = MMAP_BASE;
    /** The largest total VMA size and resident size seen before something was unmapped: VmPeak and VmHWM. */
    private long peakVm, peakRss;
    /** RLIMIT_STACK's soft limit: how far the stack may grow (setrlimit changes it at once, as in Linux). */
    private long stackLimit = STACK_LIMIT;
    private long pageFaults;
    /** mlockall(MCL_FUTURE): areas mapped from now on are locked (and populated) too. */
    private boolean lockFuture, lockFutureOnFault;

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
        put(v);
        return v;
    }

    /** Every change of the area map goes through put and remove, which keep the page caches' mapper counts. */
    private void put(Vma v) {
        if (v.cache != null) v.cache.attach(this);
        Vma old = vmas.put(v.start, v);
        if (old != null && old.cache != null) old.cache.detach(this);
    }

    private void remove(Vma v) {
        vmas.remove(v.start);
        if (v.cache != null) v.cache.detach(this);
    }

    public boolean isFree(long start, long end) {
        Map.Entry<Long, Vma> below = vmas.lowerEntry(end);
        return below == null || below.getValue().end <= start;
    }

    /**
     * Whether a hint's range is free as Linux's get_unmapped_area requires: nothing mapped in it, and its end not
     * within the guard gap below a stack that grows down.
     */
    public boolean hintFree(long start, long end) {
        if (!isFree(start, end)) return false;
        Map.Entry<Long, Vma> above = vmas.ceilingEntry(start);
        if (above == null) return true;
        Vma v = above.getValue();
        boolean growsDown = "[stack]".equals(v.name) || v.growsDown();
        return !growsDown || end <= v.start - Layout.STACK_GUARD_GAP;
    }

    /** The highest free range of {@code len} bytes below the mmap base, as Linux's top-down allocator picks. */
    public long findFreeTopDown(long len) {
        long end = mmapBase;
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

    // ---- layout ----

    public long mmapBase() {
        return mmapBase;
    }

    public void setMmapBase(long base) {
        mmapBase = base;
    }

    public long stackLimit() {
        return stackLimit;
    }

    /** RLIMIT_STACK's soft limit (RLIM_INFINITY is -1, unlimited). */
    public void setStackLimit(long limit) {
        stackLimit = limit;
    }

    /**
     * Records the current sizes in the high-water marks, as Linux's update_hiwater_vm/rss do before memory goes
     * away; /proc/self/status reports the larger of the mark and the current size.
     */
    public void notePeaks() {
        long total = 0;
        for (Vma v : vmas.values()) total += v.end - v.start;
        long[] rss = {0};
        tables.forEachMapped(0, STACK_TOP + PAGE, (va, pte) -> rss[0] += PAGE);
        peakVm = Math.max(peakVm, total);
        peakRss = Math.max(peakRss, rss[0]);
    }

    public long peakVm() {
        return peakVm;
    }

    public long peakRss() {
        return peakRss;
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
            if (!isFree(oldTop, newTop + PAGE) || newTop > mmapBase
                    || !Overcommit.enoughMemory(physical, newTop - oldTop)) {
                return brk;
            }
            Vma heap = find(oldTop - 1);
            if (heap != null && "[heap]".equals(heap.name) && heap.end == oldTop) {
                put(heap.withEnd(newTop));
            } else {
                add(oldTop, newTop, Vma.PROT_READ | Vma.PROT_WRITE, "[heap]", null, 0);
            }
            if (lockFuture) lock(oldTop, newTop, true, !lockFutureOnFault);
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
        put(moved.movedTo(newStart));
        remove(v);
        if (v.start < oldStart) put(v.withEnd(oldStart));
        if (v.end > oldStart + oldLen) put(v.withStart(oldStart + oldLen));
        codeInvalidator.accept(oldStart, oldStart + oldLen);
        for (long[] p : pages) {
            tables.map(newStart + (p[0] - oldStart), Pte.addr(p[1]), Pte.flags(p[1]) & ~(Pte.A | Pte.D));
        }
    }

    /** Grows the area ending at {@code end} to {@code newEnd} in place; the caller has checked the room is free. */
    public void extend(long end, long newEnd) {
        Vma v = find(end - 1);
        put(v.withEnd(newEnd));
    }

    // ---- munmap, mprotect ----

    /** Removes every mapping in [start, end), splitting areas that straddle the edges. */
    public void unmap(long start, long end) {
        notePeaks();
        for (Vma v : overlapping(start, end)) {
            unmapPages(Math.max(v.start, start), Math.min(v.end, end));
            remove(v);
            if (v.start < start) put(v.withEnd(start));
            if (v.end > end) put(v.withStart(end));
        }
        codeInvalidator.accept(start, end);
    }

    /** Changes the protection of [start, end); false (ENOMEM) if part of the range is not mapped. */
    public boolean protect(long start, long end, int prot) {
        if (!fullyMapped(start, end)) {
            return false;
        }
        for (Vma v : overlapping(start, end)) {
            long from = Math.max(v.start, start), to = Math.min(v.end, end);
            split(v, start, end, v.slice(from, to).withProt(prot));
            reprotectPages(from, to, prot);
        }
        codeInvalidator.accept(start, end);
        return true;
    }

    /** Replaces {@code v} by {@code middle} (its part inside [start, end)) and the untouched parts around it. */
    private void split(Vma v, long start, long end, Vma middle) {
        put(middle);
        if (v.start != middle.start) remove(v);
        if (v.start < start) put(v.withEnd(start));
        if (v.end > end) put(v.withStart(end));
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
        Vma v = find(start);
        boolean shared = v != null && v.shared();
        if (shared && v.cache != null && (prot & Vma.PROT_WRITE) != 0) {
            for (long va = start; va < end; va += PAGE) {
                if (Pte.present(tables.lookup(va))) v.cache.markDirty(v.cacheIndex(va));
            }
        }
        for (long va = start; va < end; va += PAGE) {
            long pte = tables.lookup(va);
            if (!Pte.present(pte)) continue;
            // a private page whose frame someone else holds too (a fork's other side, the page cache) may not
            // simply become writable: it turns copy-on-write, as Linux's do_wp_page decides by the page's count
            boolean foreign = !shared && physical.refCount(Pte.addr(pte)) > 1;
            if (prot == Vma.PROT_NONE) {
                physical.decRef(Pte.addr(tables.unmap(va)));
            } else if ((pte & Pte.COW) != 0 || foreign) {
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
        if (!populate(v, va & ~(PAGE - 1), write)) {
            return false;
        }
        pageFaults++;
        faultListener.resolved(va, errorCode, grown ? FaultRecord.Resolution.STACK_GROWTH
                : v.backing != null || (v.cache != null && v.cache.isFile()) ? FaultRecord.Resolution.FILE_PAGE
                : FaultRecord.Resolution.ZERO_FILL);
        return true;
    }

    /**
     * Maps the page at {@code pageVa} now (the loader and the kernel's own copies use it too). False when the
     * page lies past the end of the file the area maps, where Linux raises SIGBUS.
     */
    boolean populate(Vma v, long pageVa, boolean write) {
        if (v.cache != null) {
            return populateFromCache(v, pageVa, write);
        }
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
        return true;
    }

    /**
     * A page of a cache-backed area: a shared area maps the cache's frame itself (a writable one may now differ
     * from the file: dirty); a private one maps it read-only and copy-on-write, or, for a write, gets its own copy.
     */
    private boolean populateFromCache(Vma v, long pageVa, boolean write) {
        long index = v.cacheIndex(pageVa);
        if (v.cache.beyondEof(index)) {
            return false;
        }
        long frame = v.cache.frame(index);
        long flags = pteFlags(v.prot);
        if (v.shared()) {
            if ((v.prot & Vma.PROT_WRITE) != 0) v.cache.markDirty(index);
            physical.incRef(frame);
            tables.map(pageVa, frame, flags);
        } else if (write) {
            long copy = physical.allocFrame();
            physical.copyFrame(copy, frame);
            tables.map(pageVa, copy, flags);
        } else {
            physical.incRef(frame);
            tables.map(pageVa, frame, (flags & ~Pte.RW) | Pte.COW);
        }
        mmu.invlpg(pageVa);
        return true;
    }

    /**
     * Faults in every page of [start, end) the area allows (MAP_POPULATE, mlock): as writes where the area is
     * private and writable, so that no copy-on-write is left to happen, as Linux's populate_vma_page_range does.
     */
    public void populateRange(long start, long end) {
        for (long va = start; va < end; va += PAGE) {
            Vma v = find(va);
            if (v == null || v.prot == Vma.PROT_NONE) continue;
            boolean write = (v.prot & Vma.PROT_WRITE) != 0 && !v.shared();
            long pte = tables.lookup(va);
            if (!Pte.present(pte)) {
                if (populate(v, va, write)) pageFaults++;
            } else if (write && (pte & Pte.COW) != 0) {
                breakCow(va);
            }
        }
    }

    /**
     * madvise(MADV_DONTNEED): the pages of [start, end) are dropped; the next touch maps a zeroed frame again
     * (private anonymous memory) or the file's or shared object's page. False if part of the range is unmapped.
     */
    public boolean dropPages(long start, long end) {
        if (!fullyMapped(start, end)) {
            return false;
        }
        unmapPages(start, end);
        codeInvalidator.accept(start, end);
        return true;
    }

    /**
     * Whether {@code va} lies in a file (or shared memory) mapping but wholly past the end of the file (or
     * object): a fault there is Linux's SIGBUS (BUS_ADRERR), not a SIGSEGV.
     */
    public boolean pastEndOfFile(long va) {
        Vma v = find(va);
        return v != null && v.cache != null && v.cache.beyondEof(v.cacheIndex(pageDown(va)));
    }

    /**
     * madvise(MADV_REMOVE) on shared areas: the object's pages in [start, end) are freed (a hole punched in a file),
     * so every process mapping them reads zeroes there from now on.
     */
    public void removePages(long start, long end) {
        for (Vma v : overlapping(start, end)) {
            long from = Math.max(v.start, start), to = Math.min(v.end, end);
            if (v.cache != null) v.cache.punch(v.cacheIndex(from), v.cacheIndex(to - PAGE) + 1);
        }
        codeInvalidator.accept(start, end);
    }

    /** Whether mincore should call the page at {@code va} resident: mapped now, or in its file's page cache. */
    public boolean resident(long va) {
        if (Pte.present(tables.lookup(va))) {
            return true;
        }
        Vma v = find(va);
        if (v == null || v.cache == null) {
            return false;
        }
        long index = v.cacheIndex(pageDown(va));
        return v.cache.isFile() ? !v.cache.beyondEof(index) : v.cache.resident(index);
    }

    /** How /proc's RSS counters class a present page: Linux's MM_ANONPAGES, MM_FILEPAGES or MM_SHMEMPAGES. */
    public enum PageKind { ANON, FILE, SHMEM }

    /** The kind of the page {@code pte} maps at {@code va}. */
    public PageKind pageKind(long va, long pte) {
        Vma v = find(va);
        if (v == null) return PageKind.ANON;
        if (v.cache != null) {
            if (v.shared()) return v.cache.isFile() ? PageKind.FILE : PageKind.SHMEM;
            return v.cache.cachedFrame(v.cacheIndex(pageDown(va))) == Pte.addr(pte) ? PageKind.FILE : PageKind.ANON;
        }
        boolean pristine = (pte & Pte.D) == 0 && (pte & Pte.COW) == 0;
        return v.backing != null && v.file != null && pristine ? PageKind.FILE : PageKind.ANON;
    }

    /** Truncation, hole punching: every page of {@code cache}'s areas showing pages [from, to) is unmapped. */
    void unmapCachePages(PageCache cache, long from, long to) {
        for (Vma v : vmas.values()) {
            if (v.cache != cache) continue;
            for (long va = v.start; va < v.end; va += PAGE) {
                long index = v.cacheIndex(va);
                if (index < from || index >= to) continue;
                long old = tables.unmap(va);
                if (Pte.present(old)) {
                    physical.decRef(Pte.addr(old));
                    mmu.invlpg(va);
                }
            }
        }
    }

    // ---- mlock ----

    /** Sets or clears the locked flag of the areas in [start, end), splitting them; locking populates the pages. */
    public boolean lock(long start, long end, boolean on) {
        return lock(start, end, on, on);
    }

    /** mlock2(MLOCK_ONFAULT) locks without populating: pages are locked as they fault in. */
    public boolean lock(long start, long end, boolean on, boolean populate) {
        if (!setFlag(start, end, Vma.LOCKED, on)) {
            return false;
        }
        if (on && populate) populateRange(start, end);
        return true;
    }

    /** Sets or clears an area flag over [start, end), splitting areas at the edges; false if part is unmapped. */
    public boolean setFlag(long start, long end, int flag, boolean on) {
        if (!fullyMapped(start, end)) {
            return false;
        }
        for (Vma v : overlapping(start, end)) {
            long from = Math.max(v.start, start), to = Math.min(v.end, end);
            int flags = on ? v.flags | flag : v.flags & ~flag;
            if (flags != v.flags) split(v, start, end, v.slice(from, to).withFlags(flags));
        }
        return true;
    }

    /**
     * mlockall/munlockall: every present area (and, with {@code future}, every later mapping) locked or not;
     * {@code onFault} (MCL_ONFAULT) leaves the pages to come in on their first touch.
     */
    public void lockAll(boolean current, boolean future, boolean on, boolean onFault) {
        if (current) {
            for (Vma v : vmas()) lock(v.start, v.end, on, on && !onFault);
        }
        lockFuture = on && future;
        lockFutureOnFault = lockFuture && onFault;
    }

    public boolean lockFuture() {
        return lockFuture;
    }

    /** Whether areas locked by MCL_FUTURE wait for faults instead of being populated at once. */
    public boolean lockFutureOnFault() {
        return lockFutureOnFault;
    }

    /** VmLck: the bytes of locked areas. */
    public long lockedBytes() {
        long n = 0;
        for (Vma v : vmas.values()) {
            if (v.locked()) n += v.end - v.start;
        }
        return n;
    }

    // ---- msync and write-back ----

    /** msync: the dirty pages of every shared file area overlapping [start, end) go back to their files. */
    public void sync(long start, long end) {
        for (Vma v : overlapping(start, end)) {
            if (v.shared() && v.cache != null) v.cache.writeBack();
        }
    }

    /**
     * At exit, before the rest of the address space goes: the areas backed by page caches are unmapped, so shared
     * files get their last write-back and the caches nobody maps any more let go of their frames.
     */
    public void unmapCaches() {
        for (Vma v : vmas()) {
            if (v.cache != null) unmap(v.start, v.end);
        }
    }

    // ---- fork: copy-on-write ----

    /**
     * fork's copy of this address space into {@code childTables}: the same areas and break, and every present page
     * shared with the child read-only and marked COW in both, its frame's refcount raised. The first write on either
     * side faults and {@link #breakCow} gives the writer its own copy. Pages of shared areas stay shared as they
     * are: both processes map the same frame, writable if it was.
     */
    public AddressSpace forkInto(PageTables childTables, Mmu childMmu) {
        AddressSpace child = new AddressSpace(physical, childTables, childMmu);
        for (Vma v : vmas.values()) {
            // memory locks are not inherited by a fork's child; MADV_DONTFORK areas are not there at all
            if ((v.flags & Vma.DONTFORK) == 0) child.put(v.locked() ? v.withFlags(v.flags & ~Vma.LOCKED) : v);
        }
        child.brkStart = brkStart;
        child.brk = brk;
        child.mmapBase = mmapBase;
        child.stackLimit = stackLimit;
        child.codeInvalidator = codeInvalidator;
        List<long[]> pages = new ArrayList<>();
        tables.forEachMapped(0, STACK_TOP + PAGE, (va, pte) -> pages.add(new long[] {va, pte}));
        for (long[] p : pages) {
            long va = p[0], pte = p[1];
            long flags = Pte.flags(pte) & ~(Pte.A | Pte.D);
            Vma v = find(va);
            if (v != null && (v.flags & (Vma.DONTFORK | Vma.WIPEONFORK)) != 0) {
                continue;  // not in the child, or there only as fresh zeroed memory
            }
            boolean shared = v != null && v.shared();
            if (!shared && (Pte.writable(pte) || (pte & Pte.COW) != 0)) {
                // (a read-only private page stays as it is: mprotect makes it COW should it become writable)
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
        for (Vma v : vmas()) remove(v);
        brkStart = brk = 0;
        lockFuture = lockFutureOnFault = false;
        mmu.flushTlb();
        mmu.clearCodePages();
        codeInvalidator.accept(0L, STACK_TOP + PAGE);
    }

    /** exit's teardown: every frame's reference dropped, then the page tables themselves freed. */
    public void release() {
        tables.forEachMapped(0, STACK_TOP + PAGE, (va, pte) -> physical.decRef(Pte.addr(pte)));
        for (Vma v : vmas()) remove(v);
        tables.free();
    }

    private Vma growStack(long va) {
        Map.Entry<Long, Vma> above = vmas.higherEntry(va);
        if (above == null || !("[stack]".equals(above.getValue().name) || above.getValue().growsDown())) {
            return null;
        }
        Vma stack = above.getValue();
        long newStart = va & ~(PAGE - 1);
        if (Long.compareUnsigned(stack.end - newStart, stackLimit) > 0 || !isFree(newStart, stack.start)
                || tooCloseBelow(newStart)) {
            return null;
        }
        Vma grown = stack.grownTo(newStart);
        put(grown);
        remove(stack);
        return grown;
    }

    /** Linux's expand_downwards: a stack may not come within the guard gap of an accessible area below it. */
    private boolean tooCloseBelow(long newStart) {
        Map.Entry<Long, Vma> below = vmas.lowerEntry(newStart);
        return below != null && below.getValue().prot != Vma.PROT_NONE
                && newStart - below.getValue().end < Layout.STACK_GUARD_GAP;
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
