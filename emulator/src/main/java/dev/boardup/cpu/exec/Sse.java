package dev.boardup.cpu.exec;

import static dev.boardup.cpu.exec.Operands.load;
import static dev.boardup.cpu.exec.Operands.read;
import static dev.boardup.cpu.exec.Operands.write;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.InvalidOpcode;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.cpu.decode.Op;
import dev.boardup.cpu.decode.Operand;
import dev.boardup.memory.VirtualMemory;

/**
 * SSE and SSE2 instructions on the XMM registers: moves, scalar and packed float arithmetic, conversions,
 * comparisons into EFLAGS, and the packed-integer operations compilers use for copying and string code.
 * Each XMM register is two longs in {@link CpuState#xmm}: low quadword at 2n, high at 2n+1.
 *
 * <p>Floating-point results, rounding and exception flags follow MXCSR; the arithmetic itself is in
 * {@link SseMath}.
 */
final class Sse {
    private static final long LOW32 = 0xFFFFFFFFL;

    private Sse() {
    }

    static void execute(Instruction insn, CpuState cpu, VirtualMemory mem) {
        switch (insn.op) {
            case Op.MOVSS, Op.MOVSD_X -> movScalar(insn, cpu, mem);
            case Op.MOVA, Op.MOVU -> movWhole(insn, cpu, mem);
            case Op.MOVD_TO_X -> {
                Operand s = insn.operands[1];
                setXmm(cpu, insn.operands[0].reg, read(s, cpu, mem), 0);
            }
            case Op.MOVD_FROM_X -> write(insn.operands[0], cpu.xmm[2 * insn.operands[1].reg], cpu, mem);
            case Op.MOVQ_X -> movq(insn, cpu, mem);
            case Op.MOVLP, Op.MOVHP -> movHalf(insn, cpu, mem);
            case Op.MOVHLPS -> cpu.xmm[2 * insn.operands[0].reg] = cpu.xmm[2 * insn.operands[1].reg + 1];
            case Op.MOVLHPS -> cpu.xmm[2 * insn.operands[0].reg + 1] = cpu.xmm[2 * insn.operands[1].reg];
            case Op.FADD, Op.FSUB, Op.FMUL, Op.FDIV, Op.FMIN, Op.FMAX, Op.FSQRT -> arithmetic(insn, cpu, mem);
            case Op.CVTSI2F -> cvtsi2f(insn, cpu, mem);
            case Op.CVTTF2SI, Op.CVTF2SI -> cvtf2si(insn, cpu, mem);
            case Op.CVTS2S -> cvtScalar(insn, cpu, mem);
            case Op.CVTP2P -> cvtPacked(insn, cpu, mem);
            case Op.CVTDQ2P -> cvtdq2p(insn, cpu, mem);
            case Op.CVTTP2DQ -> cvttp2dq(insn, cpu, mem);
            case Op.UCOMIS, Op.COMIS -> compareToFlags(insn, cpu, mem);
            case Op.ANDP, Op.ANDNP, Op.ORP, Op.XORP -> bitwise(insn, cpu, mem);
            case Op.PADD, Op.PSUB -> addSub(insn, cpu, mem);
            case Op.PCMPEQ, Op.PCMPGT, Op.PMINUB, Op.PMAXUB -> laneCompare(insn, cpu, mem);
            case Op.PMOVMSKB -> pmovmskb(insn, cpu);
            case Op.MOVMSKP -> movmskp(insn, cpu);
            case Op.PUNPCKL, Op.PUNPCKH, Op.UNPCKLP, Op.UNPCKHP -> unpack(insn, cpu, mem);
            case Op.PSHUFD, Op.PSHUFLW, Op.PSHUFHW -> shuffleInt(insn, cpu, mem);
            case Op.SHUFP -> shufp(insn, cpu, mem);
            case Op.PSLL, Op.PSRL, Op.PSRA -> shiftLanes(insn, cpu, mem);
            case Op.PSLLDQ, Op.PSRLDQ -> shiftBytes(insn, cpu);
            case Op.CMPF -> compareToMask(insn, cpu, mem);
            case Op.PMULLW, Op.PMULHW, Op.PMULHUW, Op.PADDS, Op.PADDUS, Op.PSUBS, Op.PSUBUS, Op.PAVG, Op.PMINSW,
                    Op.PMAXSW -> laneArithmetic(insn, cpu, mem);
            case Op.PMULUDQ, Op.PMADDWD, Op.PSADBW -> widening(insn, cpu, mem);
            case Op.PACKSSWB, Op.PACKSSDW, Op.PACKUSWB -> pack(insn, cpu, mem);
            case Op.PEXTRW -> pextrw(insn, cpu);
            case Op.PINSRW -> pinsrw(insn, cpu, mem);
            case Op.CVTP2DQ -> cvtp2dq(insn, cpu, mem);
            default -> throw unimplemented(insn);
        }
    }

