package dev.boardup.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Permissions combine over all four levels as on hardware: a page is writable only if every level has RW, user
 * accessible only if every level has US, executable only if no level has NX; the first not-present level stops the
 * walk. A walk that faults sets no A or D bit; one that succeeds sets A at every level and D only in a written leaf.
 */
class WalkPermissionPropertyTest {
    static final long VA = 0x0000_7F12_3456_7000L;

    @Provide
    Arbitrary<long[]> levelFlags() {
        Arbitrary<Long> one = Arbitraries.of(0L, Pte.RW, Pte.US, Pte.NX, Pte.RW | Pte.US, Pte.RW | Pte.NX,
                Pte.US | Pte.NX, Pte.RW | Pte.US | Pte.NX);
        Arbitrary<Long> weighted = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Pte.RW | Pte.US)), net.jqwik.api.Tuple.of(2, one));
        return weighted.array(long[].class).ofSize(4);
    }

    @Property(tries = 600)
    void permissionsCombineOverEveryLevel(@ForAll("levelFlags") long[] flags,
                                          @ForAll @IntRange(min = 0, max = 4) int notPresentLevel,
                                          @ForAll @IntRange(min = 0, max = 2) int kind,
                                          @ForAll @IntRange(min = 0, max = 4095) int offset) {
        Space s = new Space(64);
        s.map(VA, flags[0]);
        for (int level = 1; level <= 4; level++) {
            long present = level == notPresentLevel ? 0 : Pte.P;
            s.setEntry(VA, level, Pte.addr(s.entry(VA, level)) | flags[level - 1] | present);
        }
        s.mmu.flushTlb();

        long va = VA + offset;
        int access = PageFault.U | (kind == 1 ? PageFault.W : 0) | (kind == 2 ? PageFault.I : 0);
        boolean user = true, writable = true, executable = true;
        for (long f : flags) {
            user &= (f & Pte.US) != 0;
            writable &= (f & Pte.RW) != 0;
            executable &= (f & Pte.NX) == 0;
        }
        Integer expected;
        if (notPresentLevel != 0) {
            expected = access;
        } else if (!user || (kind == 1 && !writable) || (kind == 2 && !executable)) {
            expected = access | PageFault.P;
        } else {
            expected = null;
        }

        PageFault fault = null;
        try {
            switch (kind) {
                case 0 -> s.mmu.read8(va);
                case 1 -> s.mmu.write8(va, (byte) 1);
                default -> s.mmu.fetch8(va);
            }
        } catch (PageFault f) {
            fault = f;
        }

        if (expected == null) {
            assertNull(fault);
        } else {
            assertEquals(expected, fault == null ? null : fault.errorCode);
            assertEquals(va, fault.address);
        }
        for (int level = 1; level <= 4; level++) {
            long e = s.entry(VA, level);
            long a = expected == null ? Pte.A : 0;
            long d = expected == null && kind == 1 && level == 1 ? Pte.D : 0;
            assertEquals(a | d, e & (Pte.A | Pte.D), "A/D at level " + level);
        }
    }
}
