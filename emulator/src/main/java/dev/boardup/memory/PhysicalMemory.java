package dev.boardup.memory;

import com.oracle.truffle.api.memory.ByteArraySupport;
import java.util.Arrays;

/**
 * Guest physical memory: 4 KiB frames, each a byte[] created when the frame is first allocated, so a large limit
 * costs nothing until the guest uses it. Frames carry reference counts so copy-on-write pages can be shared.
 *
 * <p>Frame 0 is never handed out: physical address 0 means "no frame" to the page tables and the kernel.
 */
public final class PhysicalMemory {
    public static final int PAGE_SIZE = 4096;
    public static final int PAGE_SHIFT = 12;
    public static final long PAGE_MASK = PAGE_SIZE - 1;

    private static final ByteArraySupport LE = ByteArraySupport.littleEndian();

    private final int frameLimit;
    /** Host storage by frame number; null for a frame that is free or was never used. */
    private byte[][] frames = new byte[64][];
    private int[] refCounts = new int[64];
    /** Frame numbers freed and ready for reuse, used before never-touched frames. */
    private int[] freeList = new int[64];
    private int freeCount;
    /** The lowest frame number never handed out yet. */
    private int nextFresh = 1;
    private int inUse;
    private int peakInUse;

    /** Physical memory of at most {@code frameLimit} frames (e.g. 262144 for 1 GiB). */
    public PhysicalMemory(int frameLimit) {
        if (frameLimit < 1) {
            throw new IllegalArgumentException("guest memory needs at least one frame, got " + frameLimit);
        }
        this.frameLimit = frameLimit;
    }

    /** Physical memory of {@code bytes} bytes, rounded down to whole frames. */
    public static PhysicalMemory ofBytes(long bytes) {
        long frames = bytes >>> PAGE_SHIFT;
        if (frames < 1 || frames > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("guest memory size out of range: " + bytes + " bytes");
        }
        return new PhysicalMemory((int) frames);
    }

    // ---- frames ----

    /** A zeroed frame with reference count 1; returns its physical address. */
    public long allocFrame() {
        int n = takeFrameNumber();
        frames[n] = newStorage();
        refCounts[n] = 1;
        inUse++;
        if (inUse > peakInUse) peakInUse = inUse;
        return (long) n << PAGE_SHIFT;
    }

    /** Drops the caller's reference to the frame at {@code pa}; the frame is released when it was the last one. */
    public void freeFrame(long pa) {
        decRef(pa);
    }

    /** Adds a reference (a second page table entry now maps the frame, e.g. a copy-on-write fork). */
    public void incRef(long pa) {
        refCounts[liveFrame(pa)]++;
    }

    /** Drops a reference and releases the frame when none remain; returns the references left. */
    public int decRef(long pa) {
        int n = liveFrame(pa);
        int left = --refCounts[n];
        if (left == 0) release(n);
        return left;
    }

    /** The frame's reference count; 0 for a free frame. */
    public int refCount(long pa) {
        long n = pa >>> PAGE_SHIFT;
        return n > 0 && n < nextFresh ? refCounts[(int) n] : 0;
    }

    /** The host storage of the frame holding {@code pa}: the MMU's fast path indexes it directly. */
    public byte[] frame(long pa) {
        return frames[liveFrame(pa)];
    }

    public int frameLimit() {
        return frameLimit;
    }

    public int framesInUse() {
        return inUse;
    }

    public int peakFramesInUse() {
        return peakInUse;
    }

    private int takeFrameNumber() {
        if (freeCount > 0) return freeList[--freeCount];
        if (nextFresh > frameLimit) {
            throw new OutOfGuestMemory("out of guest memory: all " + frameLimit + " frames ("
                    + ((long) frameLimit * PAGE_SIZE >> 20) + " MiB) are in use");
        }
        int n = nextFresh++;
        if (n >= frames.length) grow(n);
        return n;
    }

