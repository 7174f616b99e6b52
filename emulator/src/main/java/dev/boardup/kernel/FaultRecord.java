package dev.boardup.kernel;

/**
 * One page fault and what the kernel did about it: the faulting process, RIP at the fault, the address (CR2), the
 * architectural error code ({@link dev.boardup.memory.PageFault}'s P, W, U, RSVD and I bits) and the resolution.
 */
public record FaultRecord(int pid, long rip, long address, int errorCode, Resolution resolution) {
    /** How a fault ended: a page mapped (and from where), or the process signalled or killed. */
    public enum Resolution { ZERO_FILL, ZERO_PAGE, FILE_PAGE, COW_COPY, COW_REUSE, STACK_GROWTH,
                             SIGNAL_HANDLER, SIGSEGV, SIGBUS, OOM_KILL }
}