    @TruffleBoundary
    private static InvalidOpcode unimplemented(Instruction insn) {
        return new InvalidOpcode(insn.address, insn.bytes());
    }

    // ---------------------------------------------------------------- operand access

    private static void setXmm(CpuState cpu, int r, long lo, long hi) {
        cpu.xmm[2 * r] = lo;
        cpu.xmm[2 * r + 1] = hi;
    }

    /** Low quadword of an XMM or memory source (a narrower memory source is zero-extended). */
    private static long srcLo(Operand o, boolean aligned, CpuState cpu, VirtualMemory mem) {
        if (o.kind == Operand.XMM) {
            return cpu.xmm[2 * o.reg];
        }
        long a = Operands.linearAddress(o, cpu);
        if (o.size == 16) {
            if (aligned && (a & 15) != 0) {
                throw Executor.misaligned();
            }
            Operands.checkCanonical(a);
            mem.read64(a + 8); // fault on the high half before anything is committed
            return mem.read64(a);
        }
        return load(mem, a, o.size);
    }

    /** High quadword of an XMM or 16-byte memory source (zero for narrower memory). */
    private static long srcHi(Operand o, CpuState cpu, VirtualMemory mem) {
        if (o.kind == Operand.XMM) {
            return cpu.xmm[2 * o.reg + 1];
        }
        if (o.size == 16) {
            return mem.read64(Operands.linearAddress(o, cpu) + 8);
        }
        return 0;
    }

    // ---------------------------------------------------------------- moves

    private static void movScalar(Instruction insn, CpuState cpu, VirtualMemory mem) {
        Operand d = insn.operands[0];
        Operand s = insn.operands[1];
        long laneMask = insn.op == Op.MOVSS ? LOW32 : -1L;
        if (d.isMem()) {
            write(d, cpu.xmm[2 * s.reg], cpu, mem);
        } else if (s.isMem()) {
            setXmm(cpu, d.reg, read(s, cpu, mem), 0);
        } else {
            int i = 2 * d.reg;
            cpu.xmm[i] = (cpu.xmm[i] & ~laneMask) | (cpu.xmm[2 * s.reg] & laneMask);
        }
    }

    private static void movWhole(Instruction insn, CpuState cpu, VirtualMemory mem) {
        Operand d = insn.operands[0];
        Operand s = insn.operands[1];
        boolean aligned = insn.op == Op.MOVA;
        if (d.isMem()) {
            long a = Operands.linearAddress(d, cpu);
            if (aligned && (a & 15) != 0) {
                throw Executor.misaligned();
            }
            Operands.store128(mem, a, cpu.xmm[2 * s.reg], cpu.xmm[2 * s.reg + 1]);
        } else {
            long lo = srcLo(s, aligned, cpu, mem);
            long hi = srcHi(s, cpu, mem);
            setXmm(cpu, d.reg, lo, hi);
        }
    }

    private static void movq(Instruction insn, CpuState cpu, VirtualMemory mem) {
        Operand d = insn.operands[0];
        Operand s = insn.operands[1];
        if (d.isMem()) {
            write(d, cpu.xmm[2 * s.reg], cpu, mem);
        } else {
            setXmm(cpu, d.reg, srcLo(s, false, cpu, mem), 0);
        }
    }

    private static void movHalf(Instruction insn, CpuState cpu, VirtualMemory mem) {
        Operand d = insn.operands[0];
        Operand s = insn.operands[1];
        int half = insn.op == Op.MOVHP ? 1 : 0;
        if (d.isMem()) {
            write(d, cpu.xmm[2 * s.reg + half], cpu, mem);
        } else {
            cpu.xmm[2 * d.reg + half] = read(s, cpu, mem);
        }
    }

    // ---------------------------------------------------------------- float arithmetic

    private static void arithmetic(Instruction insn, CpuState cpu, VirtualMemory mem) {
        int d = insn.operands[0].reg;
        Operand s = insn.operands[1];
        int op = insn.op;
        switch (insn.variant) {
            case Instruction.SS -> {
                long b = srcLo(s, false, cpu, mem);
                long a = cpu.xmm[2 * d];
                cpu.xmm[2 * d] = (a & ~LOW32) | (SseMath.arith(cpu, op, (int) a, (int) b) & LOW32);
            }
            case Instruction.SD -> {
                long b = srcLo(s, false, cpu, mem);
                cpu.xmm[2 * d] = SseMath.arith(cpu, op, cpu.xmm[2 * d], b);
            }
            case Instruction.PS -> {
                long bLo = srcLo(s, true, cpu, mem);
                long bHi = srcHi(s, cpu, mem);
                long aLo = cpu.xmm[2 * d];
                long aHi = cpu.xmm[2 * d + 1];
                long lo = floatPair(cpu, op, aLo, bLo);
                long hi = floatPair(cpu, op, aHi, bHi);
                setXmm(cpu, d, lo, hi);
            }
            default -> {
                long bLo = srcLo(s, true, cpu, mem);
                long bHi = srcHi(s, cpu, mem);
                long aLo = cpu.xmm[2 * d];
                long aHi = cpu.xmm[2 * d + 1];
                long lo = SseMath.arith(cpu, op, aLo, bLo);
                long hi = SseMath.arith(cpu, op, aHi, bHi);
                setXmm(cpu, d, lo, hi);
            }
        }
    }

