package dev.boardup.toolchain.cc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Differential fuzzing of C's conversion rules: random integer and floating expressions over variables of every
 * arithmetic type, compiled by gcc -O0 and by us; both programs must print the same values.
 */
class RandomExpressionTest {
    private static final String[] TYPES = {"signed char", "unsigned char", "short", "unsigned short", "int", "unsigned",
        "long", "unsigned long", "_Bool", "double", "float"};
    private static final String[] INT_OPS = {"+", "-", "*", "&", "|", "^", "<", "<=", ">", ">=", "==", "!=", "&&", "||"};

    private Path dir;

    @BeforeProperty
    void makeDir() throws Exception { dir = Files.createTempDirectory("cc-rand"); }

    @AfterProperty
    void removeDir() throws Exception {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Generates an expression; integer-only when the result feeds an integer-only operator. */
    private static String expr(Random r, int depth, boolean intOnly) {
        if (depth == 0 || r.nextInt(4) == 0) {
            int v = r.nextInt(TYPES.length);
            if (intOnly && v >= 9) v = r.nextInt(9);
            return "v" + v;
        }
        switch (r.nextInt(8)) {
            case 0: {
                int t = r.nextInt(intOnly ? 9 : TYPES.length);
                // float-to-integer conversions of out-of-range values are undefined; keep casts integer-to-any
                return "(" + TYPES[t] + ")(" + expr(r, depth - 1, true) + ")";
            }
            case 1:
                return "(" + expr(r, depth - 1, true) + " / (" + "(" + expr(r, depth - 1, true) + " & 7) + 1))";
            case 2:
                return "(" + expr(r, depth - 1, true) + " % ((" + expr(r, depth - 1, true) + " & 7) + 1))";
            case 3:
                return "(" + expr(r, depth - 1, true) + (r.nextBoolean() ? " << " : " >> ") + "(" + expr(r, depth - 1, true) + " & 15))";
            case 4:
                return "(" + expr(r, depth - 1, intOnly) + " ? " + expr(r, depth - 1, intOnly) + " : " + expr(r, depth - 1, intOnly) + ")";
            case 5:
                return (r.nextBoolean() ? "-" : r.nextBoolean() ? "~" : "!") + "(" + expr(r, depth - 1, true) + ")";
            default: {
                String op = INT_OPS[r.nextInt(INT_OPS.length)];
                boolean bitwise = op.equals("&") || op.equals("|") || op.equals("^");
                return "(" + expr(r, depth - 1, intOnly || bitwise) + " " + op + " " + expr(r, depth - 1, intOnly || bitwise) + ")";
            }
        }
    }

    private static String program(long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("int printf(const char *, ...);\n");
        long[] init = {-7, 200, -30000, 65000, -123456789, 4000000000L, -5000000000000L, Long.parseUnsignedLong("18000000000000000000"), 1};
        for (int i = 0; i < TYPES.length; i++) {
            String v = i < 9 ? Long.toUnsignedString(init[i] + r.nextInt(50)) + (i >= 7 ? "UL" : i == 6 ? "L" : "")
                             : (r.nextInt(2000) - 1000) / 8.0 + "";
            if (i == 8) v = "1";
            sb.append("volatile ").append(TYPES[i]).append(" v").append(i).append(" = ").append(v).append(";\n");
        }
        sb.append("int main(void) {\n");
        for (int i = 0; i < 40; i++) {
            String e = expr(r, 4, false);
            sb.append("  { __typeof__(").append(e).append(") x = ").append(e).append("; ")
              .append("printf(\"%d %d %.17g\\n\", ").append(i).append(", (int)sizeof(x), (double)x); }\n");
        }
        sb.append("  return 0;\n}\n");
        return sb.toString();
    }

    @Property(tries = 12, shrinking = ShrinkingMode.OFF)
    void sameValuesAsGcc(@ForAll long seed) throws Exception {
        String src = program(seed);
        Path c = dir.resolve("r.c");
        Files.writeString(c, src);
        NativeTools.runChecked(dir, "gcc", "-w", "-O0", "-o", "native", c.toString());
        String expected = NativeTools.runChecked(dir, dir.resolve("native").toString()).stdout();
        Path s = dir.resolve("r.s");
        Files.writeString(s, Compiler.compile(src, "r.c", CompileOptions.defaults()));
        NativeTools.runChecked(dir, "gcc", "-o", "ours", s.toString());
        String actual = NativeTools.run(dir, dir.resolve("ours").toString()).stdout();
        assertEquals(expected, actual, () -> "seed " + seed + "\n" + src);
    }
}
