package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.memory.Mmu;
import dev.boardup.memory.PageFault;
import dev.boardup.memory.PageTables;
import dev.boardup.memory.PhysicalMemory;
import dev.boardup.memory.Pte;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** VMAs and demand paging on real page tables: faults inside areas map zeroed frames, others stay faults. */
class AddressSpaceTest {
    static final long PAGE = AddressSpace.PAGE;
    static final int RW = Vma.PROT_READ | Vma.PROT_WRITE;
    /** A file image of a bit more than one page, so the last file page is partly bss. */
    static final int FILE_LEN = 4096 + 100;

    PhysicalMemory phys;
    PageTables tables;
    Mmu mmu;
    AddressSpace space;

    @BeforeEach
    void setUp() {
        phys = new PhysicalMemory(1024);
        tables = new PageTables(phys);
        mmu = new Mmu(phys);
        mmu.setCr3(tables.cr3());
        space = new AddressSpace(phys, tables, mmu);
    }

    /** Runs a guest access, resolving faults as the machine loop does; false if the fault was the program's. */
    private boolean write(long va, long value) {
        for (int tries = 0; tries < 4; tries++) {
            try {
                mmu.write64(va, value);
                return true;
            } catch (PageFault pf) {
                if (!space.resolveFault(pf)) return false;
            }
        }
        throw new AssertionError("fault did not go away");
    }

    /** A guest read with fault resolution. */
    private long read(long va) {
        for (int tries = 0; tries < 4; tries++) {
            try {
                return mmu.read64(va);
            } catch (PageFault pf) {
                assertTrue(space.resolveFault(pf), "read fault at " + Long.toHexString(va) + " unresolved");
            }
        }
        throw new AssertionError("fault did not go away");
    }

    private byte read8(long va) {
        read(va & ~7L);
        return mmu.read8(va);
    }

    @Test
    void pagesAppearOnFirstTouch() {
        space.add(0x10000, 0x14000, RW, "anon", null, 0);
        int before = phys.framesInUse();
        assertEquals(0, tables.lookup(0x11000));
        assertTrue(write(0x11008, 42));
        assertEquals(42, mmu.read64(0x11008));
        assertEquals(0, mmu.read64(0x11000), "fresh frames are zero");
        assertEquals(1, space.pageFaults());
        assertTrue(phys.framesInUse() > before);
        long pte = tables.lookup(0x11000);
        assertTrue(Pte.present(pte) && Pte.user(pte) && Pte.writable(pte) && !Pte.executable(pte));
    }

    @Test
    void permissionsAndHolesAreTheProgramsFault() {
        space.add(0x10000, 0x11000, Vma.PROT_READ, "ro", null, 0);
        assertFalse(write(0x10000, 1), "write to a read-only area");
        assertFalse(write(0x20000, 1), "no area there");
        PageFault fetch = new PageFault(0x10000, PageFault.U | PageFault.I);
        assertFalse(space.resolveFault(fetch), "fetch from a non-executable area");
        assertEquals(0, read(0x10000), "a read maps the page");
    }

    @Test
    void backingBytesFillPagesAndTheRestIsZero() {
        byte[] file = new byte[FILE_LEN];
        for (int i = 0; i < file.length; i++) file[i] = (byte) (i + 1);
        space.add(0x40000, 0x43000, Vma.PROT_READ | Vma.PROT_EXEC, "text", file, 0);
        assertEquals(1, read8(0x40000));
        assertEquals((byte) file.length, read8(0x40000 + file.length - 1));
        assertEquals(0, read8(0x40000 + file.length), "bss tail of the last file page");
        assertEquals(0, read(0x42000));
    }

    @Test
    void munmapSplitsAndReleasesFrames() {
        space.add(0x10000, 0x14000, RW, "anon", null, 0);
        for (long va = 0x10000; va < 0x14000; va += PAGE) write(va, va);
        int used = phys.framesInUse();
        space.unmap(0x11000, 0x12000);
        assertEquals(used - 1, phys.framesInUse());
        assertEquals(2, space.vmas().size(), "two areas left: " + space.vmas());
        assertFalse(write(0x11000, 1));
        assertEquals(0x10000, mmu.read64(0x10000));
        assertEquals(0x13000, mmu.read64(0x13000));
    }

    @Test
    void mprotectChangesMappedPagesAndTheTlbForgets() {
        space.add(0x10000, 0x12000, RW, "anon", null, 0);
        write(0x10000, 7);
        assertTrue(space.protect(0x10000, 0x11000, Vma.PROT_READ));
        assertFalse(write(0x10000, 8), "the TLB must not keep the old writable entry");
        assertTrue(write(0x11000, 9), "the other half keeps its protection");
        assertFalse(space.protect(0x10000, 0x30000, Vma.PROT_READ), "not fully mapped: ENOMEM");
    }

    @Test
    void stackGrowsDownWithinItsLimit() {
        long top = AddressSpace.STACK_TOP;
        space.add(top - 32 * PAGE, top, RW, "[stack]", null, 0);
        assertTrue(write(top - 100 * PAGE, 1), "just below the stack: grows");
        assertEquals(top - 100 * PAGE, space.find(top - 8).start);
        assertFalse(write(top - AddressSpace.STACK_LIMIT - PAGE, 1), "beyond 8 MiB: SIGSEGV");
    }

    @Test
    void brkAndTopDownPlacement() {
        space.setBrkStart(0x500000);
        assertEquals(0x500000, space.setBrk(0));
        assertEquals(0x500010, space.setBrk(0x500010));
        assertTrue(write(0x500008, 1));
        assertEquals(0x502000, space.setBrk(0x502000));
        assertEquals(0x500000, space.setBrk(0x500000));
        assertFalse(write(0x500008, 1), "shrunk away");
        long a = space.findFreeTopDown(2 * PAGE);
        assertEquals(AddressSpace.MMAP_BASE - 2 * PAGE, a);
        space.add(a, a + 2 * PAGE, RW, "", null, 0);
        assertEquals(a - PAGE, space.findFreeTopDown(PAGE));
    }

    @Test
    void outOfFramesIsReported() {
        PhysicalMemory tiny = new PhysicalMemory(8);
        PageTables t = new PageTables(tiny);
        Mmu m = new Mmu(tiny);
        m.setCr3(t.cr3());
        AddressSpace s = new AddressSpace(tiny, t, m);
        s.add(0x10000, 0x10000 + 64 * PAGE, RW, "big", null, 0);
        assertThrows(dev.boardup.memory.OutOfGuestMemory.class, () -> {
            for (long va = 0x10000; va < 0x10000 + 64 * PAGE; va += PAGE) {
                s.resolveFault(va, true, false, false);
            }
        });
    }
}
