package dev.boardup.cpu.exec;

import static dev.boardup.cpu.exec.Operands.read;
import static dev.boardup.cpu.exec.Operands.readReg;
import static dev.boardup.cpu.exec.Operands.writeReg;

import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.cpu.decode.Op;
import dev.boardup.memory.VirtualMemory;
import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import java.math.BigInteger;

/** Multiplication and division: MUL, IMUL (one, two and three operands), DIV, IDIV. */
public final class Arith {
    private static final int RAX = CpuState.RAX, RDX = CpuState.RDX;

    private Arith() {
    }

    /** MUL/IMUL r/m: rDX:rAX (AX for bytes) = rAX * r/m; CF = OF = the high half is significant. */
    static void mulWide(Instruction insn, CpuState cpu, VirtualMemory mem) {
        int size = insn.opSize;
        boolean signed = insn.op == Op.IMUL1;
        long a = readReg(cpu, size, RAX);
        long b = read(insn.operands[0], cpu, mem);
        long lo;
        long hi;
        if (size == 8) {
            lo = a * b;
            hi = signed ? Math.multiplyHigh(a, b) : Math.unsignedMultiplyHigh(a, b);
        } else {
            long p = signed ? Flags.signExtend(a, size) * Flags.signExtend(b, size) : a * b;
            int bits = size * 8;
            lo = p & Flags.mask(size);
            hi = (p >> bits) & Flags.mask(size);
        }
        boolean overflow = signed ? hi != (Flags.signExtend(lo, size) >> 63 & Flags.mask(size)) : hi != 0;
        if (size == 1) {
            writeReg(cpu, 2, RAX, (hi << 8) | lo);
        } else {
            writeReg(cpu, size, RAX, lo);
            writeReg(cpu, size, RDX, hi);
        }
        mulFlags(cpu, size, lo, overflow);
    }

    /** IMUL r, r/m[, imm]: the truncated signed product. */
    static void imul(Instruction insn, CpuState cpu, VirtualMemory mem) {
        int size = insn.opSize;
        long a = read(insn.operands[1], cpu, mem);
        long b = read(insn.operands[2], cpu, mem);
        writeReg(cpu, size, insn.operands[0].reg, imul(cpu, size, a, b));
    }

    /** The truncated signed product of two {@code size}-byte values, setting CF and OF; the destination is a register. */
    public static long imul(CpuState cpu, int size, long a, long b) {
        long sa = Flags.signExtend(a, size);
        long sb = Flags.signExtend(b, size);
        long p = sa * sb;
        long lo = p & Flags.mask(size);
        boolean overflow = size == 8 ? Math.multiplyHigh(sa, sb) != (p >> 63) : Flags.signExtend(lo, size) != p;
        mulFlags(cpu, size, lo, overflow);
        return lo;
    }

    /** CF = OF = overflow; SF, ZF, AF, PF are undefined and AMD parts leave them unchanged. */
    private static void mulFlags(CpuState cpu, int size, long lo, boolean overflow) {
        cpu.cf = overflow;
        cpu.of = overflow;
    }

    /** DIV/IDIV r/m: rAX = rDX:rAX / r/m, rDX = remainder (AL/AH for bytes); #DE on zero or overflow. */
    static void divide(Instruction insn, CpuState cpu, VirtualMemory mem) {
        int size = insn.opSize;
        long divisor = read(insn.operands[0], cpu, mem);
        if (divisor == 0) {
            throw Executor.divideError();
        }
        boolean signed = insn.op == Op.IDIV;
        long q;
        long r;
        if (size == 8) {
            long[] qr = signed ? idiv128(cpu.gpr[RDX], cpu.gpr[RAX], divisor)
                    : div128(cpu.gpr[RDX], cpu.gpr[RAX], divisor);
            q = qr[0];
            r = qr[1];
        } else {
            int bits = size * 8;
            long dividend = size == 1 ? readReg(cpu, 2, RAX)
                    : (readReg(cpu, size, RDX) << bits) | readReg(cpu, size, RAX);
            if (signed) {
                long n = Flags.signExtend(dividend, size * 2); // EDX:EAX already fills a long
                long dv = Flags.signExtend(divisor, size);
                q = n / dv;
                r = n % dv;
                if (q != Flags.signExtend(q, size)) {
                    throw Executor.divideError();
                }
            } else {
                q = Long.divideUnsigned(dividend, divisor);
                r = Long.remainderUnsigned(dividend, divisor);
                if ((q & ~Flags.mask(size)) != 0) {
                    throw Executor.divideError();
                }
            }
        }
        if (size == 1) {
            writeReg(cpu, 2, RAX, ((r & 0xFF) << 8) | (q & 0xFF));
        } else {
            writeReg(cpu, size, RAX, q);
            writeReg(cpu, size, RDX, r);
        }
        // All six flags are undefined; AMD parts keep CF and OF, set AF and clear SF, ZF, PF.
        cpu.af = true;
        cpu.sf = false;
        cpu.zf = false;
        cpu.pf = false;
    }

    private static long[] div128(long hi, long lo, long divisor) {
        if (hi == 0) {
            return new long[] {Long.divideUnsigned(lo, divisor), Long.remainderUnsigned(lo, divisor)};
        }
        if (Long.compareUnsigned(hi, divisor) >= 0) {
            throw Executor.divideError();
        }
        return wideDivideUnsigned(hi, lo, divisor);
    }

    @TruffleBoundary
    private static long[] wideDivideUnsigned(long hi, long lo, long divisor) {
        return wideDivide(Executor.unsigned128(hi, lo), new BigInteger(Long.toUnsignedString(divisor)), false);
    }

    private static long[] idiv128(long hi, long lo, long divisor) {
        if (hi == (lo >> 63)) {
            if (lo == Long.MIN_VALUE && divisor == -1) {
                throw Executor.divideError();
            }
            return new long[] {lo / divisor, lo % divisor};
        }
        return wideDivideSigned(hi, lo, divisor);
    }

    @TruffleBoundary
    private static long[] wideDivideSigned(long hi, long lo, long divisor) {
        return wideDivide(Executor.signed128(hi, lo), BigInteger.valueOf(divisor), true);
    }

    @TruffleBoundary
    private static long[] wideDivide(BigInteger n, BigInteger d, boolean signed) {
        BigInteger[] qr = n.divideAndRemainder(d);
        BigInteger q = qr[0];
        boolean fits = signed ? q.bitLength() <= 63 : q.signum() >= 0 && q.bitLength() <= 64;
        if (!fits) {
            throw Executor.divideError();
        }
        return new long[] {q.longValue(), qr[1].longValue()};
    }
}
