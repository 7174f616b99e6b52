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
    /** The file this area maps, for /proc/self/maps (its offset is the one at {@code start}); null if anonymous. */
    public final FileRef file;

    /** A mapped file's identity and the file offset of an area's first byte. */
    public record FileRef(long dev, long ino, long offset) {
        FileRef advanced(long by) {
            return new FileRef(dev, ino, offset + by);
        }
    }

    Vma(long start, long end, int prot, String name, byte[] backing, long backingOffset, FileRef file) {
        this.start = start;
        this.end = end;
        this.prot = prot;
        this.name = name;
        this.backing = backing;
        this.backingOffset = backingOffset;
        this.file = file;
    }

    Vma(long start, long end, int prot, String name) {
        this(start, end, prot, name, null, 0, null);
    }

    boolean contains(long va) {
        return va >= start && va < end;
    }

    /** The part of this area in [from, to), keeping the file contents aligned with the addresses. */
    Vma slice(long from, long to) {
        return new Vma(from, to, prot, name, backing, backingOffset + (from - start),
                file == null ? null : file.advanced(from - start));
    }

    Vma withProt(int newProt) {
        return new Vma(start, end, newProt, name, backing, backingOffset, file);
    }

    /** The same contents at another address (mremap). */
    Vma movedTo(long newStart) {
        return new Vma(newStart, newStart + (end - start), prot, name, backing, backingOffset, file);
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

    /** This area's line of /proc/self/maps, laid out as Linux's show_map_vma does. */
    public String mapsLine() {
        StringBuilder sb = new StringBuilder(String.format("%08x-%08x %c%c%cp %08x %02x:%02x %d ", start, end,
                (prot & PROT_READ) != 0 ? 'r' : '-', (prot & PROT_WRITE) != 0 ? 'w' : '-',
                (prot & PROT_EXEC) != 0 ? 'x' : '-', file == null ? 0 : file.offset(),
                file == null ? 0 : major(file.dev()), file == null ? 0 : minor(file.dev()),
                file == null ? 0 : file.ino()));
        if (!name.isEmpty()) {
            while (sb.length() < 73) sb.append(' ');
            sb.append(name);
        }
        return sb.append('\n').toString();
    }

    private static long major(long dev) {
        return ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
    }

    private static long minor(long dev) {
        return (dev & 0xff) | ((dev >>> 12) & ~0xffL);
    }

    @Override
    public String toString() {
        return mapsLine().strip();
    }
}
