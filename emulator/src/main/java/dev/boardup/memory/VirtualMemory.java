package dev.boardup.memory;

/**
 * Memory as the CPU sees it: virtual addresses, translated by the page walk (or the TLB that caches it).
 * Every access may throw {@link PageFault}, and {@link dev.boardup.cpu.GeneralProtection} for a non-canonical
 * address. Multi-byte values are little-endian; an access that straddles a page boundary checks both pages before it
 * writes any byte.
 */
public interface VirtualMemory {
    byte read8(long va);

    short read16(long va);

    int read32(long va);

    long read64(long va);

    void write8(long va, byte value);

    void write16(long va, short value);

    void write32(long va, int value);

    void write64(long va, long value);

    /** An instruction fetch: like {@link #read8} but checks NX and reports I in the #PF error code. */
    byte fetch8(long va);
}
