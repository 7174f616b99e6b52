package dev.boardup.toolchain.cc;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Programs using glibc's own headers, compiled once by gcc and once by us: the two must print the same thing. */
class DifferentialTest {
    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sort", "text", "tree", "calc", "ldouble", "ldeep"})
    void sameOutputAsGcc(String name) throws Exception {
        Path src = NativeTools.RESOURCES.resolve("diff/" + name + ".c");
        NativeTools.runChecked(dir, "gcc", "-w", "-o", "native", src.toString(), "-lm");
        NativeTools.Result expected = NativeTools.runChecked(dir, dir.resolve("native").toString());
        Path s = NativeTools.compileOurs(dir, src, CompileOptions.defaults());
        Path exe = NativeTools.link(dir, "ours", s);
        NativeTools.Result actual = NativeTools.run(dir, exe.toString());
        assertFalse(expected.stdout().isEmpty());
        assertEquals(expected.stdout(), actual.stdout());
        assertEquals(expected.exitCode(), actual.exitCode());
    }
}
