package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.memory.Mmu;
import dev.boardup.memory.PageTables;
import dev.boardup.memory.PhysicalMemory;
import dev.boardup.memory.Pte;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random map / unmap / protect / touch sequences over a 16-page window, against a model that is just an array
 * of per-page protections: the VMAs must always describe exactly the model, stay sorted and disjoint, and every
 * present PTE must carry the permissions of the area it lies in; no frame may leak.
 */
class AddressSpacePropertyTest {
    static final long BASE = 0x10_0000L, PAGE = AddressSpace.PAGE;
    static final int PAGES = 16;

    record Op(int kind, int first, int count, int prot) {}

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, PAGES - 1), Arbitraries.integers().between(1, 6),
                Arbitraries.integers().between(0, 7)).as(Op::new);
        return op.list().ofMaxSize(40);
    }

    @Property(tries = 150)
    void vmasFollowTheModel(@ForAll("ops") List<Op> ops) {
        PhysicalMemory phys = new PhysicalMemory(4096);
        PageTables tables = new PageTables(phys);
        Mmu mmu = new Mmu(phys);
        mmu.setCr3(tables.cr3());
        AddressSpace space = new AddressSpace(phys, tables, mmu);
        int baseline = phys.framesInUse();
        Integer[] model = new Integer[PAGES];
        boolean everMapped = false;
        for (Op op : ops) {
            int first = op.first(), last = Math.min(PAGES, op.first() + op.count());
            long start = BASE + first * PAGE, end = BASE + last * PAGE;
            switch (op.kind()) {
                case 0 -> {
                    space.unmap(start, end);
                    space.add(start, end, op.prot(), "", null, 0);
                    for (int i = first; i < last; i++) model[i] = op.prot();
                }
                case 1 -> {
                    space.unmap(start, end);
                    for (int i = first; i < last; i++) model[i] = null;
                }
                case 2 -> {
                    boolean mapped = true;
                    for (int i = first; i < last; i++) mapped &= model[i] != null;
                    assertEquals(mapped, space.protect(start, end, op.prot()));
                    if (mapped) for (int i = first; i < last; i++) model[i] = op.prot();
                }
                default -> {
                    boolean write = (op.prot() & Vma.PROT_WRITE) != 0;
                    for (int i = first; i < last; i++) {
                        long va = BASE + i * PAGE;
                        boolean present = Pte.present(tables.lookup(va));
                        boolean expected = !present && model[i] != null
                                && (write ? (model[i] & Vma.PROT_WRITE) != 0 : model[i] != Vma.PROT_NONE);
                        assertEquals(expected, space.resolveFault(va + 8, write, false, present),
                                "fault on page " + i + " (write " + write + ") in " + space.vmas());
                        everMapped |= expected;
                    }
                }
            }
            check(space, tables, model);
        }
        space.unmap(BASE, BASE + PAGES * PAGE);
        // The PDPT, PD and PT made for the window stay; every page's own frame must have come back.
        assertEquals(baseline + (everMapped ? 3 : 0), phys.framesInUse(), "frames leaked");
    }

    private static void check(AddressSpace space, PageTables tables, Integer[] model) {
        long previousEnd = 0;
        for (Vma v : space.vmas()) {
            assertTrue(v.start >= previousEnd && v.start < v.end, "sorted, disjoint, non-empty: " + space.vmas());
            previousEnd = v.end;
        }
        for (int i = 0; i < PAGES; i++) {
            long va = BASE + i * PAGE;
            Vma v = space.find(va);
            assertEquals(model[i], v == null ? null : v.prot, "page " + i + " in " + space.vmas());
            long pte = tables.lookup(va);
            if (Pte.present(pte)) {
                assertTrue(v != null && v.prot != 0, "a present page outside a readable area");
                assertEquals((v.prot & Vma.PROT_WRITE) != 0, Pte.writable(pte), "RW of page " + i);
                assertEquals((v.prot & Vma.PROT_EXEC) != 0, Pte.executable(pte), "NX of page " + i);
            }
        }
    }
}
