package dev.boardup.kernel;

import java.io.IOException;
import java.nio.file.Path;

/** An open directory: it can be stat'ed and used as a dirfd, but read(2) on it is EISDIR as on Linux. */
public final class DirectoryFile extends OpenFile {
    private final Path path;
    private final String guestPath;

    public DirectoryFile(Path path, String guestPath, int flags) {
        super(flags);
        this.path = path;
        this.guestPath = guestPath;
    }

    public String guestPath() {
        return guestPath;
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        throw new SyscallError(Errno.EISDIR);
    }

    @Override
    public int write(byte[] buf, int off, int len) {
        throw new SyscallError(Errno.EBADF);
    }

    @Override
    public long seek(long offset, int whence) {
        return 0;
    }

    @Override
    public Stat stat() throws IOException {
        return Stat.of(path, true);
    }
}
