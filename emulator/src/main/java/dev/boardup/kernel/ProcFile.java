package dev.boardup.kernel;

import java.nio.charset.StandardCharsets;

/**
 * A read-only file of /proc whose text the kernel generates when it is opened (maps, cmdline, status, meminfo, version), read like a
 * regular file from a snapshot; stat reports it as Linux does, an empty regular file.
 */
public final class ProcFile extends OpenFile {
    private final byte[] content;
    private int position;

    public ProcFile(String content, int flags) {
        this(content.getBytes(StandardCharsets.UTF_8), flags);
    }

    public ProcFile(byte[] content, int flags) {
        super(flags);
        this.content = content;
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        int n = Math.max(0, Math.min(len, content.length - position));
        System.arraycopy(content, position, buf, off, n);
        position += n;
        return n;
    }

    @Override
    public int write(byte[] buf, int off, int len) {
        throw new SyscallError(Errno.EBADF);
    }

    @Override
    public long seek(long offset, int whence) {
        long base = switch (whence) {
            case RegularFile.SEEK_SET -> 0;
            case RegularFile.SEEK_CUR -> position;
            default -> throw new SyscallError(Errno.EINVAL);
        };
        if (base + offset < 0) throw new SyscallError(Errno.EINVAL);
        position = (int) Math.min(base + offset, Integer.MAX_VALUE);
        return position;
    }

    @Override
    public Stat stat() {
        return new Stat(23, 4026531841L, 1, Stat.S_IFREG | 0444, Identity.UID, Identity.GID, 0, 0, 1024, 0, 0, 0, 0);
    }
}
