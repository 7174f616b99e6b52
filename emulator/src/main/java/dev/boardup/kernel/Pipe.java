package dev.boardup.kernel;

import java.io.IOException;
import java.util.ArrayDeque;

/**
 * A pipe as Linux builds one: a ring of 16 page-sized buffers (65536 bytes), a read end and a write end, each an
 * open file shared across fork. A write first merges its sub-page tail into the last buffer when that fits, then
 * fills whole free buffers, so a write of at most PIPE_BUF (a page) lands in one buffer at once: atomic. A read
 * that would block (empty, a writer still open) throws {@link Deadlock}, and the kernel makes the process wait and
 * retry the call; a blocking write that could not finish is continued by the kernel through {@link #write}; an
 * O_NONBLOCK end gets EAGAIN instead, as on Linux. An O_DIRECT pipe is in packet mode: every write is one buffer
 * that a read takes whole.
 */
public final class Pipe {
    public static final int PAGE = 4096, BUFFERS = 16, CAPACITY = PAGE * BUFFERS, PIPE_BUF = PAGE;

    /** One pipe_buffer: a page holding {@code len} bytes from {@code offset}. */
    private static final class Buffer {
        final byte[] page = new byte[PAGE];
        int offset, len;
        final boolean canMerge;

        Buffer(boolean packet) {
            this.canMerge = !packet;
        }
    }

    private final ArrayDeque<Buffer> buffers = new ArrayDeque<>();
    private boolean readerOpen = true, writerOpen = true;
    public final End readEnd, writeEnd;

    /** Thrown when a read finds the pipe empty while a writer is still open: the caller must wait. */
    static final class Deadlock extends IOException {
        private static final long serialVersionUID = 1L;

        Deadlock(String what) {
            super(what);
        }
    }

    /** Where a write's bytes come from: {@code n} bytes at offset {@code at} of the whole write (EFAULT if bad). */
    @FunctionalInterface
    interface Source {
        byte[] read(long at, int n);
    }

    public Pipe(int flags) {
        readEnd = new End(true, (flags & ~OpenFile.O_ACCMODE) | OpenFile.O_RDONLY);
        writeEnd = new End(false, (flags & ~OpenFile.O_ACCMODE) | OpenFile.O_WRONLY);
    }

    /** Bytes waiting to be read (FIONREAD). */
    int available() {
        int n = 0;
        for (Buffer b : buffers) n += b.len;
        return n;
    }

    boolean readerOpen() {
        return readerOpen;
    }

    private boolean full() {
        return buffers.size() >= BUFFERS;
    }

    /**
     * pipe_write without the waiting: puts as much of the {@code total}-byte write from {@code done} on as fits and
     * returns how many bytes went in (maybe 0). {@code start} is true on the call's first attempt, the only time
     * its sub-page tail may merge into the last buffer. No reader: SIGPIPE's {@link StreamFile.BrokenPipe}.
     */
    int write(Source src, long total, long done, boolean start, boolean packet) throws IOException {
        if (!readerOpen) throw new StreamFile.BrokenPipe();
        long put = 0;
        int tail = (int) (total & (PAGE - 1));
        Buffer last = buffers.peekLast();
        if (start && tail != 0 && last != null && last.canMerge && last.offset + last.len + tail <= PAGE) {
            byte[] bytes = src.read(done, tail);
            System.arraycopy(bytes, 0, last.page, last.offset + last.len, tail);
            last.len += tail;
            put += tail;
        }
        while (done + put < total && !full()) {
            int n = (int) Math.min(PAGE, total - done - put);
            byte[] bytes = src.read(done + put, n);
            Buffer b = new Buffer(packet);
            System.arraycopy(bytes, 0, b.page, 0, n);
            b.len = n;
            buffers.addLast(b);
            put += n;
        }
        return (int) put;
    }

    /** pipe_read: up to {@code len} bytes across buffers; 0 at end of file; {@link Deadlock} when it must wait. */
    private int read(byte[] buf, int off, int len, boolean nonblocking) throws IOException {
        if (len == 0) return 0;
        if (buffers.isEmpty()) {
            if (!writerOpen) return 0;
            if (nonblocking) throw new SyscallError(Errno.EAGAIN);
            throw new Deadlock("read from an empty pipe that nobody else writes");
        }
        int got = 0;
        while (got < len && !buffers.isEmpty()) {
            Buffer b = buffers.peekFirst();
            int n = Math.min(len - got, b.len);
            System.arraycopy(b.page, b.offset, buf, off + got, n);
            got += n;
            b.offset += n;
            b.len -= n;
            if (!b.canMerge) b.len = 0; // a packet is read whole or its rest is lost
            if (b.len == 0) buffers.removeFirst();
            if (!b.canMerge) break;
        }
        return got;
    }

    /** One end of the pipe. */
    public final class End extends OpenFile {
        private final boolean reading;

        End(boolean reading, int flags) {
            super(flags);
            this.reading = reading;
        }

        public Pipe pipe() {
            return Pipe.this;
        }

        boolean nonblocking() {
            return (flags & O_NONBLOCK) != 0;
        }

        boolean packet() {
            return (flags & O_DIRECT) != 0;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (!reading) throw new SyscallError(Errno.EBADF);
            return Pipe.this.read(buf, off, len, nonblocking());
        }

        /** A write that never waits: what fits goes in; EAGAIN if nothing does (the kernel's own writes use this). */
        @Override
        public int write(byte[] buf, int off, int len) throws IOException {
            if (reading) throw new SyscallError(Errno.EBADF);
            if (len == 0) return 0;
            int n = Pipe.this.write((at, count) -> java.util.Arrays.copyOfRange(buf, off + (int) at,
                    off + (int) at + count), len, 0, true, packet());
            if (n == 0) throw new SyscallError(Errno.EAGAIN);
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
