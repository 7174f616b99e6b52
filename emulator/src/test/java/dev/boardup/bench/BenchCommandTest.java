package dev.boardup.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.boardup.cli.Main;
import dev.boardup.machine.Engines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code boardup bench} end to end on the tiny benchmark: builds, runs on both engines, verifies, tabulates. */
class BenchCommandTest {
    static final Path TINY = Path.of("..", "guest-programs", "bench", "tiny.c");

    @TempDir
    Path programs;

    @BeforeAll
    static void needsGcc() {
        assumeTrue(Host.onPath("gcc") != null, "gcc is the reference compiler");
    }

    record Outcome(int status, String stdout, String stderr) {
        /** The table's lines for one build and runner: "tiny gcc truffle ...". */
        String row(String build, String runner) {
            return stdout.lines().filter(l -> List.of(l.split(" +")).subList(0, 3).equals(List.of("tiny", build,
                    runner))).findFirst().orElseThrow(() -> new AssertionError("no row " + build + "/" + runner
                    + " in\n" + stdout));
        }
    }

    static Outcome bench(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        String[] full = new String[args.length + 1];
        full[0] = "bench";
        System.arraycopy(args, 0, full, 1, args.length);
        int status = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), full);
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Outcome benchTiny(String engines) {
        return bench("--programs", programs.toString(), "--only", "tiny", "--runs", "1", "--engines", engines,
                "--no-qemu");
    }

    @Test
    void tinyRunsOnBothEnginesAndMatchesNative() throws IOException {
        Files.copy(TINY, programs.resolve("tiny.c"));
        Outcome o = benchTiny("interpreter,truffle");
        assertEquals(0, o.status(), o.stdout() + o.stderr());
        List<String> lines = o.stdout().lines().toList();
        assertEquals(List.of("benchmark", "build", "runner", "median", "s", "spread", "x", "native", "guest",
                "MIPS", "MIPS/cpu", "compilations", "TLB", "hit", "page", "faults", "result"),
                Arrays.asList(lines.get(0).split(" +")));
        for (String runner : List.of("native", "interpreter", "truffle")) {
            String row = o.row("gcc", runner);
            assertTrue(row.endsWith("  ok"), row);
            String[] cells = row.split(" +");
            assertEquals(12, cells.length, row);
            assertTrue(Double.parseDouble(cells[3]) > 0, "median seconds in " + row);
            assertEquals(cells[4], "±0%", "one run has no spread: " + row);
            assertTrue(Double.parseDouble(cells[5]) > 0, "ratio to native in " + row);
        }
        String interpreter = o.row("gcc", "interpreter");
        assertTrue(Double.parseDouble(interpreter.split(" +")[6]) >= 0, "guest MIPS counted: " + interpreter);
        assertTrue(Double.parseDouble(interpreter.split(" +")[7]) >= 0, "MIPS per CPU second: " + interpreter);
        assertTrue(interpreter.split(" +")[9].endsWith("%"), "TLB hit rate shown: " + interpreter);
        assertTrue(o.row("gcc", "native").split(" +")[6].equals("-"), "no guest MIPS natively");
        // our own compiler either built and passed, or its failure is in the table (not silently left out)
        assertTrue(o.stdout().lines().anyMatch(l -> l.startsWith("tiny") && l.contains("boardup-cc")
                && (l.endsWith("  ok") || l.contains("FAIL: build failed"))), o.stdout());
    }

    @Test
    void quickModeRunsTheWholeSuiteOnEveryEngineWithVerifiedChecksums() {
        Path suite = Path.of("..", "guest-programs", "bench");
        Outcome o = bench("--quick", "--no-qemu", "--no-hello", "--programs", suite.toString());
        assertEquals(0, o.status(), o.stdout() + o.stderr());
        for (String benchmark : List.of("fib", "fileio", "hash", "malloc", "memstr", "qsort", "sieve")) {
            for (String runner : Stream.concat(Stream.of("native"), Engines.names().stream()).toList()) {
                String row = o.stdout().lines().filter(l -> List.of(l.split(" +")).subList(0, 3)
                        .equals(List.of(benchmark, "gcc", runner))).findFirst().orElseThrow(() ->
                                new AssertionError("no row " + benchmark + "/" + runner + " in\n" + o.stdout()));
                assertTrue(row.endsWith("  ok"), row); // ok: exit 0 and the native run's checksum
            }
        }
        assertTrue(o.stdout().contains("\ngoals (issue #7):\n"), o.stdout());
        assertTrue(o.stdout().contains("  interpreter speed (goal: at least 50 M guest instructions/s"), o.stdout());
    }

    @Test
    void aWrongChecksumIsAFailure() throws IOException {
        Files.copy(TINY, programs.resolve("tiny.c"));
        Files.writeString(programs.resolve("tiny.expected"), "tiny checksum 12345\n");
        Outcome o = benchTiny("interpreter");
        assertEquals(1, o.status(), o.stdout() + o.stderr());
        for (String runner : List.of("native", "interpreter")) {
            String row = o.row("gcc", runner);
            assertTrue(row.contains("FAIL: checksum mismatch: got 'tiny checksum "), row);
            assertTrue(row.contains("expected 'tiny checksum 12345'"), row);
        }
    }

    @Test
    void aFailingExitStatusIsAFailure() throws IOException {
        Files.writeString(programs.resolve("tiny.c"), "#include <stdio.h>\nint main(void) { puts(\"x\"); return 3; }\n");
        Outcome o = benchTiny("interpreter");
        assertEquals(1, o.status(), o.stdout() + o.stderr());
        assertTrue(o.row("gcc", "interpreter").endsWith("FAIL: exit status 3"), o.stdout());
    }

    @Test
    void badOptionsGiveAOneLineMessage() {
        Outcome o = bench("--programs", programs.toString(), "--engines", "warp-drive");
        assertEquals(2, o.status());
        assertTrue(o.stderr().startsWith("boardup: unknown engine 'warp-drive'"), o.stderr());
        Outcome missing = bench("--programs", programs.toString(), "--only", "nosuch");
        assertEquals(2, missing.status());
        assertTrue(missing.stderr().contains("no benchmark 'nosuch'"), missing.stderr());
    }
}
