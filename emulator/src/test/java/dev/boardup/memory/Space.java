package dev.boardup.memory;

/** A test fixture: physical memory, one address space and an MMU running on it. */
final class Space {
    static final long USER_RW = Pte.RW | Pte.US | Pte.NX;
    static final long USER_RO = Pte.US | Pte.NX;
    static final long USER_RX = Pte.US;

    final PhysicalMemory mem;
    final PageTables pt;
    final Mmu mmu;

    Space() {
        this(4096);
    }

    Space(int frames) {
        mem = new PhysicalMemory(frames);
        pt = new PageTables(mem);
        mmu = new Mmu(mem);
        mmu.setCr3(pt.cr3());
    }

    /** Maps a fresh zeroed frame at {@code va}; returns its physical address. */
    long map(long va, long flags) {
        long pa = mem.allocFrame();
        pt.map(va, pa, flags);
        return pa;
    }

    /** The physical address of the entry used at {@code level} (4 = PML4E ... 1 = PTE) to translate {@code va}. */
    long entryPa(long va, int level) {
        long table = pt.cr3();
        for (int l = 4; l > level; l--) {
            table = Pte.addr(mem.read64(table + 8L * PageTables.index(va, l)));
        }
        return table + 8L * PageTables.index(va, level);
    }

    long entry(long va, int level) {
        return mem.read64(entryPa(va, level));
    }

    void setEntry(long va, int level, long value) {
        mem.write64(entryPa(va, level), value);
    }
}
