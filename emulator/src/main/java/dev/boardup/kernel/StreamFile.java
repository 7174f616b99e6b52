package dev.boardup.kernel;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A standard stream (fd 0, 1 or 2) wired to a host stream. Writes go straight through, unbuffered, so the guest's
 * stdout and stderr interleave as they would on Linux. When the host's own descriptor is known, fstat and isatty
 * describe what it really is (a terminal, a pipe, a file); otherwise it looks like a pipe.
 */
public final class StreamFile extends OpenFile {
    private final InputStream in;
    private final OutputStream out;
    /** The host's file descriptor this stream is, or -1 for a stream the embedding program made up. */
    private final int hostFd;

    public StreamFile(InputStream in, OutputStream out, int hostFd) {
        super(in != null ? O_RDONLY : O_WRONLY);
        this.in = in;
        this.out = out;
        this.hostFd = hostFd;
        if (hostFd >= 0) {
            this.flags = hostFlags(hostFd, flags);
        }
    }

    /** The open flags of the host's own descriptor (from /proc/self/fdinfo), which a native program would see. */
    private static int hostFlags(int fd, int fallback) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd))) {
                if (line.startsWith("flags:")) {
                    return Integer.parseInt(line.substring(6).trim(), 8) & ~O_CLOEXEC;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the descriptor is gone: keep the stream's natural direction
        }
        return fallback;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (in == null) {
            throw new SyscallError(Errno.EBADF);
        }
        if (len == 0) {
            return 0;
        }
        int n = in.read(buf, off, len);
        return Math.max(n, 0);
    }

    @Override
    public int write(byte[] buf, int off, int len) throws IOException {
        if (out == null) {
            throw new SyscallError(Errno.EBADF);
        }
        try {
            out.write(buf, off, len);
            out.flush();
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("Broken pipe")) {
                throw new BrokenPipe();
            }
            throw e;
        }
        return len;
    }

    /**
     * The host's fd 0-2 may be a regular file (a shell redirection); then it has a position, shared with the host
     * descriptor, that lseek moves. Pipes and terminals have none: ESPIPE.
     */
    @Override
    public long seek(long offset, int whence) throws IOException {
        FileChannel channel = in instanceof FileInputStream fin ? fin.getChannel()
                : out instanceof FileOutputStream fout ? fout.getChannel() : null;
        if (hostFd < 0 || channel == null || !stat().isRegular()) {
            throw new SyscallError(Errno.ESPIPE);
        }
        long base = switch (whence) {
            case RegularFile.SEEK_SET -> 0;
            case RegularFile.SEEK_CUR -> channel.position();
            case RegularFile.SEEK_END -> channel.size();
            default -> throw new SyscallError(Errno.EINVAL);
        };
        if (base + offset < 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        channel.position(base + offset);
        return base + offset;
    }

    @Override
    public Stat stat() throws IOException {
        if (hostFd >= 0) {
            try {
                return Stat.of(hostPath(), true);
            } catch (IOException e) {
                // fall through: the host hides it, so say pipe
            }
        }
        return Stat.pipe(hostFd + 100);
    }

    @Override
    public boolean isTerminal() {
        if (hostFd < 0) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(hostPath()).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The reader of this stream has gone away (EPIPE from the host). */
    static final class BrokenPipe extends IOException {
        private static final long serialVersionUID = 1L;

        BrokenPipe() {
            super("Broken pipe", null);
        }
    }

    private Path hostPath() {
        return Path.of("/proc/self/fd/" + hostFd);
    }
}
