package dev.boardup.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.StringJoiner;

/** File system calls: descriptors, reading and writing, opening in the sandbox, stat, links, ioctl. */
final class FileSyscalls {
    static final int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_EMPTY_PATH = 0x1000;
    static final int TCGETS = 0x5401, TIOCGWINSZ = 0x5413;
    static final int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_DUPFD_CLOEXEC = 1030;
    static final int F_GETPIPE_SZ = 1032, FIONREAD = 0x541B;
    static final int PATH_MAX = 4096;
    /** Linux's MAX_RW_COUNT: one read or write moves at most this much. */
    static final long MAX_RW = 0x7FFF_F000L;
    private static final int CHUNK = 1 << 16;

    private final Kernel k;

    FileSyscalls(Kernel k) {
        this.k = k;
    }

    void register() {
        k.register(0, "read", a -> read((int) a[0], a[1], a[2]),
                (a, r) -> fd(a[0]) + ", " + (r >= 0 ? outBuffer(a[1], r) : Strace.hex(a[1])) + ", " + count(a[2]));
        k.register(1, "write", a -> write((int) a[0], a[1], a[2]),
                (a, r) -> fd(a[0]) + ", " + inBuffer(a[1], a[2]) + ", " + count(a[2]));
        k.register(2, "open", a -> openat(AT_FDCWD, a[0], (int) a[1], (int) a[2]),
                (a, r) -> path(a[0]) + ", " + openArgs(a[1], a[2]));
        k.register(3, "close", a -> close((int) a[0]), (a, r) -> fd(a[0]));
        k.register(4, "stat", a -> fstatat(AT_FDCWD, a[0], a[1], 0),
                (a, r) -> path(a[0]) + ", " + statOut(a[1], r));
        k.register(5, "fstat", a -> fstat((int) a[0], a[1]), (a, r) -> fd(a[0]) + ", " + statOut(a[1], r));
        k.register(6, "lstat", a -> fstatat(AT_FDCWD, a[0], a[1], AT_SYMLINK_NOFOLLOW),
                (a, r) -> path(a[0]) + ", " + statOut(a[1], r));
        k.register(8, "lseek", a -> k.files.get((int) a[0]).seek(a[1], (int) a[2]),
                (a, r) -> fd(a[0]) + ", " + a[1] + ", " + Strace.whence(a[2]));
        k.register(16, "ioctl", a -> ioctl((int) a[0], a[1], a[2]),
                (a, r) -> fd(a[0]) + ", " + ioctlName(a[1]) + ", " + Strace.hex(a[2]));
        k.register(17, "pread64", a -> pread((int) a[0], a[1], a[2], a[3]),
                (a, r) -> fd(a[0]) + ", " + (r >= 0 ? outBuffer(a[1], r) : Strace.hex(a[1])) + ", " + a[2] + ", "
                        + a[3]);
        k.register(18, "pwrite64", a -> pwrite((int) a[0], a[1], a[2], a[3]),
                (a, r) -> fd(a[0]) + ", " + inBuffer(a[1], a[2]) + ", " + a[2] + ", " + a[3]);
        k.register(19, "readv", a -> readv((int) a[0], a[1], (int) a[2]),
                (a, r) -> fd(a[0]) + ", " + Strace.hex(a[1]) + ", " + count(a[2]));
        k.register(20, "writev", a -> writev((int) a[0], a[1], (int) a[2]),
                (a, r) -> fd(a[0]) + ", " + showIovecs(a[1], (int) a[2]) + ", " + count(a[2]));
        k.register(21, "access", a -> faccessat(AT_FDCWD, a[0], (int) a[1]),
                (a, r) -> path(a[0]) + ", " + accessMode(a[1]));
        k.register(22, "pipe", a -> pipe2(a[0], 0), (a, r) -> pipeFds(a[0], r));
        k.register(293, "pipe2", a -> pipe2(a[0], (int) a[1]), (a, r) -> pipeFds(a[0], r) + ", " + pipeFlags(a[1]));
        k.register(86, "link", a -> linkat(AT_FDCWD, a[0], AT_FDCWD, a[1]), (a, r) -> path(a[0]) + ", " + path(a[1]));
        k.register(265, "linkat", a -> linkat((int) a[0], a[1], (int) a[2], a[3]),
                (a, r) -> Strace.dirfd(a[0]) + ", " + path(a[1]) + ", " + Strace.dirfd(a[2]) + ", " + path(a[3])
                        + ", " + a[4]);
        k.register(88, "symlink", a -> symlinkat(a[0], AT_FDCWD, a[1]), (a, r) -> path(a[0]) + ", " + path(a[1]));
        k.register(266, "symlinkat", a -> symlinkat(a[0], (int) a[1], a[2]),
                (a, r) -> path(a[0]) + ", " + Strace.dirfd(a[1]) + ", " + path(a[2]));
        k.register(32, "dup", a -> k.files.install(k.files.get((int) a[0])), (a, r) -> fd(a[0]));
        k.register(33, "dup2", a -> dup2((int) a[0], (int) a[1]), (a, r) -> fd(a[0]) + ", " + fd(a[1]));
        k.register(72, "fcntl", a -> fcntl((int) a[0], (int) a[1], a[2]),
                (a, r) -> fd(a[0]) + ", " + fcntlName(a[1]) + (a[1] == F_GETFD || a[1] == F_GETFL ? "" : ", " + a[2]),
                FileSyscalls::fcntlResult);
        k.register(79, "getcwd", a -> getcwd(a[0], a[1]),
                (a, r) -> (r > 0 ? quotedString(a[0]) : Strace.hex(a[0])) + ", " + a[1]);
        k.register(80, "chdir", a -> chdir(a[0]), (a, r) -> path(a[0]));
        k.register(83, "mkdir", a -> mkdirat(AT_FDCWD, a[0], (int) a[1]),
                (a, r) -> path(a[0]) + ", " + Strace.octal(a[1]));
        k.register(87, "unlink", a -> unlinkat(AT_FDCWD, a[0], 0), (a, r) -> path(a[0]));
        k.register(84, "rmdir", a -> unlinkat(AT_FDCWD, a[0], AT_REMOVEDIR), (a, r) -> path(a[0]));
        k.register(82, "rename", a -> renameat(AT_FDCWD, a[0], AT_FDCWD, a[1], 0),
                (a, r) -> path(a[0]) + ", " + path(a[1]));
        k.register(264, "renameat", a -> renameat((int) a[0], a[1], (int) a[2], a[3], 0),
                (a, r) -> Strace.dirfd(a[0]) + ", " + path(a[1]) + ", " + Strace.dirfd(a[2]) + ", " + path(a[3]));
        k.register(316, "renameat2", a -> renameat((int) a[0], a[1], (int) a[2], a[3], (int) a[4]),
                (a, r) -> Strace.dirfd(a[0]) + ", " + path(a[1]) + ", " + Strace.dirfd(a[2]) + ", " + path(a[3])
                        + ", " + (a[4] == 1 ? "RENAME_NOREPLACE" : Long.toString(a[4])));
        k.register(76, "truncate", a -> truncate(a[0], a[1]), (a, r) -> path(a[0]) + ", " + count(a[1]));
        k.register(77, "ftruncate", a -> ftruncate((int) a[0], a[1]), (a, r) -> fd(a[0]) + ", " + count(a[1]));
        k.register(74, "fsync", a -> sync((int) a[0]), (a, r) -> fd(a[0]));
        k.register(75, "fdatasync", a -> sync((int) a[0]), (a, r) -> fd(a[0]));
        k.register(90, "chmod", a -> fchmodat(AT_FDCWD, a[0], (int) a[1]),
                (a, r) -> path(a[0]) + ", " + Strace.octal(a[1]));
        k.register(91, "fchmod", a -> fchmod((int) a[0], (int) a[1]), (a, r) -> fd(a[0]) + ", " + Strace.octal(a[1]));
        k.register(268, "fchmodat", a -> fchmodat((int) a[0], a[1], (int) a[2]),
                (a, r) -> Strace.dirfd(a[0]) + ", " + path(a[1]) + ", " + Strace.octal(a[2]));
        k.register(81, "fchdir", a -> fchdir((int) a[0]), (a, r) -> fd(a[0]));
        k.register(95, "umask", a -> umask((int) a[0]), (a, r) -> Strace.octal(a[0] & 0777),
                (a, r) -> Strace.octal(r));
        k.register(89, "readlink", a -> readlinkat(AT_FDCWD, a[0], a[1], a[2]),
                (a, r) -> path(a[0]) + ", " + (r >= 0 ? outBuffer(a[1], r) : Strace.hex(a[1])) + ", " + a[2]);
        k.register(217, "getdents64", a -> getdents64((int) a[0], a[1], a[2]),
                (a, r) -> fd(a[0]) + ", " + Strace.hex(a[1]) + ", " + count(a[2]));
        k.register(257, "openat", a -> openat((int) a[0], a[1], (int) a[2], (int) a[3]),
                (a, r) -> Strace.dirfd(a[0]) + ", " + path(a[1]) + ", " + openArgs(a[2], a[3]));
        k.register(258, "mkdirat", a -> mkdirat((int) a[0], a[1], (int) a[2]),
                (a, r) -> Strace.dirfd(a[0]) + ", " + path(a[1]) + ", " + Strace.octal(a[2]));
        k.register(262, "newfstatat", a -> fstatat((int) a[0], a[1], a[2], (int) a[3]),
                (a, r) -> Strace.dirfd(a[0]) + ", " + path(a[1]) + ", " + statOut(a[2], r) + ", " + atFlags(a[3]));
        k.register(263, "unlinkat", a -> unlinkat((int) a[0], a[1], (int) a[2]),
                (a, r) -> Strace.dirfd(a[0]) + ", " + path(a[1]) + ", "
                        + (a[2] == AT_REMOVEDIR ? "AT_REMOVEDIR" : a[2]));
        k.register(267, "readlinkat", a -> readlinkat((int) a[0], a[1], a[2], a[3]),
                (a, r) -> Strace.dirfd(a[0]) + ", " + path(a[1]) + ", "
                        + (r >= 0 ? outBuffer(a[2], r) : Strace.hex(a[2])) + ", " + a[3]);
        k.register(269, "faccessat", a -> faccessat((int) a[0], a[1], (int) a[2]),
                (a, r) -> Strace.dirfd(a[0]) + ", " + path(a[1]) + ", " + accessMode(a[2]));
        k.register(292, "dup3", a -> dup3((int) a[0], (int) a[1], (int) a[2]),
                (a, r) -> fd(a[0]) + ", " + fd(a[1]) + ", " + (a[2] == OpenFile.O_CLOEXEC ? "O_CLOEXEC" : a[2]));
        k.register(439, "faccessat2", a -> faccessat((int) a[0], a[1], (int) a[2]),
                (a, r) -> Strace.dirfd(a[0]) + ", " + path(a[1]) + ", " + accessMode(a[2]) + ", " + atFlags(a[3]));
    }

