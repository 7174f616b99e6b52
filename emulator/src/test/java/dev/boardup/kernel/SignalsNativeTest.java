package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signals, timers and pipes, one C program (gcc -static with glibc) per behaviour, run natively and under boardup:
 * the same stdout and exit status. A process killed by a signal has no stderr of its own natively (the shell
 * speaks for it); boardup prints the shell's line, which is checked instead.
 */
class SignalsNativeTest {
    @TempDir
    Path dir;

    private Guest.Result[] both(String source) throws Exception {
        Path exe = Guest.compileWithLibc(source, dir, false);
        Guest.Result expected = Guest.runNative(exe, Files.createDirectory(dir.resolve("native")));
        Guest.Result actual = Guest.runMachine(exe, Files.createDirectory(dir.resolve("guest")));
        assertEquals(expected.stdout(), actual.stdout());
        assertEquals(expected.status(), actual.status(), actual.stderr());
        return new Guest.Result[] {expected, actual};
    }

    private void sameOutput(String source) throws Exception {
        Guest.Result[] r = both(source);
        assertEquals(0, r[0].status(), r[0].stderr());
        assertEquals(r[0].stderr(), r[1].stderr());
    }

    @Test
    void blockedSignalsArePendingAndDeliveredInLinuxOrder() throws Exception {
        sameOutput("sigmask.c");
    }

    @Test
    void handlersRunOnTheAlternateStackEvenAfterAStackOverflow() throws Exception {
        Guest.Result[] r = both("altstack.c");
        assertTrue(r[0].stdout().contains("caught on alt 1"), r[0].stdout());
        assertEquals(139, r[0].status());
        assertTrue(r[1].stderr().startsWith("Segmentation fault"), r[1].stderr());
    }

    @Test
    void alarmAndItimersInterruptWaitsAsOnLinux() throws Exception {
        Guest.Result[] r = both("alarm.c");
        assertTrue(r[0].stdout().contains("read with SA_RESTART: 4 \"late\""), r[0].stdout());
        assertEquals(128 + 14, r[0].status());
        assertEquals("Alarm clock\n", r[1].stderr());
    }

    @Test
    void pipesHoldSixteenPagesWriteAtomicallyAndBlockWhenFull() throws Exception {
        sameOutput("pipe_capacity.c");
    }

    @Test
    void processGroupsKillAndWaitForStopsAndContinues() throws Exception {
        sameOutput("groups.c");
    }

    /**
     * kill(-1) signals everyone but init and the caller. Natively that would reach the whole host, so the oracle
     * runs in a PID namespace of its own (unshare -p, as a child of the namespace's init); the program itself also
     * refuses to run anywhere else.
     */
    @Test
    void killMinusOneSparesTheCallerAsInAPidNamespace() throws Exception {
        Path exe = Guest.compileWithLibc("killall.c", dir, false);
        Guest.Result probe = Guest.exec(List.of("unshare", "-pf", "--kill-child", "sh", "-c", "echo $$"), dir, null);
        assumeTrue(probe.status() == 0 && probe.stdout().trim().equals("1"),
                "no PID namespace for the native run: " + probe.stderr());
        Guest.Result expected = Guest.exec(List.of("unshare", "-pf", "--kill-child", "sh", "-c",
                "\"$0\"; status=$?; exit $status", exe.toString()), dir, null);
        Guest.Result actual = Guest.runMachine(exe, Files.createDirectory(dir.resolve("guest")));
        assertEquals(0, expected.status(), expected.stdout() + expected.stderr());
        assertTrue(expected.stdout().contains("the caller spared: 1"), expected.stdout());
        assertEquals(expected.stdout(), actual.stdout());
        assertEquals(expected.status(), actual.status(), actual.stderr());
    }
}
