package dev.boardup.kernel;

import java.io.IOException;

/** The process's file descriptor table: small integers naming open files, lowest free number first. */
public final class FileTable {
    public static final int MAX_FDS = 1024;

    private final OpenFile[] fds = new OpenFile[MAX_FDS];
    private final boolean[] cloexec = new boolean[MAX_FDS];

    public OpenFile get(long fd) {
        if (fd < 0 || fd >= MAX_FDS || fds[(int) fd] == null) {
            throw new SyscallError(Errno.EBADF);
        }
        return fds[(int) fd];
    }

    public boolean isOpen(long fd) {
        return fd >= 0 && fd < MAX_FDS && fds[(int) fd] != null;
    }

    /** Installs {@code file} at the lowest free descriptor at or above {@code from}. */
    public int install(OpenFile file, int from) {
        for (int fd = from; fd < MAX_FDS; fd++) {
            if (fds[fd] == null) {
                fds[fd] = file;
                file.references++;
                return fd;
            }
        }
        throw new SyscallError(Errno.EMFILE);
    }

    public int install(OpenFile file) {
        return install(file, 0);
    }

    /** Puts {@code file} at exactly {@code fd}, closing what was there (dup2). */
    public void installAt(OpenFile file, int fd) throws IOException {
        if (fds[fd] != null) {
            close(fd);
        }
        fds[fd] = file;
        file.references++;
    }

    public boolean cloexec(int fd) {
        get(fd);
        return cloexec[fd];
    }

    public void setCloexec(int fd, boolean on) {
        get(fd);
        cloexec[fd] = on;
    }

    public void close(long fd) throws IOException {
        OpenFile f = get(fd);
        fds[(int) fd] = null;
        cloexec[(int) fd] = false;
        if (--f.references == 0) {
            f.release();
        }
    }

    /** execve closes the descriptors marked close-on-exec. */
    public void closeOnExec() {
        for (int fd = 0; fd < MAX_FDS; fd++) {
            if (fds[fd] != null && cloexec[fd]) {
                try {
                    close(fd);
                } catch (IOException | SyscallError ignored) {
                    // exec goes on whatever a close reports, as Linux's does
                }
            }
        }
    }

    /** fork's copy: the same open file descriptions behind the same numbers, close-on-exec flags included. */
    public FileTable forkCopy() {
        FileTable child = new FileTable();
        for (int fd = 0; fd < MAX_FDS; fd++) {
            if (fds[fd] != null) {
                child.fds[fd] = fds[fd];
                child.cloexec[fd] = cloexec[fd];
                fds[fd].references++;
            }
        }
        return child;
    }

    /** Releases every open file, at exit. */
    public void closeAll() {
        for (int fd = 0; fd < MAX_FDS; fd++) {
            if (fds[fd] != null) {
                try {
                    close(fd);
                } catch (IOException | SyscallError ignored) {
                    // the process is gone; there is nobody to report a failed close to
                }
            }
        }
    }
}
