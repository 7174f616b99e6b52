package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** argc, argv, envp and the auxiliary vector as a program sees them: natively and on the machine, identical. */
class InitialStackNativeTest {
    @TempDir
    Path dir;

    @Test
    void programSeesTheSameStackAsNatively() throws Exception {
        Path exe = Guest.compile("auxv.c", dir);
        String[] args = {"one", "two words", "", "ünïcode"};
        Guest.Result expected = Guest.runNative(exe, dir, args);
        Guest.Result actual = Guest.runMachine(exe, dir, args);
        assertEquals(0, expected.status(), expected.stderr());
        assertEquals(expected.stdout(), actual.stdout());
        assertEquals(expected.status(), actual.status());
    }
}
