package dev.boardup.toolchain.as;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random tangles of jumps, alignments and padding: short/long choices must come out exactly as gas's relaxation
 * makes them, including the cases where an alignment absorbs growth; label differences must take the short
 * immediate or displacement forms exactly when gas knows them early (both labels in one frag).
 */
class RelaxationTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void tools() {
        assumeTrue(Gas.available("as") && Gas.available("objdump"), "GNU binutils needed as the oracle");
    }

    static IntStream seeds() {
        return IntStream.range(0, 40);
    }

    static String program(long seed) {
        Random r = new Random(seed);
        int labels = 5 + r.nextInt(60);
        String[] conditions = {"e", "ne", "l", "g", "a", "b", "s", "le"};
        StringBuilder s = new StringBuilder("\t.text\n");
        for (int i = 0; i < labels; i++) {
            s.append(".L").append(i).append(":\n");
            for (int k = r.nextInt(4); k > 0; k--) {
                double c = r.nextDouble();
                int target = r.nextInt(labels + 1);
                if (c < 0.3) s.append("\tjmp .L").append(target).append('\n');
                else if (c < 0.55) s.append("\tj").append(conditions[r.nextInt(conditions.length)]).append(" .L")
                        .append(target).append('\n');
                else if (c < 0.7) s.append("\t.fill ").append(1 + r.nextInt(90)).append(",1,0x90\n");
                else if (c < 0.8) s.append("\t.p2align ").append(1 + r.nextInt(5))
                        .append(r.nextBoolean() ? ",," + (1 + r.nextInt(15)) : "").append('\n');
                else if (c < 0.85) s.append(r.nextBoolean() ? "\taddl $.L" : "\tmovl $.L").append(target).append("-.L")
                        .append(r.nextInt(labels)).append(", %eax\n");
                else if (c < 0.9) s.append("\tleal .L").append(target).append("-.L").append(r.nextInt(labels))
                        .append("(%rax), %eax\n");
                else s.append("\taddq $8, %rsp\n");
            }
        }
        return s.append(".L").append(labels).append(":\tret\n").toString();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void jumpSizesMatchGas(int seed) throws IOException {
        ObjectComparison.assertSameAsGas(dir, "relax" + seed, program(seed));
    }
}
