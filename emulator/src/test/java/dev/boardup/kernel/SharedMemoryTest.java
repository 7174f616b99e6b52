package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.memory.Mmu;
import dev.boardup.memory.PageFault;
import dev.boardup.memory.PageTables;
import dev.boardup.memory.PhysicalMemory;
import dev.boardup.memory.Pte;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Shared memory at the frame level: one frame per page of a shmem object, mapped by every process (never COW),
 * reference counts exact, frames given back when the last mapping goes; and the page-level effects of DONTNEED,
 * mlock and MREMAP_DONTUNMAP-style moves that a native comparison cannot show.
 */
class SharedMemoryTest {
    static final long PAGE = AddressSpace.PAGE;
    static final long AREA = 0x7000_0000L;
    static final int RW = Vma.PROT_READ | Vma.PROT_WRITE;

    PhysicalMemory phys;
    Mmu parentMmu;
    AddressSpace parent;
    PageCache object;

    @BeforeEach
    void setUp() {
        phys = new PhysicalMemory(1024);
        PageTables tables = new PageTables(phys);
        parentMmu = new Mmu(phys);
        parentMmu.setCr3(tables.cr3());
        parent = new AddressSpace(phys, tables, parentMmu);
        object = PageCache.anonymous(phys, 4 * PAGE);
        parent.add(new Vma(AREA, AREA + 4 * PAGE, RW, "/dev/zero (deleted)", null, Vma.SHARED, object, 0));
    }

    private AddressSpace fork(Mmu[] mmuOut) {
        PageTables t = new PageTables(phys);
        Mmu m = new Mmu(phys);
        m.setCr3(t.cr3());
        mmuOut[0] = m;
        return parent.forkInto(t, m);
    }

    private static void write(Mmu mmu, AddressSpace space, long va, long value) {
        for (int tries = 0; tries < 4; tries++) {
            try {
                mmu.write64(va, value);
                return;
            } catch (PageFault pf) {
                assertTrue(space.resolveFault(pf), "write fault at " + Long.toHexString(va) + " unresolved");
            }
        }
        throw new AssertionError("fault did not go away");
    }

    private static long read(Mmu mmu, AddressSpace space, long va) {
        for (int tries = 0; tries < 4; tries++) {
            try {
                return mmu.read64(va);
            } catch (PageFault pf) {
                assertTrue(space.resolveFault(pf), "read fault at " + Long.toHexString(va) + " unresolved");
            }
        }
        throw new AssertionError("fault did not go away");
    }

    @Test
    void forkSharesTheFramesWritableAndWithoutCow() {
        write(parentMmu, parent, AREA, 1);
        Mmu[] childMmu = new Mmu[1];
        AddressSpace child = fork(childMmu);
        long p = parent.tables().lookup(AREA), c = child.tables().lookup(AREA);
        assertEquals(Pte.addr(p), Pte.addr(c));
        assertTrue(Pte.writable(p) && Pte.writable(c));
        assertEquals(0, (p | c) & Pte.COW);
        assertEquals(3, phys.refCount(Pte.addr(p)), "the object's reference and two PTEs");
        write(childMmu[0], child, AREA, 42);
        assertEquals(42, read(parentMmu, parent, AREA));
        write(childMmu[0], child, AREA + 3 * PAGE, 7);  // a page the parent never touched
        assertEquals(7, read(parentMmu, parent, AREA + 3 * PAGE));
    }

    @Test
    void theLastMappingGivesTheFramesBack() {
        write(parentMmu, parent, AREA, 1);
        write(parentMmu, parent, AREA + PAGE, 2);
        int withTwoPages = phys.framesInUse();
        Mmu[] childMmu = new Mmu[1];
        AddressSpace child = fork(childMmu);
        long frame = Pte.addr(parent.tables().lookup(AREA));
        parent.unmap(AREA, AREA + 4 * PAGE);
        assertEquals(2, phys.refCount(frame), "the child still maps the object");
        assertEquals(2, read(childMmu[0], child, AREA + PAGE));
        child.unmap(AREA, AREA + 4 * PAGE);
        assertEquals(0, phys.refCount(frame));
        child.release();
        assertEquals(withTwoPages - 2, phys.framesInUse(), "both of the object's frames are free again");
    }

    @Test
    void splittingAnAreaKeepsOneObjectBehindBothParts() {
        write(parentMmu, parent, AREA + 3 * PAGE, 9);
        assertTrue(parent.protect(AREA + PAGE, AREA + 2 * PAGE, Vma.PROT_READ));
        assertEquals(3, parent.vmas().size());
        parent.unmap(AREA, AREA + PAGE);
        assertEquals(9, read(parentMmu, parent, AREA + 3 * PAGE), "the object survives a partial munmap");
    }

    @Test
    void dontneedDropsPrivatePagesButNotTheSharedObject() {
        parent.add(0x6000_0000L, 0x6000_0000L + 2 * PAGE, RW, "", null, 0);
        write(parentMmu, parent, 0x6000_0000L, 5);
        write(parentMmu, parent, AREA, 6);
        int frames = phys.framesInUse();
        assertTrue(parent.dropPages(0x6000_0000L, 0x6000_0000L + 2 * PAGE));
        assertTrue(parent.dropPages(AREA, AREA + 4 * PAGE));
        assertEquals(frames - 1, phys.framesInUse(), "the private frame is freed, the object's kept");
        assertFalse(Pte.present(parent.tables().lookup(0x6000_0000L)));
        assertEquals(0, read(parentMmu, parent, 0x6000_0000L));
        assertEquals(6, read(parentMmu, parent, AREA));
        assertFalse(parent.dropPages(AREA + 4 * PAGE, AREA + 5 * PAGE), "unmapped range");
    }

    @Test
    void mlockPopulatesSplitsAndCounts() {
        long priv = 0x6000_0000L;
        parent.add(priv, priv + 8 * PAGE, RW, "", null, 0);
        assertTrue(parent.lock(priv + 2 * PAGE, priv + 5 * PAGE, true));
        assertEquals(3 * PAGE, parent.lockedBytes());
        for (int i = 0; i < 8; i++) {
            boolean present = Pte.present(parent.tables().lookup(priv + i * PAGE));
            assertEquals(i >= 2 && i < 5, present, "page " + i);
        }
        assertEquals(4, parent.vmas().size(), "the private area split in three, beside the shared one");
        assertTrue(parent.lock(priv, priv + 8 * PAGE, false));
        assertEquals(0, parent.lockedBytes());
        assertFalse(parent.lock(priv + 8 * PAGE, priv + 9 * PAGE, true), "a hole: ENOMEM");
        parent.lockAll(true, true, true, false);
        assertEquals(12 * PAGE, parent.lockedBytes());
        assertTrue(parent.lockFuture());
        assertTrue(Pte.present(parent.tables().lookup(AREA + 3 * PAGE)), "mlockall populated the shared area");
    }

    @Test
    void aPageOutsideTheObjectIsNotMapped() {
        Vma grown = parent.find(AREA);
        parent.extend(AREA + 4 * PAGE, AREA + 6 * PAGE);
        assertEquals(AREA + 6 * PAGE, parent.find(AREA).end);
        assertTrue(parent.pastEndOfFile(AREA + 5 * PAGE));
        assertFalse(parent.resolveFault(AREA + 5 * PAGE, true, false, false));
        assertFalse(parent.pastEndOfFile(grown.start));
    }
}
