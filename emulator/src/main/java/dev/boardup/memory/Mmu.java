package dev.boardup.memory;

import static dev.boardup.memory.PhysicalMemory.PAGE_MASK;
import static dev.boardup.memory.PhysicalMemory.PAGE_SHIFT;
import static dev.boardup.memory.PhysicalMemory.PAGE_SIZE;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.memory.ByteArraySupport;
import dev.boardup.cpu.GeneralProtection;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * The memory management unit: the CPU's only path to memory. Translates virtual addresses through the 4-level page
 * tables at CR3 in user mode (CPL 3) with EFER.NXE on, caching translations in a direct-mapped TLB.
 *
 * <p>The TLB keeps a separate tag per kind of access: a slot's read tag matches only if the page is user readable,
 * its write tag only if it is writable, already dirty and not a code page, its fetch tag only if it is executable.
 * So the fast path is one compare, and everything else (first write to a clean page, writes to code pages, faults)
 * takes the walk. Like hardware, the TLB is not kept coherent with the tables: the kernel calls {@link #invlpg} or
 * {@link #setCr3} after it changes them.
 *
 * <p>One Mmu is one hardware thread's view of memory; it is not thread-safe.
 */
public final class Mmu implements VirtualMemory {
    public static final int TLB_ENTRIES = 512;
    private static final int TLB_MASK = TLB_ENTRIES - 1;
    /** Never equal to a virtual page number (va >>> 12 has at most 52 bits). */
    private static final long NO_TAG = -1;

    private static final int READ = 0, WRITE = 1, FETCH = 2;

    private static final ByteArraySupport LE = ByteArraySupport.littleEndian();

    private final PhysicalMemory mem;
    private long cr3;

    private final long[] readTag = new long[TLB_ENTRIES];
    private final long[] writeTag = new long[TLB_ENTRIES];
    private final long[] fetchTag = new long[TLB_ENTRIES];
    private final byte[][] frameOf = new byte[TLB_ENTRIES][];
    private long hits;
    private long misses;

    /** Virtual page numbers holding decoded code: writes to them are reported to the listener. */
    private final Set<Long> codePages = new HashSet<>();
    private LongConsumer codeWriteListener = pageVa -> { };

    /** Scratch for the walk: the physical address and value of the entry used at each level (index level - 1). */
    private final long[] entryPa = new long[4];
    private final long[] entry = new long[4];

    public Mmu(PhysicalMemory mem) {
        this.mem = mem;
        flushTlb();
    }

    public PhysicalMemory physical() {
        return mem;
    }

    public long cr3() {
        return cr3;
    }

    /** A MOV to CR3: switches address space and flushes the TLB (global pages are not kept). */
    public void setCr3(long cr3) {
        this.cr3 = cr3;
        flushTlb();
    }

    public void flushTlb() {
        Arrays.fill(readTag, NO_TAG);
        Arrays.fill(writeTag, NO_TAG);
        Arrays.fill(fetchTag, NO_TAG);
        Arrays.fill(frameOf, null);
    }

    /** INVLPG: forgets any cached translation for the page holding {@code va}. */
    public void invlpg(long va) {
        long vpn = va >>> PAGE_SHIFT;
        int i = slot(vpn);
        if (readTag[i] == vpn || writeTag[i] == vpn || fetchTag[i] == vpn) {
            readTag[i] = writeTag[i] = fetchTag[i] = NO_TAG;
            frameOf[i] = null;
        }
    }

    /** A valid TLB slot, for a debugger: the virtual page, the frame it caches and the accesses its tags allow. */
    public record TlbEntry(int slot, long va, byte[] frame, boolean read, boolean write, boolean fetch) {}

    /** The valid TLB entries in slot order; looking changes nothing. */
    public java.util.List<TlbEntry> tlbEntries() {
        java.util.List<TlbEntry> out = new java.util.ArrayList<>();
        for (int i = 0; i < TLB_ENTRIES; i++) {
            long vpn = readTag[i] != NO_TAG ? readTag[i] : writeTag[i] != NO_TAG ? writeTag[i] : fetchTag[i];
            if (vpn == NO_TAG) continue;
            out.add(new TlbEntry(i, vpn << PAGE_SHIFT, frameOf[i], readTag[i] == vpn, writeTag[i] == vpn,
                    fetchTag[i] == vpn));
        }
        return out;
    }

    public long tlbHits() {
        return hits;
    }

    public long tlbMisses() {
        return misses;
    }

    // ---- self-modifying code ----

    /** Marks the page holding {@code va} as holding decoded code: guest writes to it are reported. */
    public void markCodePage(long va) {
        long vpn = va >>> PAGE_SHIFT;
        codePages.add(vpn);
        int i = slot(vpn);
        if (writeTag[i] == vpn) writeTag[i] = NO_TAG;
    }

    public void unmarkCodePage(long va) {
        codePages.remove(va >>> PAGE_SHIFT);
    }

    public void clearCodePages() {
        codePages.clear();
    }

    public boolean isCodePage(long va) {
        return codePages.contains(va >>> PAGE_SHIFT);
    }

    /**
     * Sets who hears of writes to code pages; it gets the page's virtual address, after the write has passed its
     * permission checks and before its bytes are stored.
     */
    public void setCodeWriteListener(LongConsumer listener) {
        this.codeWriteListener = listener == null ? pageVa -> { } : listener;
    }

    // ---- VirtualMemory: the fast paths ----

    @Override
    public byte read8(long va) {
        return readFrame(va)[(int) (va & PAGE_MASK)];
    }

    @Override
    public short read16(long va) {
        int off = (int) (va & PAGE_MASK);
        if (off > PAGE_SIZE - 2) return (short) readStraddling(va, 2);
        return LE.getShort(readFrame(va), off);
    }

    @Override
    public int read32(long va) {
        int off = (int) (va & PAGE_MASK);
        if (off > PAGE_SIZE - 4) return (int) readStraddling(va, 4);
        return LE.getInt(readFrame(va), off);
    }

    @Override
    public long read64(long va) {
        int off = (int) (va & PAGE_MASK);
        if (off > PAGE_SIZE - 8) return readStraddling(va, 8);
        return LE.getLong(readFrame(va), off);
    }

    @Override
    public void write8(long va, byte value) {
        writeFrame(va)[(int) (va & PAGE_MASK)] = value;
    }

    @Override
    public void write16(long va, short value) {
        int off = (int) (va & PAGE_MASK);
        if (off > PAGE_SIZE - 2) {
            writeStraddling(va, 2, value);
        } else {
            LE.putShort(writeFrame(va), off, value);
        }
    }

    @Override
    public void write32(long va, int value) {
        int off = (int) (va & PAGE_MASK);
        if (off > PAGE_SIZE - 4) {
            writeStraddling(va, 4, value);
        } else {
            LE.putInt(writeFrame(va), off, value);
        }
    }

    @Override
    public void write64(long va, long value) {
        int off = (int) (va & PAGE_MASK);
        if (off > PAGE_SIZE - 8) {
            writeStraddling(va, 8, value);
        } else {
            LE.putLong(writeFrame(va), off, value);
        }
    }

    @Override
    public byte fetch8(long va) {
        return fetchFrame(va)[(int) (va & PAGE_MASK)];
    }

    private static int slot(long vpn) {
        return (int) vpn & TLB_MASK;
    }

    private byte[] readFrame(long va) {
        long vpn = va >>> PAGE_SHIFT;
        int i = slot(vpn);
        if (readTag[i] == vpn) {
            hits++;
            return frameOf[i];
        }
        return refill(va, READ);
    }

    private byte[] writeFrame(long va) {
        long vpn = va >>> PAGE_SHIFT;
        int i = slot(vpn);
        if (writeTag[i] == vpn) {
            hits++;
            return frameOf[i];
        }
        return refill(va, WRITE);
    }

    private byte[] fetchFrame(long va) {
        long vpn = va >>> PAGE_SHIFT;
        int i = slot(vpn);
        if (fetchTag[i] == vpn) {
            hits++;
            return frameOf[i];
        }
        return refill(va, FETCH);
    }

    /**
     * Both pages are translated (and so checked) before any byte is read. A fault on the second page reports the
     * first address in it, as CR2 does on hardware.
     */
    @TruffleBoundary(transferToInterpreterOnException = false)
    private long readStraddling(long va, int size) {
        byte[] first = readFrame(va);
        byte[] second = readFrame((va + size - 1) & ~PAGE_MASK);
        long value = 0;
        for (int k = size - 1; k >= 0; k--) {
            long a = va + k;
            byte[] f = samePage(a, va) ? first : second;
            value = (value << 8) | (f[(int) (a & PAGE_MASK)] & 0xFF);
        }
        return value;
    }

    /** Both pages are translated (and so checked) before any byte is written; CR2 as in {@link #readStraddling}. */
    @TruffleBoundary(transferToInterpreterOnException = false)
    private void writeStraddling(long va, int size, long value) {
        byte[] first = writeFrame(va);
        byte[] second = writeFrame((va + size - 1) & ~PAGE_MASK);
        for (int k = 0; k < size; k++) {
            long a = va + k;
            byte[] f = samePage(a, va) ? first : second;
            f[(int) (a & PAGE_MASK)] = (byte) (value >>> (8 * k));
        }
    }

    private static boolean samePage(long a, long b) {
        return ((a ^ b) & ~PAGE_MASK) == 0;
    }

    // ---- the page walk ----

    /** A TLB miss: walks the tables, checks the access, sets A and D, refills the slot. */
    @TruffleBoundary(transferToInterpreterOnException = false)
    private byte[] refill(long va, int access) {
        misses++;
        if (!PageTables.canonical(va)) {
            throw new GeneralProtection(String.format("non-canonical address 0x%x", va));
        }
        long leaf = walk(va, access);
        long vpn = va >>> PAGE_SHIFT;
        boolean code = !codePages.isEmpty() && codePages.contains(vpn);
        int i = slot(vpn);
        byte[] frame = mem.frame(Pte.addr(leaf));
        frameOf[i] = frame;
        readTag[i] = vpn;
        writeTag[i] = (leaf & (Pte.RW | Pte.D)) == (Pte.RW | Pte.D) && !code ? vpn : NO_TAG;
        fetchTag[i] = (leaf & Pte.NX) == 0 ? vpn : NO_TAG;
        if (access == WRITE && code) codeWriteListener.accept(va & ~PAGE_MASK);
        return frame;
    }

    /**
     * Reads the four levels, checking P, then U/S, R/W and NX accumulated over every level; on success sets A in
     * each entry used and D in the leaf for a write. Returns the leaf as the TLB should cache it: its RW and US
     * narrowed and NX widened by the upper levels, A and D as now stored.
     */
    private long walk(long va, int access) {
        long table = cr3 & Pte.ADDR_MASK;
        long allowed = Pte.RW | Pte.US;
        long nx = 0;
        for (int level = 4; level >= 1; level--) {
            long pa = table + 8L * PageTables.index(va, level);
            long e = mem.read64(pa);
            if ((e & Pte.P) == 0) {
                throw new PageFault(va, accessBits(access));
            }
            if (level > 1 && (e & Pte.PS) != 0) {
                // Only 4 KiB pages exist here; a large page is a reserved-bit violation to this MMU.
                throw new PageFault(va, PageFault.P | PageFault.RSVD | accessBits(access));
            }
            allowed &= e;
            nx |= e & Pte.NX;
            entryPa[level - 1] = pa;
            entry[level - 1] = e;
            table = Pte.addr(e);
        }
        boolean denied = (allowed & Pte.US) == 0
                || (access == WRITE && (allowed & Pte.RW) == 0)
                || (access == FETCH && nx != 0);
        if (denied) {
            throw new PageFault(va, PageFault.P | accessBits(access));
        }
        for (int level = 4; level >= 1; level--) {
            long e = entry[level - 1];
            long set = Pte.A | (level == 1 && access == WRITE ? Pte.D : 0);
            if ((e & set) != set) {
                e |= set;
                mem.write64(entryPa[level - 1], e);
                entry[level - 1] = e;
            }
        }
        long leaf = entry[0];
        return (leaf & ~(Pte.RW | Pte.US)) | allowed | nx;
    }

    private static int accessBits(int access) {
        return PageFault.U | (access == WRITE ? PageFault.W : 0) | (access == FETCH ? PageFault.I : 0);
    }

    // ---- kernel access: copy_from_user / copy_to_user ----

    /** Copies guest memory at {@code va} into {@code dst}, with user-mode read checks, page by page. */
    public void readBytes(long va, byte[] dst, int off, int len) {
        while (len > 0) {
            int in = (int) (va & PAGE_MASK);
            int n = Math.min(len, PAGE_SIZE - in);
            System.arraycopy(readFrame(va), in, dst, off, n);
            va += n;
            off += n;
            len -= n;
        }
    }

    /**
     * Copies {@code src} into guest memory at {@code va}, with user-mode write checks, page by page: when a page
     * faults, the pages before it have been written (as Linux's copy_to_user leaves them).
     */
    public void writeBytes(long va, byte[] src, int off, int len) {
        while (len > 0) {
            int in = (int) (va & PAGE_MASK);
            int n = Math.min(len, PAGE_SIZE - in);
            System.arraycopy(src, off, writeFrame(va), in, n);
            va += n;
            off += n;
            len -= n;
        }
    }

    /**
     * The NUL-terminated string at {@code va}, without its NUL, or null when no NUL occurs in the first {@code max}
     * bytes. Reads no page past the one holding the NUL.
     */
    public byte[] readCString(long va, int max) {
        byte[] out = new byte[Math.min(max, 256)];
        int len = 0;
        while (len < max) {
            byte[] frame = readFrame(va);
            int in = (int) (va & PAGE_MASK);
            int n = Math.min(max - len, PAGE_SIZE - in);
            for (int k = 0; k < n; k++) {
                byte b = frame[in + k];
                if (b == 0) return Arrays.copyOf(out, len);
                if (len == out.length) out = Arrays.copyOf(out, (int) Math.min(max, 2L * out.length));
                out[len++] = b;
            }
            va += n;
        }
        return null;
    }
}