    private void grow(int n) {
        int size = (int) Math.min((long) frameLimit + 1, Math.max(2L * frames.length, n + 1L));
        frames = Arrays.copyOf(frames, size);
        refCounts = Arrays.copyOf(refCounts, size);
    }

    private byte[] newStorage() {
        try {
            return new byte[PAGE_SIZE];
        } catch (OutOfMemoryError e) {
            throw new OutOfGuestMemory("out of guest memory: the host JVM has no room for another frame (raise -Xmx"
                    + " or lower the guest memory limit)");
        }
    }

    private void release(int n) {
        frames[n] = null;
        inUse--;
        if (freeCount == freeList.length) freeList = Arrays.copyOf(freeList, 2 * freeCount);
        freeList[freeCount++] = n;
    }

    /** The frame number of {@code pa}, which must be an allocated frame: anything else is a kernel bug. */
    private int liveFrame(long pa) {
        long n = pa >>> PAGE_SHIFT;
        if (n <= 0 || n >= nextFresh || refCounts[(int) n] <= 0) {
            throw new IllegalStateException(String.format("physical address 0x%x is not an allocated frame", pa));
        }
        return (int) n;
    }

    // ---- physical access, for the page walk and the kernel ----

    public byte read8(long pa) {
        return frame(pa)[(int) (pa & PAGE_MASK)];
    }

    public void write8(long pa, byte v) {
        frame(pa)[(int) (pa & PAGE_MASK)] = v;
    }

    /** An 8-byte read; page table entries are always aligned, so it never crosses a frame. */
    public long read64(long pa) {
        checkInFrame(pa, 8);
        return LE.getLong(frame(pa), (int) (pa & PAGE_MASK));
    }

    public void write64(long pa, long v) {
        checkInFrame(pa, 8);
        LE.putLong(frame(pa), (int) (pa & PAGE_MASK), v);
    }

    public int read32(long pa) {
        checkInFrame(pa, 4);
        return LE.getInt(frame(pa), (int) (pa & PAGE_MASK));
    }

    public void write32(long pa, int v) {
        checkInFrame(pa, 4);
        LE.putInt(frame(pa), (int) (pa & PAGE_MASK), v);
    }

    /** Copies {@code len} bytes at {@code pa} into {@code dst}; may span several frames. */
    public void readBytes(long pa, byte[] dst, int off, int len) {
        while (len > 0) {
            int in = (int) (pa & PAGE_MASK);
            int n = Math.min(len, PAGE_SIZE - in);
            System.arraycopy(frame(pa), in, dst, off, n);
            pa += n;
            off += n;
            len -= n;
        }
    }

    /** Copies {@code len} bytes from {@code src} to {@code pa}; may span several frames. */
    public void writeBytes(long pa, byte[] src, int off, int len) {
        while (len > 0) {
            int in = (int) (pa & PAGE_MASK);
            int n = Math.min(len, PAGE_SIZE - in);
            System.arraycopy(src, off, frame(pa), in, n);
            pa += n;
            off += n;
            len -= n;
        }
    }

    /** Zeroes {@code len} bytes at {@code pa}; may span several frames. */
    public void zero(long pa, long len) {
        while (len > 0) {
            int in = (int) (pa & PAGE_MASK);
            int n = (int) Math.min(len, PAGE_SIZE - in);
            Arrays.fill(frame(pa), in, in + n, (byte) 0);
            pa += n;
            len -= n;
        }
    }

    /** Copies a whole frame: the copy in a copy-on-write fault. */
    public void copyFrame(long dstPa, long srcPa) {
        System.arraycopy(frame(srcPa), 0, frame(dstPa), 0, PAGE_SIZE);
    }

    private static void checkInFrame(long pa, int size) {
        if ((pa & PAGE_MASK) > PAGE_SIZE - size) {
            throw new IllegalArgumentException(String.format("%d-byte physical access at 0x%x crosses a frame", size, pa));
        }
    }
}
