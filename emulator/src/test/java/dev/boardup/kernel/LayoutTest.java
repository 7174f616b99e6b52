package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bases Layout picks: Linux's fixed ones without randomisation, Linux's ranges and entropy with it. */
class LayoutTest {
    static final long STACK_RLIMIT = 8L << 20;

    @Test
    void withoutRandomisationTheBasesAreLinuxs() {
        Layout l = Layout.fixed(1L);
        assertEquals(0x7FFF_F7FF_F000L, l.mmapBase(STACK_RLIMIT), "TASK_SIZE less the 128 MiB minimum gap");
        assertEquals(0x7FFF_FFFF_F000L, l.stackTop());
        assertEquals(0x4CF000L, l.brkStart(0x4CE010L), "the page after the bss");
        assertEquals(0x7FFF_FFFF_E550L, l.alignStack(0x7FFF_FFFF_E55FL));
    }

    @Test
    void anUnlimitedStackLeavesFiveSixthsOfTheSpace() {
        assertEquals(AddressSpace.pageUp(Layout.TASK_SIZE - Layout.TASK_SIZE / 6 * 5), Layout.fixed(1L).mmapBase(-1));
    }

    @Test
    void randomisedBasesAreLinuxsRanges() {
        Layout l = Layout.randomized(7L);
        long gap = STACK_RLIMIT + Layout.STACK_GUARD_GAP + Layout.STACK_RND_MASK * 4096;
        long mmapHigh = Layout.TASK_SIZE - gap, mmapLow = mmapHigh - (1L << 28) * 4096;
        long minMmap = Long.MAX_VALUE, maxMmap = 0, minStack = Long.MAX_VALUE, minBrk = Long.MAX_VALUE, maxBrk = 0;
        for (int i = 0; i < 2000; i++) {
            long m = l.mmapBase(STACK_RLIMIT), s = l.stackTop(), b = l.brkStart(0x4CE010L);
            assertTrue(m > mmapLow && m <= mmapHigh, Long.toHexString(m));
            assertTrue(s <= Layout.TASK_SIZE && s > Layout.TASK_SIZE - (Layout.STACK_RND_MASK + 2) * 4096);
            assertTrue(b >= 0x4CF000L && b < 0x4CF000L + Layout.BRK_RANGE);
            assertEquals(0, (m | s | b) & 0xFFF, "page granularity");
            minMmap = Math.min(minMmap, m);
            maxMmap = Math.max(maxMmap, m);
            minStack = Math.min(minStack, s);
            minBrk = Math.min(minBrk, b);
            maxBrk = Math.max(maxBrk, b);
        }
        // 2000 draws spread over (nearly) the whole range: the entropy really is 28 bits, 22 bits, 1 GiB
        assertTrue(maxMmap - minMmap > (mmapHigh - mmapLow) / 10 * 9);
        assertTrue(Layout.TASK_SIZE - minStack > Layout.STACK_RND_MASK * 4096 / 10 * 9);
        assertTrue(maxBrk - minBrk > Layout.BRK_RANGE / 10 * 9);
    }

    @Test
    void theStackPointerDropsByUpTo8KiBWithinItsPage() {
        Layout l = Layout.randomized(3L);
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 1000; i++) {
            long sp = l.alignStack(0x7FFF_FFFF_E000L);
            assertEquals(0, sp & 15);
            assertTrue(sp <= 0x7FFF_FFFF_E000L && sp > 0x7FFF_FFFF_E000L - Layout.STACK_ALIGN_RANGE - 16);
            min = Math.min(min, sp);
        }
        assertTrue(0x7FFF_FFFF_E000L - min > 7000);
    }

    @Test
    void oneSeedOneSequenceOfBasesAndBytes() {
        Layout a = Layout.randomized(99L), b = Layout.randomized(99L), c = Layout.randomized(100L);
        byte[] ba = new byte[16], bb = new byte[16], bc = new byte[16];
        a.nextBytes(ba);
        b.nextBytes(bb);
        c.nextBytes(bc);
        assertEquals(java.util.HexFormat.of().formatHex(ba), java.util.HexFormat.of().formatHex(bb));
        assertNotEquals(java.util.HexFormat.of().formatHex(ba), java.util.HexFormat.of().formatHex(bc));
        assertEquals(a.mmapBase(STACK_RLIMIT), b.mmapBase(STACK_RLIMIT));
        assertEquals(a.stackTop(), b.stackTop());
        assertEquals(a.brkStart(0x400000), b.brkStart(0x400000));
    }
}
