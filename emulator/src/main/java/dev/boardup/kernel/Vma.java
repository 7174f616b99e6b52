package dev.boardup.kernel;

import dev.boardup.memory.PhysicalMemory;

/**
 * A virtual memory area: a page-aligned range [start, end) with one protection, as in Linux's vm_area_struct.
 * Pages inside it are mapped lazily, on the first fault, from one of: nothing (zeroed anonymous memory),
 * {@code backing} (a private copy of bytes, the ELF loader's), or {@code cache} (a file's page cache or a shmem
 * object, whose frames a shared area maps directly and a private area copies on write).
 */
public final class Vma {
    public static final int PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;
    /**
     * Area flags: Linux's VM_SHARED, VM_LOCKED, VM_GROWSDOWN, VM_DONTCOPY (MADV_DONTFORK), VM_WIPEONFORK, and
     * NO_WRITE for a shared file area whose descriptor was read-only (no VM_MAYWRITE: mprotect may never make it
     * writable).
     */
    public static final int SHARED = 1, LOCKED = 2, GROWSDOWN = 4, NO_WRITE = 8, DONTFORK = 16, WIPEONFORK = 32;

    public final long start;
    public final long end;
    public final int prot;
    public final String name;
    /** Initial contents for [start, start + backing.length); pages past it start zeroed. May be null. */
    final byte[] backing;
    final long backingOffset;
    /** The file this area maps, for /proc/self/maps (its offset is the one at {@code start}); null if anonymous. */
    public final FileRef file;
    public final int flags;
    /** The pages behind the area, or null; {@code cacheOffset} is the byte offset in it of {@code start}. */
    final PageCache cache;
    final long cacheOffset;

    /** A mapped file's identity and the file offset of an area's first byte. */
    public record FileRef(long dev, long ino, long offset) {
        FileRef advanced(long by) {
            return new FileRef(dev, ino, offset + by);
        }
    }

    Vma(long start, long end, int prot, String name, byte[] backing, long backingOffset, FileRef file) {
        this(start, end, prot, name, backing, backingOffset, file, 0, null, 0);
    }

    Vma(long start, long end, int prot, String name, FileRef file, int flags, PageCache cache, long cacheOffset) {
        this(start, end, prot, name, null, 0, file, flags, cache, cacheOffset);
    }

    private Vma(long start, long end, int prot, String name, byte[] backing, long backingOffset, FileRef file,
                int flags, PageCache cache, long cacheOffset) {
        this.start = start;
        this.end = end;
        this.prot = prot;
        this.name = name;
        this.backing = backing;
        this.backingOffset = backingOffset;
        this.file = file;
        this.flags = flags;
        this.cache = cache;
        this.cacheOffset = cacheOffset;
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
                file == null ? null : file.advanced(from - start), flags, cache, cacheOffset + (from - start));
    }

    Vma withProt(int newProt) {
        return new Vma(start, end, newProt, name, backing, backingOffset, file, flags, cache, cacheOffset);
    }

    Vma withFlags(int newFlags) {
        return new Vma(start, end, prot, name, backing, backingOffset, file, newFlags, cache, cacheOffset);
    }

    /** The same contents at another address (mremap). */
    Vma movedTo(long newStart) {
        return new Vma(newStart, newStart + (end - start), prot, name, backing, backingOffset, file, flags, cache,
                cacheOffset);
    }

    /** A stack that grew down to {@code newStart}: the same area, begun lower. */
    Vma grownTo(long newStart) {
        return new Vma(newStart, end, prot, name, backing, backingOffset, file, flags, cache, cacheOffset);
    }

    public boolean shared() {
        return (flags & SHARED) != 0;
    }

    public boolean locked() {
        return (flags & LOCKED) != 0;
    }

    /** Linux's vma_is_anonymous: no file behind it (private /dev/zero, the heap and the bss included). */
    boolean anonymous() {
        return cache == null && backing == null;
    }

    boolean growsDown() {
        return (flags & GROWSDOWN) != 0;
    }

    /** The page of {@link #cache} that {@code pageVa} shows. */
    long cacheIndex(long pageVa) {
        return (cacheOffset + (pageVa - start)) / PhysicalMemory.PAGE_SIZE;
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
        StringBuilder sb = new StringBuilder(String.format("%08x-%08x %c%c%c%c %08x %02x:%02x %d ", start, end,
                (prot & PROT_READ) != 0 ? 'r' : '-', (prot & PROT_WRITE) != 0 ? 'w' : '-',
                (prot & PROT_EXEC) != 0 ? 'x' : '-', shared() ? 's' : 'p', file == null ? 0 : file.offset(),
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