    // ---- reading and writing ----

    private long read(int fd, long buf, long count) throws IOException {
        OpenFile f = k.files.get(fd);
        if (!f.canRead()) throw new SyscallError(Errno.EBADF);
        if (count < 0) throw new SyscallError(Errno.EINVAL);
        count = Math.min(count, MAX_RW);
        long done = 0;
        byte[] chunk = new byte[(int) Math.min(count, CHUNK)];
        while (done < count) {
            int n = f.read(chunk, 0, (int) Math.min(chunk.length, count - done));
            if (n <= 0) break;
            try {
                k.user.write(buf + done, chunk, 0, n);
            } catch (SyscallError e) {
                // Like copy_to_user failing: the bytes not delivered stay unread; what was delivered counts.
                if (f instanceof RegularFile) f.seek(-n, RegularFile.SEEK_CUR);
                if (done == 0) throw e;
                break;
            }
            done += n;
            if (!(f instanceof RegularFile) && !(f instanceof DeviceFile)) break;
        }
        return done;
    }

    private long write(int fd, long buf, long count) throws IOException {
        OpenFile f = k.files.get(fd);
        if (!f.canWrite()) throw new SyscallError(Errno.EBADF);
        if (count < 0) throw new SyscallError(Errno.EINVAL);
        count = Math.min(count, MAX_RW);
        if (f instanceof Pipe.End end) return pipeWrite(end, (at, n) -> k.user.read(buf + at, n), count);
        long done = 0;
        while (done < count) {
            int n = (int) Math.min(CHUNK, count - done);
            byte[] bytes;
            try {
                bytes = k.user.read(buf + done, n);
            } catch (SyscallError e) {
                // The chunk reaches a bad page. A regular file takes what precedes it (generic_perform_write
                // keeps a short copy); a pipe or terminal drops the whole short buffer, as pipe_write does.
                bytes = f instanceof RegularFile ? readablePrefix(buf + done, n) : new byte[0];
                if (bytes.length == 0) {
                    if (done == 0) throw e;
                    break;
                }
            }
            int written = f.write(bytes, 0, bytes.length);
            done += written;
            if (written < bytes.length || bytes.length < n) break;
        }
        return done;
    }

