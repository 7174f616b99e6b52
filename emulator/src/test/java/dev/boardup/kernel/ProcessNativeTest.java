package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.machine.Machine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Processes and signals: fork, copy-on-write, wait4, pipes, virtual-time sleeps, kill, handlers, against Linux. */
class ProcessNativeTest {
    @TempDir
    Path dir;

    @Test
    void forkWaitPipesAndSleepsMatchLinux() throws Exception {
        Path exe = Guest.compileWithLibc("fork.c", dir, false);
        Guest.Result expected = Guest.runNative(exe, Files.createDirectory(dir.resolve("native")));
        Guest.Result actual = Guest.runMachine(exe, Files.createDirectory(dir.resolve("guest")));
        assertEquals(5, expected.status(), expected.stderr());
        assertEquals(expected.stdout(), actual.stdout());
        assertEquals(expected.stderr(), actual.stderr());
        assertEquals(expected.status(), actual.status());
    }

    @Test
    void signalHandlersMatchLinux() throws Exception {
        Path exe = Guest.compileWithLibc("signals.c", dir, false);
        Guest.Result expected = Guest.runNative(exe, Files.createDirectory(dir.resolve("native")));
        Guest.Result actual = Guest.runMachine(exe, Files.createDirectory(dir.resolve("guest")));
        assertEquals(0, expected.status(), expected.stderr());
        assertEquals(expected.stdout(), actual.stdout());
        assertEquals(expected.stderr(), actual.stderr());
        assertEquals(expected.status(), actual.status());
    }

    @Test
    void execveInAForkedChildMatchesLinux() throws Exception {
        Path exe = Guest.compileWithLibc("exec.c", dir, false);
        Path nativeDir = Files.createDirectory(dir.resolve("native")), guestDir = Files.createDirectory(dir.resolve("guest"));
        Path nativeExe = Files.copy(exe, nativeDir.resolve("exec")), guestExe = Files.copy(exe, guestDir.resolve("exec"));
        Guest.Result expected = Guest.runNative(nativeExe, nativeDir);
        Guest.Result actual = Guest.runMachine(guestExe, guestDir);
        assertEquals(0, expected.status(), expected.stderr());
        assertTrue(expected.stdout().contains("cloexec fd 5 closed"), expected.stdout());
        assertEquals(expected.stdout(), actual.stdout());
        assertEquals(expected.stderr(), actual.stderr());
        assertEquals(expected.status(), actual.status());
    }

    @Test
    void forkBombIsBoundedByTheProcessLimit() throws Exception {
        Path exe = Guest.compileWithLibc("forkbomb.c", dir, false);
        Guest.Result r = Guest.runMachine(Machine.builder().program(exe).root(dir).maxInstructions(20_000_000));
        assertEquals(Machine.TIMEOUT_STATUS, r.status(), r.stderr());
        assertTrue(r.stderr().contains("process limit of " + ProcessTable.MAX_PROCESSES + " reached"), r.stderr());
        assertTrue(r.stderr().contains("instruction limit of 20000000 reached"), r.stderr());
    }
}
