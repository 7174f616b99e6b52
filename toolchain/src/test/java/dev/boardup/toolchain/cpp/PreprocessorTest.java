package dev.boardup.toolchain.cpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The preprocessor against gcc -E: same tokens out for a corpus of macro trickery, and gcc-shaped errors. */
class PreprocessorTest {
    @TempDir Path dir;

    static Stream<Path> corpus() throws IOException, URISyntaxException {
        Path root = Path.of(PreprocessorTest.class.getResource("/cpp").toURI());
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(p -> p.toString().endsWith(".c")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void sameTokensAsGcc(Path source) throws Exception {
        String ours = new Preprocessor().lineMarkers(false).warnings(w -> {}).preprocessFile(source);
        String gcc = Gcc.run(source.getParent(), "gcc", "-E", "-P", "-undef", "-std=c11", source.toString());
        assertEquals(tokens(gcc), tokens(ours), () -> "ours:\n" + ours + "\ngcc:\n" + gcc);
    }

    /**
     * The C library's headers, preprocessed with gcc's own predefined macros and include path: every token must
     * come out the same and be placed at the same file and line as gcc -E places it.
     */
    @Test
    void systemHeadersLikeGcc() throws Exception {
        Files.writeString(dir.resolve("gccdefs.h"), Gcc.run(dir, "sh", "-c", "gcc -dM -E - </dev/null"));
        Path source = dir.resolve("headers.c");
        StringBuilder sb = new StringBuilder("#include \"gccdefs.h\"\n");
        for (String h : List.of("stdio.h", "stdlib.h", "string.h", "math.h", "stdint.h", "inttypes.h", "limits.h",
                "float.h", "stdarg.h", "stddef.h", "errno.h", "ctype.h", "time.h", "signal.h", "setjmp.h", "assert.h",
                "unistd.h", "fcntl.h", "sys/stat.h", "wchar.h", "complex.h", "tgmath.h")) {
            sb.append("#include <").append(h).append(">\n");
        }
        sb.append("int main(void) { printf(\"%d\\n\", INT_MAX); assert(errno == 0); return isalpha('a') + (int) sqrt(2.0); }\n");
        Files.writeString(source, sb.toString());
        Preprocessor ours = new Preprocessor().warnings(w -> {});
        for (String d : Gcc.run(dir, "sh", "-c", "echo | gcc -xc -E -v - 2>&1 | sed -n '/^#include </,/^End/p' | sed '1d;$d'")
                .lines().map(String::trim).toList()) {
            ours.systemIncludePath(Path.of(d));
        }
        List<String> expected = placedTokens(Gcc.run(dir, "gcc", "-E", "-undef", source.toString()));
        List<String> actual = placedTokens(ours.preprocessFile(source));
        assertTrue(expected.size() > 10000, "gcc gave " + expected.size() + " tokens");
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            int at = i;
            assertEquals(expected.get(i), actual.get(i), () -> "token " + at);
        }
        assertEquals(expected.size(), actual.size());
    }

    /** Each token as "file:line: text", following the line markers and newlines of -E output. */
    static List<String> placedTokens(String output) throws PreprocessError {
        List<String> out = new ArrayList<>();
        String file = "?";
        int line = 0;
        for (String l : output.split("\n", -1)) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^# (\\d+) \"(.*?)\"").matcher(l);
            if (m.find()) {
                line = Integer.parseInt(m.group(1));
                file = m.group(2);
                continue;
            }
            if (!l.startsWith("#pragma")) {
                for (String t : tokens(l)) out.add(file + ":" + line + ": " + t);
            }
            line++;
        }
        return out;
    }

    static List<String> tokens(String text) throws PreprocessError {
        List<String> out = new ArrayList<>();
        for (Token t : Lexer.tokenizeFragment(text, null)) out.add(t.text);
        return out;
    }

    private String pp(String source) throws PreprocessError {
        return new Preprocessor().lineMarkers(false).warnings(w -> {}).preprocess(source, dir.resolve("t.c").toString());
    }

    static Stream<Path> erroneous() throws IOException, URISyntaxException {
        Path root = Path.of(PreprocessorTest.class.getResource("/cpp/errors").toURI());
        try (Stream<Path> files = Files.list(root)) {
            return files.sorted().toList().stream();
        }
    }

