package dev.boardup.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Frames: allocation, the limit, reference counts, statistics and physical access. */
class PhysicalMemoryTest {

    @Test
    void framesAreDistinctAlignedNonZeroAndZeroed() {
        PhysicalMemory m = new PhysicalMemory(16);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 16; i++) {
            long pa = m.allocFrame();
            assertNotEquals(0, pa);
            assertEquals(0, pa & 0xFFF);
            assertTrue(seen.add(pa));
            for (int off = 0; off < 4096; off += 8) assertEquals(0, m.read64(pa + off));
            m.write64(pa + 8, -1);
        }
    }

    @Test
    void limitThrowsOutOfGuestMemory() {
        PhysicalMemory m = new PhysicalMemory(3);
        long a = m.allocFrame();
        m.allocFrame();
        m.allocFrame();
        OutOfGuestMemory e = assertThrows(OutOfGuestMemory.class, m::allocFrame);
        assertTrue(e.getMessage().contains("3 frames"), e.getMessage());
        m.freeFrame(a);
        long again = m.allocFrame();
        assertEquals(a, again);
        assertThrows(OutOfGuestMemory.class, m::allocFrame);
    }

    @Test
    void reusedFrameIsZeroed() {
        PhysicalMemory m = new PhysicalMemory(1);
        long pa = m.allocFrame();
        m.write64(pa + 100, 0x1234);
        m.freeFrame(pa);
        long pb = m.allocFrame();
        assertEquals(pa, pb);
        assertEquals(0, m.read64(pb + 100));
    }

    @Test
    void aLargeLimitCostsNothingUntilUsed() {
        PhysicalMemory m = PhysicalMemory.ofBytes(64L << 30); // 64 GiB of guest memory on a small heap
        assertEquals(16 << 20, m.frameLimit());
        long pa = m.allocFrame();
        m.write64(pa, 5);
        assertEquals(1, m.framesInUse());
    }

    @Test
    void referenceCountsKeepSharedFramesAlive() {
        PhysicalMemory m = new PhysicalMemory(8);
        long pa = m.allocFrame();
        assertEquals(1, m.refCount(pa));
        m.incRef(pa);
        assertEquals(2, m.refCount(pa));
        m.freeFrame(pa);
        assertEquals(1, m.refCount(pa));
        assertEquals(1, m.framesInUse());
        m.write8(pa, (byte) 1); // still usable
        assertEquals(0, m.decRef(pa));
        assertEquals(0, m.refCount(pa));
        assertEquals(0, m.framesInUse());
        assertThrows(IllegalStateException.class, () -> m.freeFrame(pa));
        assertThrows(IllegalStateException.class, () -> m.read8(pa));
        assertThrows(IllegalStateException.class, () -> m.incRef(0));
    }

    @Test
    void inUseAndPeakAreCounted() {
        PhysicalMemory m = new PhysicalMemory(10);
        long[] f = new long[5];
        for (int i = 0; i < 5; i++) f[i] = m.allocFrame();
        for (int i = 0; i < 3; i++) m.freeFrame(f[i]);
        m.allocFrame();
        assertEquals(3, m.framesInUse());
        assertEquals(5, m.peakFramesInUse());
    }

    @Test
    void byteCopiesSpanFrames() {
        PhysicalMemory m = new PhysicalMemory(4);
        long a = m.allocFrame();
        long b = m.allocFrame();
        assertEquals(a + 4096, b); // fresh frames are handed out in order, so this range is contiguous
        byte[] src = new byte[5000];
        for (int i = 0; i < src.length; i++) src[i] = (byte) i;
        m.writeBytes(a + 100, src, 0, src.length);
        byte[] dst = new byte[5000];
        m.readBytes(a + 100, dst, 0, dst.length);
        assertEquals(java.util.Arrays.toString(src), java.util.Arrays.toString(dst));
        m.zero(a + 4000, 200);
        assertEquals(0, m.read8(a + 4095));
        assertEquals(0, m.read8(b + 103));
        assertEquals((byte) 4100, m.read8(b + 104)); // src[4100]
        long c = m.allocFrame();
        m.copyFrame(c, b);
        assertEquals(m.read64(b + 200), m.read64(c + 200));
        assertThrows(IllegalArgumentException.class, () -> m.read64(a + 4092));
    }

    @Test
    void pteToStringNamesTheBits() {
        long pte = Pte.make(0x1234000, Pte.P | Pte.RW | Pte.US | Pte.A | Pte.D | Pte.NX);
        assertEquals("0x1234000 P RW US A D NX", Pte.toString(pte));
        assertEquals("0x0", Pte.toString(0));
        assertEquals(0x1234000, Pte.addr(pte));
        assertTrue(Pte.present(pte) && Pte.writable(pte) && Pte.user(pte) && !Pte.executable(pte));
    }
}
