package dev.boardup.libc;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.boardup.libc.NativeToolchain.Capture;
import dev.boardup.libc.NativeToolchain.Outcome;
import dev.boardup.libc.NativeToolchain.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each program in src/test/c is built twice, against our libc and against glibc, run natively,
 * and must print the same stdout and stderr and end with the same status.
 */
class LibcMatchesGlibcTest {

    @TempDir
    static Path work;

    static NativeToolchain toolchain;

    @BeforeAll
    static void buildLibc() throws Exception {
        assumeTrue(NativeToolchain.available("gcc") && NativeToolchain.available("as"), "gcc and as are needed");
        toolchain = new NativeToolchain(NativeToolchain.libcDir(), work);
        toolchain.buildLibc();
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                scenario("printf_torture", Reference.GLIBC_STATIC, Capture.SEPARATE_FILES),
                scenario("strings", Reference.GLIBC_STATIC, Capture.SEPARATE_FILES),
                scenario("strconv", Reference.GLIBC_STATIC, Capture.SEPARATE_FILES),
                scenario("sort_rand", Reference.GLIBC_STATIC, Capture.SEPARATE_FILES),
                scenario("scan", Reference.GLIBC_STATIC, Capture.SEPARATE_FILES),
                scenario("options", Reference.GLIBC_STATIC, Capture.MERGED_PIPE),
                scenario("syscalls", Reference.GLIBC_STATIC, Capture.SEPARATE_FILES),
                scenario("math_exact", Reference.GLIBC_STATIC, Capture.SEPARATE_FILES),
                scenario("errors", Reference.GLIBC_STATIC, Capture.SEPARATE_FILES),
                scenario("stdio_order", Reference.GLIBC_STATIC, Capture.MERGED_PIPE),
                scenario("stdio_order", Reference.GLIBC_STATIC, Capture.MERGED_FILE),
                scenario("stdio_order", Reference.GLIBC_STATIC, Capture.SEPARATE_FILES),
                scenario("stdio_order", Reference.GLIBC_STATIC, Capture.TERMINAL),
                scenario("stdio_files", Reference.GLIBC_STATIC, Capture.SEPARATE_FILES),
                scenario("process", Reference.GLIBC_STATIC, Capture.MERGED_PIPE),
                scenario("process", Reference.GLIBC_STATIC, Capture.SEPARATE_FILES),
                scenario("process", Reference.GLIBC_STATIC, Capture.TERMINAL),
                scenario("sigtimers", Reference.GLIBC_STATIC, Capture.SEPARATE_FILES),
                // Static glibc already uses its heap before main; the dynamic one starts pristine, like ours.
                scenario("malloc_seq", Reference.GLIBC_DYNAMIC, Capture.MERGED_PIPE),
                scenario("malloc_seq", Reference.GLIBC_DYNAMIC, Capture.SEPARATE_FILES),
                scenario("malloc_stress", Reference.GLIBC_DYNAMIC, Capture.MERGED_PIPE),
                scenario("getline_heap", Reference.GLIBC_DYNAMIC, Capture.SEPARATE_FILES),
                scenario("qsort_heap", Reference.GLIBC_DYNAMIC, Capture.SEPARATE_FILES));
    }

    private static Arguments scenario(String program, Reference reference, Capture capture) {
        return Arguments.of(program, reference, capture);
    }

    private static boolean containsText(Path binary, String text) throws java.io.IOException {
        return new String(Files.readAllBytes(binary), StandardCharsets.ISO_8859_1).contains(text);
    }

    @ParameterizedTest(name = "{0} ({2})")
    @MethodSource("scenarios")
    void printsWhatGlibcPrints(String program, Reference reference, Capture capture) throws Exception {
        compare(NativeToolchain.libcDir().resolve("src/test/c/" + program + ".c"), reference, capture);
    }

    /**
     * The seed programs guest-programs/NAME/NAME.c whose output is the same on every run; those printing
     * pointers ({addr} in their expected.out) differ from run to run under ASLR.
     */
    static Stream<String> seedPrograms() throws java.io.IOException {
        Path dir = NativeToolchain.libcDir().resolveSibling("guest-programs");
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> folders = Files.list(dir)) {
            List<String> names = new java.util.ArrayList<>();
            for (Path folder : folders.sorted().toList()) {
                String name = folder.getFileName().toString();
                Path expected = folder.resolve("expected.out");
                if (Files.isRegularFile(folder.resolve(name + ".c")) && Files.isRegularFile(expected)
                        && !Files.readString(expected).contains("{addr}")) {
                    names.add(name);
                }
            }
            return names.stream();
        }
    }

    @ParameterizedTest(name = "guest-programs/{0}")
    @MethodSource("seedPrograms")
    void seedProgramPrintsWhatGlibcPrints(String name) throws Exception {
        Path source = NativeToolchain.libcDir().resolveSibling("guest-programs").resolve(name).resolve(name + ".c");
        compare(source, Reference.GLIBC_STATIC, Capture.SEPARATE_FILES);
    }

    private static void compare(Path source, Reference reference, Capture capture) throws Exception {
        String program = source.getFileName().toString();
        if (capture == Capture.TERMINAL) {
            assumeTrue(NativeToolchain.available("script"), "script(1) is needed for a pseudo-terminal");
        }
        Path ours = toolchain.buildOurs(source);
        Path glibc = toolchain.buildGlibc(source, reference);
        assertTrue(containsText(ours, "__vformat"), "our build must link our libc");
        assertFalse(containsText(glibc, "__vformat"), "the reference build must not");
        String stdin = "first line\nsecond line\n  third, with  words\nno newline at end";
        Outcome expected = toolchain.execute(glibc, List.of("alpha", "beta gamma"), stdin, capture);
        Outcome actual = toolchain.execute(ours, List.of("alpha", "beta gamma"), stdin, capture);
        assertAll(
                () -> assertEquals(expected.stdout(), actual.stdout(), program + ": stdout"),
                () -> assertEquals(expected.stderr(), actual.stderr(), program + ": stderr"),
                () -> assertEquals(expected.status(), actual.status(), program + ": exit status"));
    }
}
