package dev.boardup.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

/** The x86-64 {@code struct stat} (144 bytes): what fstat and newfstatat copy out. */
public record Stat(long dev, long ino, long nlink, int mode, int uid, int gid, long rdev, long size, long blksize,
                   long blocks, long atimeNanos, long mtimeNanos, long ctimeNanos) {
    public static final int SIZE = 144;
    public static final int S_IFMT = 0170000, S_IFSOCK = 0140000, S_IFLNK = 0120000, S_IFREG = 0100000;
    public static final int S_IFBLK = 060000, S_IFDIR = 040000, S_IFCHR = 020000, S_IFIFO = 010000;

    /** The host file's status, as Linux would report it (same device and inode numbers). */
    public static Stat of(Path path, boolean followLinks) throws IOException {
        LinkOption[] opts = followLinks ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        Map<String, Object> a = Files.readAttributes(path, "unix:*", opts);
        long size = ((Number) a.get("size")).longValue();
        return new Stat(((Number) a.get("dev")).longValue(), ((Number) a.get("ino")).longValue(),
                ((Number) a.get("nlink")).longValue(), (Integer) a.get("mode"), (Integer) a.get("uid"),
                (Integer) a.get("gid"), ((Number) a.get("rdev")).longValue(), size, 4096, (size + 511) / 512,
                nanos(a.get("lastAccessTime")), nanos(a.get("lastModifiedTime")), nanos(a.get("ctime")));
    }

    /** A character device like /dev/null: major/minor as Linux numbers them. */
    public static Stat charDevice(int major, int minor) {
        return new Stat(5, 4 + minor, 1, S_IFCHR | 0666, 0, 0, makedev(major, minor), 0, 4096, 0, 0, 0, 0);
    }

    /** An anonymous pipe end, for a standard stream the host gave us as a Java stream. */
    public static Stat pipe(long ino) {
        return new Stat(14, ino, 1, S_IFIFO | 0600, Identity.UID, Identity.GID, 0, 0, 4096, 0, 0, 0, 0);
    }

    public static long makedev(long major, long minor) {
        return ((major & 0xfff) << 8) | ((major & ~0xfffL) << 32) | (minor & 0xff) | ((minor & ~0xffL) << 12);
    }

    public boolean isDirectory() {
        return (mode & S_IFMT) == S_IFDIR;
    }

    public boolean isRegular() {
        return (mode & S_IFMT) == S_IFREG;
    }

    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, dev).putLong(8, ino).putLong(16, nlink).putInt(24, mode).putInt(28, uid).putInt(32, gid);
        b.putLong(40, rdev).putLong(48, size).putLong(56, blksize).putLong(64, blocks);
        putTime(b, 72, atimeNanos);
        putTime(b, 88, mtimeNanos);
        putTime(b, 104, ctimeNanos);
        return b.array();
    }

    private static void putTime(ByteBuffer b, int at, long nanos) {
        b.putLong(at, Math.floorDiv(nanos, 1_000_000_000L)).putLong(at + 8, Math.floorMod(nanos, 1_000_000_000L));
    }

    private static long nanos(Object fileTime) {
        if (fileTime instanceof FileTime t) {
            Instant i = t.toInstant();
            return i.getEpochSecond() * 1_000_000_000L + i.getNano();
        }
        return 0;
    }
}
