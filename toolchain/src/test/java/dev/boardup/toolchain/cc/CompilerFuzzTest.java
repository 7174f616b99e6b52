package dev.boardup.toolchain.cc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Whatever the input, the compiler either succeeds or throws a CompileError; never any other exception. */
class CompilerFuzzTest {
    private static final List<String> SEEDS = List.of("arith", "control", "pointer", "struct", "init", "decl", "float", "varargs", "misc", "literals", "vla", "asm")
        .stream().map(CompilerFuzzTest::readSource).toList();

    private static final List<String> FRAGMENTS = List.of(
        "int", "char", "long", "unsigned", "double", "float", "void", "struct", "union", "enum", "typedef", "static",
        "const", "return", "if", "else", "for", "while", "do", "switch", "case", "default", "break", "continue", "goto",
        "sizeof", "_Alignof", "_Generic", "_Static_assert", "x", "y", "f", "s", "main", "0", "1", "42", "0x1f", "1.5",
        "'a'", "\"str\"", "(", ")", "{", "}", "[", "]", ";", ",", ".", "->", "*", "&", "+", "-", "/", "%", "=", "==",
        "<", ">", "<<", ">>", "!", "~", "?", ":", "...", "++", "--", "+=", "&&", "||", "#", "__attribute__", "va_arg");

    private static String readSource(String name) {
        try {
            String src = Files.readString(NativeTools.RESOURCES.resolve(name + ".c"));
            return src.replace("#include \"test.h\"", "int printf(const char *, ...); void exit(int);")
                      .replace("#include <stdarg.h>", "typedef __builtin_va_list va_list;");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void compileOrError(String src) {
        try {
            Compiler.compile(src, "fuzz.c", CompileOptions.defaults());
        } catch (CompileError e) {
            assertFalse(e.getMessage().startsWith("internal compiler error"), () -> e.toString() + "\n--- input:\n" + src);
        }
    }

    @Property(tries = 300)
    void tokenSoup(@ForAll("soup") String src) {
        compileOrError(src);
    }

    @Property(tries = 300)
    void mutatedPrograms(@ForAll("mutants") String src) {
        compileOrError(src);
    }

    @Property(tries = 200)
    void randomText(@ForAll("text") String src) {
        compileOrError(src);
    }

    @Provide
    Arbitrary<String> soup() {
        return Arbitraries.of(FRAGMENTS).list().ofMinSize(0).ofMaxSize(80).map(l -> String.join(" ", l));
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().withChars("intcharf(){}[];,.*&+-/=<>!~?:'\"\\#0123456789xe \n\t_ab").ofMaxLength(200);
    }

    /** A seed program with one span deleted, duplicated, or replaced by a fragment. */
    @Provide
    Arbitrary<String> mutants() {
        Arbitrary<String> seed = Arbitraries.of(SEEDS).map(s -> s.substring(0, Math.min(s.length(), 4000)));
        Arbitrary<Double> at = Arbitraries.doubles().between(0, 1);
        Arbitrary<Integer> len = Arbitraries.integers().between(0, 40);
        Arbitrary<Integer> op = Arbitraries.integers().between(0, 2);
        Arbitrary<String> frag = Arbitraries.of(FRAGMENTS);
        return Combinators.combine(seed, at, len, op, frag).as((s, a, n, o, f) -> {
            int i = (int) (a * s.length());
            int j = Math.min(s.length(), i + n);
            return switch (o) {
                case 0 -> s.substring(0, i) + s.substring(j);
                case 1 -> s.substring(0, j) + s.substring(i, j) + s.substring(j);
                default -> s.substring(0, i) + " " + f + " " + s.substring(j);
            };
        });
    }
}
