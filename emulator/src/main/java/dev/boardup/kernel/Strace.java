package dev.boardup.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/** strace's notation: how each argument kind is printed, string escaping, flag sets, the aligned "= result". */
public final class Strace {
    public static final int MAX_STRING = 32;
    private static final int RESULT_COLUMN = 39;

    private Strace() {}

    /** The finished line: "name(args)" padded to strace's column, then " = result". */
    public static String line(String call, String result) {
        StringBuilder sb = new StringBuilder(call);
        while (sb.length() < RESULT_COLUMN) sb.append(' ');
        return sb.append(" = ").append(result).toString();
    }

    /** How many leading arguments strace decodes when a call starts (the rest, its results, when it ends). */
    private static int entryCount(String name) {
        return switch (name) {
            case "pause", "vfork" -> 0;
            case "read", "pread64", "readv", "preadv", "wait4", "nanosleep", "rt_sigtimedwait", "accept", "accept4",
                 "recvfrom", "recvmsg", "epoll_wait", "epoll_pwait" -> 1;
            case "clock_nanosleep" -> 3;
            default -> Integer.MAX_VALUE;
        };
    }

    /** What strace prints of a call's arguments when it starts: "3, " of read's "3, buf, 32"; all of write's. */
    public static String entryArgs(String name, String args) {
        List<String> split = splitArgs(args);
        int n = entryCount(name);
        if (n >= split.size()) return String.join(", ", split);
        return n == 0 ? "" : String.join(", ", split.subList(0, n)) + ", ";
    }

    /** The rest, after "<... name resumed>": {@code args} ends with the call's closing parenthesis. */
    public static String exitArgs(String name, String args) {
        String inner = args.endsWith(")") ? args.substring(0, args.length() - 1) : args;
        List<String> split = splitArgs(inner);
        int n = entryCount(name);
        return n >= split.size() ? ")" : String.join(", ", split.subList(n, split.size())) + ")";
    }

