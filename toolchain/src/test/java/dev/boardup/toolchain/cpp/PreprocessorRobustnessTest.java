package dev.boardup.toolchain.cpp;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever text comes in, the preprocessor answers with output or a PreprocessError, never another exception. */
class PreprocessorRobustnessTest {
    private static final String[] FRAGMENTS = {
        "#define ", "#define F(x, ...) ", "#define G() ", "#undef ", "#if ", "#ifdef ", "#ifndef ", "#elif ", "#else",
        "#endif", "#include ", "#line ", "#error ", "#pragma ", "#", "##", "# x", "__VA_ARGS__", "__VA_OPT__(",
        "defined", "defined(", "__has_include(", "F", "G", "x", "y", "(", ")", ",", "...", "1", "0x", "9999999999999999999999",
        "'a'", "'", "\"s\"", "\"", "/*", "*/", "//", "\\\n", "\n", " ", "+", "-", "/", "%", "<", ">", "<:", "%:",
        "?", ":", "!", "~", "&&", "||", "__LINE__", "__FILE__", "__COUNTER__", "_Pragma(", "L'\\x", "u8\"", "'\\u", "'\\U0011ffff'", "#line 99999999999 ", "#line 2 \"f\"",
    };

    @Provide
    Arbitrary<String> soups() {
        return Arbitraries.of(FRAGMENTS).list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    @Property(tries = 400)
    void answersOrReportsAnError(@ForAll("soups") String source) {
        try {
            new Preprocessor().warnings(w -> {}).preprocess(source, "fuzz.c");
        } catch (PreprocessError expected) {
            // shaped like gcc's, whatever name #line may have given the file
            if (!expected.getMessage().matches("(?s)[^\\n]+?(:\\d+(:\\d+)?)?: (fatal )?error: .+")) {
                throw new AssertionError("not a gcc-shaped error: " + expected.getMessage());
            }
        }
    }
}
