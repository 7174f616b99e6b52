package dev.boardup.toolchain.as;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random instructions over every register, addressing form and immediate width: whatever GNU as accepts without a
 * warning must come out of our assembler byte for byte, with the same relocations.
 */
class EncodingFuzzTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void tools() {
        assumeTrue(Gas.available("as") && Gas.available("objdump"), "GNU binutils needed as the oracle");
    }

    static IntStream seeds() {
        return IntStream.range(0, 8);
    }

    private static final String[] R64 = "rax rcx rdx rbx rsp rbp rsi rdi r8 r9 r10 r11 r12 r13 r14 r15".split(" ");
    private static final String[] R32 = "eax ecx edx ebx esp ebp esi edi r8d r9d r10d r11d r12d r13d r14d r15d"
            .split(" ");
    private static final String[] R16 = "ax cx dx bx sp bp si di r8w r9w r10w r11w r12w r13w r14w r15w".split(" ");
    private static final String[] R8 = "al cl dl bl spl bpl sil dil r8b r9b r10b r11b r12b r13b r14b r15b ah ch dh bh"
            .split(" ");
    private static final String[] DISPS = {"", "0", "1", "-1", "127", "128", "-128", "-129", "0x7fff",
        "0x12345678", "sym", "sym+4", ".Lx"};
    private static final String[] IMMS = {"0", "1", "-1", "127", "128", "-128", "-129", "255", "256", "0x7fff",
        "0x8000", "-32768", "0xffff", "0x7fffffff", "0x80000000", "-0x80000000", "0xffffffff", "sym", ".Lx-.Ly"};
    private static final String[] SSE = ("addsd subss mulsd divss sqrtsd minsd maxss movss movsd movaps movups "
            + "movdqa movdqu pxor pand paddd pcmpeqb punpcklbw ucomisd comiss andpd xorps cvtss2sd cvtsd2ss").split(" ");

    private final Random r = new Random();

    private <T> T pick(T[] options) {
        return options[r.nextInt(options.length)];
    }

    private String memory() {
        String base = r.nextInt(17) == 16 ? null : R64[r.nextInt(16)];
        String index = r.nextInt(17) >= 15 ? null : pick(R64);
        if ("rsp".equals(index)) index = null;
        String disp = pick(DISPS);
        if (base == null && index == null) {
            if (r.nextInt(10) < 3) return disp + "(%rip)";
            return disp.isEmpty() ? "0x10" : disp;
        }
        StringBuilder s = new StringBuilder(disp).append('(');
        if (base != null) s.append('%').append(base);
        if (index != null) s.append(",%").append(index).append(',').append("1248".charAt(r.nextInt(4)));
        return s.append(')').toString();
    }

    private String register(int size) {
        return "%" + pick(switch (size) {
            case 8 -> R64;
            case 4 -> R32;
            case 2 -> R16;
            default -> R8;
        });
    }

    private String regOrMem(int size) {
        return r.nextBoolean() ? register(size) : memory();
    }

    private static final String[] CC = "e ne l g a b s np le ae".split(" ");

    /** The less common families: bit tests, double shifts, cmov/set, atomics, bit scans, SSE moves, x87, strings. */
    private String moreInstruction() {
        int size = 2 << r.nextInt(3);
        char suffix = "wlq".charAt(Integer.numberOfTrailingZeros(size) - 1);
        int anySize = new int[] {1, 2, 4, 8}[r.nextInt(4)];
        char anySuffix = "bwlq".charAt(Integer.numberOfTrailingZeros(anySize));
        String xmm = "%xmm" + r.nextInt(16);
        return switch (r.nextInt(15)) {
            case 0 -> pick("bt bts btr btc".split(" ")) + suffix + " "
                    + (r.nextBoolean() ? "$" + pick(IMMS) : register(size)) + ", " + regOrMem(size);
            case 1 -> pick("shld shrd".split(" ")) + suffix + " " + pick(new String[] {"$3, ", "%cl, ", ""})
                    + register(size) + ", " + regOrMem(size);
            case 2 -> "cmov" + pick(CC) + suffix + " " + regOrMem(size) + ", " + register(size);
            case 3 -> "set" + pick(CC) + " " + regOrMem(1);
            case 4 -> (r.nextBoolean() ? "lock " : "") + pick("xadd cmpxchg".split(" ")) + anySuffix + " "
                    + register(anySize) + ", " + regOrMem(anySize);
            case 5 -> pick("bsf bsr popcnt lzcnt tzcnt".split(" ")) + suffix + " " + regOrMem(size) + ", "
                    + register(size);
            case 6 -> "movq " + pick(new String[] {register(8), memory(), "%xmm" + r.nextInt(16)}) + ", " + xmm;
            case 7 -> "movq " + xmm + ", " + (r.nextBoolean() ? register(8) : memory());
            case 8 -> "movd " + (r.nextBoolean() ? register(4) : memory()) + ", " + xmm;
            case 9 -> "pshufd $" + r.nextInt(256) + ", " + (r.nextBoolean() ? memory() : "%xmm" + r.nextInt(16))
                    + ", " + xmm;
            case 10 -> pick("flds fldl fldt fstps fstpl fstpt fildl fildll fistpl fistpll fnstcw fldcw fadds fmull"
                    .split(" ")) + " " + memory();
            case 11 -> pick(new String[] {"rep stos", "rep movs", "lods", "scas", "repne scas", "repe cmps"})
                    + anySuffix;
            case 12 -> "movabs" + anySuffix + " $" + pick(IMMS) + ", " + register(anySize);
            case 13 -> pick("psrldq pslldq psrlq psllq psrad pslld psrlw".split(" ")) + " $" + r.nextInt(32) + ", "
                    + xmm;
            default -> pick("jmp call".split(" ")) + " *" + (r.nextBoolean() ? register(8) : memory());
        };
    }

    private String instruction() {
        if (r.nextBoolean()) return moreInstruction();
        int size = new int[] {1, 2, 4, 8}[r.nextInt(4)];
        char suffix = "bwlq".charAt(Integer.numberOfTrailingZeros(size));
        String imm = "$" + pick(IMMS);
        String xmm = "%xmm" + r.nextInt(16);
        double k = r.nextDouble();
        if (k < 0.35) {
            String m = pick("add or adc sbb and sub xor cmp mov test xchg".split(" ")) + suffix;
            return switch (r.nextInt(4)) {
                case 0 -> m + " " + imm + ", " + register(size);
                case 1 -> m + " " + imm + ", " + memory();
                case 2 -> m + " " + register(size) + ", " + memory();
                default -> m + " " + memory() + ", " + register(size);
            };
        }
        if (k < 0.45) return pick("not neg mul div idiv inc dec".split(" ")) + suffix + " " + regOrMem(size);
        if (k < 0.55) {
            return pick("rol ror rcl rcr shl shr sar".split(" ")) + suffix + " "
                    + pick(new String[] {"$1, ", "$3, ", "%cl, ", ""}) + regOrMem(size);
        }
        if (k < 0.62) {
            int s = 2 << r.nextInt(3);
            return "lea" + "wlq".charAt(Integer.numberOfTrailingZeros(s) - 1) + " " + memory() + ", " + register(s);
        }
        if (k < 0.7) {
            String m = pick("movzbl movzbw movzbq movzwl movzwq movsbl movsbw movsbq movswl movswq movslq".split(" "));
            int from = "bwl".indexOf(m.charAt(4)) == 0 ? 1 : "bwl".indexOf(m.charAt(4)) == 1 ? 2 : 4;
            int to = m.charAt(5) == 'w' ? 2 : m.charAt(5) == 'l' ? 4 : 8;
            return m + " " + regOrMem(from) + ", " + register(to);
        }
        if (k < 0.8) {
            return pick(SSE) + " " + (r.nextBoolean() ? "%xmm" + r.nextInt(16) : memory()) + ", " + xmm;
        }
        if (k < 0.85) {
            String m = pick(new String[] {"cvtsi2sdl", "cvtsi2sdq", "cvtsi2ssl", "cvtsi2ssq"});
            return m + " " + regOrMem(m.endsWith("l") ? 4 : 8) + ", " + xmm;
        }
        if (k < 0.9) {
            return pick(new String[] {"cvttsd2si", "cvttss2si"}) + " " + (r.nextBoolean() ? xmm : memory()) + ", "
                    + register(r.nextBoolean() ? 4 : 8);
        }
        if (k < 0.95) {
            return r.nextBoolean() ? "pushq " + pick(new String[] {register(8), memory(), imm})
                    : "popq " + (r.nextBoolean() ? register(8) : memory());
        }
        return switch (r.nextInt(3)) {
            case 0 -> "imul" + suffix + " " + regOrMem(size);
            case 1 -> "imul" + suffix + " " + regOrMem(size) + ", " + register(size);
            default -> "imul" + suffix + " " + imm + ", " + regOrMem(size) + ", " + register(size);
        };
    }

    /** Drops the lines GNU as rejects or warns about (it truncates what we refuse), until it is silent. */
    private static List<String> acceptedByGas(List<String> lines, String name) throws IOException {
        Pattern diagnostic = Pattern.compile(Pattern.quote(name) + ":(\\d+): (?:Error|Warning)");
        while (true) {
            Path s = dir.resolve(name);
            Files.writeString(s, String.join("\n", lines) + "\n");
            Gas.Result result = Gas.run(List.of("as", "-o", dir.resolve(name + ".o").toString(), s.toString()), dir);
            Set<Integer> bad = new HashSet<>();
            Matcher m = diagnostic.matcher(result.stderr());
            while (m.find()) bad.add(Integer.parseInt(m.group(1)));
            if (bad.isEmpty()) return lines;
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (!bad.contains(i + 1)) kept.add(lines.get(i));
            }
            lines = kept;
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomInstructionsMatchGas(int seed) throws IOException {
        r.setSeed(seed);
        List<String> lines = new ArrayList<>(List.of("\t.text", ".Ly:"));
        for (int i = 0; i < 300; i++) lines.add("\t" + instruction());
        lines.add(".Lx:\tret");
        List<String> accepted = acceptedByGas(lines, "fuzz" + seed + ".s");
        assertTrue(accepted.size() > 250, "gas accepted only " + accepted.size() + " of " + lines.size() + " lines");
        ObjectComparison.assertSameAsGas(dir, "fuzz" + seed, String.join("\n", accepted) + "\n");
    }
}