    private static long floatPair(CpuState cpu, int op, long a, long b) {
        long lo = SseMath.arith(cpu, op, (int) a, (int) b) & LOW32;
        long hi = SseMath.arith(cpu, op, (int) (a >>> 32), (int) (b >>> 32)) & LOW32;
        return lo | hi << 32;
    }

    // ---------------------------------------------------------------- conversions

    private static void cvtsi2f(Instruction insn, CpuState cpu, VirtualMemory mem) {
        Operand s = insn.operands[1];
        long v = Flags.signExtend(read(s, cpu, mem), s.size);
        int d = 2 * insn.operands[0].reg;
        if (insn.variant == Instruction.SS) {
            long bits = SseMath.longToFloat(cpu, v) & LOW32;
            cpu.xmm[d] = (cpu.xmm[d] & ~LOW32) | bits;
        } else {
            cpu.xmm[d] = SseMath.longToDouble(cpu, v);
        }
    }

    private static void cvtf2si(Instruction insn, CpuState cpu, VirtualMemory mem) {
        Operand s = insn.operands[1];
        long bits = srcLo(s, false, cpu, mem);
        int rc = insn.op == Op.CVTTF2SI ? SseMath.RZ : SseMath.rc(cpu.mxcsr);
        int size = insn.opSize;
        long r = insn.variant == Instruction.SS ? floatToInteger(cpu, (int) bits, rc, size)
                : doubleToInteger(cpu, bits, rc, size);
        Operands.writeReg(cpu, size, insn.operands[0].reg, r);
    }

    private static long doubleToInteger(CpuState cpu, long bits, int rc, int size) {
        bits = SseMath.daz(bits, cpu.mxcsr);
        return SseMath.toInteger(cpu, Double.longBitsToDouble(bits), SseMath.isDenormal(bits), rc, size);
    }

    private static long floatToInteger(CpuState cpu, int bits, int rc, int size) {
        bits = SseMath.daz(bits, cpu.mxcsr);
        return SseMath.toInteger(cpu, Float.intBitsToFloat(bits), SseMath.isDenormal(bits), rc, size);
    }

    private static void cvtScalar(Instruction insn, CpuState cpu, VirtualMemory mem) {
        long bits = srcLo(insn.operands[1], false, cpu, mem);
        int d = 2 * insn.operands[0].reg;
        if (insn.variant == Instruction.SS) { // CVTSS2SD
            cpu.xmm[d] = SseMath.floatToDouble(cpu, (int) bits);
        } else { // CVTSD2SS
            cpu.xmm[d] = (cpu.xmm[d] & ~LOW32) | (SseMath.doubleToFloat(cpu, bits) & LOW32);
        }
    }

    private static void cvtPacked(Instruction insn, CpuState cpu, VirtualMemory mem) {
        Operand s = insn.operands[1];
        int d = insn.operands[0].reg;
        if (insn.variant == Instruction.PS) { // CVTPS2PD: two floats from the low quadword
            long bits = srcLo(s, false, cpu, mem);
            long lo = SseMath.floatToDouble(cpu, (int) bits);
            long hi = SseMath.floatToDouble(cpu, (int) (bits >>> 32));
            setXmm(cpu, d, lo, hi);
        } else { // CVTPD2PS
            long lo = srcLo(s, true, cpu, mem);
            long hi = srcHi(s, cpu, mem);
            long a = SseMath.doubleToFloat(cpu, lo) & LOW32;
            long b = SseMath.doubleToFloat(cpu, hi) & LOW32;
            setXmm(cpu, d, a | b << 32, 0);
        }
    }

    private static void cvtdq2p(Instruction insn, CpuState cpu, VirtualMemory mem) {
        Operand s = insn.operands[1];
        int d = insn.operands[0].reg;
        if (insn.variant == Instruction.PS) {
            long lo = srcLo(s, true, cpu, mem);
            long hi = srcHi(s, cpu, mem);
            setXmm(cpu, d, intPairToFloats(cpu, lo), intPairToFloats(cpu, hi));
        } else {
            long lo = srcLo(s, false, cpu, mem);
            setXmm(cpu, d, Double.doubleToRawLongBits((int) lo), Double.doubleToRawLongBits((int) (lo >>> 32)));
        }
    }

