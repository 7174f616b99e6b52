package dev.boardup.kernel;

import java.util.Arrays;

/**
 * The character devices a sandbox offers: /dev/null (empty, swallows writes), /dev/zero, and /dev/random and
 * /dev/urandom, whose bytes come from the machine's seeded {@link Layout} (reproducible under --seed).
 */
public final class DeviceFile extends OpenFile {
    public enum Kind { NULL(3), ZERO(5), RANDOM(8), URANDOM(9);
        final int minor;

        Kind(int minor) {
            this.minor = minor;
        }
    }

    private final Kind kind;
    private final Layout randomness;

    public DeviceFile(Kind kind, int flags, Layout randomness) {
        super(flags);
        this.kind = kind;
        this.randomness = randomness;
    }

    /** The device a guest path names, or null when it is not one of ours. */
    public static Kind byPath(String canonicalGuestPath) {
        return switch (canonicalGuestPath) {
            case "/dev/null" -> Kind.NULL;
            case "/dev/zero" -> Kind.ZERO;
            case "/dev/random" -> Kind.RANDOM;
            case "/dev/urandom" -> Kind.URANDOM;
            default -> null;
        };
    }

    @Override
    public int read(byte[] buf, int off, int len) {
        if (!canRead()) {
            throw new SyscallError(Errno.EBADF);
        }
        switch (kind) {
            case NULL -> {
                return 0;
            }
            case ZERO -> Arrays.fill(buf, off, off + len, (byte) 0);
            case RANDOM, URANDOM -> {
                byte[] r = new byte[len];
                randomness.nextBytes(r);
                System.arraycopy(r, 0, buf, off, len);
            }
        }
        return len;
    }

    @Override
    public int write(byte[] buf, int off, int len) {
        if (!canWrite()) {
            throw new SyscallError(Errno.EBADF);
        }
        return len;
    }

    @Override
    public long seek(long offset, int whence) {
        return 0;
    }

    @Override
    public Stat stat() {
        return Stat.charDevice(1, kind.minor);
    }
}
