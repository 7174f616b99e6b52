package dev.boardup.debug;

import dev.boardup.kernel.Kernel;
import dev.boardup.memory.PhysicalMemory;
import dev.boardup.memory.Pte;

/**
 * A debugger's reads of a process's memory, the way ptrace reads them: through the page tables but not through the
 * process's MMU, so looking leaves its TLB, its accessed bits and its fault counters as they were. A page not yet
 * present (demand paging) is faulted in as Linux's access_process_vm does.
 */
final class GuestMemory {
    private GuestMemory() {
    }

    /** {@code length} bytes at {@code va}; an IllegalArgumentException names the first address that cannot be read. */
    static byte[] read(Kernel k, long va, int length) {
        byte[] out = new byte[length];
        PhysicalMemory physical = k.addressSpace().physical();
        int done = 0;
        while (done < length) {
            long at = va + done;
            int inPage = (int) (at & PhysicalMemory.PAGE_MASK);
            int n = Math.min(length - done, PhysicalMemory.PAGE_SIZE - inPage);
            long pte = k.addressSpace().tables().lookup(at);
            if (Pte.present(pte) && Pte.user(pte)) {
                physical.readBytes(Pte.addr(pte) + inPage, out, done, n);
            } else {
                try {
                    k.user().read(at, out, done, n);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(String.format("Cannot access memory at address 0x%x", at));
                }
            }
            done += n;
        }
        return out;
    }

    /** The little-endian value of {@code size} (1, 2, 4 or 8) bytes at {@code va}. */
    static long readValue(Kernel k, long va, int size) {
        byte[] b = read(k, va, size);
        long v = 0;
        for (int i = size - 1; i >= 0; i--) v = v << 8 | (b[i] & 0xFF);
        return v;
    }
}
