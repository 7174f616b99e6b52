package dev.boardup.kernel;

/** The user and group the guest runs as: the host's own, so files it creates and stats agree with the host's. */
public final class Identity {
    public static final int UID = hostId("uid", 1000);
    public static final int GID = hostId("gid", 1000);

    private Identity() {}

    private static int hostId(String what, int fallback) {
        try {
            Object v = java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:" + what);
            return ((Number) v).intValue();
        } catch (Exception e) {
            return fallback;
        }
    }
}
