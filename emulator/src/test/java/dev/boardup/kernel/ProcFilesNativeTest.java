package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * unlink and rmdir of /proc's files fail with Linux's errno (as the same user natively), and /proc/version is
 * Linux's one line around uname's release and version.
 */
class ProcFilesNativeTest {
    @TempDir
    Path dir;

    @Test
    void procFilesResistRemovalAsOnLinux() throws Exception {
        Path exe = Guest.compileWithLibc("proc_files.c", dir, false);
        Guest.Result nat = Guest.runNative(exe, dir), ours = Guest.runMachine(exe, dir);
        assertEquals(0, nat.status(), nat.stderr());
        assertEquals(0, ours.status(), ours.stderr());
        assertEquals(nat.stdout(), ours.stdout());
    }
}
