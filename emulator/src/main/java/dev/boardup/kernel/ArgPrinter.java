package dev.boardup.kernel;

/** How strace shows one system call's arguments, formatted after the call (so out-buffers show their contents). */
@FunctionalInterface
public interface ArgPrinter {
    String print(long[] args, long result);
}
