package dev.boardup.kernel;

/**
 * Receives what the kernel does, for tracing, statistics and the debugger. All methods default to nothing.
 * Register one with {@code Machine.addObserver} (or {@code Machine.Builder.observer}, to see the first exec too);
 * it hears every process of the machine, forked children included. Calls come on the machine's own thread, after
 * the event: an observer must not change the machine's state.
 */
public interface KernelObserver {
    default void pageFault(FaultRecord fault) {}

    /**
     * A finished system call: its name (strace's, also for a call this kernel does not implement; "syscall_N" for a
     * number Linux does not have), the six argument registers, and the result left in RAX (-errno on failure; for a
     * call that ends the process, what the handler returned). A call that had to wait is reported once, when it
     * finally completes.
     */
    default void syscall(int pid, String name, long[] args, long result) {}

    /** A page-table entry written by the kernel: level 4 = PML4 … 1 = PT, the PTE's physical address. */
    default void pageTableWrite(int pid, int level, long entryAddress, long oldEntry, long newEntry) {}
}
