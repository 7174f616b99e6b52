package dev.boardup.kernel;

import java.io.IOException;

/** One system call's implementation: given RDI, RSI, RDX, R10, R8, R9 it returns RAX, or throws SyscallError. */
@FunctionalInterface
public interface SyscallHandler {
    long call(long[] args) throws IOException;
}
