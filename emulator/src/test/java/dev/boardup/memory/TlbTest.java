package dev.boardup.memory;

import static dev.boardup.memory.Space.USER_RO;
import static dev.boardup.memory.Space.USER_RW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TLB behaves like hardware's: not coherent with the tables until INVLPG or a CR3 load. */
class TlbTest {
    static final long VA = 0x40_0000L;

    @Test
    void staleEntrySurvivesProtectUntilInvlpg() {
        Space s = new Space();
        s.map(VA, USER_RW);
        s.mmu.write64(VA, 1);
        s.pt.protect(VA, USER_RO);
        s.mmu.write64(VA, 2); // the cached writable translation is still used, as on hardware
        assertEquals(2, s.mmu.read64(VA));
        s.mmu.invlpg(VA + 0x123);
        PageFault f = assertThrows(PageFault.class, () -> s.mmu.write64(VA, 3));
        assertEquals(0x7, f.errorCode);
        assertEquals(2, s.mmu.read64(VA));
    }

    @Test
    void staleEntrySurvivesUnmapUntilInvlpg() {
        Space s = new Space();
        long pa = s.map(VA, USER_RW);
        s.mmu.write32(VA, 77);
        s.pt.unmap(VA);
        assertEquals(77, s.mmu.read32(VA));
        s.mmu.invlpg(VA);
        assertEquals(0x4, assertThrows(PageFault.class, () -> s.mmu.read32(VA)).errorCode);
        assertEquals(77, s.mem.read32(pa));
    }

    @Test
    void invlpgOfAnotherPageKeepsTheEntry() {
        Space s = new Space();
        s.map(VA, USER_RW);
        s.mmu.read8(VA);
        s.pt.protect(VA, USER_RW & ~Pte.US);
        s.mmu.invlpg(VA + 0x1000);
        s.mmu.invlpg(VA + ((long) Mmu.TLB_ENTRIES << 12)); // same slot, different page
        assertEquals(0, s.mmu.read8(VA));
        s.mmu.invlpg(VA);
        assertEquals(0x5, assertThrows(PageFault.class, () -> s.mmu.read8(VA)).errorCode);
    }

    @Test
    void cr3SwitchFlushes() {
        Space s = new Space();
        long pa = s.map(VA, USER_RW);
        s.mmu.write64(VA, 111);
        PageTables other = new PageTables(s.mem);
        long pa2 = s.mem.allocFrame();
        other.map(VA, pa2, USER_RW);
        s.mem.write64(pa2, 222);
        s.mmu.setCr3(other.cr3());
        assertEquals(222, s.mmu.read64(VA));
        s.mmu.setCr3(s.pt.cr3());
        assertEquals(111, s.mmu.read64(VA));
        assertEquals(111, s.mem.read64(pa));
        // Reloading the same CR3 also flushes: the unmapped page faults now.
        s.pt.unmap(VA);
        s.mmu.setCr3(s.pt.cr3());
        assertThrows(PageFault.class, () -> s.mmu.read64(VA));
    }

    @Test
    void permissionUpgradeIsSeenWithoutInvlpg() {
        // A write through a read-only entry re-walks (hardware may fault spuriously instead; re-walking is allowed).
        Space s = new Space();
        s.map(VA, USER_RO);
        s.mmu.read8(VA);
        s.pt.protect(VA, USER_RW);
        s.mmu.write8(VA, (byte) 5);
        assertEquals(5, s.mmu.read8(VA));
    }

    @Test
    void hitsAndMissesAreCounted() {
        Space s = new Space();
        s.map(VA, USER_RW);
        s.mmu.read8(VA);
        assertEquals(1, s.mmu.tlbMisses());
        for (int i = 0; i < 10; i++) s.mmu.read8(VA + i);
        assertEquals(1, s.mmu.tlbMisses());
        assertEquals(10, s.mmu.tlbHits());
        s.mmu.write8(VA, (byte) 0); // first write: walks to set D
        assertEquals(2, s.mmu.tlbMisses());
        s.mmu.write8(VA, (byte) 0);
        s.mmu.read8(VA);
        assertEquals(2, s.mmu.tlbMisses());
        assertEquals(12, s.mmu.tlbHits());
    }

    @Test
    void conflictingPagesEvictEachOther() {
        Space s = new Space();
        long other = VA + ((long) Mmu.TLB_ENTRIES << 12);
        s.map(VA, USER_RW);
        s.map(other, USER_RW);
        s.mmu.write64(VA, 1);
        s.mmu.write64(other, 2);
        assertEquals(1, s.mmu.read64(VA));
        assertEquals(2, s.mmu.read64(other));
    }

    @Test
    void writesToCodePagesAreReported() {
        Space s = new Space();
        s.map(VA, Pte.RW | Pte.US);
        s.map(VA + 0x1000, USER_RW);
        List<Long> reported = new ArrayList<>();
        s.mmu.setCodeWriteListener(reported::add);
        s.mmu.write8(VA + 1, (byte) 0x90); // cached writable and dirty before it becomes code
        s.mmu.markCodePage(VA + 0x10);
        s.mmu.write8(VA + 2, (byte) 0x90);
        s.mmu.write32(VA + 0x800, 0);
        s.mmu.write8(VA + 0x1000, (byte) 0);
        assertEquals(List.of(VA, VA), reported);
        s.mmu.write64(VA + 0xFFC, 0); // straddles into the code page's neighbour
        assertEquals(List.of(VA, VA, VA), reported);
        s.mmu.unmarkCodePage(VA);
        s.mmu.invlpg(VA);
        s.mmu.write8(VA + 3, (byte) 0);
        s.mmu.write8(VA + 4, (byte) 0);
        assertEquals(3, reported.size());
        assertEquals((byte) 0x90, s.mmu.fetch8(VA + 2));
    }

    @Test
    void writeToCodePageThatFaultsIsNotReported() {
        Space s = new Space();
        s.map(VA, Pte.US);
        List<Long> reported = new ArrayList<>();
        s.mmu.setCodeWriteListener(reported::add);
        s.mmu.markCodePage(VA);
        assertThrows(PageFault.class, () -> s.mmu.write8(VA, (byte) 1));
        assertEquals(List.of(), reported);
    }

    @Test
    void kernelWritesToCodePagesAreReported() {
        Space s = new Space();
        s.map(VA, Pte.RW | Pte.US);
        List<Long> reported = new ArrayList<>();
        s.mmu.setCodeWriteListener(reported::add);
        s.mmu.markCodePage(VA);
        s.mmu.writeBytes(VA + 0x10, new byte[] {1, 2, 3}, 0, 3);
        assertEquals(List.of(VA), reported);
    }
}
