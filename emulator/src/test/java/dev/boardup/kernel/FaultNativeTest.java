package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A program dying of a CPU fault: same exit status as natively (128 + signal), and a one-line message naming it. */
class FaultNativeTest {
    @TempDir
    static Path dir;
    static Path exe;

    @BeforeAll
    static void build() throws Exception {
        exe = Guest.compile("faults.c", dir);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "s | 139 | Segmentation fault at 0x1000 \\(rip 0x[0-9a-f]+\\)",
        "r | 139 | Segmentation fault at 0x4[0-9a-f]+ \\(rip 0x[0-9a-f]+\\)",
        "x | 139 | Segmentation fault at 0x([0-9a-f]+) \\(rip 0x\\1\\)",
        "u | 132 | Illegal instruction: #UD invalid opcode at rip 0x[0-9a-f]+: 0f 0b",
        "t | 133 | Trace/breakpoint trap \\(rip 0x[0-9a-f]+\\)",
        "d | 136 | Floating point exception: divide error \\(rip 0x[0-9a-f]+\\)",
        "g | 139 | Segmentation fault: general protection fault, .* \\(rip 0x[0-9a-f]+\\)",
        "a | 134 | Aborted"})
    void diesLikeOnLinux(String which, int status, String message) throws Exception {
        Guest.Result expected = Guest.runNative(exe, dir, which);
        Guest.Result actual = Guest.runMachine(exe, dir, which);
        assertEquals(status, expected.status(), "native status");
        assertEquals(expected.status(), actual.status());
        assertEquals("before\n", actual.stdout());
        String line = actual.stderr().strip();
        assertTrue(line.matches(message), "stderr was: " + line);
    }
}
