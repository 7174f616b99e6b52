package dev.boardup.debug;

import dev.boardup.memory.VirtualMemory;
import java.util.List;

/**
 * The MMU as a debugged program sees it: every data access passes through to the real memory, and the first one
 * that touches a watchpoint is remembered so the stepping loop can stop after the instruction. Instruction fetches
 * are not data accesses and never trigger.
 */
final class WatchingMemory implements VirtualMemory {
    private final VirtualMemory mmu;
    private final List<Watchpoint> watchpoints;
    private Watchpoint hit;

    WatchingMemory(VirtualMemory mmu, List<Watchpoint> watchpoints) {
        this.mmu = mmu;
        this.watchpoints = watchpoints;
    }

    /** The watchpoint the last instruction triggered, if any, and forget it. */
    Watchpoint takeHit() {
        Watchpoint w = hit;
        hit = null;
        return w;
    }

    private void access(long va, int size, boolean write) {
        if (hit != null) {
            return;
        }
        for (Watchpoint w : watchpoints) {
            if (w.kind().triggeredBy(write) && w.overlaps(va, size)) {
                hit = w;
                return;
            }
        }
    }

    @Override
    public byte read8(long va) {
        byte v = mmu.read8(va);
        access(va, 1, false);
        return v;
    }

    @Override
    public short read16(long va) {
        short v = mmu.read16(va);
        access(va, 2, false);
        return v;
    }

    @Override
    public int read32(long va) {
        int v = mmu.read32(va);
        access(va, 4, false);
        return v;
    }

    @Override
    public long read64(long va) {
        long v = mmu.read64(va);
        access(va, 8, false);
        return v;
    }

    @Override
    public void write8(long va, byte value) {
        mmu.write8(va, value);
        access(va, 1, true);
    }

    @Override
    public void write16(long va, short value) {
        mmu.write16(va, value);
        access(va, 2, true);
    }

    @Override
    public void write32(long va, int value) {
        mmu.write32(va, value);
        access(va, 4, true);
    }

    @Override
    public void write64(long va, long value) {
        mmu.write64(va, value);
        access(va, 8, true);
    }

    @Override
    public byte fetch8(long va) {
        return mmu.fetch8(va);
    }
}