    private static long intPairToFloats(CpuState cpu, long v) {
        long lo = SseMath.longToFloat(cpu, (int) v) & LOW32;
        long hi = SseMath.longToFloat(cpu, (int) (v >>> 32)) & LOW32;
        return lo | hi << 32;
    }

    private static void cvttp2dq(Instruction insn, CpuState cpu, VirtualMemory mem) {
        Operand s = insn.operands[1];
        int d = insn.operands[0].reg;
        long lo = srcLo(s, true, cpu, mem);
        long hi = srcHi(s, cpu, mem);
        convertToDwords(cpu, d, insn.variant, lo, hi, SseMath.RZ);
    }

    /** CVT(T)PS2DQ / CVT(T)PD2DQ: each lane to a signed dword rounded by rc. */
    private static void convertToDwords(CpuState cpu, int d, int variant, long lo, long hi, int rc) {
        if (variant == Instruction.PS) {
            long r0 = floatToInteger(cpu, (int) lo, rc, 4);
            long r1 = floatToInteger(cpu, (int) (lo >>> 32), rc, 4);
            long r2 = floatToInteger(cpu, (int) hi, rc, 4);
            long r3 = floatToInteger(cpu, (int) (hi >>> 32), rc, 4);
            setXmm(cpu, d, r0 | r1 << 32, r2 | r3 << 32);
        } else {
            long r0 = doubleToInteger(cpu, lo, rc, 4);
            long r1 = doubleToInteger(cpu, hi, rc, 4);
            setXmm(cpu, d, r0 | r1 << 32, 0);
        }
    }

    /** UCOMIS/COMIS: ZF, PF, CF = 111 unordered, 000 greater, 001 less, 100 equal; OF, SF, AF cleared. */
    private static void compareToFlags(Instruction insn, CpuState cpu, VirtualMemory mem) {
        long a = cpu.xmm[2 * insn.operands[0].reg];
        long b = srcLo(insn.operands[1], false, cpu, mem);
        double x;
        double y;
        boolean signalling = insn.op == Op.COMIS;
        if (insn.variant == Instruction.SS) {
            int fa = SseMath.daz((int) a, cpu.mxcsr);
            int fb = SseMath.daz((int) b, cpu.mxcsr);
            SseMath.compareFlags(cpu, SseMath.isNaN(fa), SseMath.isSNaN(fa), SseMath.isNaN(fb), SseMath.isSNaN(fb),
                    SseMath.isDenormal(fa) || SseMath.isDenormal(fb), signalling);
            x = Float.intBitsToFloat(fa);
            y = Float.intBitsToFloat(fb);
        } else {
            a = SseMath.daz(a, cpu.mxcsr);
            b = SseMath.daz(b, cpu.mxcsr);
            SseMath.compareFlags(cpu, SseMath.isNaN(a), SseMath.isSNaN(a), SseMath.isNaN(b), SseMath.isSNaN(b),
                    SseMath.isDenormal(a) || SseMath.isDenormal(b), signalling);
            x = Double.longBitsToDouble(a);
            y = Double.longBitsToDouble(b);
        }
        boolean unordered = x != x || y != y;
        cpu.zf = unordered || x == y;
        cpu.pf = unordered;
        cpu.cf = unordered || x < y;
        cpu.of = false;
        cpu.sf = false;
        cpu.af = false;
    }

    // ---------------------------------------------------------------- bitwise and packed integer

    private static void bitwise(Instruction insn, CpuState cpu, VirtualMemory mem) {
        int d = insn.operands[0].reg;
        Operand s = insn.operands[1];
        long bLo = srcLo(s, true, cpu, mem);
        long bHi = srcHi(s, cpu, mem);
        long aLo = cpu.xmm[2 * d];
        long aHi = cpu.xmm[2 * d + 1];
        switch (insn.op) {
            case Op.ANDP -> setXmm(cpu, d, aLo & bLo, aHi & bHi);
            case Op.ANDNP -> setXmm(cpu, d, ~aLo & bLo, ~aHi & bHi);
            case Op.ORP -> setXmm(cpu, d, aLo | bLo, aHi | bHi);
            default -> setXmm(cpu, d, aLo ^ bLo, aHi ^ bHi);
        }
    }

    /** The top bit of each lane of {@code elem} bytes, repeated across a quadword. */
    private static long laneHighBits(int elem) {
        return switch (elem) {
            case 1 -> 0x8080808080808080L;
            case 2 -> 0x8000800080008000L;
            case 4 -> 0x8000000080000000L;
            default -> 0x8000000000000000L;
        };
    }

