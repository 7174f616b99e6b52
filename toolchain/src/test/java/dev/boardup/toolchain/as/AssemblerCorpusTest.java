package dev.boardup.toolchain.as;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Assembles a corpus with GNU as and with ours and requires identical objects (see {@link ObjectComparison}). */
class AssemblerCorpusTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void tools() {
        assumeTrue(Gas.available("as") && Gas.available("objdump"), "GNU binutils needed as the oracle");
    }

    static String resource(String name) throws IOException {
        try (InputStream in = AssemblerCorpusTest.class.getResourceAsStream("/as/" + name)) {
            if (in == null) throw new IOException("missing test resource /as/" + name);
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    static Stream<String> handWritten() {
        return Stream.of("integer.s", "sse.s", "x87.s", "control.s", "data.s", "start.s", "lines.s",
                "macros.s");
    }

    @ParameterizedTest
    @MethodSource("handWritten")
    void handWrittenSourceMatchesGas(String name) throws IOException {
        ObjectComparison.assertSameAsGas(dir, name.replace(".s", ""), resource(name));
    }

    static Stream<Arguments> compiled() {
        List<Arguments> cases = new ArrayList<>();
        for (String program : List.of("lists.c", "numeric.c", "tls.c")) {
            for (String flags : List.of("-O0", "-O2", "-Os", "-O2 -g", "-O0 -g -fPIC", "-O3 -fno-pie",
                    "-O2 -fcf-protection=full -fstack-protector-strong", "-O1 -fPIC -fno-plt -ffunction-sections")) {
                cases.add(Arguments.of(program, flags));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "gcc -S {1} {0}")
    @MethodSource("compiled")
    void gccOutputMatchesGas(String program, String flags) throws IOException {
        assumeTrue(Gas.available("gcc"), "gcc needed to produce assembly");
        Path c = dir.resolve(program);
        Files.writeString(c, resource("c/" + program));
        String stem = program.replace(".c", "") + flags.replace(" ", "").replace("-", "_");
        Path s = dir.resolve(stem + ".s");
        List<String> command = new ArrayList<>(List.of("gcc", "-S", "-o", s.toString()));
        command.addAll(List.of(flags.split(" ")));
        command.add(c.toString());
        Gas.check(command, dir);
        ObjectComparison.assertSameAsGas(dir, stem, Files.readString(s, StandardCharsets.ISO_8859_1));
    }
}