    /** Each broken file gives gcc's first diagnostic: same file:line:column, same words. */
    @ParameterizedTest
    @MethodSource("erroneous")
    void errorsLikeGcc(Path source) throws Exception {
        Files.copy(source, dir.resolve(source.getFileName()));
        String name = source.getFileName().toString();
        Process p = new ProcessBuilder("gcc", "-E", name).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String gcc = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains("error:")).findFirst().orElseThrow();
        p.waitFor();
        PreprocessError e = assertThrows(PreprocessError.class,
                () -> new Preprocessor().warnings(w -> {}).preprocess(Files.readString(source), name));
        assertEquals(gcc, e.getMessage());
    }

    @Test
    void reTokenisesIdenticallyWhereMacrosMeet() throws Exception {
        assertEquals(List.of("+", "+", "-", "-", "x", ".", "1", "a", "b", "L", "'a'"),
                tokens(pp("#define P +\n#define M -\n#define D 1\n#define E\nP+M-x.D a/**/b L/**/E'a'\n")));
        assertEquals(List.of("a", "+", "+", "b"), tokens(pp("#define PLUS +\na PLUS+b\n")));
    }

    @Test
    void commandLineDefinesAndUndefines() throws Exception {
        String out = new Preprocessor().lineMarkers(false).define("A").define("B=2+3").define("F(x)=[x]")
                .define("C=1").undefine("C").preprocess("A B F(9) C __STDC_VERSION__ __x86_64__\n", "d.c");
        assertEquals(List.of("1", "2", "+", "3", "[", "9", "]", "C", "201112L", "1"), tokens(out));
    }

    @Test
    void doesNotClaimToBeGcc() throws Exception {
        assertEquals(List.of("__GNUC__", "1", "8", "4", "long", "unsigned", "int"),
                tokens(pp("__GNUC__ __boardup__ __SIZEOF_LONG__ __SIZEOF_INT__ __SIZE_TYPE__\n")));
    }

    @Test
    void lineAndFileFollowLineDirective() throws Exception {
        String out = pp("__LINE__\n#line 100 \"other.c\"\n__LINE__ __FILE__\n\n__LINE__\n");
        assertEquals(List.of("1", "100", "\"other.c\"", "102"), tokens(out));
    }

    @Test
    void lineMarkersForIncludes() throws Exception {
        Files.writeString(dir.resolve("a.h"), "int a;\n");
        Path main = dir.resolve("m.c");
        Files.writeString(main, "int x;\n#include \"a.h\"\nint y;\n\n\n\n\n\n\n\n\n\n\n\nint z;\n");
        String out = new Preprocessor().preprocessFile(main);
        List<String> lines = out.lines().toList();
        String header = dir.resolve("a.h").toString();
        assertEquals(List.of("# 1 \"" + main + "\"", "int x;", "# 1 \"" + header + "\" 1", "int a;",
                "# 3 \"" + main + "\" 2", "int y;", "# 15 \"" + main + "\"", "int z;"), lines);
    }

    @Test
    void includeSearchOrder() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Path inc = Files.createDirectories(dir.resolve("inc"));
        Path sys = Files.createDirectories(dir.resolve("sys"));
        Files.writeString(sub.resolve("h.h"), "from_sub\n");
        Files.writeString(inc.resolve("h.h"), "from_inc\n#include_next <h.h>\n");
        Files.writeString(sys.resolve("h.h"), "from_sys\n");
        Files.writeString(sys.resolve("once.h"), "#pragma once\nonce_body\n");
        Path main = sub.resolve("main.c");
        Files.writeString(main, """
                #include "h.h"
                #include <h.h>
                #include <once.h>
                #include <once.h>
                #define HDR <once.h>
                #include HDR
                #if __has_include(<once.h>) && !__has_include("missing.h") && defined __has_include
                has_include
                #endif
                """);
        String out = new Preprocessor().lineMarkers(false).includePath(inc).systemIncludePath(sys).preprocessFile(main);
        assertEquals(List.of("from_sub", "from_inc", "from_sys", "once_body", "has_include"), tokens(out));
    }

    @Test
    void preIncludeComesFirst() throws Exception {
        Path config = dir.resolve("config.h");
        Files.writeString(config, "#define WIDTH 80\n");
        String out = new Preprocessor().lineMarkers(false).preInclude(config).preprocess("int w = WIDTH;\n", "m.c");
        assertEquals(List.of("int", "w", "=", "80", ";"), tokens(out));
    }

    @Test
    void includeGuardsSkipOnlyWhatWouldBeSkipped() throws Exception {
        Files.writeString(dir.resolve("g.h"), "/* guarded */\n#ifndef G_H\n#define G_H\nbody\n#endif\n");
        Files.writeString(dir.resolve("notguard.h"), "#ifndef N_H\n#define N_H\nfirst\n#else\nagain\n#endif\n");
        String out = pp("#include \"g.h\"\n#include \"g.h\"\n#undef G_H\n#include \"g.h\"\n"
                + "#include \"notguard.h\"\n#include \"notguard.h\"\n");
        assertEquals(List.of("body", "body", "first", "again"), tokens(out));
    }

    @Test
    void missingIncludeIsFatalLikeGcc() {
        PreprocessError e = assertThrows(PreprocessError.class, () -> pp("\n#include \"nope.h\"\n"));
        assertEquals(dir.resolve("t.c") + ":2:10: fatal error: nope.h: No such file or directory", e.getMessage());
    }

    @Test
    void errorsCarryLineAndColumn() {
        String t = dir.resolve("t.c").toString();
        assertEquals(t + ":3:2: error: #error stop here now",
                assertThrows(PreprocessError.class, () -> pp("\n\n#error stop  here now\n")).getMessage());
        assertEquals(t + ":1: error: unterminated #ifdef",
                assertThrows(PreprocessError.class, () -> pp("#ifdef X\n")).getMessage());
        assertEquals(t + ":2:4: error: macro \"f\" requires 2 arguments, but only 1 given",
                assertThrows(PreprocessError.class, () -> pp("#define f(a,b) a\nf(1)\n")).getMessage());
        assertEquals(t + ":1:7: error: division by zero in #if",
                assertThrows(PreprocessError.class, () -> pp("#if 1 / 0\n#endif\n")).getMessage());
        assertEquals(t + ":1:8: error: operator '+' has no right operand",
                assertThrows(PreprocessError.class, () -> pp("#if 1 +\n#endif\n")).getMessage());
        assertEquals(t + ":1:4: error: #if with no expression",
                assertThrows(PreprocessError.class, () -> pp("#if\n#endif\n")).getMessage());
        assertEquals(t + ":1:2: error: #endif without #if",
                assertThrows(PreprocessError.class, () -> pp("#endif\n")).getMessage());
        assertEquals(t + ":2:3: error: pasting \"+\" and \"/\" does not give a valid preprocessing token",
                assertThrows(PreprocessError.class, () -> pp("#define P(a,b) a##b\nP(+,/)\n")).getMessage());
        assertEquals(t + ":1:5: error: missing terminating ' character",
                assertThrows(PreprocessError.class, () -> pp("int 'x;\n")).getMessage());
        assertTrue(assertThrows(PreprocessError.class, () -> pp("#define f(x) #y\n")).getMessage()
                .endsWith("error: '#' is not followed by a macro parameter"));
    }

    @Test
    void conditionalsMustCloseInTheirOwnFile() throws Exception {
        Files.writeString(dir.resolve("open.h"), "#if 1\nint in_header;\n");
        PreprocessError e = assertThrows(PreprocessError.class, () -> pp("#include \"open.h\"\n#endif\n"));
        assertEquals(dir.resolve("open.h") + ":1: error: unterminated #if", e.getMessage());
        Files.writeString(dir.resolve("skipped.h"), "#if 0\nint hidden;\n");
        e = assertThrows(PreprocessError.class, () -> pp("#include \"skipped.h\"\nint visible;\n#endif\n"));
        assertEquals(dir.resolve("skipped.h") + ":1: error: unterminated #if", e.getMessage());
    }

    @Test
    void warningsGoToTheSink() throws Exception {
        List<String> warnings = new ArrayList<>();
        new Preprocessor().warnings(warnings::add).preprocess("#warning careful\n#define A 1\n#define A 2\n", "w.c");
        assertEquals(List.of("w.c:1:2: warning: #warning careful [-Wcpp]", "w.c:3:9: warning: \"A\" redefined"), warnings);
    }

    @Test
    void assemblerModePassesCommentsThrough() throws Exception {
        String source = "# a comment, isn't it\n#define REG %rax\n    mov $1, REG # don't\n#if 1\n    ret\n#endif\n";
        String ours = new Preprocessor().assembler(true).lineMarkers(false).preprocess(source, dir.resolve("x.S").toString());
        Files.writeString(dir.resolve("x.S"), source);
        String gcc = Gcc.run(dir, "gcc", "-E", "-P", "-undef", "x.S");
        assertEquals(gcc.replaceAll("\\s+", " ").trim(), ours.replaceAll("\\s+", " ").trim());
        assertThrows(PreprocessError.class, () -> pp("# a comment\n"));
    }

    @Test
    void pragmasPassThrough() throws Exception {
        assertEquals("#pragma pack(1)\nint x;\n#pragma weak foo\n",
                pp("#pragma pack(1)\nint x; _Pragma(\"weak foo\")\n"));
    }

    /** Runs a native tool and returns its standard output. */
    static final class Gcc {
        static String run(Path cwd, String... command) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(command).directory(cwd.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        }
    }
}