    /**
     * pipe_write: all {@code total} bytes go in, the writer waiting for room as often as needed (the kernel retries
     * the call, which carries on where it stopped); O_NONBLOCK takes what fits, EAGAIN if nothing does. Bytes
     * already written make a bad buffer, a vanished reader or a signal end the call with a short count.
     */
    private long pipeWrite(Pipe.End end, Pipe.Source src, long total) throws IOException {
        if (total == 0) return 0;
        long done = k.transferred;
        try {
            done += end.pipe().write(src, total, done, !k.retrying(), end.packet());
        } catch (StreamFile.BrokenPipe | SyscallError e) {
            if (done == 0) throw e;
            if (e instanceof StreamFile.BrokenPipe) k.brokenPipe();
            return done;
        }
        if (done == total) return done;
        if (end.nonblocking()) {
            if (done == 0) throw new SyscallError(Errno.EAGAIN);
            return done;
        }
        k.transferred = done;
        throw new Kernel.WouldBlock("write to a full pipe that nobody else reads");
    }

    /** The longest readable start of [va, va+n), page by page. */
    private byte[] readablePrefix(long va, int n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (out.size() < n) {
            long at = va + out.size();
            int chunk = (int) Math.min(n - out.size(), AddressSpace.PAGE - (at & (AddressSpace.PAGE - 1)));
            try {
                out.writeBytes(k.user.read(va + out.size(), chunk));
            } catch (SyscallError e) {
                break;
            }
        }
        return out.toByteArray();
    }

    private long pread(int fd, long buf, long count, long offset) throws IOException {
        return atOffset(fd, offset, false, () -> read(fd, buf, count));
    }

    private long pwrite(int fd, long buf, long count, long offset) throws IOException {
        return atOffset(fd, offset, true, () -> write(fd, buf, count));
    }

    private interface FileIo {
        long run() throws IOException;
    }

    /** pread/pwrite: the transfer happens at {@code offset} and the file's own offset is left where it was. */
    private long atOffset(int fd, long offset, boolean writing, FileIo io) throws IOException {
        OpenFile f = k.files.get(fd);
        if (!(f instanceof RegularFile)) {
            throw new SyscallError((writing ? f.canWrite() : f.canRead()) ? Errno.ESPIPE : Errno.EBADF);
        }
        if (offset < 0) throw new SyscallError(Errno.EINVAL);
        long saved = f.seek(0, RegularFile.SEEK_CUR);
        try {
            f.seek(offset, RegularFile.SEEK_SET);
            return io.run();
        } finally {
            f.seek(saved, RegularFile.SEEK_SET);
        }
    }

    private long[][] iovecs(long iov, int count) {
        if (count < 0 || count > 1024) throw new SyscallError(Errno.EINVAL);
        long[][] v = new long[count][2];
        for (int i = 0; i < count; i++) {
            v[i][0] = k.user.read64(iov + 16L * i);
            v[i][1] = k.user.read64(iov + 16L * i + 8);
            if (v[i][1] < 0) throw new SyscallError(Errno.EINVAL);
        }
        return v;
    }

    private long writev(int fd, long iov, int count) throws IOException {
        OpenFile f = k.files.get(fd);
        if (!f.canWrite()) throw new SyscallError(Errno.EBADF);
        if (f instanceof Pipe.End end) return pipeWritev(end, iovecs(iov, count));
        long total = 0;
        for (long[] v : iovecs(iov, count)) {
            total += write(fd, v[0], v[1]);
        }
        return total;
    }

    /** writev to a pipe is one write of all the vectors' bytes, atomic up to PIPE_BUF as a single write is. */
    private long pipeWritev(Pipe.End end, long[][] vecs) throws IOException {
        long total = 0;
        for (long[] v : vecs) total = Math.min(MAX_RW, total + v[1]);
        return pipeWrite(end, (at, n) -> gather(vecs, at, n), total);
    }

