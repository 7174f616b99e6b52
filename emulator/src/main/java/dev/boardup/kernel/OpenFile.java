package dev.boardup.kernel;

import java.io.IOException;

/** An open file description (Linux's struct file): what a file descriptor refers to; dup'ed fds share one. */
public abstract class OpenFile {
    public static final int O_ACCMODE = 3, O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2;
    public static final int O_CREAT = 0100, O_EXCL = 0200, O_NOCTTY = 0400, O_TRUNC = 01000, O_APPEND = 02000;
    public static final int O_NONBLOCK = 04000, O_DSYNC = 010000, O_DIRECT = 040000, O_LARGEFILE = 0100000;
    public static final int O_DIRECTORY = 0200000, O_NOFOLLOW = 0400000, O_NOATIME = 01000000;
    public static final int O_CLOEXEC = 02000000, O_SYNC = 04010000, O_PATH = 010000000;

    protected int flags;
    /** How many descriptors, in every process's table, refer to this description; released at zero. */
    int references;

    protected OpenFile(int flags) {
        this.flags = flags;
    }

    public int flags() {
        return flags;
    }

    public boolean canRead() {
        return (flags & O_ACCMODE) != O_WRONLY && (flags & O_PATH) == 0;
    }

    public boolean canWrite() {
        return (flags & O_ACCMODE) != O_RDONLY && (flags & O_PATH) == 0;
    }

    /** Reads up to {@code len} bytes; 0 at end of file. Errors are {@link SyscallError}s. */
    public abstract int read(byte[] buf, int off, int len) throws IOException;

    public abstract int write(byte[] buf, int off, int len) throws IOException;

    /** lseek; files without a position (pipes, terminals) are ESPIPE. */
    public long seek(long offset, int whence) throws IOException {
        throw new SyscallError(Errno.ESPIPE);
    }

    public abstract Stat stat() throws IOException;

    /** Whether this is a terminal, for TCGETS (isatty). */
    public boolean isTerminal() {
        return false;
    }

    /** Called when the last descriptor referring to it is closed. */
    public void release() throws IOException {}
}
