package dev.boardup.toolchain.cc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invalid programs give a CompileError at the right line and column, rendered like gcc. */
class CompileErrorTest {
    private static CompileError errorOf(String src) {
        return assertThrows(CompileError.class, () -> Compiler.compile(src, "t.c", CompileOptions.defaults()));
    }

    static Stream<Arguments> errors() {
        return Stream.of(
            Arguments.of("int main(void) { return x; }", 1, 25, "'x' undeclared"),
            Arguments.of("int main(void) {\n  int a = 1;\n  a = b + 1;\n}", 3, 7, "'b' undeclared"),
            Arguments.of("int main(void) { int a; a = 1 }", 1, 31, "expected ';'"),
            Arguments.of("int main(void) { foo(1); }", 1, 18, "implicit declaration of function 'foo'"),
            Arguments.of("struct s { int a; };\nint main(void) { struct s v; return v.b; }", 2, 39, "no member named 'b'"),
            Arguments.of("int main(void) { int a; return *a; }", 1, 32, "invalid type argument of unary '*'"),
            Arguments.of("struct s { int a; };\nint f(struct s v) { return v + 1; }", 2, 30, "invalid operands to binary +"),
            Arguments.of("int main(void) { int *p; double d; return p * d; }", 1, 45, "invalid operands to binary *"),
            Arguments.of("int main(void) { 3 = 4; }", 1, 20, "lvalue required"),
            Arguments.of("int main(void) { break; }", 1, 18, "break statement not within loop or switch"),
            Arguments.of("int main(void) { goto nowhere; }", 1, 23, "label 'nowhere' used but not defined"),
            Arguments.of("int f(int a, int b);\nint main(void) { return f(1); }", 2, 28, "too few arguments"),
            Arguments.of("int main(void) { int a[2]; int b[2]; a = b; }", 1, 40, "assignment to expression with array type"),
            Arguments.of("_Static_assert(1 == 2, \"math\");", 1, 1, "static assertion failed: \"math\""),
            Arguments.of("int main(void) { return 'ab; }", 1, 25, "missing terminating ' character"),
            Arguments.of("int main(void) { char *s = \"abc; }", 1, 28, "missing terminating \" character"),
            Arguments.of("int main(void) { int x = 09; }", 1, 26, "invalid numeric constant"),
            Arguments.of("int a;\nlong a;", 2, 6, "conflicting types for 'a'"),
            Arguments.of("int f(void) { return 1; }\nint f(void) { return 2; }", 2, 5, "redefinition of 'f'"),
            Arguments.of("void f(void) { int x = sizeof(struct nope); }", 1, 24, "invalid application of 'sizeof' to incomplete type"),
            Arguments.of("int main(void) { switch (1.5) { } }", 1, 26, "switch quantity not an integer"),
            Arguments.of("int main(void) { int x; x.y = 1; }", 1, 27, "request for member 'y' in something not a structure or union"),
            Arguments.of("int main(void) { unknown_t x; }", 1, 18, "unknown type name 'unknown_t'"),
            Arguments.of("int main(void) { return 1 +; }", 1, 28, "expected expression before ';'"),
            Arguments.of("int main(void) { int v = 1 / 0 ; static int s = 1 / 0; }", 1, 51, "division by zero in constant expression"),
            Arguments.of("int main(void) { int *p = 1.5; }", 1, 27, "incompatible types"),
            Arguments.of("int main(void) { double d; int *p; d = p; }", 1, 40, "incompatible types"),
            Arguments.of("struct s { int a; } v;\nint f(int);\nint main(void) { return f(v); }", 3, 27, "incompatible type for argument 1"),
            Arguments.of("struct s { int a; } v;\nint main(void) { int x = v; }", 2, 26, "incompatible types"),
            Arguments.of("int main(void) { switch (1) { case 1: case 1: ; } }", 1, 39, "duplicate case value"),
            Arguments.of("int main(void) { int x = 1; x(); }", 1, 29, "called object is not a function"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void reportsLocation(String src, int line, int col, String message) {
        CompileError e = errorOf(src);
        assertTrue(e.getMessage().contains(message), () -> "message: " + e + "\nsource: [" + src + "]");
        assertEquals(line, e.line(), () -> e.toString());
        assertEquals(col, e.column(), () -> e.toString());
        assertEquals("t.c", e.file());
    }

    @Test
    void rendersLikeGcc() {
        CompileError e = errorOf("int main(void) {\n\treturn y;\n}\n");
        assertEquals("t.c:2:9: error: 'y' undeclared\n    2 | \treturn y;\n      | \t       ^", e.toString());
    }

    @Test
    void lineMarkersSetFileAndLine() {
        String src = "# 1 \"main.c\"\n# 1 \"inc.h\" 1\nint ok;\n# 7 \"main.c\" 2\nint main(void) { return nope; }\n";
        CompileError e = errorOf(src);
        assertEquals("main.c", e.file());
        assertEquals(7, e.line());
        assertEquals(25, e.column());
    }

    @Test
    void deepNestingIsAnErrorNotACrash() {
        String deep = "int main(void) { return " + "(".repeat(100_000) + "1" + ")".repeat(100_000) + "; }";
        assertTrue(errorOf(deep).getMessage().contains("nesting too deep"));
        String blocks = "int main(void) " + "{".repeat(50_000) + "}".repeat(50_000);
        assertTrue(errorOf(blocks).getMessage().contains("nesting too deep"));
        String unary = "int main(void) { return " + "-".repeat(100_000) + "1; }";
        assertTrue(errorOf(unary).getMessage().contains("nesting too deep"));
    }

    @Test
    void longFlatExpressionsCompile() {
        String sum = "int main(void) { int x = 1; return " + "x + ".repeat(20_000) + "x; }";
        String asm = Compiler.compile(sum, "t.c", CompileOptions.defaults());
        assertTrue(asm.contains("main:"));
    }
}
