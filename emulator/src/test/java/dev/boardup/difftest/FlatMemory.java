package dev.boardup.difftest;

import dev.boardup.cpu.GeneralProtection;
import dev.boardup.memory.PageFault;
import dev.boardup.memory.VirtualMemory;

/**
 * The emulated side's memory: the same three pages the native harness maps (code, scratch, control) as plain
 * byte arrays, everything else not present. Like the MMU it raises #PF with CR2 at the first byte that is not
 * mapped, checks every page of a straddling access before writing any byte, and raises #GP for a
 * non-canonical address.
 */
final class FlatMemory implements VirtualMemory {
    final byte[] code = new byte[Layout.PAGE];
    final byte[] data = new byte[Layout.PAGE];
    final byte[] control = new byte[Layout.PAGE];

    private byte[] page(long va) {
        long base = va & ~(Layout.PAGE - 1L);
        if (base == Layout.CODE_PAGE) {
            return code;
        }
        if (base == Layout.MEM_PAGE) {
            return data;
        }
        if (base == Layout.CTL_PAGE) {
            return control;
        }
        return null;
    }

    private void check(long va, int size, boolean write, boolean fetch) {
        if (((va << 16) >> 16) != va || (((va + size - 1) << 16) >> 16) != va + size - 1) {
            throw new GeneralProtection("non-canonical address 0x" + Long.toHexString(va));
        }
        for (long a = va; a < va + size; a = (a | (Layout.PAGE - 1)) + 1) {
            if (page(a) == null) {
                int error = PageFault.U | (write ? PageFault.W : 0) | (fetch ? PageFault.I : 0);
                throw new PageFault(a, error);
            }
        }
    }

    private long read(long va, int size) {
        check(va, size, false, false);
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            long a = va + i;
            v = (v << 8) | (page(a)[(int) (a & (Layout.PAGE - 1))] & 0xFF);
        }
        return v;
    }

    private void write(long va, int size, long value) {
        check(va, size, true, false);
        for (int i = 0; i < size; i++) {
            long a = va + i;
            page(a)[(int) (a & (Layout.PAGE - 1))] = (byte) (value >>> (8 * i));
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
        check(va, 1, false, true);
        return page(va)[(int) (va & (Layout.PAGE - 1))];
    }

    /** Scratch bytes outside the compared area start zero; this says whether they still are. */
    boolean outsideScratchWritten() {
        for (int i = 0; i < Layout.PAGE - Layout.MEM_SIZE; i++) {
            if (data[i] != 0) {
                return true;
            }
        }
        return false;
    }
}
