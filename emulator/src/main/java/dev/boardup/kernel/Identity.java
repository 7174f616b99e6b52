package dev.boardup.kernel;

import java.nio.file.Files;
import java.nio.file.Path;

/** The user and group the guest runs as: the host's own, so files it creates and stats agree with the host's. */
public final class Identity {
    public static final int UID = hostId("uid", 1000);
    public static final int GID = hostId("gid", 1000);
    /** The host process's umask (read from /proc/self/status), so guest-created files get the modes native ones do. */
    public static final int UMASK = hostUmask();

    private Identity() {}

    private static int hostUmask() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Umask:")) {
                    return Integer.parseInt(line.substring(6).trim(), 8);
                }
            }
        } catch (Exception e) {
            // fall through to the usual default
        }
        return 022;
    }

    private static int hostId(String what, int fallback) {
        try {
            Object v = Files.getAttribute(Path.of("/proc/self"), "unix:" + what);
            return ((Number) v).intValue();
        } catch (Exception e) {
            return fallback;
        }
    }
}
