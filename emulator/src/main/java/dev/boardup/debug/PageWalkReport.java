package dev.boardup.debug;

import dev.boardup.memory.PageTables;
import dev.boardup.memory.PhysicalMemory;
import dev.boardup.memory.Pte;

/**
 * The page walk for one virtual address told step by step, as the MMU does it: from CR3 through the PML4E, PDPTE,
 * PDE and PTE (each with its physical address, value and decoded flags), then the physical address it translates
 * to and what a user-mode access may do there, or the level where the walk stops and the #PF that would raise.
 * It only reads the tables: no accessed bit is set, no TLB entry filled.
 */
final class PageWalkReport {
    private static final String[] ENTRY = {"PTE", "PDE", "PDPTE", "PML4E"};
    private static final String[] TABLE = {"PT", "PD", "PDPT", "PML4"};

    private PageWalkReport() {
    }

    /** The report, one line per level and a last line with the outcome. */
    static String walk(PhysicalMemory memory, long cr3, long va) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("virtual 0x%x, CR3 0x%x%n", va, cr3));
        if (!PageTables.canonical(va)) {
            return out.append("non-canonical address: any access is #GP, there is no walk\n").toString();
        }
        long table = cr3 & Pte.ADDR_MASK;
        long allowed = Pte.RW | Pte.US;
        long nx = 0;
        for (int level = 4; level >= 1; level--) {
            int index = (int) (va >>> (12 + 9 * (level - 1))) & 511;
            long entryPa = table + 8L * index;
            long e = memory.read64(entryPa);
            out.append(String.format("%-5s %s[%3d] at 0x%09x = 0x%016x  %s%n", ENTRY[level - 1], TABLE[level - 1], index,
                    entryPa, e, flags(e)));
            if (!Pte.present(e)) {
                return out.append(String.format("not present at the %s: a #PF (not present) on any access%n",
                        ENTRY[level - 1])).toString();
            }
            if (level > 1 && (e & Pte.PS) != 0) {
                return out.append(String.format("PS set in the %s: a large page, a reserved-bit #PF to this MMU%n",
                        ENTRY[level - 1])).toString();
            }
            allowed &= e;
            nx |= e & Pte.NX;
            table = Pte.addr(e);
        }
        long pa = table | (va & PhysicalMemory.PAGE_MASK);
        return out.append(String.format("physical 0x%x (frame 0x%x + 0x%03x): %s%n", pa, table,
                va & PhysicalMemory.PAGE_MASK, access(allowed, nx))).toString();
    }

    /** What a user-mode access may do with the permissions accumulated over the four levels. */
    private static String access(long allowed, long nx) {
        if ((allowed & Pte.US) == 0) return "supervisor only: a user access is a #PF (protection)";
        return "user " + ((allowed & Pte.RW) != 0 ? "read/write" : "read-only") + (nx != 0 ? ", no execute" : ", execute");
    }

    /** The entry's flags: the physical frame it points to and the bits as the SDM names them. */
    static String flags(long e) {
        if (!Pte.present(e)) return e == 0 ? "(empty)" : "not present";
        return Pte.toString(e).replaceFirst("^0x[0-9a-f]+", "frame 0x" + Long.toHexString(Pte.addr(e)));
    }
}