    private static void addSub(Instruction insn, CpuState cpu, VirtualMemory mem) {
        int d = insn.operands[0].reg;
        Operand s = insn.operands[1];
        long bLo = srcLo(s, true, cpu, mem);
        long bHi = srcHi(s, cpu, mem);
        long h = laneHighBits(insn.variant);
        boolean add = insn.op == Op.PADD;
        long lo = add ? laneAdd(cpu.xmm[2 * d], bLo, h) : laneSub(cpu.xmm[2 * d], bLo, h);
        long hi = add ? laneAdd(cpu.xmm[2 * d + 1], bHi, h) : laneSub(cpu.xmm[2 * d + 1], bHi, h);
        setXmm(cpu, d, lo, hi);
    }

    /** Lane-wise wrapping add: add without the lanes' top bits (no carry crosses a lane), then fix the top bits. */
    private static long laneAdd(long a, long b, long h) {
        return ((a & ~h) + (b & ~h)) ^ ((a ^ b) & h);
    }

    private static long laneSub(long a, long b, long h) {
        return ((a | h) - (b & ~h)) ^ ((a ^ ~b) & h);
    }

    private static void laneCompare(Instruction insn, CpuState cpu, VirtualMemory mem) {
        int d = insn.operands[0].reg;
        Operand s = insn.operands[1];
        long bLo = srcLo(s, true, cpu, mem);
        long bHi = srcHi(s, cpu, mem);
        long lo = compareQuad(insn.op, insn.variant, cpu.xmm[2 * d], bLo);
        long hi = compareQuad(insn.op, insn.variant, cpu.xmm[2 * d + 1], bHi);
        setXmm(cpu, d, lo, hi);
    }

    private static long compareQuad(int op, int elem, long a, long b) {
        int bits = elem * 8;
        long laneMask = Flags.mask(elem);
        long r = 0;
        for (int shift = 0; shift < 64; shift += bits) {
            long x = (a >>> shift) & laneMask;
            long y = (b >>> shift) & laneMask;
            long lane = switch (op) {
                case Op.PCMPEQ -> x == y ? laneMask : 0;
                case Op.PCMPGT -> Flags.signExtend(x, elem) > Flags.signExtend(y, elem) ? laneMask : 0;
                case Op.PMINUB -> Math.min(x, y);
                default -> Math.max(x, y);
            };
            r |= lane << shift;
        }
        return r;
    }

    private static void pmovmskb(Instruction insn, CpuState cpu) {
        int s = insn.operands[1].reg;
        long mask = byteSigns(cpu.xmm[2 * s]) | byteSigns(cpu.xmm[2 * s + 1]) << 8;
        Operands.writeReg(cpu, 4, insn.operands[0].reg, mask);
    }

    private static long byteSigns(long q) {
        long r = 0;
        for (int i = 0; i < 8; i++) {
            r |= ((q >>> (8 * i + 7)) & 1) << i;
        }
        return r;
    }

    private static void movmskp(Instruction insn, CpuState cpu) {
        int s = insn.operands[1].reg;
        long lo = cpu.xmm[2 * s];
        long hi = cpu.xmm[2 * s + 1];
        long mask;
        if (insn.variant == Instruction.PS) {
            mask = (lo >>> 31 & 1) | (lo >>> 63) << 1 | (hi >>> 31 & 1) << 2 | (hi >>> 63) << 3;
        } else {
            mask = (lo >>> 63) | (hi >>> 63) << 1;
        }
        Operands.writeReg(cpu, 4, insn.operands[0].reg, mask);
    }

    private static void unpack(Instruction insn, CpuState cpu, VirtualMemory mem) {
        int d = insn.operands[0].reg;
        Operand s = insn.operands[1];
        boolean high = insn.op == Op.PUNPCKH || insn.op == Op.UNPCKHP;
        int elem = insn.op == Op.PUNPCKL || insn.op == Op.PUNPCKH ? insn.variant
                : insn.variant == Instruction.PS ? 4 : 8;
        long b = high ? srcHiAligned(s, cpu, mem) : srcLo(s, true, cpu, mem);
        long a = cpu.xmm[2 * d + (high ? 1 : 0)];
        if (elem == 8) {
            setXmm(cpu, d, a, b);
            return;
        }
        setXmm(cpu, d, interleave(a, b, elem, 0), interleave(a, b, elem, 32));
    }

    private static long srcHiAligned(Operand s, CpuState cpu, VirtualMemory mem) {
        srcLo(s, true, cpu, mem); // alignment and fault checks on the whole operand
        return srcHi(s, cpu, mem);
    }

    /** Interleaves lanes of a and b taken from bit {@code from} on: a0 b0 a1 b1 ... filling 64 bits. */
    private static long interleave(long a, long b, int elem, int from) {
        int bits = elem * 8;
        long laneMask = Flags.mask(elem);
        long r = 0;
        int out = 0;
        for (int shift = from; out < 64; shift += bits) {
            r |= ((a >>> shift) & laneMask) << out;
            out += bits;
            r |= ((b >>> shift) & laneMask) << out;
            out += bits;
        }
        return r;
    }

