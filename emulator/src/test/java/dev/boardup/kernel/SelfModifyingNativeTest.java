package dev.boardup.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.boardup.machine.Engines;
import dev.boardup.machine.Machine;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A program that rewrites code it has already run (as a JIT in the guest does) sees its new code on every engine:
 * each engine's decoded code for the page is dropped when the guest stores into it.
 */
class SelfModifyingNativeTest {
    @TempDir
    Path dir;

    static Iterable<String> engines() {
        return Engines.names();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void rewrittenCodeRunsAsNewCode(String engine) throws Exception {
        Path exe = Guest.compileWithLibc("self_modifying.c", dir, false);
        Guest.Result expected = Guest.runNative(exe, dir);
        Guest.Result actual = Guest.runMachine(Machine.builder().program(exe).root(dir).engine(engine));
        assertEquals("1234\n", expected.stdout(), "native");
        assertEquals(expected.status(), actual.status(), actual.stderr());
        assertEquals(expected.stdout(), actual.stdout());
    }
}
