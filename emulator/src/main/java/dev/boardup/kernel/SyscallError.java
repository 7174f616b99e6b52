package dev.boardup.kernel;

/**
 * A system call failing with an errno: handlers throw it from deep inside (a bad guest pointer, a missing file)
 * and the dispatcher turns it into {@code -errno} in RAX. Stackless, since it is ordinary control flow.
 */
public final class SyscallError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public final int errno;

    public SyscallError(int errno) {
        super(Errno.name(errno), null, false, false);
        this.errno = errno;
    }
}
