package dev.boardup.kernel;

/**
 * A virtual memory area: a page-aligned range [start, end) with one protection, as in Linux's vm_area_struct.
 * Pages inside it are mapped lazily, on the first fault; {@code backing} (if any) is the private copy of a file's
 * bytes that fresh pages are filled from, starting at {@code start}.
 */
public final class Vma {
    public static final int PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;

    public final long start;
    public final long end;
    public final int prot;
    public final String name;
    /** Initial contents for [start, start + backing.length); pages past it start zeroed. May be null. */
    final byte[] backing;
    final long backingOffset;

    Vma(long start, long end, int prot, String name, byte[] backing, long backingOffset) {
        this.start = start;
        this.end = end;
        this.prot = prot;
        this.name = name;
        this.backing = backing;
        this.backingOffset = backingOffset;
    }

    Vma(long start, long end, int prot, String name) {
        this(start, end, prot, name, null, 0);
    }

    boolean contains(long va) {
        return va >= start && va < end;
    }

    /** The part of this area in [from, to), keeping the file contents aligned with the addresses. */
    Vma slice(long from, long to) {
        return new Vma(from, to, prot, name, backing, backingOffset + (from - start));
    }

    Vma withProt(int newProt) {
        return new Vma(start, end, newProt, name, backing, backingOffset);
    }

    Vma withStart(long newStart) {
        return slice(newStart, end);
    }

    Vma withEnd(long newEnd) {
        return slice(start, newEnd);
    }

    /** Whether an access of this kind is allowed (x86 cannot map write- or execute-only, so both imply read). */
    boolean permits(boolean write, boolean fetch) {
        if (write) return (prot & PROT_WRITE) != 0;
        if (fetch) return (prot & PROT_EXEC) != 0;
        return prot != PROT_NONE;
    }

    @Override
    public String toString() {
        return String.format("%012x-%012x %c%c%c %s", start, end, (prot & PROT_READ) != 0 ? 'r' : '-',
                (prot & PROT_WRITE) != 0 ? 'w' : '-', (prot & PROT_EXEC) != 0 ? 'x' : '-', name);
    }
}
