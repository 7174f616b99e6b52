package dev.boardup.kernel;

import dev.boardup.memory.PhysicalMemory;

/**
 * Linux's default overcommit policy (vm.overcommit_memory = 0, the heuristic): memory is only reserved by mmap and
 * brk, so a program may ask for more than the machine has in total, but a single request for more than all of
 * guest memory (there is no swap) is refused with ENOMEM. What is touched beyond the limit later ends in an OOM
 * kill.
 */
public final class Overcommit {
    public static final int MODE = 0;
    static final int MAP_NORESERVE = 0x4000;

    private Overcommit() {}

    /** __vm_enough_memory's heuristic: at most as many pages as the machine has. */
    static boolean enoughMemory(PhysicalMemory physical, long bytes) {
        return Long.compareUnsigned(bytes / AddressSpace.PAGE, physical.frameLimit()) <= 0;
    }

    /** Which mappings are charged: private writable ones, unless MAP_NORESERVE (accountable_mapping). */
    static boolean accountable(int prot, int flags) {
        boolean shared = (flags & MemorySyscalls.MAP_TYPE) != MemorySyscalls.MAP_PRIVATE;
        return (prot & Vma.PROT_WRITE) != 0 && !shared && (flags & MAP_NORESERVE) == 0;
    }
}
