package dev.boardup.difftest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Whole programs, native versus expectation: each test program is built with the host toolchain and run on
 * this machine; its stdout and exit status must be the recorded ones (programs/NAME.out), so the corpus itself
 * is known-good before the emulator is judged against it.
 */
class ProgramDiffTest {
    @TempDir
    static Path work;

    @ParameterizedTest
    @FieldSource("dev.boardup.difftest.Programs#ALL")
    void nativeRunMatchesRecordedOutput(Programs.Program program) throws Exception {
        Programs.Outcome outcome = Programs.runNative(Programs.build(program, work));
        assertEquals(new String(Programs.resource(program.name() + ".out"), StandardCharsets.UTF_8),
                new String(outcome.stdout(), StandardCharsets.UTF_8), program + " stdout");
        assertEquals(program.status(), outcome.status(), program + " exit status");
    }
}
