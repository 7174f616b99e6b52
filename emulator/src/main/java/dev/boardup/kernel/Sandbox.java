package dev.boardup.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The guest's file system: a host directory shown as "/". Guest paths are normalised as a chroot would ("/.."
 * is "/"), and the host path they name must really lie under the root once symbolic links are followed, so
 * neither "..", nor absolute paths, nor links can reach outside it.
 */
public final class Sandbox {
    private final Path root;
    private String cwd = "/";

    public Sandbox(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    public Path root() {
        return root;
    }

    public String cwd() {
        return cwd;
    }

    public void setCwd(String guestDir) {
        this.cwd = normalise(guestDir);
    }

    /** The guest path in canonical absolute form: "/a/b", resolved against the cwd, with "." and ".." applied. */
    public String normalise(String guestPath) {
        String full = guestPath.startsWith("/") ? guestPath : cwd + "/" + guestPath;
        Deque<String> parts = new ArrayDeque<>();
        for (String part : full.split("/")) {
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    /**
     * The host path for a guest path. Throws ENOENT for an empty path, EACCES when the path (or, if it does not
     * exist yet, its parent) resolves through links to somewhere outside the root.
     */
    public Path resolve(String guestPath) {
        if (guestPath.isEmpty()) {
            throw new SyscallError(Errno.ENOENT);
        }
        String canonical = normalise(guestPath);
        Path host = canonical.equals("/") ? root : root.resolve(canonical.substring(1));
        checkInside(host);
        return host;
    }

    private void checkInside(Path host) {
        Path probe = host;
        while (probe != null && !Files.exists(probe, LinkOption.NOFOLLOW_LINKS)) {
            probe = probe.getParent();
        }
        if (probe == null) {
            throw new SyscallError(Errno.ENOENT);
        }
        try {
            if (Files.isSymbolicLink(probe) && !Files.exists(probe)) {
                throw new SyscallError(Errno.ENOENT); // a dangling link: O_CREAT must not follow it out
            }
            if (!probe.toRealPath().startsWith(root)) {
                throw new SyscallError(Errno.EACCES);
            }
        } catch (IOException e) {
            throw new SyscallError(Errno.ENOENT);
        }
    }
}