    private static void shuffleInt(Instruction insn, CpuState cpu, VirtualMemory mem) {
        int d = insn.operands[0].reg;
        Operand s = insn.operands[1];
        int imm = (int) insn.operands[2].imm;
        long lo = srcLo(s, true, cpu, mem);
        long hi = srcHi(s, cpu, mem);
        switch (insn.op) {
            case Op.PSHUFD -> setXmm(cpu, d, dword(lo, hi, imm & 3) | dword(lo, hi, (imm >> 2) & 3) << 32,
                    dword(lo, hi, (imm >> 4) & 3) | dword(lo, hi, (imm >> 6) & 3) << 32);
            case Op.PSHUFLW -> setXmm(cpu, d, shuffleWords(lo, imm), hi);
            default -> setXmm(cpu, d, lo, shuffleWords(hi, imm));
        }
    }

    private static long dword(long lo, long hi, int i) {
        long q = i < 2 ? lo : hi;
        return (q >>> (32 * (i & 1))) & LOW32;
    }

    private static long shuffleWords(long q, int imm) {
        long r = 0;
        for (int i = 0; i < 4; i++) {
            int sel = (imm >> (2 * i)) & 3;
            r |= ((q >>> (16 * sel)) & 0xFFFF) << (16 * i);
        }
        return r;
    }

    private static void shufp(Instruction insn, CpuState cpu, VirtualMemory mem) {
        int d = insn.operands[0].reg;
        Operand s = insn.operands[1];
        int imm = (int) insn.operands[2].imm;
        long bLo = srcLo(s, true, cpu, mem);
        long bHi = srcHi(s, cpu, mem);
        long aLo = cpu.xmm[2 * d];
        long aHi = cpu.xmm[2 * d + 1];
        if (insn.variant == Instruction.PS) {
            long lo = dword(aLo, aHi, imm & 3) | dword(aLo, aHi, (imm >> 2) & 3) << 32;
            long hi = dword(bLo, bHi, (imm >> 4) & 3) | dword(bLo, bHi, (imm >> 6) & 3) << 32;
            setXmm(cpu, d, lo, hi);
        } else {
            setXmm(cpu, d, (imm & 1) == 0 ? aLo : aHi, (imm & 2) == 0 ? bLo : bHi);
        }
    }

    private static void shiftLanes(Instruction insn, CpuState cpu, VirtualMemory mem) {
        int d = insn.operands[0].reg;
        Operand c = insn.operands[1];
        long count = c.isImm() ? c.imm & 0xFF : srcLo(c, true, cpu, mem);
        if (c.isMem() && c.size == 16) {
            srcHi(c, cpu, mem);
        }
        int elem = insn.variant;
        setXmm(cpu, d, shiftQuad(insn.op, elem, cpu.xmm[2 * d], count),
                shiftQuad(insn.op, elem, cpu.xmm[2 * d + 1], count));
    }

    private static long shiftQuad(int op, int elem, long q, long count) {
        int bits = elem * 8;
        boolean tooFar = Long.compareUnsigned(count, bits - 1) > 0;
        if (tooFar && op != Op.PSRA) {
            return 0;
        }
        int n = tooFar ? bits - 1 : (int) count;
        long laneMask = Flags.mask(elem);
        long r = 0;
        for (int shift = 0; shift < 64; shift += bits) {
            long x = (q >>> shift) & laneMask;
            long lane = switch (op) {
                case Op.PSLL -> x << n;
                case Op.PSRL -> x >>> n;
                default -> Flags.signExtend(x, elem) >> n;
            };
            r |= (lane & laneMask) << shift;
        }
        return r;
    }

    private static void shiftBytes(Instruction insn, CpuState cpu) {
        int d = insn.operands[0].reg;
        int n = (int) (insn.operands[1].imm & 0xFF);
        long lo = cpu.xmm[2 * d];
        long hi = cpu.xmm[2 * d + 1];
        if (n > 15) {
            setXmm(cpu, d, 0, 0);
            return;
        }
        int bits = n * 8;
        if (insn.op == Op.PSLLDQ) {
            if (bits >= 64) {
                setXmm(cpu, d, 0, lo << (bits - 64));
            } else if (bits == 0) {
                return;
            } else {
                setXmm(cpu, d, lo << bits, (hi << bits) | (lo >>> (64 - bits)));
            }
        } else {
            if (bits >= 64) {
                setXmm(cpu, d, hi >>> (bits - 64), 0);
            } else if (bits == 0) {
                return;
            } else {
                setXmm(cpu, d, (lo >>> bits) | (hi << (64 - bits)), hi >>> bits);
            }
        }
    }

    // ---------------------------------------------------------------- compares into masks

