package dev.boardup.difftest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.boardup.machine.Engines;
import dev.boardup.machine.Machine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    /** Each program is built and run natively once, whichever test asks first. */
    private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();
    private static final Map<String, Programs.Outcome> NATIVE = new ConcurrentHashMap<>();

    private static synchronized Path built(Programs.Program program) throws Exception {
        Path exe = BUILT.get(program.name());
        if (exe == null) {
            exe = Programs.build(program, work);
            BUILT.put(program.name(), exe);
        }
        return exe;
    }

    private static synchronized Programs.Outcome nativeOutcome(Programs.Program program) throws Exception {
        Programs.Outcome outcome = NATIVE.get(program.name());
        if (outcome == null) {
            outcome = Programs.runNative(program, built(program));
            NATIVE.put(program.name(), outcome);
        }
        return outcome;
    }

    @ParameterizedTest
    @FieldSource("dev.boardup.difftest.Programs#ALL")
    void nativeRunMatchesRecordedOutput(Programs.Program program) throws Exception {
        Programs.Outcome outcome = nativeOutcome(program);
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
        Programs.Outcome expected = nativeOutcome(program);
        Programs.Outcome actual = runEmulated(program, built(program), engine);
        assertEquals(new String(expected.stdout(), StandardCharsets.UTF_8),
                new String(actual.stdout(), StandardCharsets.UTF_8), program + " stdout under " + engine);
        assertEquals(expected.status(), actual.status(), program + " exit status under " + engine);
    }

    static Programs.Outcome runEmulated(Programs.Program program, Path exe, String engine) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Machine machine = Machine.builder().program(exe).args(program.args()).root(work).engine(engine)
                .streams(new ByteArrayInputStream(program.stdinBytes()), out, err)
                .maxInstructions(INSTRUCTION_LIMIT).build();
        int status = machine.run();
        return new Programs.Outcome(out.toByteArray(), status);
    }
}
