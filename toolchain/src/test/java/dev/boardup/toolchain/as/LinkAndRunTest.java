package dev.boardup.toolchain.as;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our objects, linked by GNU ld, run natively and behave exactly like the gcc-built programs. */
class LinkAndRunTest {
    @TempDir
    Path dir;

    private Path assembleWithUs(String name, String source) throws IOException {
        Path o = dir.resolve(name + ".o");
        Files.write(o, Assembler.assemble(source, name + ".s"));
        return o;
    }

    @Test
    void freestandingStartLinkedWithLdRuns() throws IOException {
        assumeTrue(Gas.available("ld"), "GNU ld needed");
        Path o = assembleWithUs("start", AssemblerCorpusTest.resource("start.s"));
        Path exe = dir.resolve("start");
        Gas.check(List.of("ld", "-static", "-o", exe.toString(), o.toString()), dir);
        Gas.Result r = Gas.run(List.of(exe.toString()), dir);
        assertEquals("counting: 0 1 2 3 4\n", r.stdout());
        assertEquals(7, r.exitCode());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"lists.c, -O2", "lists.c, -O0", "numeric.c, -O2", "numeric.c, -O1 -g", "tls.c, -O2", "tls.c, -O0"})
    void compiledProgramBehavesLikeGccBuiltOne(String program, String flags) throws IOException {
        assumeTrue(Gas.available("gcc"), "gcc needed to compile and link");
        Path c = dir.resolve(program);
        Files.writeString(c, AssemblerCorpusTest.resource("c/" + program));
        String stem = program.replace(".c", "");
        Path s = dir.resolve(stem + ".s");
        List<String> compile = new ArrayList<>(List.of("gcc", "-S", "-o", s.toString()));
        compile.addAll(List.of(flags.split(" ")));
        compile.add(c.toString());
        Gas.check(compile, dir);
        Path ours = assembleWithUs(stem, Files.readString(s, StandardCharsets.ISO_8859_1));
        Path ourExe = dir.resolve(stem + ".ours");
        Gas.check(List.of("gcc", "-o", ourExe.toString(), ours.toString()), dir);
        Path refExe = dir.resolve(stem + ".ref");
        Gas.check(List.of("gcc", "-o", refExe.toString(), s.toString()), dir);
        Gas.Result expected = Gas.run(List.of(refExe.toString()), dir);
        Gas.Result actual = Gas.run(List.of(ourExe.toString()), dir);
        assertEquals(expected.stdout(), actual.stdout());
        assertEquals(expected.exitCode(), actual.exitCode());
    }

    @Test
    void gdbMapsAddressesToLinesThroughOurLineTable() throws IOException {
        assumeTrue(Gas.available("gcc") && Gas.available("gdb"), "gcc and gdb needed");
        Path c = dir.resolve("numeric.c");
        Files.writeString(c, AssemblerCorpusTest.resource("c/numeric.c"));
        Path s = dir.resolve("numeric.s");
        Gas.check(List.of("gcc", "-S", "-g", "-O0", "-o", s.toString(), c.toString()), dir);
        Path o = assembleWithUs("numeric", Files.readString(s, StandardCharsets.ISO_8859_1));
        Path exe = dir.resolve("numeric");
        Gas.check(List.of("gcc", "-o", exe.toString(), o.toString()), dir);
        String info = Gas.check(List.of("gdb", "-batch", "-nx", "-ex", "info line fib", exe.toString()), dir).stdout();
        assertTrue(info.matches("(?s).*Line 14 of \"[^\"]*numeric.c\" starts at address.*"), info);
    }
}
