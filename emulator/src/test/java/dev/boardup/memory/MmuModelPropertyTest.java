package dev.boardup.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.boardup.cpu.GeneralProtection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random map/unmap/protect/access sequences against a plain Java model of what x86-64 paging must do: the value
 * read, the #PF error code and CR2, #GP for non-canonical addresses, and the A/D bits in each leaf.
 */
class MmuModelPropertyTest {
    /** Pages chosen to share tables, collide in the TLB, sit at the canonical edge and in the upper half. */
    static final long[] PAGES = {
            0x40_0000L, 0x40_1000L, 0x40_2000L, 0x40_0000L + ((long) Mmu.TLB_ENTRIES << 12),
            0x7FFF_FFFF_E000L, 0x7FFF_FFFF_F000L, 0xFFFF_8000_0000_0000L, 0xFFFF_8000_0000_1000L,
    };
    static final int FRAMES = 5;
    static final long[] FLAG_CHOICES = {
            Pte.US, Pte.US | Pte.RW, Pte.US | Pte.NX, Pte.US | Pte.RW | Pte.NX, 0, Pte.RW, Pte.NX | Pte.RW,
    };
    static final int READ = 0, WRITE = 1, FETCH = 2;

    sealed interface Op permits MapPage, UnmapPage, ProtectPage, Access, ReloadCr3 {
    }

    record MapPage(int page, int frame, long flags) implements Op {
    }

    record UnmapPage(int page) implements Op {
    }

    record ProtectPage(int page, long flags) implements Op {
    }

    record Access(int page, int offset, int kind, int size, long value) implements Op {
    }

    record ReloadCr3() implements Op {
    }

    /** What the model knows of one mapped page. */
    static final class Mapping {
        final int frame;
        long flags;
        boolean accessed, dirty;

        Mapping(int frame, long flags) {
            this.frame = frame;
            this.flags = flags;
        }
    }

    @Property(tries = 400)
    void mmuMatchesModel(@ForAll("programs") List<Op> program) {
        Space s = new Space(256);
        long[] framePa = new long[FRAMES];
        for (int f = 0; f < FRAMES; f++) framePa[f] = s.mem.allocFrame();
        byte[][] model = new byte[FRAMES][4096];
        Map<Integer, Mapping> mapped = new HashMap<>();

        for (Op op : program) {
            switch (op) {
                case MapPage m -> {
                    if (mapped.containsKey(m.page())) {
                        assertThrows(IllegalStateException.class, () -> s.pt.map(PAGES[m.page()], framePa[m.frame()], m.flags()));
                    } else {
                        s.pt.map(PAGES[m.page()], framePa[m.frame()], m.flags());
                        mapped.put(m.page(), new Mapping(m.frame(), m.flags()));
                        s.mmu.invlpg(PAGES[m.page()]);
                    }
                }
                case UnmapPage u -> {
                    Mapping old = mapped.remove(u.page());
                    assertEquals(old == null ? 0 : expectedPte(old, framePa), s.pt.unmap(PAGES[u.page()]));
                    s.mmu.invlpg(PAGES[u.page()]);
                }
                case ProtectPage p -> {
                    Mapping m = mapped.get(p.page());
                    if (m == null) {
                        assertThrows(IllegalStateException.class, () -> s.pt.protect(PAGES[p.page()], p.flags()));
                    } else {
                        s.pt.protect(PAGES[p.page()], p.flags());
                        m.flags = p.flags();
                        s.mmu.invlpg(PAGES[p.page()]);
                    }
                }
                case Access a -> access(s, a, mapped, model);
                case ReloadCr3 r -> s.mmu.setCr3(s.pt.cr3());
            }
            for (int page = 0; page < PAGES.length; page++) {
                Mapping m = mapped.get(page);
                assertEquals(m == null ? 0 : expectedPte(m, framePa), s.pt.lookup(PAGES[page]),
                        "PTE of page " + page + " after " + op);
            }
        }
    }

    static long expectedPte(Mapping m, long[] framePa) {
        return Pte.make(framePa[m.frame], m.flags | Pte.P | (m.accessed ? Pte.A : 0) | (m.dirty ? Pte.D : 0));
    }

