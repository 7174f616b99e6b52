package dev.boardup.kernel;

import java.io.IOException;

/**
 * A pipe: a 64 KiB ring buffer with a read end and a write end, each an open file, shared across fork. A read that
 * would block (empty, a writer still open) or a write that would block (full, a reader still open) throws
 * {@link Deadlock}, and the kernel makes the process wait and retry the call; only when every process waits does
 * the scheduler call it a deadlock. An O_NONBLOCK end gets EAGAIN instead, as on Linux.
 */
public final class Pipe {
    public static final int CAPACITY = 65536;

    private final byte[] ring = new byte[CAPACITY];
    private int head, size;
    private boolean readerOpen = true, writerOpen = true;
    public final End readEnd, writeEnd;

    /** Thrown when the only thread would sleep forever on this pipe. */
    static final class Deadlock extends IOException {
        private static final long serialVersionUID = 1L;

        Deadlock(String what) {
            super(what);
        }
    }

    public Pipe(int flags) {
        readEnd = new End(true, (flags & ~OpenFile.O_ACCMODE) | OpenFile.O_RDONLY);
        writeEnd = new End(false, (flags & ~OpenFile.O_ACCMODE) | OpenFile.O_WRONLY);
    }

    /** One end of the pipe. */
    public final class End extends OpenFile {
        private final boolean reading;

        End(boolean reading, int flags) {
            super(flags);
            this.reading = reading;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (!reading) throw new SyscallError(Errno.EBADF);
            if (len == 0) return 0;
            if (size == 0) {
                if (!writerOpen) return 0;
                if ((flags & O_NONBLOCK) != 0) throw new SyscallError(Errno.EAGAIN);
                throw new Deadlock("read from an empty pipe that nobody else writes");
            }
            int n = Math.min(len, size);
            for (int i = 0; i < n; i++) {
                buf[off + i] = ring[(head + i) % CAPACITY];
            }
            head = (head + n) % CAPACITY;
            size -= n;
            return n;
        }

        @Override
        public int write(byte[] buf, int off, int len) throws IOException {
            if (reading) throw new SyscallError(Errno.EBADF);
            if (!readerOpen) throw new StreamFile.BrokenPipe();
            if (len == 0) return 0;
            int n = Math.min(len, CAPACITY - size);
            if (n == 0 && (flags & O_NONBLOCK) != 0) throw new SyscallError(Errno.EAGAIN);
            if (n == 0) {
                throw new Deadlock("write to a full pipe that nobody else reads");
            }
            for (int i = 0; i < n; i++) {
                ring[(head + size + i) % CAPACITY] = buf[off + i];
            }
            size += n;
            return n;
        }

        @Override
        public Stat stat() {
            return Stat.pipe(System.identityHashCode(Pipe.this) & 0xFFFFFFL);
        }

        @Override
        public void release() {
            if (reading) readerOpen = false;
            else writerOpen = false;
        }
    }
}