    /** Top-level arguments of a printed argument list: commas inside quotes, brackets and braces don't split. */
    static List<String> splitArgs(String args) {
        List<String> out = new ArrayList<>();
        if (args.isEmpty()) return out;
        int depth = 0, from = 0;
        boolean quoted = false;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (quoted) {
                if (c == '\\') i++;
                else if (c == '"') quoted = false;
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0 && i + 1 < args.length() && args.charAt(i + 1) == ' ') {
                out.add(args.substring(from, i));
                from = i + 2;
                i++;
            }
        }
        out.add(args.substring(from));
        return out;
    }

    public static String result(long ret, boolean hex) {
        if (ret < 0 && ret >= -4095) {
            int errno = (int) -ret;
            return "-1 " + Errno.name(errno) + " (" + Errno.message(errno) + ")";
        }
        return hex ? hex(ret) : Long.toString(ret);
    }

    public static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    public static String pointer(long v) {
        return v == 0 ? "NULL" : hex(v);
    }

    /** A quoted C string as strace shows it; {@code truncated} adds the "..." after the quote. */
    public static String quote(byte[] bytes, int len, boolean truncated) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < len; i++) {
            int c = bytes[i] & 0xFF;
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\f' -> sb.append("\\f");
                case 0x0B -> sb.append("\\v");
                default -> {
                    if (c >= 0x20 && c < 0x7F) {
                        sb.append((char) c);
                    } else {
                        boolean digitNext = i + 1 < len && bytes[i + 1] >= '0' && bytes[i + 1] <= '7';
                        sb.append('\\').append(digitNext ? String.format("%03o", c) : Integer.toOctalString(c));
                    }
                }
            }
        }
        sb.append('"');
        if (truncated) sb.append("...");
        return sb.toString();
    }

    /** A buffer of {@code len} bytes shown up to strace's 32-byte limit. */
    public static String buffer(byte[] bytes, long len) {
        int shown = (int) Math.min(len, Math.min(bytes.length, MAX_STRING));
        return quote(bytes, shown, len > MAX_STRING);
    }

    /** A set of flags like "PROT_READ|PROT_WRITE"; leftover bits in hex; {@code zero} when none are set. */
    public static String flags(long value, long[] bits, String[] names, String zero) {
        if (value == 0) return zero;
        StringJoiner j = new StringJoiner("|");
        long rest = value;
        for (int i = 0; i < bits.length; i++) {
            if ((rest & bits[i]) == bits[i] && bits[i] != 0) {
                j.add(names[i]);
                rest &= ~bits[i];
            }
        }
        if (rest != 0) j.add(hex(rest));
        return j.toString();
    }

    public static String openFlags(long f) {
        String[] acc = {"O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"};
        String rest = flags(f & ~3L,
                new long[] {OpenFile.O_CREAT, OpenFile.O_EXCL, OpenFile.O_NOCTTY, OpenFile.O_TRUNC, OpenFile.O_APPEND,
                    OpenFile.O_NONBLOCK, OpenFile.O_SYNC, OpenFile.O_DSYNC, OpenFile.O_DIRECT, OpenFile.O_LARGEFILE,
                    OpenFile.O_DIRECTORY, OpenFile.O_NOFOLLOW, OpenFile.O_NOATIME, OpenFile.O_CLOEXEC,
                    OpenFile.O_PATH},
                new String[] {"O_CREAT", "O_EXCL", "O_NOCTTY", "O_TRUNC", "O_APPEND", "O_NONBLOCK", "O_SYNC",
                    "O_DSYNC", "O_DIRECT", "O_LARGEFILE", "O_DIRECTORY", "O_NOFOLLOW", "O_NOATIME", "O_CLOEXEC",
                    "O_PATH"}, "");
        return rest.isEmpty() ? acc[(int) (f & 3)] : acc[(int) (f & 3)] + "|" + rest;
    }

    public static String prot(long p) {
        return flags(p, new long[] {1, 2, 4}, new String[] {"PROT_READ", "PROT_WRITE", "PROT_EXEC"}, "PROT_NONE");
    }

    public static String mapFlags(long f) {
        String type = switch ((int) (f & 3)) {
            case 1 -> "MAP_SHARED";
            case 2 -> "MAP_PRIVATE";
            case 3 -> "MAP_SHARED_VALIDATE";
            default -> "0";
        };
        String rest = flags(f & ~3L,
                new long[] {0x10, 0x20, 0x100, 0x800, 0x2000, 0x4000, 0x8000, 0x10000, 0x20000, 0x40000, 0x100000},
                new String[] {"MAP_FIXED", "MAP_ANONYMOUS", "MAP_GROWSDOWN", "MAP_DENYWRITE", "MAP_LOCKED",
                    "MAP_NORESERVE", "MAP_POPULATE", "MAP_NONBLOCK", "MAP_STACK", "MAP_HUGETLB",
                    "MAP_FIXED_NOREPLACE"}, "");
        return rest.isEmpty() ? type : type + "|" + rest;
    }

    public static String dirfd(long fd) {
        return (int) fd == -100 ? "AT_FDCWD" : Integer.toString((int) fd);
    }

    public static String octal(long mode) {
        return "0" + Long.toOctalString(mode);
    }

    public static String whence(long w) {
        return switch ((int) w) {
            case 0 -> "SEEK_SET";
            case 1 -> "SEEK_CUR";
            case 2 -> "SEEK_END";
            case 3 -> "SEEK_DATA";
            case 4 -> "SEEK_HOLE";
            default -> hex(w) + " /* SEEK_??? */";
        };
    }

    public static String clock(long c) {
        String[] names = {"CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID", "CLOCK_THREAD_CPUTIME_ID",
            "CLOCK_MONOTONIC_RAW", "CLOCK_REALTIME_COARSE", "CLOCK_MONOTONIC_COARSE", "CLOCK_BOOTTIME"};
        return c >= 0 && c < names.length ? names[(int) c] : Long.toString(c);
    }

    public static String mode(int mode) {
        String type = switch (mode & Stat.S_IFMT) {
            case Stat.S_IFREG -> "S_IFREG";
            case Stat.S_IFDIR -> "S_IFDIR";
            case Stat.S_IFCHR -> "S_IFCHR";
            case Stat.S_IFBLK -> "S_IFBLK";
            case Stat.S_IFIFO -> "S_IFIFO";
            case Stat.S_IFLNK -> "S_IFLNK";
            case Stat.S_IFSOCK -> "S_IFSOCK";
            default -> "0";
        };
        return type + "|" + String.format("%04o", mode & 07777);
    }

    /** strace's abbreviated struct stat. */
    public static String stat(Stat s) {
        boolean device = (s.mode() & Stat.S_IFMT) == Stat.S_IFCHR || (s.mode() & Stat.S_IFMT) == Stat.S_IFBLK;
        String tail = device
                ? "st_rdev=makedev(" + cHex(major(s.rdev())) + ", " + cHex(minor(s.rdev())) + ")"
                : "st_size=" + s.size();
        return "{st_mode=" + mode(s.mode()) + ", " + tail + ", ...}";
    }

    /** C's "%#x": zero has no prefix. */
    private static String cHex(long v) {
        return v == 0 ? "0" : hex(v);
    }

    private static long major(long dev) {
        return ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
    }

    private static long minor(long dev) {
        return (dev & 0xff) | ((dev >>> 12) & ~0xffL);
    }
}
