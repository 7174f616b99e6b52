package dev.boardup.memory;

import static dev.boardup.memory.Space.USER_RO;
import static dev.boardup.memory.Space.USER_RW;
import static dev.boardup.memory.Space.USER_RX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.cpu.GeneralProtection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The page walk's permission checks, #PF error codes and CR2, and its Accessed/Dirty bookkeeping. */
class PageWalkTest {
    static final long VA = 0x0000_0040_1234_5000L;

    static PageFault fault(Executable access) {
        return assertThrows(PageFault.class, access);
    }

    static void assertFault(long cr2, int errorCode, Executable access) {
        PageFault f = fault(access);
        assertEquals(cr2, f.address, "CR2");
        assertEquals(errorCode, f.errorCode, () -> "error code of " + f.describe());
    }

    @Test
    void unmappedAddressFaultsNotPresent() {
        Space s = new Space();
        assertFault(VA + 0x123, 0x4, () -> s.mmu.read8(VA + 0x123));
        assertFault(VA + 0x123, 0x6, () -> s.mmu.write32(VA + 0x123, 1));
        assertFault(VA + 0x123, 0x14, () -> s.mmu.fetch8(VA + 0x123));
    }

    @Test
    void notPresentAtEachLevelFaultsTheSame() {
        Space s = new Space();
        s.map(VA, USER_RW);
        for (int level = 1; level <= 4; level++) {
            Space t = new Space();
            t.map(VA, USER_RW);
            t.setEntry(VA, level, t.entry(VA, level) & ~Pte.P);
            t.mmu.flushTlb();
            assertFault(VA + 8, 0x6, () -> t.mmu.write64(VA + 8, 7));
        }
    }

    @Test
    void readOnlyPageWrittenFaultsWithProtection() {
        Space s = new Space();
        s.map(VA, USER_RO);
        assertEquals(0, s.mmu.read64(VA + 0x10));
        assertFault(VA + 0x10, 0x7, () -> s.mmu.write64(VA + 0x10, 1));
        assertFault(VA + 0xFFF, 0x7, () -> s.mmu.write8(VA + 0xFFF, (byte) 1));
    }

    @Test
    void readOnlyAtAnUpperLevelAlsoForbidsWrites() {
        Space s = new Space();
        s.map(VA, USER_RW);
        s.setEntry(VA, 3, s.entry(VA, 3) & ~Pte.RW);
        assertEquals(0, s.mmu.read8(VA));
        assertFault(VA, 0x7, () -> s.mmu.write8(VA, (byte) 1));
    }

    @Test
    void supervisorOnlyLeafFaultsWithProtectionAndUser() {
        Space s = new Space();
        s.map(VA, Pte.RW);
        assertFault(VA, 0x5, () -> s.mmu.read8(VA));
        assertFault(VA, 0x7, () -> s.mmu.write8(VA, (byte) 1));
        assertFault(VA, 0x15, () -> s.mmu.fetch8(VA));
    }

    @Test
    void supervisorOnlyAtAnyUpperLevelFaults() {
        for (int level = 2; level <= 4; level++) {
            Space s = new Space();
            s.map(VA, USER_RW);
            s.setEntry(VA, level, s.entry(VA, level) & ~Pte.US);
            int l = level;
            PageFault f = fault(() -> s.mmu.read32(VA + 4));
            assertEquals(0x5, f.errorCode, "US clear at level " + l);
            assertEquals(VA + 4, f.address);
        }
    }

    @Test
    void noExecutePageFetchedFaults() {
        Space s = new Space();
        s.map(VA, USER_RW);
        assertEquals(0, s.mmu.read8(VA + 3));
        assertFault(VA + 3, 0x15, () -> s.mmu.fetch8(VA + 3));
    }

    @Test
    void noExecuteAtAnUpperLevelForbidsFetch() {
        for (int level = 2; level <= 4; level++) {
            Space s = new Space();
            s.map(VA, USER_RX);
            s.setEntry(VA, level, s.entry(VA, level) | Pte.NX);
            assertEquals(0, s.mmu.read8(VA));
            assertFault(VA, 0x15, () -> s.mmu.fetch8(VA));
        }
    }

    @Test
    void executablePageFetches() {
        Space s = new Space();
        long pa = s.map(VA, USER_RX);
        s.mem.write8(pa + 5, (byte) 0xC3);
        assertEquals((byte) 0xC3, s.mmu.fetch8(VA + 5));
    }

    @Test
    void largePageIsAReservedBitFault() {
        Space s = new Space();
        s.map(VA, USER_RW);
        s.setEntry(VA, 2, s.entry(VA, 2) | Pte.PS);
        assertFault(VA, PageFault.P | PageFault.RSVD | PageFault.U, () -> s.mmu.read8(VA));
    }