    /** CMPccPS/PD/SS/SD: each lane becomes all ones if the predicate holds, else zero. */
    private static void compareToMask(Instruction insn, CpuState cpu, VirtualMemory mem) {
        int d = insn.operands[0].reg;
        Operand s = insn.operands[1];
        int predicate = (int) (insn.operands[2].imm & 7);
        boolean packed = insn.variant == Instruction.PS || insn.variant == Instruction.PD;
        long bLo = srcLo(s, packed, cpu, mem);
        long bHi = srcHi(s, cpu, mem);
        long aLo = cpu.xmm[2 * d];
        long aHi = cpu.xmm[2 * d + 1];
        switch (insn.variant) {
            case Instruction.SS -> cpu.xmm[2 * d] = (aLo & ~LOW32) | (floatMask(cpu, predicate, (int) aLo, (int) bLo) & LOW32);
            case Instruction.SD -> cpu.xmm[2 * d] = doubleMask(cpu, predicate, aLo, bLo);
            case Instruction.PS -> {
                long lo = floatMaskPair(cpu, predicate, aLo, bLo);
                long hi = floatMaskPair(cpu, predicate, aHi, bHi);
                setXmm(cpu, d, lo, hi);
            }
            default -> {
                long lo = doubleMask(cpu, predicate, aLo, bLo);
                long hi = doubleMask(cpu, predicate, aHi, bHi);
                setXmm(cpu, d, lo, hi);
            }
        }
    }

    private static long floatMaskPair(CpuState cpu, int predicate, long a, long b) {
        long lo = floatMask(cpu, predicate, (int) a, (int) b) & LOW32;
        long hi = floatMask(cpu, predicate, (int) (a >>> 32), (int) (b >>> 32)) & LOW32;
        return lo | hi << 32;
    }

    /** LT, LE, NLT, NLE signal invalid on any NaN; EQ, UNORD, NEQ, ORD only on a signalling NaN. */
    private static boolean signals(int predicate) {
        return (predicate & 3) == 1 || (predicate & 3) == 2;
    }

    private static int floatMask(CpuState cpu, int predicate, int a, int b) {
        a = SseMath.daz(a, cpu.mxcsr);
        b = SseMath.daz(b, cpu.mxcsr);
        SseMath.compareFlags(cpu, SseMath.isNaN(a), SseMath.isSNaN(a), SseMath.isNaN(b), SseMath.isSNaN(b),
                SseMath.isDenormal(a) || SseMath.isDenormal(b), signals(predicate));
        return predicate(predicate, Float.intBitsToFloat(a), Float.intBitsToFloat(b)) ? -1 : 0;
    }

    private static long doubleMask(CpuState cpu, int predicate, long a, long b) {
        a = SseMath.daz(a, cpu.mxcsr);
        b = SseMath.daz(b, cpu.mxcsr);
        SseMath.compareFlags(cpu, SseMath.isNaN(a), SseMath.isSNaN(a), SseMath.isNaN(b), SseMath.isSNaN(b),
                SseMath.isDenormal(a) || SseMath.isDenormal(b), signals(predicate));
        return predicate(predicate, Double.longBitsToDouble(a), Double.longBitsToDouble(b)) ? -1L : 0;
    }

    /** The eight SSE compare predicates: EQ LT LE UNORD NEQ NLT NLE ORD. */
    private static boolean predicate(int predicate, double x, double y) {
        boolean unordered = x != x || y != y;
        return switch (predicate) {
            case 0 -> x == y;
            case 1 -> x < y;
            case 2 -> x <= y;
            case 3 -> unordered;
            case 4 -> !(x == y);
            case 5 -> !(x < y);
            case 6 -> !(x <= y);
            default -> !unordered;
        };
    }

    // ---------------------------------------------------------------- more packed integer

    private static void laneArithmetic(Instruction insn, CpuState cpu, VirtualMemory mem) {
        int d = insn.operands[0].reg;
        Operand s = insn.operands[1];
        long bLo = srcLo(s, true, cpu, mem);
        long bHi = srcHi(s, cpu, mem);
        setXmm(cpu, d, laneQuad(insn.op, insn.variant, cpu.xmm[2 * d], bLo),
                laneQuad(insn.op, insn.variant, cpu.xmm[2 * d + 1], bHi));
    }