    /** {@code n} bytes from offset {@code at} of the concatenated vectors. */
    private byte[] gather(long[][] vecs, long at, int n) {
        byte[] out = new byte[n];
        int got = 0;
        long base = 0, pos = at;
        for (long[] v : vecs) {
            if (got == n) break;
            long end = base + v[1];
            if (pos < end) {
                int chunk = (int) Math.min(n - got, end - pos);
                k.user.read(v[0] + (pos - base), out, got, chunk);
                got += chunk;
                pos += chunk;
            }
            base = end;
        }
        return out;
    }

    private long readv(int fd, long iov, int count) throws IOException {
        OpenFile f = k.files.get(fd);
        if (!f.canRead()) throw new SyscallError(Errno.EBADF);
        long total = 0;
        for (long[] v : iovecs(iov, count)) {
            long n = read(fd, v[0], v[1]);
            total += n;
            if (n < v[1]) break;
        }
        return total;
    }

    private long getdents64(int fd, long dirp, long count) throws IOException {
        OpenFile f = k.files.get(fd);
        if (!(f instanceof DirectoryFile d)) throw new SyscallError(Errno.ENOTDIR);
        k.user.check(dirp, Math.min(count, 1 << 20), true);
        byte[] records = d.nextRecords((int) Math.min(count, 1 << 20));
        k.user.write(dirp, records);
        return records.length;
    }

    // ---- descriptors ----

    private long close(int fd) throws IOException {
        k.files.close(fd);
        return 0;
    }

    private long dup2(int oldFd, int newFd) throws IOException {
        OpenFile f = k.files.get(oldFd);
        if (newFd < 0 || newFd >= FileTable.MAX_FDS) throw new SyscallError(Errno.EBADF);
        if (oldFd != newFd) k.files.installAt(f, newFd);
        return newFd;
    }

    private long dup3(int oldFd, int newFd, int flags) throws IOException {
        if (oldFd == newFd || (flags & ~OpenFile.O_CLOEXEC) != 0) throw new SyscallError(Errno.EINVAL);
        return dup2(oldFd, newFd);
    }

    private long fcntl(int fd, int cmd, long arg) {
        OpenFile f = k.files.get(fd);
        return switch (cmd) {
            case F_DUPFD, F_DUPFD_CLOEXEC -> {
                if (arg < 0 || arg >= FileTable.MAX_FDS) throw new SyscallError(Errno.EINVAL);
                int dup = k.files.install(f, (int) arg);
                if (cmd == F_DUPFD_CLOEXEC) k.files.setCloexec(dup, true);
                yield dup;
            }
            case F_GETFD -> k.files.cloexec(fd) ? 1 : 0;
            case F_SETFD -> {
                k.files.setCloexec(fd, (arg & 1) != 0);
                yield 0;
            }
            case F_GETFL -> f.flags() & ~OpenFile.O_CLOEXEC;
            case F_SETFL -> {
                int settable = OpenFile.O_APPEND | OpenFile.O_NONBLOCK | OpenFile.O_NOATIME | OpenFile.O_DIRECT;
                f.flags = (f.flags & ~settable) | ((int) arg & settable);
                yield 0;
            }
            case F_GETPIPE_SZ -> {
                if (!(f instanceof Pipe.End)) throw new SyscallError(Errno.EBADF);
                yield Pipe.CAPACITY;
            }
            default -> throw new SyscallError(Errno.EINVAL);
        };
    }

    private long ioctl(int fd, long request, long arg) {
        OpenFile f = k.files.get(fd);
        if (f instanceof Pipe.End end && request == FIONREAD) {
            k.user.write32(arg, end.pipe().available());
            return 0;
        }
        if (!f.isTerminal()) throw new SyscallError(Errno.ENOTTY);
        switch ((int) request) {
            case TCGETS -> {
                ByteBuffer t = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
                t.putInt(0, 0x500).putInt(4, 0x5).putInt(8, 0xBF).putInt(12, 0x8A3B);
                byte[] cc = {3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0, 0, 0};
                t.put(17, cc);
                k.user.write(arg, t.array());
                return 0;
            }
            case TIOCGWINSZ -> {
                ByteBuffer w = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                w.putShort(0, (short) 24).putShort(2, (short) 80);
                k.user.write(arg, w.array());
                return 0;
            }
            default -> throw new SyscallError(Errno.ENOTTY);
        }
    }

    // ---- paths ----

    /** The guest path {@code pathVa} names relative to {@code dirfd}, in canonical absolute form. */
    private String guestPath(int dirfd, long pathVa, boolean allowEmpty) {
        String p = k.user.readCString(pathVa, PATH_MAX);
        if (p.isEmpty() && !allowEmpty) throw new SyscallError(Errno.ENOENT);
        if (p.startsWith("/") || dirfd == AT_FDCWD) return k.sandbox.normalise(p);
        OpenFile dir = k.files.get(dirfd);
        if (!(dir instanceof DirectoryFile d)) throw new SyscallError(Errno.ENOTDIR);
        return k.sandbox.normalise(d.guestPath() + "/" + p);
    }

    /** openat; O_CLOEXEC marks the new descriptor close-on-exec. */
    private long openat(int dirfd, long pathVa, int flags, int mode) throws IOException {
        long fd = openFile(dirfd, pathVa, flags, mode);
        if ((flags & OpenFile.O_CLOEXEC) != 0) k.files.setCloexec((int) fd, true);
        return fd;
    }