    @Test
    void readSetsAccessedAtEveryLevelButNoDirty() {
        Space s = new Space();
        s.map(VA, USER_RW);
        for (int level = 1; level <= 4; level++) {
            assertEquals(0, s.entry(VA, level) & (Pte.A | Pte.D), "fresh level " + level);
        }
        s.mmu.read8(VA);
        for (int level = 1; level <= 4; level++) {
            assertEquals(Pte.A, s.entry(VA, level) & (Pte.A | Pte.D), "level " + level + " after a read");
        }
    }

    @Test
    void writeSetsDirtyOnlyInTheLeaf() {
        Space s = new Space();
        s.map(VA, USER_RW);
        s.mmu.write16(VA + 2, (short) 0x1234);
        assertEquals(Pte.A | Pte.D, s.entry(VA, 1) & (Pte.A | Pte.D));
        for (int level = 2; level <= 4; level++) {
            assertEquals(Pte.A, s.entry(VA, level) & (Pte.A | Pte.D), "level " + level);
        }
    }

    @Test
    void fetchSetsAccessedNotDirty() {
        Space s = new Space();
        s.map(VA, USER_RX);
        s.mmu.fetch8(VA);
        assertEquals(Pte.A, s.entry(VA, 1) & (Pte.A | Pte.D));
    }

    @Test
    void writeAfterACachedReadStillSetsDirty() {
        Space s = new Space();
        s.map(VA, USER_RW);
        s.mmu.read64(VA);
        s.mmu.read64(VA + 8);
        assertEquals(0, s.entry(VA, 1) & Pte.D);
        s.mmu.write8(VA + 9, (byte) 1);
        assertEquals(Pte.D, s.entry(VA, 1) & Pte.D);
    }

    @Test
    void faultingAccessSetsNoAccessedOrDirty() {
        Space s = new Space();
        s.map(VA, USER_RO);
        fault(() -> s.mmu.write8(VA, (byte) 1));
        for (int level = 1; level <= 4; level++) {
            assertEquals(0, s.entry(VA, level) & (Pte.A | Pte.D), "level " + level);
        }
        Space t = new Space();
        t.map(VA, USER_RW);
        t.setEntry(VA, 1, 0);
        fault(() -> t.mmu.read8(VA));
        for (int level = 2; level <= 4; level++) {
            assertEquals(0, t.entry(VA, level) & Pte.A, "level " + level + " above a missing page");
        }
        Space u = new Space();
        u.map(VA, USER_RW);
        fault(() -> u.mmu.fetch8(VA));
        assertEquals(0, u.entry(VA, 1) & Pte.A);
    }

    @Test
    void valuesAreLittleEndianInPhysicalMemory() {
        Space s = new Space();
        long pa = s.map(VA, USER_RW);
        s.mmu.write64(VA + 0x100, 0x0102030405060708L);
        assertEquals(0x08, s.mem.read8(pa + 0x100));
        assertEquals(0x01, s.mem.read8(pa + 0x107));
        assertEquals(0x05060708, s.mmu.read32(VA + 0x100));
        assertEquals((short) 0x0304, s.mmu.read16(VA + 0x104));
        s.mmu.write32(VA + 0x201, 0xCAFEBABE);
        assertEquals(0xCAFEBABEL, s.mem.read32(pa + 0x201) & 0xFFFFFFFFL);
    }

    @Test
    void straddlingAccessesSpanBothFrames() {
        Space s = new Space();
        long pa1 = s.map(VA, USER_RW);
        long pa2 = s.map(VA + 0x1000, USER_RW);
        s.mmu.write64(VA + 0xFFD, 0x1122334455667788L);
        assertEquals(0x1122334455667788L, s.mmu.read64(VA + 0xFFD));
        assertEquals((byte) 0x88, s.mem.read8(pa1 + 0xFFD));
        assertEquals((byte) 0x66, s.mem.read8(pa1 + 0xFFF));
        assertEquals((byte) 0x55, s.mem.read8(pa2));
        assertEquals((byte) 0x11, s.mem.read8(pa2 + 4));
        s.mmu.write32(VA + 0xFFF, 0xA1B2C3D4);
        assertEquals(0xA1B2C3D4, s.mmu.read32(VA + 0xFFF));
        s.mmu.write16(VA + 0xFFF, (short) 0xBEEF);
        assertEquals((short) 0xBEEF, s.mmu.read16(VA + 0xFFF));
        assertEquals((byte) 0xEF, s.mem.read8(pa1 + 0xFFF));
        assertEquals((byte) 0xBE, s.mem.read8(pa2));
    }

    @Test
    void straddlingWriteIntoReadOnlyPageWritesNothing() {
        Space s = new Space();
        long pa1 = s.map(VA, USER_RW);
        long pa2 = s.map(VA + 0x1000, USER_RO);
        s.mmu.write64(VA + 0xFF8, 0x5555555555555555L);
        assertFault(VA + 0x1000, 0x7, () -> s.mmu.write64(VA + 0xFFC, -1L));
        assertEquals(0x5555555555555555L, s.mmu.read64(VA + 0xFF8));
        byte[] first = new byte[4096];
        s.mem.readBytes(pa1, first, 0, 4096);
        for (int i = 0; i < 0xFF8; i++) assertEquals(0, first[i]);
        assertEquals(0, s.mem.read64(pa2));
        assertFault(VA + 0x1000, 0x7, () -> s.mmu.write16(VA + 0xFFF, (short) -1));
        assertEquals(0x55, s.mem.read8(pa1 + 0xFFF));
    }

