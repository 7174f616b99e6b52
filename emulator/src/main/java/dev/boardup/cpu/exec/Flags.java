package dev.boardup.cpu.exec;

import dev.boardup.cpu.CpuState;

/**
 * The arithmetic flags each instruction family leaves behind. Values are passed zero-extended to the
 * operand width ({@code size} bytes), results already truncated to it.
 */
public final class Flags {
    private Flags() {
    }

    public static long mask(int size) {
        return size == 8 ? -1L : (1L << (size * 8)) - 1;
    }

    public static long signBit(int size) {
        return 1L << (size * 8 - 1);
    }

    /** Sign-extends the low {@code size} bytes of {@code v}. */
    public static long signExtend(long v, int size) {
        return switch (size) {
            case 1 -> (byte) v;
            case 2 -> (short) v;
            case 4 -> (int) v;
            default -> v;
        };
    }

    /** PF: set when the low byte of the result has an even number of one bits. */
    public static boolean parity(long r) {
        return (Integer.bitCount((int) r & 0xFF) & 1) == 0;
    }

    /** ZF, SF and PF from a result. */
    public static void result(CpuState cpu, int size, long r) {
        cpu.zf = r == 0;
        cpu.sf = (r & signBit(size)) != 0;
        cpu.pf = parity(r);
    }

    /** AND, OR, XOR, TEST: CF and OF cleared; AF is undefined and cleared, as AMD and Intel parts do. */
    public static void logic(CpuState cpu, int size, long r) {
        result(cpu, size, r);
        cpu.cf = false;
        cpu.of = false;
        cpu.af = false;
    }

    /** ADD and ADC: r = a + b + carryIn. */
    public static void add(CpuState cpu, int size, long a, long b, boolean carryIn, long r) {
        result(cpu, size, r);
        cpu.cf = carryIn ? Long.compareUnsigned(r, a) <= 0 : Long.compareUnsigned(r, a) < 0;
        cpu.of = ((a ^ r) & (b ^ r) & signBit(size)) != 0;
        cpu.af = ((a ^ b ^ r) & 0x10) != 0;
    }

    /** SUB, SBB, CMP, NEG (a = 0): r = a - b - borrowIn. */
    public static void sub(CpuState cpu, int size, long a, long b, boolean borrowIn, long r) {
        result(cpu, size, r);
        cpu.cf = borrowIn ? Long.compareUnsigned(a, b) <= 0 : Long.compareUnsigned(a, b) < 0;
        cpu.of = ((a ^ b) & (a ^ r) & signBit(size)) != 0;
        cpu.af = ((a ^ b ^ r) & 0x10) != 0;
    }

    /** INC: like ADD of 1 but CF is left alone. */
    public static void inc(CpuState cpu, int size, long a, long r) {
        result(cpu, size, r);
        cpu.of = r == signBit(size);
        cpu.af = (r & 0xF) == 0;
    }

    /** DEC: like SUB of 1 but CF is left alone. */
    public static void dec(CpuState cpu, int size, long a, long r) {
        result(cpu, size, r);
        cpu.of = a == signBit(size);
        cpu.af = (a & 0xF) == 0;
    }

    /** Evaluates condition code {@code cond} (the low nibble of Jcc/SETcc/CMOVcc). */
    public static boolean condition(CpuState cpu, int cond) {
        boolean t = switch (cond >> 1) {
            case 0 -> cpu.of;
            case 1 -> cpu.cf;
            case 2 -> cpu.zf;
            case 3 -> cpu.cf || cpu.zf;
            case 4 -> cpu.sf;
            case 5 -> cpu.pf;
            case 6 -> cpu.sf != cpu.of;
            default -> cpu.zf || cpu.sf != cpu.of;
        };
        return (cond & 1) == 0 ? t : !t;
    }
}
