package dev.boardup.trace;

import dev.boardup.kernel.KernelObserver;
import dev.boardup.memory.Pte;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * --trace-mmu: one line per page-table entry the kernel writes, with the virtual address it concerns, e.g.
 * <pre>[pid 1000] PT[1] va 0x401000 @0x9008: 0 -> 0x8000000000006005 frame 0x6000 P US NX (new)</pre>
 * The virtual address is worked out from the tables seen so far: a PML4 is a table first written at level 4, and
 * each entry that points to a new table tells which part of the address space that table covers.
 */
public final class MmuTracer implements KernelObserver {
    private static final String[] LEVEL = {"", "PT", "PD", "PDPT", "PML4"};
    /** Flags worth naming, in the order shown. */
    private static final long[] FLAG_BITS = {Pte.P, Pte.RW, Pte.US, Pte.PWT, Pte.PCD, Pte.A, Pte.D, Pte.PS, Pte.G,
        Pte.COW, Pte.NX};
    private static final String[] FLAG_NAMES = {"P", "RW", "US", "PWT", "PCD", "A", "D", "PS", "G", "COW", "NX"};

    /** A page table's level and the first virtual address it translates. */
    private record Table(int level, long base) {}

    private final PrintStream out;
    private final Map<Long, Table> tables = new HashMap<>();

    public MmuTracer(PrintStream out) {
        this.out = out;
    }

    @Override
    public void pageTableWrite(int pid, int level, long entryAddress, long oldEntry, long newEntry) {
        long table = entryAddress & ~0xFFFL;
        int index = (int) (entryAddress & 0xFFF) / 8;
        Table t = tables.get(table);
        if (level == 4 && (t == null || t.level() != 4)) {
            t = new Table(4, 0);
            tables.put(table, t);
        }
        Long va = t != null && t.level() == level ? virtual(t, index) : null;
        if (level > 1 && va != null && Pte.present(newEntry)) {
            tables.put(Pte.addr(newEntry), new Table(level - 1, va));
        }
        out.println(line(pid, level, index, entryAddress, va, oldEntry, newEntry));
    }

    /** The first virtual address entry {@code index} of {@code t} covers, sign-extended past bit 47. */
    private static long virtual(Table t, int index) {
        long va = t.base() | ((long) index << (12 + 9 * (t.level() - 1)));
        return va << 16 >> 16;
    }

    static String line(int pid, int level, int index, long entryAddress, Long va, long oldEntry, long newEntry) {
        StringBuilder sb = new StringBuilder(String.format("[pid %d] %s[%d]", pid, LEVEL[level], index));
        sb.append(va != null ? String.format(" va 0x%x", va) : " va ?");
        sb.append(String.format(" @0x%x: %s -> %s", entryAddress, hex(oldEntry), hex(newEntry)));
        long shown = Pte.present(newEntry) ? newEntry : oldEntry;
        String what = level == 1 ? "frame" : "table";
        if (!Pte.present(newEntry)) {
            sb.append(String.format(" (%s 0x%x unmapped)", what, Pte.addr(oldEntry)));
        } else {
            sb.append(String.format(" %s 0x%x %s", what, Pte.addr(shown), flags(newEntry)));
            sb.append(Pte.present(oldEntry) ? " (" + changes(oldEntry, newEntry) + ")" : " (new)");
        }
        return sb.toString();
    }

    private static String hex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }

    /** The named flags of an entry, space separated. */
    static String flags(long e) {
        StringJoiner j = new StringJoiner(" ");
        for (int i = 0; i < FLAG_BITS.length; i++) {
            if ((e & FLAG_BITS[i]) != 0) j.add(FLAG_NAMES[i]);
        }
        return j.toString();
    }

    /** What a rewrite of a present entry changed: "-RW +COW", or "frame 0x5000 -> 0x9000". */
    static String changes(long old, long e) {
        StringJoiner j = new StringJoiner(" ");
        if (Pte.addr(old) != Pte.addr(e)) j.add(String.format("frame 0x%x -> 0x%x", Pte.addr(old), Pte.addr(e)));
        for (int i = 0; i < FLAG_BITS.length; i++) {
            if ((old & FLAG_BITS[i]) != 0 && (e & FLAG_BITS[i]) == 0) j.add("-" + FLAG_NAMES[i]);
        }
        for (int i = 0; i < FLAG_BITS.length; i++) {
            if ((old & FLAG_BITS[i]) == 0 && (e & FLAG_BITS[i]) != 0) j.add("+" + FLAG_NAMES[i]);
        }
        return j.toString();
    }
}
