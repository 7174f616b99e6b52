package dev.boardup.libc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.boardup.libc.NativeToolchain.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Buffering is right only if the same bytes leave in the same write(2) calls: strace
 * records the descriptor and length of every write made by our build and by glibc's.
 */
class WriteSyscallsMatchGlibcTest {

    private static final Pattern WRITE = Pattern.compile("^(?:\\d+ +)?write\\((\\d+), .*, (\\d+)\\)\\s+= (-?\\d+)");

    @TempDir
    static Path work;

    static NativeToolchain toolchain;

    @BeforeAll
    static void buildLibc() throws Exception {
        assumeTrue(NativeToolchain.available("gcc") && NativeToolchain.available("strace"), "gcc and strace are needed");
        toolchain = new NativeToolchain(NativeToolchain.libcDir(), work);
        toolchain.buildLibc();
    }

    /** Runs binary (and its children) under strace, stdout and stderr on one pipe; returns "fd:length=result" per write. */
    private static List<String> writes(Path binary, String name) throws Exception {
        Path trace = work.resolve(name + ".strace");
        Process p = new ProcessBuilder("bash", "-c",
                "strace -f -qq -e trace=write -e signal=none -o '" + trace + "' '" + binary + "' < /dev/null 2>&1 | cat > /dev/null")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && Files.exists(trace), "strace could not trace here");
        List<String> calls = new ArrayList<>();
        for (String line : Files.readAllLines(trace, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            Matcher m = WRITE.matcher(line);
            if (m.find()) {
                calls.add(m.group(1) + ":" + m.group(2) + "=" + m.group(3));
            }
        }
        return calls;
    }

    @ParameterizedTest
    @ValueSource(strings = {"stdio_order", "stdio_files", "errors", "options", "process", "printf_torture", "scan",
            "strings", "strconv", "sort_rand", "syscalls", "malloc_seq", "malloc_stress", "getline_heap"})
    void sameWritesAsGlibc(String program) throws Exception {
        Path source = NativeToolchain.libcDir().resolve("src/test/c/" + program + ".c");
        Reference reference = program.startsWith("malloc") || program.startsWith("getline")
                ? Reference.GLIBC_DYNAMIC : Reference.GLIBC_STATIC;
        List<String> expected = writes(toolchain.buildGlibc(source, reference), program + "-glibc");
        List<String> actual = writes(toolchain.buildOurs(source), program + "-ours");
        // Every program writes; an empty trace means ptrace is not allowed here (some containers).
        assumeFalse(expected.isEmpty(), "strace saw no writes: tracing is not permitted here");
        assertEquals(expected, actual, program + ": write(2) calls as fd:length=result");
    }
}
