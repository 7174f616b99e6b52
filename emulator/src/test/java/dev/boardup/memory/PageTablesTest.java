package dev.boardup.memory;

import static dev.boardup.memory.Space.USER_RO;
import static dev.boardup.memory.Space.USER_RW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 4-level tables as the kernel builds them: walk, map, unmap, lookup, protect, iterate, free. */
class PageTablesTest {

    @Test
    void walkAllocatesIntermediateTablesGrantingEverything() {
        PhysicalMemory m = new PhysicalMemory(64);
        PageTables pt = new PageTables(m);
        assertEquals(1, m.framesInUse());
        assertEquals(0, pt.walk(0x40_1000L, false));
        assertEquals(1, m.framesInUse());
        long pteAddr = pt.walk(0x40_1000L, true);
        assertEquals(4, m.framesInUse()); // PDPT, PD, PT
        assertEquals(pteAddr, pt.walk(0x40_1000L, false));
        assertEquals(8L * 1, pteAddr & 0xFFF); // PT index 1
        long pml4e = m.read64(pt.cr3());
        assertEquals(Pte.P | Pte.RW | Pte.US, Pte.flags(pml4e));
        pt.walk(0x40_2000L, true);
        assertEquals(4, m.framesInUse()); // same PT
    }

    @Test
    void mapLookupProtectUnmap() {
        PhysicalMemory m = new PhysicalMemory(64);
        PageTables pt = new PageTables(m);
        long pa = m.allocFrame();
        pt.map(0x7FFF_F000L, pa, USER_RW);
        assertEquals(Pte.make(pa, USER_RW | Pte.P), pt.lookup(0x7FFF_F123L));
        assertThrows(IllegalStateException.class, () -> pt.map(0x7FFF_F000L, pa, USER_RO));
        m.write64(pt.walk(0x7FFF_F000L, false), pt.lookup(0x7FFF_F000L) | Pte.A | Pte.D);
        pt.protect(0x7FFF_F000L, USER_RO);
        assertEquals(Pte.make(pa, USER_RO | Pte.P | Pte.A | Pte.D), pt.lookup(0x7FFF_F000L));
        assertEquals(Pte.make(pa, USER_RO | Pte.P | Pte.A | Pte.D), pt.unmap(0x7FFF_F000L));
        assertEquals(0, pt.lookup(0x7FFF_F000L));
        assertEquals(0, pt.unmap(0x7FFF_F000L));
        assertEquals(0, pt.unmap(0x5555_0000_0000L));
        assertThrows(IllegalStateException.class, () -> pt.protect(0x7FFF_F000L, USER_RW));
        assertEquals(1, m.refCount(pa)); // unmap leaves the frame to its owner
        assertEquals(0, pt.lookup(0x8000_0000_0000L));
        assertThrows(IllegalArgumentException.class, () -> pt.map(0x8000_0000_0000L, pa, USER_RW));
        assertThrows(IllegalArgumentException.class, () -> pt.map(0x1001, pa, USER_RW));
    }

    @Test
    void lookupHasNoSideEffects() {
        PhysicalMemory m = new PhysicalMemory(64);
        PageTables pt = new PageTables(m);
        assertEquals(0, pt.lookup(0x1234_5678_9000L));
        assertEquals(1, m.framesInUse());
    }

    @Test
    void forEachMappedVisitsPagesInRangeInOrder() {
        PhysicalMemory m = new PhysicalMemory(256);
        PageTables pt = new PageTables(m);
        long[] vas = {0x1000, 0x40_0000, 0x40_1000, 0x40_3000, 0x7FFF_FFFF_F000L, 0xFFFF_8000_0000_0000L,
                0xFFFF_FFFF_FFFF_F000L};
        for (long va : vas) pt.map(va, m.allocFrame(), USER_RW);
        assertEquals(List.of(vas[0], vas[1], vas[2], vas[3], vas[4], vas[5], vas[6]), visit(pt, 0, 0));
        assertEquals(List.of(vas[1], vas[2]), visit(pt, 0x40_0000, 0x40_3000));
        assertEquals(List.of(vas[2], vas[3]), visit(pt, 0x40_1FFF, 0x40_3001));
        assertEquals(List.of(vas[4]), visit(pt, 0x50_0000, 0x8000_0000_0000L));
        assertEquals(List.of(vas[5], vas[6]), visit(pt, 0xFFFF_8000_0000_0000L, 0));
        assertEquals(List.of(), visit(pt, 0x40_3000, 0x40_3000));
    }

    @Test
    void visitorMayUnmapWhatItVisits() {
        PhysicalMemory m = new PhysicalMemory(1024);
        PageTables pt = new PageTables(m);
        int before = m.framesInUse();
        for (long va = 0x10_0000; va < 0x10_0000 + 600 * 4096L; va += 4096) pt.map(va, m.allocFrame(), USER_RW);
        pt.forEachMapped(0, 0, (va, pte) -> {
            assertEquals(pte, pt.unmap(va));
            m.freeFrame(Pte.addr(pte));
        });
        assertEquals(List.of(), visit(pt, 0, 0));
        assertEquals(before + 4, m.framesInUse()); // PDPT, PD, two PTs remain until free()
    }

    @Test
    void freeReleasesEveryTableFrame() {
        PhysicalMemory m = new PhysicalMemory(256);
        int before = m.framesInUse();
        PageTables pt = new PageTables(m);
        long data = m.allocFrame();
        pt.map(0x40_0000, data, USER_RW);
        pt.map(0x7FFF_FFFF_F000L, data, USER_RW);
        pt.map(0xFFFF_8000_0000_0000L, data, USER_RW);
        pt.free();
        assertEquals(before + 1, m.framesInUse()); // only the data frame, which is the caller's
        assertThrows(IllegalStateException.class, () -> pt.lookup(0x40_0000));
    }

    private static List<Long> visit(PageTables pt, long start, long end) {
        List<Long> out = new ArrayList<>();
        pt.forEachMapped(start, end, (va, pte) -> out.add(va));
        return out;
    }
}
