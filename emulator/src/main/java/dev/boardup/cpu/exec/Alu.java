package dev.boardup.cpu.exec;

import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.decode.Op;

/**
 * The integer ALU over values: the result of ADD, OR, ADC, SBB, AND, SUB, XOR, CMP, TEST, INC, DEC, NEG, NOT and
 * the flags each leaves. Split in two so a caller can store the result before any flag changes (a store may fault,
 * and a faulting instruction leaves no trace). Operands come zero-extended to {@code size} bytes; {@code op} is an
 * {@link Op} constant, so a compiler that sees it as a constant folds the switches away. Used by {@link Executor}
 * and by the bytecode tier's generated code alike.
 */
public final class Alu {
    private Alu() {
    }

    /** False for CMP and TEST, which only set flags. */
    public static boolean writesResult(int op) {
        return op != Op.CMP && op != Op.TEST;
    }

    /** The result of a two-operand op, truncated to {@code size}; ADC and SBB read CF. */
    public static long result(CpuState cpu, int op, int size, long a, long b) {
        long m = Flags.mask(size);
        return switch (op) {
            case Op.ADD -> (a + b) & m;
            case Op.ADC -> (a + b + (cpu.cf ? 1 : 0)) & m;
            case Op.SUB, Op.CMP -> (a - b) & m;
            case Op.SBB -> (a - b - (cpu.cf ? 1 : 0)) & m;
            case Op.OR -> a | b;
            case Op.XOR -> a ^ b;
            default -> a & b; // AND, TEST
        };
    }

    /** The flags of a two-operand op whose result is {@code r}; for ADC and SBB, CF must still be the input carry. */
    public static void flags(CpuState cpu, int op, int size, long a, long b, long r) {
        switch (op) {
            case Op.ADD -> Flags.add(cpu, size, a, b, false, r);
            case Op.ADC -> Flags.add(cpu, size, a, b, cpu.cf, r);
            case Op.SUB, Op.CMP -> Flags.sub(cpu, size, a, b, false, r);
            case Op.SBB -> Flags.sub(cpu, size, a, b, cpu.cf, r);
            default -> Flags.logic(cpu, size, r); // AND, OR, XOR, TEST
        }
    }

    /** The result of INC, DEC, NEG or NOT, truncated to {@code size}. */
    public static long unaryResult(int op, int size, long a) {
        long m = Flags.mask(size);
        return switch (op) {
            case Op.INC -> (a + 1) & m;
            case Op.DEC -> (a - 1) & m;
            case Op.NEG -> (-a) & m;
            default -> ~a & m; // NOT
        };
    }

    /** The flags of INC, DEC or NEG; NOT leaves the flags alone. */
    public static void unaryFlags(CpuState cpu, int op, int size, long a, long r) {
        switch (op) {
            case Op.INC -> Flags.inc(cpu, size, a, r);
            case Op.DEC -> Flags.dec(cpu, size, a, r);
            case Op.NEG -> Flags.sub(cpu, size, 0, a, false, r);
            default -> {
            }
        }
    }
}
