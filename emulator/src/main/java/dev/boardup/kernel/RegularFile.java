package dev.boardup.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** A regular host file inside the sandbox, read and written through a FileChannel at the file position. */
public final class RegularFile extends OpenFile {
    public static final int SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2;

    private final Path path;
    private final String name;
    private final FileChannel channel;

    /** {@code name} is the path as the guest knows it, for /proc/self/maps. */
    public RegularFile(Path path, String name, FileChannel channel, int flags) {
        super(flags);
        this.path = path;
        this.name = name;
        this.channel = channel;
    }

    public String name() {
        return name;
    }

    public Path path() {
        return path;
    }

    FileChannel channel() {
        return channel;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (!canRead()) {
            throw new SyscallError(Errno.EBADF);
        }
        PageCache.beforeAccess(this);
        int total = 0;
        while (total < len) {
            int n = channel.read(ByteBuffer.wrap(buf, off + total, len - total));
            if (n <= 0) break;
            total += n;
        }
        return total;
    }

    @Override
    public int write(byte[] buf, int off, int len) throws IOException {
        if (!canWrite()) {
            throw new SyscallError(Errno.EBADF);
        }
        PageCache.beforeAccess(this);
        if ((flags & O_APPEND) != 0) {
            channel.position(channel.size());
        }
        long at = channel.position();
        ByteBuffer b = ByteBuffer.wrap(buf, off, len);
        while (b.hasRemaining()) {
            channel.write(b);
        }
        PageCache.afterWrite(this, at, len);
        return len;
    }

    @Override
    public long seek(long offset, int whence) throws IOException {
        long base = switch (whence) {
            case SEEK_SET -> 0;
            case SEEK_CUR -> channel.position();
            case SEEK_END -> channel.size();
            default -> throw new SyscallError(Errno.EINVAL);
        };
        long target = base + offset;
        if (target < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        channel.position(target);
        return target;
    }

    @Override
    public Stat stat() throws IOException {
        return Stat.of(path, true);
    }

    @Override
    public void release() throws IOException {
        channel.close();
    }
}
