package dev.boardup.cpu.truffle;

import dev.boardup.memory.PageFault;
import dev.boardup.memory.VirtualMemory;
import java.util.Arrays;

/** Test memory: one flat byte[] mapped at {@code base}, readable, writable and executable; #PF outside it. */
final class FlatMemory implements VirtualMemory {
    final long base;
    final byte[] bytes;

    FlatMemory(long base, int size) {
        this.base = base;
        this.bytes = new byte[size];
    }

    FlatMemory copy() {
        FlatMemory m = new FlatMemory(base, bytes.length);
        System.arraycopy(bytes, 0, m.bytes, 0, bytes.length);
        return m;
    }

    boolean sameAs(FlatMemory other) {
        return base == other.base && Arrays.equals(bytes, other.bytes);
    }

    /** The first differing address, for messages; -1 if none. */
    long firstDifference(FlatMemory other) {
        int i = Arrays.mismatch(bytes, other.bytes);
        return i < 0 ? -1 : base + i;
    }

    void load(long va, byte[] data) {
        System.arraycopy(data, 0, bytes, index(va, data.length, 0), data.length);
    }

    private int index(long va, int size, int errorCode) {
        long off = va - base;
        if (off < 0 || off + size > bytes.length) {
            long bad = off < 0 || off >= bytes.length ? va : base + bytes.length;
            throw new PageFault(bad, PageFault.U | errorCode);
        }
        return (int) off;
    }

    private long read(long va, int size) {
        int i = index(va, size, 0);
        long v = 0;
        for (int k = size - 1; k >= 0; k--) {
            v = (v << 8) | (bytes[i + k] & 0xFF);
        }
        return v;
    }

    private void write(long va, int size, long v) {
        int i = index(va, size, PageFault.W);
        for (int k = 0; k < size; k++) {
            bytes[i + k] = (byte) (v >>> (8 * k));
        }
    }

    @Override
    public byte read8(long va) {
        return (byte) read(va, 1);
    }

    @Override
    public short read16(long va) {
        return (short) read(va, 2);
    }

    @Override
    public int read32(long va) {
        return (int) read(va, 4);
    }

    @Override
    public long read64(long va) {
        return read(va, 8);
    }

    @Override
    public void write8(long va, byte value) {
        write(va, 1, value);
    }

    @Override
    public void write16(long va, short value) {
        write(va, 2, value);
    }

    @Override
    public void write32(long va, int value) {
        write(va, 4, value);
    }

    @Override
    public void write64(long va, long value) {
        write(va, 8, value);
    }

    @Override
    public byte fetch8(long va) {
        return bytes[index(va, 1, PageFault.I)];
    }
}
