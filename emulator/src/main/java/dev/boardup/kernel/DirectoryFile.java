package dev.boardup.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An open directory: it can be stat'ed, used as a dirfd and listed with getdents64; read(2) on it is EISDIR as
 * on Linux. The listing is taken when first read ("." and ".." first, then the host's readdir order) and the
 * file position counts entries, so lseek(fd, 0, SEEK_SET) rewinds it.
 */
public final class DirectoryFile extends OpenFile {
    public static final int DT_UNKNOWN = 0, DT_FIFO = 1, DT_CHR = 2, DT_DIR = 4, DT_BLK = 6, DT_REG = 8;
    public static final int DT_LNK = 10, DT_SOCK = 12;

    private final Path path;
    private final String guestPath;
    private List<Entry> entries;
    private int position;

    /** One linux_dirent64 record's contents. */
    record Entry(long ino, int type, String name) {
        int recordLength() {
            int raw = 19 + name.getBytes(StandardCharsets.UTF_8).length + 1;
            return (raw + 7) & ~7;
        }
    }

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
        if (whence != RegularFile.SEEK_SET && whence != RegularFile.SEEK_CUR) throw new SyscallError(Errno.EINVAL);
        long target = whence == RegularFile.SEEK_SET ? offset : position + offset;
        if (target < 0) throw new SyscallError(Errno.EINVAL);
        position = (int) Math.min(target, Integer.MAX_VALUE);
        return position;
    }

    @Override
    public Stat stat() throws IOException {
        return Stat.of(path, true);
    }

    /** getdents64: as many records as fit in {@code capacity} bytes; none left is 0, none fitting is EINVAL. */
    public byte[] nextRecords(int capacity) throws IOException {
        if (entries == null) {
            entries = list();
        }
        ByteBuffer out = ByteBuffer.allocate(Math.max(0, capacity)).order(ByteOrder.LITTLE_ENDIAN);
        while (position < entries.size()) {
            Entry e = entries.get(position);
            int reclen = e.recordLength();
            if (out.position() + reclen > capacity) {
                if (out.position() == 0) throw new SyscallError(Errno.EINVAL);
                break;
            }
            int at = out.position();
            out.putLong(at, e.ino()).putLong(at + 8, position + 1).putShort(at + 16, (short) reclen);
            out.put(at + 18, (byte) e.type());
            out.put(at + 19, e.name().getBytes(StandardCharsets.UTF_8));
            out.position(at + reclen);
            position++;
        }
        byte[] result = new byte[out.position()];
        out.get(0, result);
        return result;
    }

    private List<Entry> list() throws IOException {
        List<Entry> list = new ArrayList<>();
        list.add(new Entry(Stat.of(path, true).ino(), DT_DIR, "."));
        Path parent = path.getParent() == null ? path : path.getParent();
        list.add(new Entry(Stat.of(guestPath.equals("/") ? path : parent, true).ino(), DT_DIR, ".."));
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(path)) {
            for (Path p : ds) {
                Stat s = Stat.of(p, false);
                list.add(new Entry(s.ino(), type(s.mode()), p.getFileName().toString()));
            }
        }
        return list;
    }

    private static int type(int mode) {
        return switch (mode & Stat.S_IFMT) {
            case Stat.S_IFREG -> DT_REG;
            case Stat.S_IFDIR -> DT_DIR;
            case Stat.S_IFLNK -> DT_LNK;
            case Stat.S_IFCHR -> DT_CHR;
            case Stat.S_IFBLK -> DT_BLK;
            case Stat.S_IFIFO -> DT_FIFO;
            case Stat.S_IFSOCK -> DT_SOCK;
            default -> DT_UNKNOWN;
        };
    }
}
