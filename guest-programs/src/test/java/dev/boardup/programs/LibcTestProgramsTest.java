package dev.boardup.programs;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * guest-libc's own test programs (guest-libc/src/test/c), which exercise stdio, printf, malloc, strings,
 * system calls and signals, built by {@code boardup cc} and run natively and under boardup: both runs must
 * give the same stdout, stderr and exit status. (That the native run matches glibc is guest-libc's own test.)
 * Each run starts in an empty directory of its own, as its working directory or root, since some programs
 * make files.
 */
class LibcTestProgramsTest {
    /** Programs that run differently under boardup than natively, and why; see {@link SeedProgramsTest}. */
    static final Map<String, String> KNOWN_GAPS = Map.of();

    /**
     * Programs left out of this test, and why: each needs billions of guest instructions (minutes under
     * boardup on CI's 2 cores), past this module's time budget. guest-libc's tests still check them natively.
     */
    static final Map<String, String> TOO_SLOW_FOR_THIS_TEST = Map.of(
            "printf_torture", "over 5e9 guest instructions (exact decimal expansion of many doubles)",
            "math_exact", "over 5e9 guest instructions (random inputs checked against a big-integer reference)",
            "malloc_stress", "about 40 s under boardup");

    /** What guest-libc's harness runs each program with. */
    static final List<String> ARGS = List.of("alpha", "beta gamma");
    static final byte[] STDIN =
            "first line\nsecond line\n  third, with  words\nno newline at end".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path work;

    @TestFactory
    Stream<DynamicNode> libcTestPrograms() throws IOException {
        Path dir = Path.of(System.getProperty("boardup.home", ".."), "guest-libc", "src", "test", "c");
        List<Path> sources;
        try (Stream<Path> files = Files.list(dir)) {
            sources = files.filter(f -> f.toString().endsWith(".c"))
                    .filter(f -> !TOO_SLOW_FOR_THIS_TEST.containsKey(f.getFileName().toString().replace(".c", "")))
                    .sorted().toList();
        }
        assertFalse(sources.isEmpty(), "no test programs in " + dir);
        return sources.stream().map(this::tests);
    }

    private DynamicNode tests(Path source) {
        String file = source.getFileName().toString();
        String name = file.substring(0, file.length() - 2);
        Path binary = work.resolve(name);
        String gap = KNOWN_GAPS.get(name);
        String title = gap == null ? "runs under boardup as natively" : "KNOWN GAP under boardup: " + gap;
        return dynamicContainer(name, List.of(
                dynamicTest("built by boardup cc", () -> assertNull(Runner.buildWithBoardupCc(source, binary))),
                dynamicTest(title, () -> {
                    assertTrue(Files.exists(binary), "not built");
                    Run nativeRun = Runner.natively(binary, ARGS, STDIN, freshDir(name + "-native"), work);
                    Run boardupRun = Runner.underBoardup(binary, ARGS, STDIN, freshDir(name + "-boardup"));
                    if (gap == null) {
                        assertSame(name, nativeRun, boardupRun);
                    } else {
                        assertFalse(same(nativeRun, boardupRun),
                                name + " now runs right under boardup: take it off LibcTestProgramsTest.KNOWN_GAPS");
                    }
                })));
    }

    private static Path freshDir(String name) throws IOException {
        return Files.createDirectories(work.resolve("run-" + name));
    }

    private static void assertSame(String name, Run expected, Run actual) {
        assertAll(
                () -> assertEquals(expected.stdout(), actual.stdout(), name + ": stdout"),
                () -> {
                    if (!expected.killedBySignal()) assertEquals(expected.stderr(), actual.stderr(), name + ": stderr");
                },
                () -> assertEquals(expected.status(), actual.status(), name + ": exit status"));
    }

    private static boolean same(Run expected, Run actual) {
        return expected.stdout().equals(actual.stdout()) && expected.status() == actual.status()
                && (expected.killedBySignal() || expected.stderr().equals(actual.stderr()));
    }
}