    private long openFile(int dirfd, long pathVa, int flags, int mode) throws IOException {
        String guest = guestPath(dirfd, pathVa, false);
        DeviceFile.Kind device = DeviceFile.byPath(guest);
        if (device != null) {
            return k.files.install(new DeviceFile(device, flags | OpenFile.O_LARGEFILE, k.config.layout()));
        }
        int fdAlias = fdAlias(guest);
        if (fdAlias >= 0) {
            // Reopening one of our own descriptors: for pipes and terminals Linux gives the same file again.
            if (!k.files.isOpen(fdAlias)) throw new SyscallError(Errno.ENOENT);
            return k.files.install(k.files.get(fdAlias));
        }
        String generated = ProcStatus.generate(k, guest);
        if (generated != null) {
            if ((flags & OpenFile.O_ACCMODE) != OpenFile.O_RDONLY) throw new SyscallError(Errno.EACCES);
            return k.files.install(new ProcFile(generated, flags | OpenFile.O_LARGEFILE));
        }
        if (guest.startsWith("/proc/self/") || guest.startsWith("/proc/" + k.pid + "/")) {
            return openProc(guest.substring(guest.indexOf('/', 6) + 1), flags);
        }
        Path host = k.sandbox.resolve(guest);
        int acc = flags & OpenFile.O_ACCMODE;
        boolean create = (flags & OpenFile.O_CREAT) != 0;
        if ((flags & OpenFile.O_NOFOLLOW) != 0 && Files.isSymbolicLink(host)) throw new SyscallError(Errno.ELOOP);
        boolean exists = Files.exists(host);
        if (exists && create && (flags & OpenFile.O_EXCL) != 0) throw new SyscallError(Errno.EEXIST);
        if (exists && Files.isDirectory(host)) {
            if (acc != OpenFile.O_RDONLY || create) throw new SyscallError(Errno.EISDIR);
            return k.files.install(new DirectoryFile(host, guest, flags | OpenFile.O_LARGEFILE));
        }
        if ((flags & OpenFile.O_DIRECTORY) != 0) throw new SyscallError(exists ? Errno.ENOTDIR : Errno.ENOENT);
        if (!exists) {
            if (!create) throw new SyscallError(Errno.ENOENT);
            if (!Files.isDirectory(host.getParent())) throw new SyscallError(Errno.ENOENT);
        }
        Set<OpenOption> options = new HashSet<>();
        if (acc != OpenFile.O_WRONLY) options.add(StandardOpenOption.READ);
        if (acc != OpenFile.O_RDONLY) options.add(StandardOpenOption.WRITE);
        if (exists) {
            if (acc != OpenFile.O_WRONLY && !Files.isReadable(host)) throw new SyscallError(Errno.EACCES);
            if (acc != OpenFile.O_RDONLY && !Files.isWritable(host)) throw new SyscallError(Errno.EACCES);
        }
        try {
            if (!exists) {
                Files.createFile(host);
                setMode(host, mode & ~k.umask & 07777);
            }
            FileChannel ch = FileChannel.open(host, options);
            if ((flags & OpenFile.O_TRUNC) != 0) {
                if (acc != OpenFile.O_RDONLY) {
                    ch.truncate(0);
                } else if (exists) {
                    // Linux truncates even through a read-only open, if the caller could write the file.
                    if (!Files.isWritable(host)) throw new SyscallError(Errno.EACCES);
                    try (FileChannel w = FileChannel.open(host, StandardOpenOption.WRITE)) {
                        w.truncate(0);
                    }
                }
                if (exists) PageCache.afterTruncate(host, 0);
            }
            return k.files.install(new RegularFile(host, guest, ch, flags | OpenFile.O_LARGEFILE));
        } catch (AccessDeniedException e) {
            throw new SyscallError(Errno.EACCES);
        } catch (NoSuchFileException e) {
            throw new SyscallError(Errno.ENOENT);
        } catch (FileAlreadyExistsException e) {
            throw new SyscallError(Errno.EEXIST);
        }
    }

    /** The descriptor a path like /dev/stdout, /dev/fd/3 or /proc/self/fd/3 names, or -1. */
    private int fdAlias(String guest) {
        switch (guest) {
            case "/dev/stdin": return 0;
            case "/dev/stdout": return 1;
            case "/dev/stderr": return 2;
            default: break;
        }
        for (String prefix : new String[] {"/dev/fd/", "/proc/self/fd/", "/proc/" + k.pid + "/fd/"}) {
            if (guest.startsWith(prefix) && guest.length() > prefix.length()
                    && guest.substring(prefix.length()).chars().allMatch(Character::isDigit)
                    && guest.length() - prefix.length() < 6) {
                return Integer.parseInt(guest.substring(prefix.length()));
            }
        }
        return -1;
    }

    /** The few /proc/self files programs read: exe, maps, cmdline. Others do not exist here. */
    private long openProc(String name, int flags) throws IOException {
        if (name.equals("exe")) {
            return openProgram(flags);
        }
        String content = switch (name) {
            case "maps" -> k.space.maps();
            case "cmdline" -> String.join("\0", k.argv()) + "\0";
            default -> throw new SyscallError(Errno.ENOENT);
        };
        if ((flags & OpenFile.O_ACCMODE) != OpenFile.O_RDONLY) throw new SyscallError(Errno.EACCES);
        return k.files.install(new ProcFile(content, flags | OpenFile.O_LARGEFILE));
    }

    /** /proc/self/exe: the running program's file, which may lie outside the sandbox, read-only. */
    private long openProgram(int flags) throws IOException {
        if ((flags & OpenFile.O_ACCMODE) != OpenFile.O_RDONLY) throw new SyscallError(Errno.ETXTBSY);
        Path program = k.config.program();
        FileChannel ch = FileChannel.open(program, StandardOpenOption.READ);
        return k.files.install(new RegularFile(program, program.toAbsolutePath().normalize().toString(), ch,
                flags | OpenFile.O_LARGEFILE));
    }

    private static void setMode(Path host, int mode) throws IOException {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, high bit first
        for (int i = 0; i < 9; i++) {
            if ((mode & (0400 >> i)) != 0) perms.add(order[i]);
        }
        Files.setPosixFilePermissions(host, perms);
    }

