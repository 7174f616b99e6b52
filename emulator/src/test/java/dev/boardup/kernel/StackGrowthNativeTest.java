package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack grows down on faults below it up to RLIMIT_STACK (as setrlimit set it, and as getrlimit reports it),
 * and never into the guard gap above another mapping: a child recursing until it dies gets as deep as on Linux.
 */
class StackGrowthNativeTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "limit {0} KiB {1}")
    @CsvSource({"1024, ''", "8192, gap"})
    void stackGrowsAsFarAsOnLinux(String limitKib, String gap) throws Exception {
        Path exe = Guest.compileWithLibc("stack.c", dir, false);
        String[] args = gap.isEmpty() ? new String[] {limitKib} : new String[] {limitKib, gap};
        Guest.Result nat = Guest.runNative(exe, dir, args);
        Guest.Result ours = Guest.runMachine(exe, dir, args);
        assertEquals(0, nat.status(), nat.stderr());
        assertEquals(0, ours.status(), ours.stderr());
        List<String> n = nat.stdout().lines().toList(), o = ours.stdout().lines().toList();
        assertEquals(n.get(0), o.get(0), "getrlimit");
        assertEquals("child killed by signal 11", n.get(2));
        assertEquals(n.get(2), o.get(2));
        // With randomisation on, Linux (and we, as Linux does) also moves the initial stack pointer down by a
        // random 0-8 KiB within the stack VMA (arch_align_stack), independently in the two runs, so the last 4 KiB
        // frame may or may not fit: the depths agree to within 8 + 4 KiB. (Without randomisation the initial
        // stack pointer sits at the same place in its page as natively: AuxvNativeTest.)
        int nd = depth(n.get(1)), od = depth(o.get(1));
        assertTrue(Math.abs(nd - od) <= 12, "deepest natively " + nd + " KiB, here " + od + " KiB");
        int expected = gap.isEmpty() ? Integer.parseInt(limitKib) : 2048;
        assertTrue(od > expected - 64 && od <= expected, "the stack stops near " + expected + " KiB: " + od);
    }

    private static int depth(String line) {
        return Integer.parseInt(line.replaceAll("[^0-9]", ""));
    }
}