    /** Performs the access on the MMU and on the model and compares the outcomes. */
    static void access(Space s, Access a, Map<Integer, Mapping> mapped, byte[][] model) {
        long va = PAGES[a.page()] + a.offset();
        long last = va + a.size() - 1;
        Object expected = expectedFault(va, a.kind(), mapped);
        Mapping first = pageAt(va, mapped);
        if (expected == null && (last & ~0xFFFL) != (va & ~0xFFFL)) {
            touch(first, a.kind());
            expected = expectedFault(last & ~0xFFFL, a.kind(), mapped);
        }
        Object actual;
        try {
            actual = perform(s.mmu, va, a);
        } catch (PageFault f) {
            actual = new Fault(f.address, f.errorCode);
        } catch (GeneralProtection g) {
            actual = "GP";
        }
        if (expected != null) {
            assertEquals(expected, actual, a.toString());
            return;
        }
        Mapping second = pageAt(last, mapped);
        touch(first, a.kind());
        touch(second, a.kind());
        long value = 0;
        for (int k = a.size() - 1; k >= 0; k--) {
            long b = va + k;
            byte[] frame = model[pageAt(b, mapped).frame];
            int off = (int) (b & 0xFFF);
            if (a.kind() == WRITE) {
                frame[off] = (byte) (a.value() >>> (8 * k));
            }
            value = (value << 8) | (frame[off] & 0xFF);
        }
        long expectedValue = a.kind() == WRITE ? 0 : value;
        assertEquals(expectedValue, actual, a.toString());
    }

    static void touch(Mapping m, int kind) {
        m.accessed = true;
        if (kind == WRITE) m.dirty = true;
    }

    record Fault(long address, int errorCode) {
    }

    /** The fault the access to the page holding {@code va} must raise, or null if it is allowed. */
    static Object expectedFault(long va, int kind, Map<Integer, Mapping> mapped) {
        if (!PageTables.canonical(va)) return "GP";
        int access = PageFault.U | (kind == WRITE ? PageFault.W : 0) | (kind == FETCH ? PageFault.I : 0);
        Mapping m = pageAt(va, mapped);
        if (m == null) return new Fault(va, access);
        boolean denied = (m.flags & Pte.US) == 0
                || (kind == WRITE && (m.flags & Pte.RW) == 0)
                || (kind == FETCH && (m.flags & Pte.NX) != 0);
        return denied ? new Fault(va, access | PageFault.P) : null;
    }

    static Mapping pageAt(long va, Map<Integer, Mapping> mapped) {
        for (int page = 0; page < PAGES.length; page++) {
            if (PAGES[page] == (va & ~0xFFFL)) return mapped.get(page);
        }
        return null;
    }

    static long perform(Mmu mmu, long va, Access a) {
        if (a.kind() == FETCH) return mmu.fetch8(va) & 0xFFL;
        if (a.kind() == READ) {
            return switch (a.size()) {
                case 1 -> mmu.read8(va) & 0xFFL;
                case 2 -> mmu.read16(va) & 0xFFFFL;
                case 4 -> mmu.read32(va) & 0xFFFF_FFFFL;
                case 8 -> mmu.read64(va);
                default -> fail("size " + a.size());
            };
        }
        switch (a.size()) {
            case 1 -> mmu.write8(va, (byte) a.value());
            case 2 -> mmu.write16(va, (short) a.value());
            case 4 -> mmu.write32(va, (int) a.value());
            case 8 -> mmu.write64(va, a.value());
            default -> fail("size " + a.size());
        }
        return 0;
    }

    @Provide
    Arbitrary<List<Op>> programs() {
        Arbitrary<Integer> page = Arbitraries.integers().between(0, PAGES.length - 1);
        Arbitrary<Long> flags = Arbitraries.of(FLAG_CHOICES[0], FLAG_CHOICES[1], FLAG_CHOICES[2], FLAG_CHOICES[3],
                FLAG_CHOICES[4], FLAG_CHOICES[5], FLAG_CHOICES[6]);
        Arbitrary<Integer> offset = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 4095)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(4088, 4095)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0, 8, 16)));
        Arbitrary<Op> map = Combinators.combine(page, Arbitraries.integers().between(0, FRAMES - 1), flags)
                .as(MapPage::new);
        Arbitrary<Op> unmap = page.map(UnmapPage::new);
        Arbitrary<Op> protect = Combinators.combine(page, flags).as(ProtectPage::new);
        Arbitrary<Op> readOrWrite = Combinators.combine(page, offset, Arbitraries.of(READ, WRITE),
                        Arbitraries.of(1, 2, 4, 8), Arbitraries.longs())
                .as(Access::new);
        Arbitrary<Op> fetch = Combinators.combine(page, offset).as((p, o) -> new Access(p, o, FETCH, 1, 0));
        Arbitrary<Op> reload = Arbitraries.just(new ReloadCr3());
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, map), net.jqwik.api.Tuple.of(1, unmap), net.jqwik.api.Tuple.of(2, protect),
                net.jqwik.api.Tuple.of(8, readOrWrite), net.jqwik.api.Tuple.of(2, fetch),
                net.jqwik.api.Tuple.of(1, reload));
        return op.list().ofMinSize(1).ofMaxSize(80);
    }
}
