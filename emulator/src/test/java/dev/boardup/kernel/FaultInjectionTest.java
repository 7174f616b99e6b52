package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.cli.Main;
import dev.boardup.machine.Machine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #5's fault injection: the guest runs out of memory, a file vanishes under its mappings, a fork bomb goes
 * off. Each time the guest gets what Linux gives it, boardup says what happened in one clear line with a shell's
 * exit status, and the host JVM carries on (the next run works).
 */
class FaultInjectionTest {
    @TempDir
    Path dir;

    private static Guest.Result boardup(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Guest.Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void noJavaErrors(String stderr) {
        assertFalse(stderr.contains("OutOfMemoryError") || stderr.contains("Exception") || stderr.contains("\tat "),
                stderr);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mmap", "brk"})
    void exhaustingGuestMemoryEndsInAnOomKill(String how) throws Exception {
        Path exe = Guest.compileWithLibc("memhog.c", dir, false);
        Guest.Result r = boardup("run", "--memory", "64M", exe.toString(), how);
        assertEquals(128 + Termination.SIGKILL, r.status(), r.stderr());
        assertTrue(r.stdout().startsWith("1 TiB: Cannot allocate memory\n"), r.stdout());
        assertTrue(r.stdout().contains("48 MiB\n"), "it got most of the 64 MiB first: " + r.stdout());
        assertEquals(1, r.stderr().lines().filter(l -> !l.startsWith("boardup: building")).count(), r.stderr());
        assertTrue(r.stderr().contains("Killed: out of guest memory"), r.stderr());
        noJavaErrors(r.stderr());
        Guest.Result after = boardup("run", "--memory", "64M", exe.toString());
        assertEquals(0, after.status(), "the host is fine: " + after.stderr());
    }

    @Test
    void aRequestNoMachineCouldHonourIsEnomemAsOnLinux() throws Exception {
        Path exe = Guest.compileWithLibc("memhog.c", dir, false);
        Guest.Result nat = Guest.runNative(exe, dir);
        Guest.Result ours = Guest.runMachine(exe, dir);
        assertEquals("1 TiB: Cannot allocate memory\n", nat.stdout());
        assertEquals(nat.stdout(), ours.stdout());
        assertEquals(nat.status(), ours.status());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"unlink", "truncate"})
    void aFileVanishingUnderItsMappingsActsAsOnLinux(String how) throws Exception {
        Path exe = Guest.compileWithLibc("vanish.c", dir, false);
        Path nativeRoot = Files.createDirectory(dir.resolve("native"));
        Path ourRoot = Files.createDirectory(dir.resolve("ours"));
        String[] args = how.equals("truncate") ? new String[] {"truncate"} : new String[0];
        Guest.Result nat = Guest.runNative(exe, nativeRoot, args);
        Guest.Result ours = Guest.runMachine(exe, ourRoot, args);
        assertEquals(0, nat.status(), nat.stderr());
        assertTrue(nat.stdout().contains("unlinked: gone\nprivate page 1 after unlink: b"), nat.stdout());
        assertEquals(nat.stdout(), ours.stdout());
        assertEquals(nat.status(), ours.status(), ours.stderr());
        noJavaErrors(ours.stderr());
    }

    @Test
    void aForkBombInSmallMemoryIsBoundedToo() throws Exception {
        Path exe = Guest.compileWithLibc("forkbomb.c", dir, false);
        Guest.Result r = Guest.runMachine(Machine.builder().program(exe).root(dir).memoryBytes(16L << 20)
                .maxInstructions(20_000_000));
        assertEquals(Machine.TIMEOUT_STATUS, r.status(), r.stderr());
        assertTrue(r.stderr().contains("instruction limit of 20000000 reached"), r.stderr());
        noJavaErrors(r.stderr());
    }
}
