package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.memory.Mmu;
import dev.boardup.memory.PageFault;
import dev.boardup.memory.PageTables;
import dev.boardup.memory.PhysicalMemory;
import dev.boardup.memory.Pte;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** fork's address space copy: shared read-only COW frames, a private copy on the first write, refcounts exact. */
class CopyOnWriteTest {
    static final long PAGE = AddressSpace.PAGE;
    static final long HEAP = 0x600000L;

    PhysicalMemory phys;
    Mmu parentMmu, childMmu;
    AddressSpace parent, child;

    @BeforeEach
    void setUp() {
        phys = new PhysicalMemory(1024);
        PageTables tables = new PageTables(phys);
        parentMmu = new Mmu(phys);
        parentMmu.setCr3(tables.cr3());
        parent = new AddressSpace(phys, tables, parentMmu);
        parent.add(HEAP, HEAP + 4 * PAGE, Vma.PROT_READ | Vma.PROT_WRITE, "[heap]", null, 0);
        write(parentMmu, parent, HEAP, 111);
        write(parentMmu, parent, HEAP + PAGE, 222);
        PageTables childTables = new PageTables(phys);
        childMmu = new Mmu(phys);
        childMmu.setCr3(childTables.cr3());
        child = parent.forkInto(childTables, childMmu);
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
                assertTrue(space.resolveFault(pf));
            }
        }
        throw new AssertionError("fault did not go away");
    }

    @Test
    void afterForkBothShareReadOnlyCowFrames() {
        long p = parent.tables().lookup(HEAP), c = child.tables().lookup(HEAP);
        assertEquals(Pte.addr(p), Pte.addr(c));
        assertEquals(2, phys.refCount(Pte.addr(p)));
        for (long pte : new long[] {p, c}) {
            assertFalse(Pte.writable(pte));
            assertTrue((pte & Pte.COW) != 0);
        }
        assertEquals(111, read(childMmu, child, HEAP));
    }

    @Test
    void firstWriteCopiesTheFrameForTheWriterOnly() {
        long shared = Pte.addr(parent.tables().lookup(HEAP));
        write(childMmu, child, HEAP, 999);
        long mine = child.tables().lookup(HEAP);
        assertNotEquals(shared, Pte.addr(mine));
        assertTrue(Pte.writable(mine));
        assertEquals(0, mine & Pte.COW);
        assertEquals(1, phys.refCount(shared));
        assertEquals(999, read(childMmu, child, HEAP));
        assertEquals(111, read(parentMmu, parent, HEAP));
    }

    @Test
    void theLastSharerJustGetsWriteAccessBack() {
        write(childMmu, child, HEAP + PAGE, 5);
        long before = Pte.addr(parent.tables().lookup(HEAP + PAGE));
        int frames = phys.framesInUse();
        write(parentMmu, parent, HEAP + PAGE, 6);
        long after = parent.tables().lookup(HEAP + PAGE);
        assertEquals(before, Pte.addr(after));
        assertTrue(Pte.writable(after));
        assertEquals(frames, phys.framesInUse());
        assertEquals(5, read(childMmu, child, HEAP + PAGE));
    }

    @Test
    void releasingTheChildGivesBackEveryFrameItOwned() {
        int before = phys.framesInUse();
        write(childMmu, child, HEAP, 1);
        write(childMmu, child, HEAP + 2 * PAGE, 2);
        child.release();
        assertEquals(1, phys.refCount(Pte.addr(parent.tables().lookup(HEAP))));
        assertTrue(phys.framesInUse() < before, "child's page tables and pages freed");
        write(parentMmu, parent, HEAP, 7);
        assertEquals(7, read(parentMmu, parent, HEAP));
    }

    @Test
    void mprotectKeepsASharedPageReadOnlyUntilItsCopy() {
        assertTrue(child.protect(HEAP, HEAP + PAGE, Vma.PROT_READ | Vma.PROT_WRITE));
        assertFalse(Pte.writable(child.tables().lookup(HEAP)));
        write(childMmu, child, HEAP, 3);
        assertEquals(111, read(parentMmu, parent, HEAP));
    }
}
