package dev.boardup.programs;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every program in guest-programs/ is built by {@code boardup cc} (in-process, against the guest libc the
 * guest-libc build made), then run natively and under boardup in an in-process {@code Machine}; both runs must
 * give the folder's expected.out, expected.err and expected.status. The program built by gcc against glibc
 * must give them too, natively: the expected files are what Linux does, not what our libc happens to do. All
 * runs see the same small environment (boardup's default: PATH and HOME), the program's folder as their
 * working directory (natively) or root (under boardup), and the folder's args and stdin.
 */
class SeedProgramsTest {
    /**
     * Programs boardup cannot run like Linux yet, and why. Their boardup test asserts the gap is still there,
     * so that it fails, asking to be taken off this list, the day the program runs right.
     */
    static final Map<String, String> KNOWN_GAPS = Map.of();

    /**
     * Programs whose glibc reference is linked dynamically, not statically, and why: static glibc's own
     * start-up uses the heap before main, which a dynamically linked program's heap is untouched by (as ours).
     */
    static final Map<String, String> DYNAMIC_GLIBC_REFERENCE = Map.of(
            "heap_spy", "static glibc's start-up has already moved the break before main",
            "malloc_brk_test", "static glibc's start-up has already used the heap malloc_stats reports");

    @TempDir
    static Path binaries;

    @TestFactory
    Stream<DynamicNode> seedPrograms() throws IOException {
        List<SeedProgram> programs = SeedProgram.all(Path.of(System.getProperty("programs.dir", ".")));
        assertFalse(programs.isEmpty(), "no programs found in " + System.getProperty("programs.dir"));
        return programs.stream().map(this::tests);
    }

    private DynamicNode tests(SeedProgram p) {
        Path binary = binaries.resolve(p.name());
        String gap = KNOWN_GAPS.get(p.name());
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(dynamicTest("built by boardup cc", () -> build(p, binary)));
        tests.add(dynamicTest("built by gcc against glibc, gives the expected output natively", () -> {
            assumeTrue(gccAvailable(), "gcc is needed for the glibc reference");
            Path reference = binaries.resolve(p.name() + ".glibc");
            buildWithGcc(p, reference);
            check(p, runNatively(p, reference));
        }));
        tests.add(dynamicTest("native run gives the expected output", () -> {
            assertTrue(Files.exists(binary), "not built");
            check(p, runNatively(p, binary));
        }));
        if (gap == null) {
            tests.add(dynamicTest("boardup run gives the expected output", () -> {
                assertTrue(Files.exists(binary), "not built");
                check(p, runUnderBoardup(p, binary));
            }));
        } else {
            tests.add(dynamicTest("KNOWN GAP under boardup: " + gap, () -> {
                assertTrue(Files.exists(binary), "not built");
                assertFalse(matches(p, runUnderBoardup(p, binary)),
                        p.name() + " now runs right under boardup: take it off SeedProgramsTest.KNOWN_GAPS");
            }));
        }
        return dynamicContainer(p.name(), tests);
    }

    private static void build(SeedProgram p, Path binary) {
        assertNull(Runner.buildWithBoardupCc(p.source(), binary));
    }

    private static void buildWithGcc(SeedProgram p, Path binary) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gcc", "-O1", "-w"));
        if (!DYNAMIC_GLIBC_REFERENCE.containsKey(p.name())) command.add("-static");
        command.addAll(List.of(p.source().toString(), "-o", binary.toString()));
        Process gcc = new ProcessBuilder(command).redirectErrorStream(true).start();
        String messages = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, gcc.waitFor(), String.join(" ", command) + " failed:\n" + messages);
    }

    private static boolean gccAvailable() {
        try {
            return new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void check(SeedProgram p, Run run) {
        assertAll(
                () -> assertNull(p.stdoutMismatch(run.stdout()), p.name()),
                () -> {
                    // A signal's message comes from the shell natively and from boardup itself: not the program's.
                    if (!run.killedBySignal()) assertEquals(p.expectedErr(), run.stderr(), p.name() + ": stderr");
                },
                () -> assertEquals(p.expectedStatus(), run.status(), p.name() + ": exit status"));
    }

    private static boolean matches(SeedProgram p, Run run) {
        return p.stdoutMismatch(run.stdout()) == null && run.status() == p.expectedStatus()
                && (run.killedBySignal() || run.stderr().equals(p.expectedErr()));
    }

    private static Run runNatively(SeedProgram p, Path binary) throws IOException, InterruptedException {
        return Runner.natively(binary, p.args(), p.stdin(), p.dir(), binaries);
    }

    private static Run runUnderBoardup(SeedProgram p, Path binary) throws Exception {
        return Runner.underBoardup(binary, p.args(), p.stdin(), p.dir());
    }
}
