package dev.boardup.cpu.bytecode;

import dev.boardup.cpu.exec.Interpreter;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random straight-line blocks of the instruction forms the bytecode tier specialises (ALU ops at every width
 * with register, immediate and memory operands, shifts, moves with extension, LEA, SETcc, CMOVcc, IMUL, PUSH and
 * POP), looped and run translated from the first pass, in lockstep with the interpreter.
 */
class RandomBlocksTest {
    private static final int PROGRAMS = 24;
    private static final int BLOCK_LENGTH = 24;
    private static final long SEED = 0xB17EC0DEL;

    /** Registers the blocks may write: not RBX (the data pointer), RSP or R12 (the loop counter). */
    private static final String[][] REGS = {
        {"rax", "eax", "ax", "al"}, {"rcx", "ecx", "cx", "cl"}, {"rdx", "edx", "dx", "dl"},
        {"rsi", "esi", "si", "sil"}, {"rdi", "edi", "di", "dil"}, {"r8", "r8d", "r8w", "r8b"},
        {"r9", "r9d", "r9w", "r9b"}, {"r10", "r10d", "r10w", "r10b"}, {"r13", "r13d", "r13w", "r13b"},
    };
    private static final String[] SUFFIX = {"q", "l", "w", "b"};
    private static final String[] ALU = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp", "test"};
    private static final String[] UNARY = {"inc", "dec", "neg", "not"};
    private static final String[] SHIFT = {"shl", "shr", "sar", "sal"};
    private static final String[] CC = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge",
        "le", "g"};

    @TempDir
    static Path tmp;

    @TestFactory
    Stream<DynamicTest> randomBlocksMatchTheInterpreter() {
        Random random = new Random(SEED);
        List<String> programs = IntStream.range(0, PROGRAMS).mapToObj(i -> program(random)).toList();
        return IntStream.range(0, PROGRAMS).mapToObj(i -> DynamicTest.dynamicTest("program " + i, () -> {
            byte[] code = Snippet.assemble(tmp, programs.get(i));
            Snippet reference = new Snippet(new Interpreter(), code);
            Snippet translated = new Snippet(new AsmEngine(0, 0), code);
            reference.runToSyscall(1 << 20);
            translated.runToSyscall(1 << 20);
            Snippet.assertSame(reference, translated, "program " + i + ":\n" + programs.get(i));
        }));
    }

    private static String program(Random random) {
        StringBuilder sb = new StringBuilder();
        sb.append("mov $").append(Snippet.DATA).append(", %rbx\n");
        for (String[] reg : REGS) {
            sb.append("movabs $").append(random.nextLong()).append(", %").append(reg[0]).append('\n');
        }
        sb.append("mov $40, %r12d\n1:\n");
        for (int i = 0; i < BLOCK_LENGTH; i++) {
            sb.append("    ").append(instruction(random)).append('\n');
        }
        sb.append("dec %r12d\njnz 1b\nmov $60, %eax\nsyscall\n");
        return sb.toString();
    }

    private static String instruction(Random r) {
        int w = r.nextInt(4);
        String s = SUFFIX[w];
        String reg = "%" + pick(r, REGS)[w];
        String reg2 = "%" + pick(r, REGS)[w];
        String mem = (8 * r.nextInt(64)) + "(%rbx)";
        String imm = "$" + (w == 3 ? r.nextInt(256) - 128 : r.nextInt(0x10000) - 0x8000);
        return switch (r.nextInt(13)) {
            case 0, 1 -> {
                String op = pick(r, ALU);
                yield switch (r.nextInt(5)) {
                    case 0 -> op + s + " " + reg2 + ", " + reg;
                    case 1 -> op + s + " " + imm + ", " + reg;
                    case 2 -> op + s + " " + (op.equals("test") ? reg : mem) + ", " + (op.equals("test") ? mem : reg);
                    case 3 -> op + s + " " + reg + ", " + mem;
                    default -> op + s + " " + imm + ", " + mem;
                };
            }
            case 2 -> pick(r, UNARY) + s + " " + (r.nextBoolean() ? reg : mem);
            case 3 -> pick(r, SHIFT) + s + " $" + (1 + r.nextInt(w == 0 ? 63 : 31)) + ", " + (r.nextBoolean() ? reg : mem);
            case 4 -> "mov" + s + " " + (r.nextBoolean() ? reg2 + ", " + reg : r.nextBoolean() ? mem + ", " + reg
                    : reg + ", " + mem);
            case 5 -> "mov" + s + " " + imm + ", " + (r.nextBoolean() ? reg : mem);
            case 6 -> r.nextBoolean()
                    ? "movzbl " + (r.nextBoolean() ? mem : "%" + pick(r, REGS)[3]) + ", %" + pick(r, REGS)[1]
                    : "movsbq " + (r.nextBoolean() ? mem : "%" + pick(r, REGS)[3]) + ", %" + pick(r, REGS)[0];
            case 7 -> r.nextBoolean() ? "movswl " + mem + ", %" + pick(r, REGS)[1]
                    : "movslq " + mem + ", %" + pick(r, REGS)[0];
            case 8 -> "lea " + (r.nextInt(200) - 100) + "(%" + pick(r, REGS)[0] + ",%" + pick(r, REGS)[0] + ","
                    + (1 << r.nextInt(4)) + "), %" + pick(r, REGS)[r.nextInt(3)];
            case 9 -> "set" + pick(r, CC) + " " + (r.nextBoolean() ? "%" + pick(r, REGS)[3] : mem);
            case 10 -> "cmov" + pick(r, CC) + " " + (r.nextBoolean() ? mem : "%" + pick(r, REGS)[w == 3 ? 1 : w])
                    + ", %" + pick(r, REGS)[w == 3 ? 1 : w];
            case 11 -> w == 3 ? "imul " + mem + ", %" + pick(r, REGS)[1]
                    : "imul " + imm + ", " + reg + ", %" + pick(r, REGS)[w];
            default -> "push " + (r.nextBoolean() ? "%" + pick(r, REGS)[0] : mem) + "\n    pop %" + pick(r, REGS)[0];
        };
    }

    private static <T> T pick(Random r, T[] values) {
        return values[r.nextInt(values.length)];
    }
}