    @Test
    void straddlingReadIntoUnmappedPageFaultsAtThePageBoundary() {
        Space s = new Space();
        s.map(VA, USER_RW);
        assertFault(VA + 0x1000, 0x4, () -> s.mmu.read32(VA + 0xFFE));
        assertFault(VA + 0x1000, 0x6, () -> s.mmu.write64(VA + 0xFFA, 0));
    }

    @Test
    void nonCanonicalAddressIsGeneralProtection() {
        Space s = new Space();
        long[] bad = {0x0000_8000_0000_0000L, 0x1234_0000_0000_0000L, 0xFFFF_7FFF_FFFF_F000L};
        for (long va : bad) {
            assertThrows(GeneralProtection.class, () -> s.mmu.read8(va));
            assertThrows(GeneralProtection.class, () -> s.mmu.write64(va, 0));
            assertThrows(GeneralProtection.class, () -> s.mmu.fetch8(va));
        }
        s.map(0x7FFF_FFFF_F000L, USER_RW);
        assertThrows(GeneralProtection.class, () -> s.mmu.read64(0x7FFF_FFFF_FFFCL));
    }

    @Test
    void upperHalfCanonicalAddressesTranslate() {
        Space s = new Space();
        long va = 0xFFFF_8000_0000_0000L;
        long pa = s.map(va, USER_RW);
        s.mmu.write64(va + 16, 42);
        assertEquals(42, s.mem.read64(pa + 16));
        long top = 0xFFFF_FFFF_FFFF_F000L;
        long pa2 = s.map(top, USER_RW);
        s.mmu.write8(top + 0xFFF, (byte) 9);
        assertEquals(9, s.mem.read8(pa2 + 0xFFF));
    }

    @Test
    void aliasedPagesShareTheFrame() {
        Space s = new Space();
        long pa = s.map(VA, USER_RW);
        s.pt.map(0x7000_0000L, pa, USER_RO);
        s.mmu.write32(VA + 64, 0x600DF00D);
        assertEquals(0x600DF00D, s.mmu.read32(0x7000_0000L + 64));
    }

    @Test
    void kernelCopiesCrossPagesWithUserChecks() {
        Space s = new Space();
        s.map(VA, USER_RW);
        s.map(VA + 0x1000, USER_RW);
        s.map(VA + 0x2000, USER_RO);
        byte[] src = new byte[6000];
        for (int i = 0; i < src.length; i++) src[i] = (byte) (i * 7);
        s.mmu.writeBytes(VA + 100, src, 0, src.length);
        byte[] back = new byte[6000];
        s.mmu.readBytes(VA + 100, back, 0, back.length);
        assertArrayEquals(src, back);
        assertEquals(src[4000], s.mmu.read8(VA + 4100));
        assertFault(VA + 0x2000, 0x7, () -> s.mmu.writeBytes(VA + 0x1F00, src, 0, 0x200));
        assertFault(VA + 0x3000, 0x4, () -> s.mmu.readBytes(VA + 0x2F00, back, 0, 0x200));
    }

    @Test
    void readCStringStopsAtTheNul() {
        Space s = new Space();
        s.map(VA, USER_RO);
        long pa = s.map(VA + 0x1000, USER_RO);
        byte[] hello = "/bin/hello".getBytes();
        // The string ends exactly at the end of the last mapped page: nothing beyond may be read.
        s.mem.writeBytes(pa + 4096 - hello.length - 1, hello, 0, hello.length);
        long at = VA + 0x2000 - hello.length - 1;
        assertArrayEquals(hello, s.mmu.readCString(at, 4096));
        assertArrayEquals(new byte[0], s.mmu.readCString(VA, 10));
        assertEquals(null, s.mmu.readCString(at, 5));
        s.mem.write8(pa + 4095, (byte) 'x');
        assertFault(VA + 0x2000, 0x4, () -> s.mmu.readCString(at, 4096));
        // A long string that crosses a page boundary.
        byte[] lng = new byte[3000];
        java.util.Arrays.fill(lng, (byte) 'a');
        s.mem.writeBytes(s.pt.lookup(VA) & Pte.ADDR_MASK, new byte[4096], 0, 4096);
        s.mmu.flushTlb();
        s.pt.protect(VA, USER_RW);
        s.pt.protect(VA + 0x1000, USER_RW);
        s.mmu.flushTlb();
        s.mmu.writeBytes(VA + 3000, lng, 0, lng.length);
        s.mmu.write8(VA + 6000, (byte) 0);
        assertArrayEquals(lng, s.mmu.readCString(VA + 3000, 4096));
        assertTrue(s.mmu.readCString(VA + 3000, 3000) == null);
    }
}