    private static long laneQuad(int op, int elem, long a, long b) {
        int bits = elem * 8;
        long laneMask = Flags.mask(elem);
        long max = laneMask >>> 1;
        long min = -max - 1;
        long r = 0;
        for (int shift = 0; shift < 64; shift += bits) {
            long x = (a >>> shift) & laneMask;
            long y = (b >>> shift) & laneMask;
            long sx = Flags.signExtend(x, elem);
            long sy = Flags.signExtend(y, elem);
            long lane = switch (op) {
                case Op.PMULLW -> x * y;
                case Op.PMULHW -> (sx * sy) >> 16;
                case Op.PMULHUW -> (x * y) >>> 16;
                case Op.PADDS -> Math.max(min, Math.min(max, sx + sy));
                case Op.PADDUS -> Math.min(laneMask, x + y);
                case Op.PSUBS -> Math.max(min, Math.min(max, sx - sy));
                case Op.PSUBUS -> Math.max(0, x - y);
                case Op.PAVG -> (x + y + 1) >>> 1;
                case Op.PMINSW -> Math.min(sx, sy);
                default -> Math.max(sx, sy); // PMAXSW
            };
            r |= (lane & laneMask) << shift;
        }
        return r;
    }

    /** PMULUDQ, PMADDWD, PSADBW: lanes that produce wider results. */
    private static void widening(Instruction insn, CpuState cpu, VirtualMemory mem) {
        int d = insn.operands[0].reg;
        Operand s = insn.operands[1];
        long bLo = srcLo(s, true, cpu, mem);
        long bHi = srcHi(s, cpu, mem);
        long aLo = cpu.xmm[2 * d];
        long aHi = cpu.xmm[2 * d + 1];
        switch (insn.op) {
            case Op.PMULUDQ -> setXmm(cpu, d, (aLo & LOW32) * (bLo & LOW32), (aHi & LOW32) * (bHi & LOW32));
            case Op.PMADDWD -> setXmm(cpu, d, maddQuad(aLo, bLo), maddQuad(aHi, bHi));
            default -> setXmm(cpu, d, sadQuad(aLo, bLo), sadQuad(aHi, bHi));
        }
    }

    private static long maddQuad(long a, long b) {
        long r = 0;
        for (int dw = 0; dw < 2; dw++) {
            long sum = 0;
            for (int w = 0; w < 2; w++) {
                int shift = 32 * dw + 16 * w;
                sum += (long) (short) (a >>> shift) * (short) (b >>> shift);
            }
            r |= (sum & LOW32) << (32 * dw);
        }
        return r;
    }

    private static long sadQuad(long a, long b) {
        long sum = 0;
        for (int i = 0; i < 64; i += 8) {
            sum += Math.abs(((a >>> i) & 0xFF) - ((b >>> i) & 0xFF));
        }
        return sum;
    }

    private static void pack(Instruction insn, CpuState cpu, VirtualMemory mem) {
        int d = insn.operands[0].reg;
        Operand s = insn.operands[1];
        long bLo = srcLo(s, true, cpu, mem);
        long bHi = srcHi(s, cpu, mem);
        long aLo = cpu.xmm[2 * d];
        long aHi = cpu.xmm[2 * d + 1];
        setXmm(cpu, d, packQuad(insn.op, aLo) | packQuad(insn.op, aHi) << 32,
                packQuad(insn.op, bLo) | packQuad(insn.op, bHi) << 32);
    }

    /** Packs one quadword's lanes into half as many saturated lanes (32 result bits). */
    private static long packQuad(int op, long q) {
        long r = 0;
        if (op == Op.PACKSSDW) {
            for (int i = 0; i < 2; i++) {
                long v = Math.max(-32768, Math.min(32767, (int) (q >>> (32 * i))));
                r |= (v & 0xFFFF) << (16 * i);
            }
            return r;
        }
        for (int i = 0; i < 4; i++) {
            long w = (short) (q >>> (16 * i));
            long v = op == Op.PACKSSWB ? Math.max(-128, Math.min(127, w)) : Math.max(0, Math.min(255, w));
            r |= (v & 0xFF) << (8 * i);
        }
        return r;
    }

    private static void pextrw(Instruction insn, CpuState cpu) {
        int s = insn.operands[1].reg;
        int i = (int) (insn.operands[2].imm & 7);
        long q = cpu.xmm[2 * s + (i >> 2)];
        Operands.writeReg(cpu, 4, insn.operands[0].reg, (q >>> (16 * (i & 3))) & 0xFFFF);
    }

    private static void pinsrw(Instruction insn, CpuState cpu, VirtualMemory mem) {
        int d = insn.operands[0].reg;
        long v = read(insn.operands[1], cpu, mem) & 0xFFFF;
        int i = (int) (insn.operands[2].imm & 7);
        int slot = 2 * d + (i >> 2);
        int shift = 16 * (i & 3);
        cpu.xmm[slot] = (cpu.xmm[slot] & ~(0xFFFFL << shift)) | v << shift;
    }

    private static void cvtp2dq(Instruction insn, CpuState cpu, VirtualMemory mem) {
        Operand s = insn.operands[1];
        int d = insn.operands[0].reg;
        long lo = srcLo(s, true, cpu, mem);
        long hi = srcHi(s, cpu, mem);
        convertToDwords(cpu, d, insn.variant, lo, hi, SseMath.rc(cpu.mxcsr));
    }
}