    private long fstat(int fd, long statbuf) throws IOException {
        Stat s = k.files.get(fd).stat();
        k.user.write(statbuf, s.toBytes());
        return 0;
    }

    private long fstatat(int dirfd, long pathVa, long statbuf, int flags) throws IOException {
        if ((flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | 0x800)) != 0) throw new SyscallError(Errno.EINVAL);
        String raw = k.user.readCString(pathVa, PATH_MAX);
        if (raw.isEmpty() && (flags & AT_EMPTY_PATH) != 0) {
            return dirfd == AT_FDCWD ? statPath(k.sandbox.resolve("."), statbuf, true) : fstat(dirfd, statbuf);
        }
        String guest = guestPath(dirfd, pathVa, false);
        DeviceFile.Kind device = DeviceFile.byPath(guest);
        if (device != null) {
            k.user.write(statbuf, new DeviceFile(device, 0, k.config.layout()).stat().toBytes());
            return 0;
        }
        return statPath(k.sandbox.resolve(guest), statbuf, (flags & AT_SYMLINK_NOFOLLOW) == 0);
    }

    private long statPath(Path host, long statbuf, boolean follow) throws IOException {
        Stat s;
        try {
            s = Stat.of(host, follow);
        } catch (NoSuchFileException e) {
            throw new SyscallError(Errno.ENOENT);
        } catch (AccessDeniedException e) {
            throw new SyscallError(Errno.EACCES);
        }
        k.user.write(statbuf, s.toBytes());
        return 0;
    }

    private long faccessat(int dirfd, long pathVa, int mode) {
        if ((mode & ~7) != 0) throw new SyscallError(Errno.EINVAL);
        String guest = guestPath(dirfd, pathVa, false);
        if (DeviceFile.byPath(guest) != null) return 0;
        Path host = k.sandbox.resolve(guest);
        if (!Files.exists(host)) throw new SyscallError(Errno.ENOENT);
        if ((mode & 4) != 0 && !Files.isReadable(host)) throw new SyscallError(Errno.EACCES);
        if ((mode & 2) != 0 && !Files.isWritable(host)) throw new SyscallError(Errno.EACCES);
        if ((mode & 1) != 0 && !Files.isExecutable(host)) throw new SyscallError(Errno.EACCES);
        return 0;
    }

    private long readlinkat(int dirfd, long pathVa, long buf, long size) throws IOException {
        if (size <= 0) throw new SyscallError(Errno.EINVAL);
        String guest = guestPath(dirfd, pathVa, false);
        String target;
        if (guest.equals("/proc/self/exe")) {
            target = k.config.program().toAbsolutePath().normalize().toString();
        } else {
            Path host = k.sandbox.resolve(guest);
            if (!Files.exists(host, LinkOption.NOFOLLOW_LINKS)) throw new SyscallError(Errno.ENOENT);
            if (!Files.isSymbolicLink(host)) throw new SyscallError(Errno.EINVAL);
            target = Files.readSymbolicLink(host).toString();
        }
        byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(bytes.length, size);
        k.user.write(buf, bytes, 0, n);
        return n;
    }

    private long getcwd(long buf, long size) {
        byte[] cwd = InitialStack.cString(k.sandbox.cwd());
        if (size < cwd.length) throw new SyscallError(Errno.ERANGE);
        k.user.write(buf, cwd);
        return cwd.length;
    }

    private long chdir(long pathVa) {
        String guest = guestPath(AT_FDCWD, pathVa, false);
        Path host = k.sandbox.resolve(guest);
        if (!Files.exists(host)) throw new SyscallError(Errno.ENOENT);
        if (!Files.isDirectory(host)) throw new SyscallError(Errno.ENOTDIR);
        k.sandbox.setCwd(guest);
        return 0;
    }

    private long mkdirat(int dirfd, long pathVa, int mode) throws IOException {
        Path host = k.sandbox.resolve(guestPath(dirfd, pathVa, false));
        try {
            Files.createDirectory(host);
            setMode(host, mode & ~k.umask & 0777);
            return 0;
        } catch (FileAlreadyExistsException e) {
            throw new SyscallError(Errno.EEXIST);
        } catch (NoSuchFileException e) {
            throw new SyscallError(Errno.ENOENT);
        } catch (AccessDeniedException e) {
            throw new SyscallError(Errno.EACCES);
        }
    }

    private long unlinkat(int dirfd, long pathVa, int flags) throws IOException {
        String guest = guestPath(dirfd, pathVa, false);
        refuseProcRemoval(guest, flags);
        Path host = k.sandbox.resolve(guest);
        if (!Files.exists(host, LinkOption.NOFOLLOW_LINKS)) throw new SyscallError(Errno.ENOENT);
        boolean dir = Files.isDirectory(host, LinkOption.NOFOLLOW_LINKS);
        if ((flags & AT_REMOVEDIR) != 0 && !dir) throw new SyscallError(Errno.ENOTDIR);
        if ((flags & AT_REMOVEDIR) == 0 && dir) throw new SyscallError(Errno.EISDIR);
        if (host.equals(k.sandbox.root())) throw new SyscallError(Errno.EBUSY);
        try {
            Files.delete(host);
            return 0;
        } catch (DirectoryNotEmptyException e) {
            throw new SyscallError(Errno.ENOTEMPTY);
        } catch (NotDirectoryException e) {
            throw new SyscallError(Errno.ENOTDIR);
        } catch (AccessDeniedException e) {
            throw new SyscallError(Errno.EACCES);
        }
    }

    /**
     * A file of /proc that the kernel generates cannot be removed, failing as in Linux's procfs: may_delete first
     * wants write permission on the 0555 /proc (so EACCES unless root), then the directory has no unlink (EPERM)
     * and rmdir finds no directory (ENOTDIR).
     */
    private void refuseProcRemoval(String guest, int flags) {
        if (ProcStatus.generate(k, guest) == null) return;
        boolean inProcRoot = guest.lastIndexOf('/') == "/proc".length();
        if (inProcRoot && Identity.UID != 0) throw new SyscallError(Errno.EACCES);
        throw new SyscallError((flags & AT_REMOVEDIR) != 0 ? Errno.ENOTDIR : Errno.EPERM);
    }

    private long pipe2(long fdsVa, int flags) throws IOException {
        if ((flags & ~(OpenFile.O_CLOEXEC | OpenFile.O_NONBLOCK | OpenFile.O_DIRECT)) != 0) {
            throw new SyscallError(Errno.EINVAL);
        }
        Pipe pipe = new Pipe(flags & ~OpenFile.O_CLOEXEC);
        int r = k.files.install(pipe.readEnd);
        int w;
        try {
            w = k.files.install(pipe.writeEnd);
        } catch (SyscallError e) {
            k.files.close(r);
            throw e;
        }
        try {
            k.user.write32(fdsVa, r);
            k.user.write32(fdsVa + 4, w);
        } catch (SyscallError e) {
            k.files.close(r);
            k.files.close(w);
            throw e;
        }
        if ((flags & OpenFile.O_CLOEXEC) != 0) {
            k.files.setCloexec(r, true);
            k.files.setCloexec(w, true);
        }
        return 0;
    }

    private long linkat(int olddirfd, long oldVa, int newdirfd, long newVa) throws IOException {
        Path existing = k.sandbox.resolve(guestPath(olddirfd, oldVa, false));
        Path link = k.sandbox.resolve(guestPath(newdirfd, newVa, false));
        if (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) throw new SyscallError(Errno.ENOENT);
        if (Files.isDirectory(existing, LinkOption.NOFOLLOW_LINKS)) throw new SyscallError(Errno.EPERM);
        if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) throw new SyscallError(Errno.EEXIST);
        if (!Files.isDirectory(link.getParent())) throw new SyscallError(Errno.ENOENT);
        try {
            Files.createLink(link, existing);
            return 0;
        } catch (AccessDeniedException e) {
            throw new SyscallError(Errno.EACCES);
        }
    }

    /** The link is made inside the sandbox with the target text as given; following it is checked when used. */
    private long symlinkat(long targetVa, int newdirfd, long linkVa) throws IOException {
        String target = k.user.readCString(targetVa, PATH_MAX);
        if (target.isEmpty()) throw new SyscallError(Errno.ENOENT);
        Path link = k.sandbox.resolve(guestPath(newdirfd, linkVa, false));
        if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) throw new SyscallError(Errno.EEXIST);
        if (!Files.isDirectory(link.getParent())) throw new SyscallError(Errno.ENOENT);
        try {
            Files.createSymbolicLink(link, Path.of(target));
            return 0;
        } catch (AccessDeniedException e) {
            throw new SyscallError(Errno.EACCES);
        }
    }

    private long renameat(int olddirfd, long oldVa, int newdirfd, long newVa, int flags) throws IOException {
        if ((flags & ~1) != 0) throw new SyscallError(Errno.EINVAL);
        String from = guestPath(olddirfd, oldVa, false), to = guestPath(newdirfd, newVa, false);
        Path src = k.sandbox.resolve(from), dst = k.sandbox.resolve(to);
        if (!Files.exists(src, LinkOption.NOFOLLOW_LINKS)) throw new SyscallError(Errno.ENOENT);
        if (!Files.isDirectory(dst.getParent())) throw new SyscallError(Errno.ENOENT);
        boolean dstExists = Files.exists(dst, LinkOption.NOFOLLOW_LINKS);
        if (dstExists && (flags & 1) != 0) throw new SyscallError(Errno.EEXIST);
        boolean srcDir = Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS);
        if (dstExists && Files.isDirectory(dst, LinkOption.NOFOLLOW_LINKS) != srcDir) {
            throw new SyscallError(srcDir ? Errno.ENOTDIR : Errno.EISDIR);
        }
        if (srcDir && (to + "/").startsWith(from + "/") && !to.equals(from)) throw new SyscallError(Errno.EINVAL);
        try {
            Files.move(src, dst, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return 0;
        } catch (DirectoryNotEmptyException e) {
            throw new SyscallError(Errno.ENOTEMPTY);
        } catch (AccessDeniedException e) {
            throw new SyscallError(Errno.EACCES);
        }
    }

    private long truncate(long pathVa, long length) throws IOException {
        if (length < 0) throw new SyscallError(Errno.EINVAL);
        Path host = k.sandbox.resolve(guestPath(AT_FDCWD, pathVa, false));
        if (!Files.exists(host)) throw new SyscallError(Errno.ENOENT);
        if (Files.isDirectory(host)) throw new SyscallError(Errno.EISDIR);
        if (!Files.isWritable(host)) throw new SyscallError(Errno.EACCES);
        try (FileChannel ch = FileChannel.open(host, StandardOpenOption.WRITE)) {
            resize(ch, length);
        }
        PageCache.afterTruncate(host, length);
        return 0;
    }

    private long ftruncate(int fd, long length) throws IOException {
        OpenFile f = k.files.get(fd);
        if (length < 0) throw new SyscallError(Errno.EINVAL);
        if (!(f instanceof RegularFile rf) || !f.canWrite()) throw new SyscallError(Errno.EINVAL);
        resize(rf.channel(), length);
        PageCache.afterTruncate(rf, length);
        return 0;
    }

    /** Sets the file's size, growing with zeros like ftruncate(2), without moving the file position. */
    private static void resize(FileChannel ch, long length) throws IOException {
        long size = ch.size();
        if (length < size) {
            long pos = ch.position();
            ch.truncate(length);
            ch.position(pos);
        } else if (length > size) {
            ch.write(ByteBuffer.wrap(new byte[1]), length - 1);
        }
    }

    private long sync(int fd) throws IOException {
        OpenFile f = k.files.get(fd);
        if (f instanceof RegularFile rf) rf.channel().force(true);
        return 0;
    }

    private long fchmodat(int dirfd, long pathVa, int mode) throws IOException {
        Path host = k.sandbox.resolve(guestPath(dirfd, pathVa, false));
        if (!Files.exists(host)) throw new SyscallError(Errno.ENOENT);
        setMode(host, mode & 0777);
        return 0;
    }

    private long fchmod(int fd, int mode) throws IOException {
        OpenFile f = k.files.get(fd);
        if (!(f instanceof RegularFile rf)) throw new SyscallError(Errno.EINVAL);
        setMode(rf.path(), mode & 0777);
        return 0;
    }

    private long fchdir(int fd) {
        OpenFile f = k.files.get(fd);
        if (!(f instanceof DirectoryFile d)) throw new SyscallError(Errno.ENOTDIR);
        k.sandbox.setCwd(d.guestPath());
        return 0;
    }

    private long umask(int mask) {
        int old = k.umask;
        k.umask = mask & 0777;
        return old;
    }

    // ---- strace rendering ----

    /** size_t and the like: strace prints them unsigned. */
    private static String count(long n) {
        return Long.toUnsignedString(n);
    }

    /** F_GETFL's result decoded as strace does; other commands' results are plain numbers. */
    private static String fcntlResult(long[] a, long r) {
        if (a[1] == F_GETFD) return r == 1 ? "0x1 (flags FD_CLOEXEC)" : Long.toString(r);
        if (a[1] != F_GETFL) return Long.toString(r);
        return r == 0 ? "0" : Strace.hex(r) + " (flags " + Strace.openFlags(r) + ")";
    }

    private static String fd(long fd) {
        return Integer.toString((int) fd);
    }

    private String inBuffer(long va, long len) {
        if (!k.user.readable(va, Math.min(len, Strace.MAX_STRING))) return Strace.hex(va);
        byte[] shown = k.user.read(va, (int) Math.min(len, Strace.MAX_STRING));
        return Strace.buffer(shown, len);
    }

    private String outBuffer(long va, long len) {
        return inBuffer(va, len);
    }

    private String path(long va) {
        if (!k.user.readable(va, 1)) return Strace.hex(va);
        byte[] s = k.user.readCStringBytes(va, PATH_MAX);
        return s == null ? Strace.hex(va) : Strace.quote(s, s.length, false);
    }

    private String quotedString(long va) {
        return path(va);
    }

    private static String openArgs(long flags, long mode) {
        String f = Strace.openFlags(flags);
        return (flags & OpenFile.O_CREAT) != 0 || (flags & 020200000) == 020200000
                ? f + ", " + Strace.octal(mode & 07777) : f;
    }

    private String statOut(long va, long ret) {
        if (ret < 0 || !k.user.readable(va, Stat.SIZE)) return Strace.hex(va);
        ByteBuffer b = ByteBuffer.wrap(k.user.read(va, Stat.SIZE)).order(ByteOrder.LITTLE_ENDIAN);
        return Strace.stat(new Stat(0, 0, 0, b.getInt(24), 0, 0, b.getLong(40), b.getLong(48), 0, 0, 0, 0, 0));
    }

    private String showIovecs(long iov, int count) {
        if (count < 0 || count > 1024 || !k.user.readable(iov, 16L * count)) return Strace.hex(iov);
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (long[] v : iovecs(iov, count)) {
            j.add("{iov_base=" + inBuffer(v[0], v[1]) + ", iov_len=" + v[1] + "}");
        }
        return j.toString();
    }

    private String pipeFds(long va, long r) {
        if (r != 0 || !k.user.readable(va, 8)) return Strace.hex(va);
        return "[" + k.user.read32(va) + ", " + k.user.read32(va + 4) + "]";
    }

    private static String pipeFlags(long f) {
        return Strace.flags(f, new long[] {OpenFile.O_NONBLOCK, OpenFile.O_DIRECT, OpenFile.O_CLOEXEC},
                new String[] {"O_NONBLOCK", "O_DIRECT", "O_CLOEXEC"}, "0");
    }

    private static String accessMode(long mode) {
        if (mode == 0) return "F_OK";
        if ((mode & 7) == 0) return Strace.hex(mode) + " /* ?_OK */";
        return Strace.flags(mode, new long[] {4, 2, 1}, new String[] {"R_OK", "W_OK", "X_OK"}, "F_OK");
    }

    private static String atFlags(long flags) {
        return Strace.flags(flags, new long[] {AT_SYMLINK_NOFOLLOW, 0x800, AT_EMPTY_PATH},
                new String[] {"AT_SYMLINK_NOFOLLOW", "AT_NO_AUTOMOUNT", "AT_EMPTY_PATH"}, "0");
    }

    private static String ioctlName(long request) {
        return switch ((int) request) {
            case TCGETS -> "TCGETS";
            case TIOCGWINSZ -> "TIOCGWINSZ";
            default -> Strace.hex(request);
        };
    }

    private static String fcntlName(long cmd) {
        return switch ((int) cmd) {
            case F_DUPFD -> "F_DUPFD";
            case F_GETFD -> "F_GETFD";
            case F_SETFD -> "F_SETFD";
            case F_GETFL -> "F_GETFL";
            case F_SETFL -> "F_SETFL";
            case F_DUPFD_CLOEXEC -> "F_DUPFD_CLOEXEC";
            default -> Long.toString(cmd);
        };
    }
}
