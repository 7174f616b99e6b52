package dev.boardup.cpu.exec;

import dev.boardup.memory.PageFault;
import dev.boardup.memory.VirtualMemory;
import java.util.Arrays;

/** Test memory: one flat byte array mapped at {@code base}; anything outside it is a not-present #PF. */
public final class FlatMemory implements VirtualMemory {
    public final long base;
    public final byte[] bytes;
    /** Addresses at or above this fault on write (a read-only tail), for restart tests. */
    public long writeLimit = Long.MAX_VALUE;

    public FlatMemory(long base, int size) {
        this.base = base;
        this.bytes = new byte[size];
    }

    private int index(long va, int n, boolean write, boolean fetch) {
        long off = va - base;
        if (off < 0 || off + n > bytes.length) {
            long bad = off < 0 ? va : Math.max(va, base + bytes.length);
            throw new PageFault(bad, PageFault.U | (write ? PageFault.W : 0) | (fetch ? PageFault.I : 0));
        }
        if (write && va + n > writeLimit) {
            throw new PageFault(Math.max(va, writeLimit), PageFault.U | PageFault.W | PageFault.P);
        }
        return (int) off;
    }

    private long get(long va, int n) {
        int i = index(va, n, false, false);
        long v = 0;
        for (int k = n - 1; k >= 0; k--) {
            v = (v << 8) | (bytes[i + k] & 0xFF);
        }
        return v;
    }

    private void put(long va, int n, long v) {
        int i = index(va, n, true, false);
        for (int k = 0; k < n; k++) {
            bytes[i + k] = (byte) (v >>> (8 * k));
        }
    }

    /** A copy of the bytes (the write limit is not copied), for running the same program on two engines. */
    public FlatMemory copy() {
        FlatMemory m = new FlatMemory(base, bytes.length);
        System.arraycopy(bytes, 0, m.bytes, 0, bytes.length);
        return m;
    }

    public boolean sameAs(FlatMemory other) {
        return base == other.base && Arrays.equals(bytes, other.bytes);
    }

    /** The first differing address, for messages; -1 if none. */
    public long firstDifference(FlatMemory other) {
        int i = Arrays.mismatch(bytes, other.bytes);
        return i < 0 ? -1 : base + i;
    }

    public void load(long va, byte[] data) {
        System.arraycopy(data, 0, bytes, index(va, data.length, false, false), data.length);
    }

    @Override
    public byte read8(long va) {
        return (byte) get(va, 1);
    }

    @Override
    public short read16(long va) {
        return (short) get(va, 2);
    }

    @Override
    public int read32(long va) {
        return (int) get(va, 4);
    }

    @Override
    public long read64(long va) {
        return get(va, 8);
    }

    @Override
    public void write8(long va, byte value) {
        put(va, 1, value);
    }

    @Override
    public void write16(long va, short value) {
        put(va, 2, value);
    }

    @Override
    public void write32(long va, int value) {
        put(va, 4, value);
    }

    @Override
    public void write64(long va, long value) {
        put(va, 8, value);
    }

    @Override
    public byte fetch8(long va) {
        return bytes[index(va, 1, false, true)];
    }
}
