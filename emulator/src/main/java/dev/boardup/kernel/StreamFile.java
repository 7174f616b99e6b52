package dev.boardup.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
            this.flags = O_RDWR; // a terminal is opened read-write; the host's fds 0-2 usually share one
        }
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
        out.write(buf, off, len);
        out.flush();
        return len;
    }

    @Override
    public long seek(long offset, int whence) throws IOException {
        throw new SyscallError(Errno.ESPIPE);
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

    private Path hostPath() {
        return Path.of("/proc/self/fd/" + hostFd);
    }
}
