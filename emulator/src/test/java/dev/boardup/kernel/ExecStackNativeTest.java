package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PT_GNU_STACK decides whether the stack is executable (NX in its PTEs or not), as on Linux. */
class ExecStackNativeTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"-Wl,-z,noexecstack | 139 | 'calling\n'",
        "-Wl,-z,execstack | 0 | 'calling\nreturned\n'"})
    void stackExecutableOnlyWhenAskedFor(String flag, int status, String output) throws Exception {
        Path exe = Guest.compile("execstack.c", dir, flag);
        Guest.Result expected = Guest.runNative(exe, dir);
        Guest.Result actual = Guest.runMachine(exe, dir);
        assertEquals(status, expected.status(), "native");
        assertEquals(output, expected.stdout());
        assertEquals(expected.status(), actual.status(), actual.stderr());
        assertEquals(expected.stdout(), actual.stdout());
    }
}
