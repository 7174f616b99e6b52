package dev.boardup.cpu.exec;

import static dev.boardup.cpu.exec.Operands.read;
import static dev.boardup.cpu.exec.Operands.write;

import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.cpu.decode.Op;
import dev.boardup.cpu.decode.Operand;
import dev.boardup.memory.VirtualMemory;

/**
 * Shifts and rotates: SHL/SAL, SHR, SAR, ROL, ROR, RCL, RCR, SHLD, SHRD. The count is masked to 5 bits
 * (6 with a 64-bit operand); a masked count of zero changes nothing, not even the flags.
 *
 * <p>Flags the manuals leave undefined follow this project's reference CPU (AMD EPYC): SHL/SHR/SAR/SHLD/SHRD
 * set AF; OF for any count is computed as the count-1 formula generalizes (SHL, SHLD: MSB(result) XOR CF;
 * SHR, SHRD, ROR, RCR: the two top result bits XORed).
 */
public final class Shifts {
    private Shifts() {
    }

    static void shift(Instruction insn, CpuState cpu, VirtualMemory mem) {
        Operand d = insn.operands[0];
        int size = insn.opSize;
        long a = read(d, cpu, mem);
        int count = (int) read(insn.operands[1], cpu, mem) & (size == 8 ? 63 : 31);
        if (count == 0) {
            if (d.isReg()) {
                write(d, a, cpu, mem); // a 32-bit destination is still zero-extended
            }
            return;
        }
        if (isRotate(insn.op)) {
            rotate(insn.op, d, a, count, size, cpu, mem);
            return;
        }
        long r = shiftResult(insn.op, size, a, count);
        write(d, r, cpu, mem);
        shiftFlags(cpu, insn.op, size, a, count, r);
    }

    /** ROL, ROR, RCL, RCR: everything {@link #shift} handles but SHL/SAL, SHR and SAR. */
    public static boolean isRotate(int op) {
        return op == Op.ROL || op == Op.ROR || op == Op.RCL || op == Op.RCR;
    }

    /** SHL/SAL, SHR or SAR of {@code a} by a masked, non-zero {@code count}, truncated to {@code size}. */
    public static long shiftResult(int op, int size, long a, int count) {
        long m = Flags.mask(size);
        return switch (op) {
            case Op.SHR -> a >>> count;
            case Op.SAR -> (Flags.signExtend(a, size) >> count) & m;
            default -> count < 64 ? (a << count) & m : 0; // SHL, SAL
        };
    }

    /** The flags SHL/SAL, SHR or SAR by a masked, non-zero {@code count} leaves, given its result {@code r}. */
    public static void shiftFlags(CpuState cpu, int op, int size, long a, int count, long r) {
        int bits = size * 8;
        long sign = Flags.signBit(size);
        boolean cf;
        boolean of;
        switch (op) {
            case Op.SHR -> {
                cf = ((a >>> (count - 1)) & 1) != 0;
                of = topBitsDiffer(r, sign);
            }
            case Op.SAR -> {
                cf = ((Flags.signExtend(a, size) >> (count - 1)) & 1) != 0;
                of = false;
            }
            default -> { // SHL, SAL
                cf = count <= bits && ((a >>> (bits - count)) & 1) != 0;
                of = ((r & sign) != 0) != cf;
            }
        }
        Flags.result(cpu, size, r);
        cpu.cf = cf;
        cpu.of = of;
        cpu.af = true;
    }

    /** The two most significant bits of {@code r} differ. */
    private static boolean topBitsDiffer(long r, long sign) {
        return ((r & sign) != 0) != ((r & (sign >>> 1)) != 0);
    }

    /** Rotates change only CF and OF. */
    private static void rotate(int op, Operand d, long a, int count, int size, CpuState cpu, VirtualMemory mem) {
        int bits = size * 8;
        long m = Flags.mask(size);
        long sign = Flags.signBit(size);
        long r;
        boolean cf;
        boolean of;
        switch (op) {
            case Op.ROL -> {
                int c = count % bits;
                r = c == 0 ? a : ((a << c) | (a >>> (bits - c))) & m;
                cf = (r & 1) != 0;
                of = ((r & sign) != 0) != cf;
            }
            case Op.ROR -> {
                int c = count % bits;
                r = c == 0 ? a : ((a >>> c) | (a << (bits - c))) & m;
                cf = (r & sign) != 0;
                of = topBitsDiffer(r, sign);
            }
            case Op.RCL -> {
                int c = size < 4 ? count % (bits + 1) : count;
                r = a;
                cf = cpu.cf;
                for (int i = 0; i < c; i++) {
                    boolean out = (r & sign) != 0;
                    r = ((r << 1) | (cf ? 1 : 0)) & m;
                    cf = out;
                }
                of = ((r & sign) != 0) != cf;
            }
            default -> { // RCR
                int c = size < 4 ? count % (bits + 1) : count;
                r = a;
                cf = cpu.cf;
                for (int i = 0; i < c; i++) {
                    boolean out = (r & 1) != 0;
                    r = (r >>> 1) | (cf ? sign : 0);
                    cf = out;
                }
                of = topBitsDiffer(r, sign);
            }
        }
        write(d, r, cpu, mem);
        cpu.cf = cf;
        cpu.of = of;
    }

    /** SHLD/SHRD: shift the destination, filling from the source register. */
    static void doubleShift(Instruction insn, CpuState cpu, VirtualMemory mem) {
        Operand d = insn.operands[0];
        int size = insn.opSize;
        int bits = size * 8;
        long a = read(d, cpu, mem);
        long b = read(insn.operands[1], cpu, mem);
        int count = (int) read(insn.operands[2], cpu, mem) & (size == 8 ? 63 : 31);
        if (count == 0) {
            if (d.isReg()) {
                write(d, a, cpu, mem);
            }
            return;
        }
        long m = Flags.mask(size);
        long sign = Flags.signBit(size);
        long r;
        boolean cf;
        if (size == 2) {
            // Counts above 16 are undefined for 16-bit operands; AMD shifts through dest:src:src (SHLD)
            // or src:src:dest (SHRD), which this reproduces for the result.
            if (insn.op == Op.SHLD) {
                long pattern = (a << 32) | (b << 16) | b;
                r = (pattern >>> (32 - count)) & m;
                cf = ((pattern >>> (48 - count)) & 1) != 0;
            } else {
                long pattern = (b << 32) | (b << 16) | a;
                r = (pattern >>> count) & m;
                cf = ((pattern >>> (count - 1)) & 1) != 0;
            }
        } else if (insn.op == Op.SHLD) {
            r = ((a << count) | (b >>> (bits - count))) & m;
            cf = ((a >>> (bits - count)) & 1) != 0;
        } else {
            r = ((a >>> count) | (b << (bits - count))) & m;
            cf = ((a >>> (count - 1)) & 1) != 0;
        }
        write(d, r, cpu, mem);
        Flags.result(cpu, size, r);
        cpu.cf = cf;
        cpu.of = insn.op == Op.SHLD ? ((r & sign) != 0) != cf : topBitsDiffer(r, sign);
        cpu.af = true;
    }
}
