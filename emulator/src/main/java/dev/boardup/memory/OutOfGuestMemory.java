package dev.boardup.memory;

/**
 * The guest's physical memory is exhausted: every frame up to the configured limit is in use. The kernel turns it
 * into ENOMEM or kills the process; it is never a JVM OutOfMemoryError.
 */
public final class OutOfGuestMemory extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OutOfGuestMemory(String message) {
        super(message, null, false, false);
    }
}
