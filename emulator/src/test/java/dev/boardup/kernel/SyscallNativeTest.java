package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each program prints the results of many system calls (values and -errno); run natively in a fresh directory and
 * on the machine with a fresh sandbox root, stdout and exit status must be identical.
 */
class SyscallNativeTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"files.c", "memory.c", "process.c", "pipes.c"})
    void sameResultsAsLinux(String program) throws Exception {
        Path exe = Guest.compile(program, dir);
        Path nativeRoot = Files.createDirectory(dir.resolve("native"));
        Path guestRoot = Files.createDirectory(dir.resolve("guest"));
        Guest.Result expected = Guest.runNative(exe, nativeRoot);
        Guest.Result actual = Guest.runMachine(exe, guestRoot);
        assertEquals(expected.stdout(), actual.stdout(), "stdout of " + program + "; stderr: " + actual.stderr());
        assertEquals(expected.status(), actual.status(), "exit status of " + program);
    }
}
