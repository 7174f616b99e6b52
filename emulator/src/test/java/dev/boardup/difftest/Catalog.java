package dev.boardup.difftest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The builder the form lists are written with: register tables per operand size, memory operands that point
 * into scratch, immediates worth testing, and the flag masks the manuals leave undefined.
 */
class Catalog {
    static final long CF = 0x1, PF = 0x4, AF = 0x10, ZF = 0x40, SF = 0x80, DF = 0x400, OF = 0x800;
    static final long ARITH = CF | PF | AF | ZF | SF | OF;

    static final int RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7;
    static final int R8 = 8, R9 = 9, R10 = 10, R11 = 11, R12 = 12, R13 = 13, R14 = 14, R15 = 15;

    /** Operand size in bits to AT&T suffix. */
    static final Map<Integer, String> SUFFIX = Map.of(8, "b", 16, "w", 32, "l", 64, "q");

    /** Register pairs per size: same register, legacy high bytes, REX-only registers, RSP/RBP encodings. */
    static final Map<Integer, String[][]> PAIRS = Map.of(
            8, new String[][] {{"al", "cl"}, {"bl", "ah"}, {"dh", "bh"}, {"sil", "dil"}, {"r8b", "r15b"},
                {"spl", "bpl"}, {"dl", "dl"}, {"r11b", "al"}},
            16, new String[][] {{"ax", "cx"}, {"bx", "dx"}, {"si", "di"}, {"r8w", "r15w"}, {"sp", "bp"},
                {"r11w", "r11w"}},
            32, new String[][] {{"eax", "ecx"}, {"ebx", "edx"}, {"esi", "edi"}, {"r9d", "r14d"}, {"esp", "ebp"},
                {"r12d", "r12d"}},
            64, new String[][] {{"rax", "rcx"}, {"rbx", "rdx"}, {"rsi", "rdi"}, {"r10", "r13"}, {"rsp", "rbp"},
                {"r15", "r15"}, {"r8", "rax"}});

    /** Single registers per size. */
    static final Map<Integer, String[]> SINGLES = Map.of(
            8, new String[] {"al", "ch", "dil", "r13b", "bl"},
            16, new String[] {"ax", "si", "r9w", "bx"},
            32, new String[] {"eax", "edi", "r10d", "ebx"},
            64, new String[] {"rax", "rsi", "r11", "rbx", "rbp"});

    /** Registers that never serve as a memory operand's base or index below, so they can be the other operand. */
    static final Map<Integer, String[]> FREE = Map.of(
            8, new String[] {"cl", "dl", "dil", "r9b"},
            16, new String[] {"cx", "dx", "di", "r9w"},
            32, new String[] {"ecx", "edx", "edi", "r9d"},
            64, new String[] {"rcx", "rdx", "rdi", "r9", "r15"});

    static final String[] ACCUMULATOR = {null, "al", "ax", null, "eax", null, null, null, "rax"};

    /** A memory operand and the register setup that makes it address scratch memory. */
    record Mem(String text, Form.Setup setup) {
    }

    /** Memory operands in every addressing form; each stays, with room for a 16-byte access, inside scratch. */
    static final Mem[] MEMS = {
        new Mem("0x8(%rbx)", point(RBX, 0x100, 8)),
        new Mem("-0x10(%r13)", point(R13, 0x100, 8)),
        new Mem("(%r12)", point(R12, 0x80, 8)),
        new Mem("0x20(%rsp)", point(RSP, 0x100, 8)),
        new Mem("0x8(%rax,%rsi,4)", point(RAX, 0x40, 1).then(bounded(RSI, 0, 32))),
        new Mem(String.format("0x%x(%%rip)", Layout.MEM + 0x100 - Layout.PAD0), Form.Setup.NONE),
        new Mem(String.format("0x%x", Layout.MEM + 0x120), Form.Setup.NONE),
        new Mem("-0x4(%rbp,%rdi,8)", point(RBP, 0x180, 4).then(bounded(RDI, -16, 8))),
    };

    /** Memory operands whose address is 16-byte aligned, for MOVAPS and friends. */
    static final Mem[] ALIGNED_MEMS = {
        new Mem("0x10(%rbx)", point(RBX, 0x100, 1)),
        new Mem(String.format("0x%x(%%rip)", Layout.MEM + 0x140 - Layout.PAD0), Form.Setup.NONE),
        new Mem("(%rax,%rsi,8)", point(RAX, 0x40, 1).then(evenBounded(RSI, 0, 20))),
    };

    final List<Form> forms = new ArrayList<>();
    final Random random;

    Catalog(long seed) {
        this.random = new Random(seed);
    }

    void add(String group, String asm, Form.Setup setup, Form.FlagRule undefined) {
        forms.add(new Form(group, asm, setup, undefined));
    }

    void add(String group, String asm, Form.Setup setup, long undefinedFlags) {
        add(group, asm, setup, Form.FlagRule.always(undefinedFlags));
    }

    void add(String group, String asm, long undefinedFlags) {
        add(group, asm, Form.Setup.NONE, undefinedFlags);
    }

    /** Points {@code reg} at scratch offset {@code offset} plus a random misalignment below {@code slack}. */
    static Form.Setup point(int reg, int offset, int slack) {
        return (r, in) -> in.gpr[reg] = Layout.MEM + offset + r.nextInt(slack);
    }

    static Form.Setup set(int reg, long value) {
        return (r, in) -> in.gpr[reg] = value;
    }

    static Form.Setup bounded(int reg, int lo, int hi) {
        return (r, in) -> in.gpr[reg] = lo + r.nextInt(hi - lo + 1);
    }

    static Form.Setup evenBounded(int reg, int lo, int hi) {
        return (r, in) -> in.gpr[reg] = (lo + r.nextInt(hi - lo + 1)) & ~1L;
    }

    static Form.Setup countIn(int reg) {
        return (r, in) -> in.gpr[reg] = Inputs.count(r);
    }

    <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }

    /** A few immediates for a field of {@code bits}: edges and one random value, as signed decimal text. */
    String[] immediates(int bits) {
        long min = -(1L << (bits - 1));
        long max = (1L << (bits - 1)) - 1;
        long rand = min + (long) (random.nextDouble() * (max - min));
        long[] edges = {0, 1, -1, max, min, rand};
        String[] out = new String[3];
        for (int i = 0; i < 3; i++) {
            out[i] = Long.toString(i == 2 ? rand : edges[random.nextInt(edges.length - 1)]);
        }
        return out;
    }

    static String reg(String name) {
        return "%" + name;
    }

    /** The encoding index of a register name at any width ("r9d" is 9, "ah" is 4 as a byte register). */
    static int index(String name) {
        String[] q = MachineState.GPR_NAMES;
        for (int i = 0; i < 16; i++) {
            if (name.equals(q[i])) {
                return i;
            }
        }
        return switch (name) {
            case "eax", "ax", "al", "ah" -> RAX;
            case "ecx", "cx", "cl", "ch" -> RCX;
            case "edx", "dx", "dl", "dh" -> RDX;
            case "ebx", "bx", "bl", "bh" -> RBX;
            case "esp", "sp", "spl" -> RSP;
            case "ebp", "bp", "bpl" -> RBP;
            case "esi", "si", "sil" -> RSI;
            case "edi", "di", "dil" -> RDI;
            default -> Integer.parseInt(name.replaceAll("[^0-9]", ""));
        };
    }
}
