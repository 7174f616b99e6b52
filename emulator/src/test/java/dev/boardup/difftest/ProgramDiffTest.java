package dev.boardup.difftest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.boardup.machine.Engines;
import dev.boardup.machine.Machine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole programs, native versus emulated: each test program is built with the host toolchain, run on this
 * machine and under boardup's {@link Machine} (in-process) on every engine; stdout and exit status must agree.
 * The native run is also held to the recorded output (programs/NAME.out), so the corpus is known-good.
 */
class ProgramDiffTest {
    /** A guard against a runaway guest, far above what any program here needs (the largest runs ~30M). */
    static final long INSTRUCTION_LIMIT = 2_000_000_000L;

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

    static Stream<Arguments> programsOnEngines() {
        return Engines.names().stream().flatMap(engine -> Programs.ALL.stream()
                .filter(p -> !NotYetImplemented.PROGRAMS.contains(p.name()))
                .map(p -> Arguments.of(engine, p)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("programsOnEngines")
    void emulatorMatchesNative(String engine, Programs.Program program) throws Exception {
        Path exe = Programs.build(program, work);
        Programs.Outcome expected = Programs.runNative(exe);
        Programs.Outcome actual = runEmulated(exe, engine);
        assertEquals(new String(expected.stdout(), StandardCharsets.UTF_8),
                new String(actual.stdout(), StandardCharsets.UTF_8), program + " stdout under " + engine);
        assertEquals(expected.status(), actual.status(), program + " exit status under " + engine);
    }

    static Programs.Outcome runEmulated(Path exe, String engine) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Machine machine = Machine.builder().program(exe).root(work).engine(engine)
                .streams(new ByteArrayInputStream(new byte[0]), out, err)
                .maxInstructions(INSTRUCTION_LIMIT).build();
        int status = machine.run();
        return new Programs.Outcome(out.toByteArray(), status);
    }
}
