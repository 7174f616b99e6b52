package dev.boardup.memory;

/**
 * The bits of an x86-64 page table entry (the same layout at every level: PML4E, PDPTE, PDE, PTE) and helpers to
 * take one apart.
 */
public final class Pte {
    private Pte() {
    }

    public static final long P = 1L;          // present
    public static final long RW = 1L << 1;    // writable
    public static final long US = 1L << 2;    // user accessible
    public static final long PWT = 1L << 3;   // write-through
    public static final long PCD = 1L << 4;   // cache disable
    public static final long A = 1L << 5;     // accessed, set by the page walk
    public static final long D = 1L << 6;     // dirty, set in the leaf by a write
    public static final long PS = 1L << 7;    // page size: a 2 MiB / 1 GiB leaf in a PD / PDPT
    public static final long G = 1L << 8;     // global
    /** Bits 9..11 are ignored by the hardware and free for the kernel; it marks copy-on-write pages with this one. */
    public static final long COW = 1L << 9;
    public static final long AVL1 = 1L << 10;
    public static final long AVL2 = 1L << 11;
    public static final long NX = 1L << 63;   // no execute (EFER.NXE is on)

    /** The physical address field of an entry: bits 51..12. */
    public static final long ADDR_MASK = 0x000F_FFFF_FFFF_F000L;
    /** Every bit that is not the address. */
    public static final long FLAGS_MASK = ~ADDR_MASK;

    /** An entry mapping {@code pa} (page aligned) with {@code flags}. */
    public static long make(long pa, long flags) {
        return (pa & ADDR_MASK) | (flags & FLAGS_MASK);
    }

    public static boolean present(long pte) {
        return (pte & P) != 0;
    }

    public static long addr(long pte) {
        return pte & ADDR_MASK;
    }

    public static long flags(long pte) {
        return pte & FLAGS_MASK;
    }

    public static boolean writable(long pte) {
        return (pte & RW) != 0;
    }

    public static boolean user(long pte) {
        return (pte & US) != 0;
    }

    public static boolean executable(long pte) {
        return (pte & NX) == 0;
    }

    /** A readable rendering for debugging: "0x1234000 P RW US A D NX". */
    public static String toString(long pte) {
        StringBuilder sb = new StringBuilder(String.format("0x%x", addr(pte)));
        flag(sb, pte, P, "P");
        flag(sb, pte, RW, "RW");
        flag(sb, pte, US, "US");
        flag(sb, pte, PWT, "PWT");
        flag(sb, pte, PCD, "PCD");
        flag(sb, pte, A, "A");
        flag(sb, pte, D, "D");
        flag(sb, pte, PS, "PS");
        flag(sb, pte, G, "G");
        flag(sb, pte, COW, "COW");
        flag(sb, pte, AVL1, "AVL1");
        flag(sb, pte, AVL2, "AVL2");
        flag(sb, pte, NX, "NX");
        long other = pte & FLAGS_MASK & ~(P | RW | US | PWT | PCD | A | D | PS | G | COW | AVL1 | AVL2 | NX);
        if (other != 0) sb.append(String.format(" other=0x%x", other));
        return sb.toString();
    }

    private static void flag(StringBuilder sb, long pte, long bit, String name) {
        if ((pte & bit) != 0) sb.append(' ').append(name);
    }
}
