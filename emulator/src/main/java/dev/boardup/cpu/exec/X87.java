package dev.boardup.cpu.exec;

import static dev.boardup.cpu.exec.Operands.load;
import static dev.boardup.cpu.exec.Operands.store;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.cpu.decode.Operand;
import dev.boardup.memory.VirtualMemory;
import java.math.BigInteger;

/**
 * The x87 FPU for {@code long double}: loads and stores of 16/32/64-bit integers, 32/64/80-bit reals, the
 * register stack, the four arithmetic operations and square root rounded exactly to the precision and rounding
 * mode of the control word, comparisons into EFLAGS or the status word, FCMOVcc and the control/status words.
 * Values are exact 80-bit extended numbers; arithmetic goes through BigInteger, which is slow but exact, and
 * is rare enough in compiled code to sit behind a Truffle boundary. Exceptions are always masked (the Linux
 * default control word 0x37F): they set status flags and produce the masked response, never #MF.
 */
final class X87 {
    static final int IE = 1, DE = 2, ZE = 4, OE = 8, UE = 16, PE = 32, SF = 64;
    static final int C0 = 1 << 8, C1 = 1 << 9, C2 = 1 << 10, C3 = 1 << 14;
    private static final long INTEGER_BIT = 0x8000000000000000L;
    private static final long QUIET_BIT = 0x4000000000000000L;
    private static final int MIN_LSB = -16445;

    /** An 80-bit extended value: sign (bit 15) and biased exponent of {@code se}, significand with integer bit. */
    record Ext(int se, long mant) {
        boolean negative() {
            return (se & 0x8000) != 0;
        }

        int exponent() {
            return se & 0x7FFF;
        }

        boolean isNaN() {
            return exponent() == 0x7FFF && (mant << 1) != 0;
        }

        boolean isSNaN() {
            return isNaN() && (mant & QUIET_BIT) == 0;
        }

        boolean isInf() {
            return exponent() == 0x7FFF && (mant << 1) == 0;
        }

        boolean isZero() {
            return exponent() == 0 && mant == 0;
        }

        boolean isDenormal() {
            return exponent() == 0 && mant != 0;
        }

        /** Unnormals, pseudo-NaNs and pseudo-infinities (integer bit clear, exponent not zero) are invalid operands. */
        boolean unsupported() {
            return exponent() != 0 && (mant & INTEGER_BIT) == 0;
        }

        /** The magnitude is {@code BigInteger(mant) * 2^scale()} for finite values. */
        int scale() {
            return (exponent() == 0 ? 1 : exponent()) - 16383 - 63;
        }

        BigInteger magnitude() {
            return new BigInteger(Long.toUnsignedString(mant));
        }

        Ext quiet() {
            return new Ext(se, mant | QUIET_BIT);
        }

        Ext negate() {
            return new Ext(se ^ 0x8000, mant);
        }
    }

    static final Ext INDEFINITE = new Ext(0xFFFF, 0xC000000000000000L);
    static final Ext ZERO = new Ext(0, 0);
    static final Ext ONE = new Ext(16383, INTEGER_BIT);

    private final CpuState cpu;
    /** Status flags raised by this instruction, committed when it completes. */
    private int flags;
    private int conditions = -1;
    /** A memory operand was a denormal 32/64-bit real: DE, unless a NaN operand takes precedence. */
    private boolean operandDenormal;

    private X87(CpuState cpu) {
        this.cpu = cpu;
    }

    @TruffleBoundary
    static void execute(Instruction insn, CpuState cpu, VirtualMemory mem) {
        X87 fpu = new X87(cpu);
        int v = insn.variant;
        if (definesC1(v)) {
            fpu.conditions = cpu.fpuStatus & (C0 | C2 | C3); // C1 reads 0 unless this instruction rounds up
        }
        if ((v & 64) != 0) {
            fpu.registerForm((v >> 3) & 7, v & 7, (v >> 7) & 7);
        } else {
            fpu.memoryForm((v >> 3) & 7, v & 7, insn.operands[0], mem);
        }
        fpu.commit();
    }

    /** Everything but FLDCW, FNSTCW, FNSTSW, FNOP and FNCLEX/FNINIT (which set the word themselves). */
    private static boolean definesC1(int v) {
        int form = v & 63;
        boolean register = (v & 64) != 0;
        if (!register) {
            return form != (1 << 3 | 5) && form != (1 << 3 | 7) && form != (5 << 3 | 7);
        }
        return form != (7 << 3 | 4) && form != (1 << 3 | 2) && form != (3 << 3 | 4);
    }

    private void commit() {
        int status = cpu.fpuStatus | (flags & 0x7F);
        if (conditions >= 0) {
            status = (status & ~(C0 | C1 | C2 | C3)) | conditions;
        }
        cpu.fpuStatus = status;
    }

    // ---------------------------------------------------------------- the register stack

    private int physical(int i) {
        return (cpu.fpuTop + i) & 7;
    }

    /** ST(i); reading an empty register is a stack underflow whose masked response is the indefinite QNaN. */
    private Ext st(int i) {
        int r = physical(i);
        if ((cpu.fpuEmpty & (1 << r)) != 0) {
            flags |= IE | SF;
            conditions = conditionsOr(0) & ~C1;
            return INDEFINITE;
        }
        return new Ext(cpu.fpuSignExponent[r], cpu.fpuMantissa[r]);
    }

    private int conditionsOr(int c) {
        return (conditions >= 0 ? conditions : cpu.fpuStatus & (C0 | C1 | C2 | C3)) | c;
    }

    private void set(int i, Ext v) {
        int r = physical(i);
        cpu.fpuSignExponent[r] = v.se();
        cpu.fpuMantissa[r] = v.mant();
        cpu.fpuEmpty &= ~(1 << r);
    }

    private void push(Ext v) {
        int top = (cpu.fpuTop - 1) & 7;
        if ((cpu.fpuEmpty & (1 << top)) == 0) {
            flags |= IE | SF; // stack overflow
            conditions = conditionsOr(C1);
            v = INDEFINITE;
        }
        cpu.fpuTop = top;
        set(0, v);
    }

    private void pop() {
        cpu.fpuEmpty |= 1 << cpu.fpuTop;
        cpu.fpuTop = (cpu.fpuTop + 1) & 7;
    }

    private int rc() {
        return (cpu.fpuControl >> 10) & 3;
    }

    private int precision() {
        int pc = (cpu.fpuControl >> 8) & 3;
        return pc == 0 ? 24 : pc == 2 ? 53 : 64;
    }

    // ---------------------------------------------------------------- instruction forms

    private void memoryForm(int opcode, int digit, Operand m, VirtualMemory mem) {
        long a = Operands.linearAddress(m, cpu);
        switch (opcode) {
            case 0, 2, 4, 6 -> { // D8 m32fp, DA m32int, DC m64fp, DE m16int
                int before = flags;
                Ext y = switch (opcode) {
                    case 0 -> fromFloat((int) load(mem, a, 4));
                    case 4 -> fromDouble(load(mem, a, 8));
                    case 2 -> fromLong((int) load(mem, a, 4));
                    default -> fromLong((short) load(mem, a, 2));
                };
                operandDenormal = (flags & ~before & DE) != 0;
                flags &= ~DE | before;
                arithmeticOrCompare(digit, y);
            }
            case 1 -> { // D9
                switch (digit) {
                    case 0 -> push(fromFloat((int) load(mem, a, 4)));
                    case 2, 3 -> {
                        store(mem, a, 4, toFloat(st(0)));
                        if (digit == 3) {
                            pop();
                        }
                    }
                    case 5 -> cpu.fpuControl = (int) load(mem, a, 2) & 0x1F7F | 0x40;
                    default -> store(mem, a, 2, cpu.fpuControl); // FNSTCW
                }
            }
            case 3 -> { // DB
                switch (digit) {
                    case 0 -> push(fromLong((int) load(mem, a, 4)));
                    case 2, 3 -> {
                        store(mem, a, 4, toInteger(st(0), 4));
                        if (digit == 3) {
                            pop();
                        }
                    }
                    case 5 -> {
                        long mant = load(mem, a, 8);
                        int se = (int) load(mem, a + 8, 2);
                        push(new Ext(se, mant));
                    }
                    default -> { // FSTP m80
                        Ext v = st(0);
                        store(mem, a + 8, 2, v.se()); // the higher part first: a fault there leaves nothing written
                        store(mem, a, 8, v.mant());
                        pop();
                    }
                }
            }
            case 5 -> { // DD
                switch (digit) {
                    case 0 -> push(fromDouble(load(mem, a, 8)));
                    case 2, 3 -> {
                        store(mem, a, 8, toDouble(st(0)));
                        if (digit == 3) {
                            pop();
                        }
                    }
                    default -> store(mem, a, 2, statusWord()); // FNSTSW m16
                }
            }
            default -> { // DF
                switch (digit) {
                    case 0 -> push(fromLong((short) load(mem, a, 2)));
                    case 5 -> push(fromLong(load(mem, a, 8)));
                    case 2, 3 -> {
                        store(mem, a, 2, toInteger(st(0), 2));
                        if (digit == 3) {
                            pop();
                        }
                    }
                    default -> { // FISTP m64
                        store(mem, a, 8, toInteger(st(0), 8));
                        pop();
                    }
                }
            }
        }
    }

    private int statusWord() {
        return (cpu.fpuStatus & ~0x3800) | (cpu.fpuTop << 11);
    }

    private void registerForm(int opcode, int digit, int i) {
        switch (opcode) {
            case 0 -> arithmeticOrCompare(digit, st(i)); // D8: ST(0) op ST(i)
            case 4, 6 -> { // DC, DE: ST(i) op ST(0), SUB/SUBR and DIV/DIVR swapped; DE pops
                if (opcode == 6 && digit == 3) { // FCOMPP
                    compareToStatus(st(0), st(1), false);
                    pop();
                    pop();
                    return;
                }
                int kind = digit >= 4 ? digit ^ 1 : digit;
                set(i, arithmetic(kind, st(i), st(0)));
                if (opcode == 6) {
                    pop();
                }
            }
            case 1 -> d9Register(digit, i);
            case 2, 3 -> { // DA, DB
                if (digit <= 3) {
                    fcmov(opcode == 3, digit, i);
                } else if (opcode == 2) { // FUCOMPP
                    compareToStatus(st(0), st(1), true);
                    pop();
                    pop();
                } else if (digit == 4) {
                    if (i == 2) { // FNCLEX
                        cpu.fpuStatus &= ~0x80FF;
                    } else { // FNINIT
                        cpu.fpuControl = 0x37F;
                        cpu.fpuStatus = 0;
                        cpu.fpuTop = 0;
                        cpu.fpuEmpty = 0xFF;
                    }
                } else {
                    compareToEflags(st(0), st(i), digit == 5);
                }
            }
            case 5 -> { // DD
                switch (digit) {
                    case 0 -> cpu.fpuEmpty |= 1 << physical(i); // FFREE
                    case 2, 3 -> {
                        set(i, st(0));
                        if (digit == 3) {
                            pop();
                        }
                    }
                    default -> {
                        compareToStatus(st(0), st(i), true);
                        if (digit == 5) {
                            pop();
                        }
                    }
                }
            }
            default -> { // DF
                if (digit == 4) {
                    Operands.writeReg(cpu, 2, CpuState.RAX, statusWord()); // FNSTSW AX
                } else {
                    compareToEflags(st(0), st(i), digit == 5);
                    pop();
                }
            }
        }
    }

    private void d9Register(int digit, int i) {
        switch (digit) {
            case 0 -> push(st(i));
            case 1 -> { // FXCH
                Ext a = st(0);
                Ext b = st(i);
                set(0, b);
                set(i, a);
                conditions = conditionsOr(0) & ~C1;
            }
            case 2 -> { } // FNOP
            case 4 -> {
                if (i == 4) {
                    compareToStatus(st(0), ZERO, false); // FTST
                } else if (i == 5) {
                    examine(); // FXAM
                } else {
                    Ext v = st(0);
                    set(0, i == 0 ? v.negate() : new Ext(v.se() & 0x7FFF, v.mant()));
                    conditions = conditionsOr(0) & ~C1;
                }
            }
            case 5 -> push(i == 0 ? ONE : ZERO);
            default -> set(0, i == 2 ? sqrt(st(0)) : roundToInteger(st(0)));
        }
    }

    /** FXAM: classifies ST(0) into C3 C2 C0 (and its sign into C1) without faulting on an empty register. */
    private void examine() {
        int r = physical(0);
        Ext v = new Ext(cpu.fpuSignExponent[r], cpu.fpuMantissa[r]);
        int c1 = v.negative() ? C1 : 0;
        int cls;
        if ((cpu.fpuEmpty & (1 << r)) != 0) {
            cls = C3 | C0;
        } else if (v.unsupported()) {
            cls = 0;
        } else if (v.isNaN()) {
            cls = C0;
        } else if (v.isInf()) {
            cls = C2 | C0;
        } else if (v.isZero()) {
            cls = C3;
        } else if (v.isDenormal()) {
            cls = C3 | C2;
        } else {
            cls = C2;
        }
        conditions = cls | c1;
    }

    private void fcmov(boolean negated, int digit, int i) {
        boolean c = switch (digit) {
            case 0 -> cpu.cf;
            case 1 -> cpu.zf;
            case 2 -> cpu.cf || cpu.zf;
            default -> cpu.pf;
        };
        Ext v = st(i);
        if (c != negated) {
            set(0, v);
        }
    }

    private void arithmeticOrCompare(int digit, Ext y) {
        if (digit == 2 || digit == 3) {
            compareToStatus(st(0), y, false);
            if (digit == 3) {
                pop();
            }
            return;
        }
        set(0, arithmetic(digit, st(0), y));
    }

    // ---------------------------------------------------------------- comparisons

    /** -1, 0, 1, or 2 for unordered; raises IE for SNaN (or any NaN if not {@code quiet}) and DE. */
    private int compare(Ext a, Ext b, boolean quiet) {
        if (a.unsupported() || b.unsupported()) {
            flags |= IE;
            return 2;
        }
        if (a.isNaN() || b.isNaN()) {
            if (a.isSNaN() || b.isSNaN() || !quiet) {
                flags |= IE;
            }
            return 2;
        }
        if (a.isDenormal() || b.isDenormal() || operandDenormal) {
            flags |= DE;
        }
        return compareOrdered(a, b);
    }

    private static int compareOrdered(Ext a, Ext b) {
        if (a.isZero() && b.isZero()) {
            return 0;
        }
        if (a.negative() != b.negative()) {
            return a.negative() ? -1 : 1;
        }
        int magnitude = a.exponent() != b.exponent() ? Integer.compare(a.exponent(), b.exponent())
                : Long.compareUnsigned(a.mant(), b.mant());
        return a.negative() ? -magnitude : magnitude;
    }

    private void compareToEflags(Ext a, Ext b, boolean quiet) {
        int c = compare(a, b, quiet);
        cpu.zf = c == 0 || c == 2;
        cpu.pf = c == 2;
        cpu.cf = c < 0 || c == 2;
        cpu.of = false;
        cpu.sf = false;
        cpu.af = false;
        conditions = conditionsOr(0) & ~C1;
    }

    private void compareToStatus(Ext a, Ext b, boolean quiet) {
        int c = compare(a, b, quiet);
        int cc = c == 2 ? C3 | C2 | C0 : c < 0 ? C0 : c == 0 ? C3 : 0;
        conditions = cc;
    }

    // ---------------------------------------------------------------- arithmetic

    /** kind: 0 add, 1 mul, 4 x - y, 5 y - x, 6 x / y, 7 y / x. */
    private Ext arithmetic(int kind, Ext x, Ext y) {
        if (kind == 5 || kind == 7) {
            Ext t = x;
            x = y;
            y = t;
            kind--;
        }
        if (x.unsupported() || y.unsupported()) {
            return invalid();
        }
        if (x.isNaN() || y.isNaN()) {
            return propagateNaN(x, y);
        }
        Ext r = finiteArithmetic(kind, x, y);
        if ((x.isDenormal() || y.isDenormal() || operandDenormal) && (flags & (IE | ZE)) == 0) {
            flags |= DE; // invalid and divide-by-zero outrank denormal
        }
        return r;
    }

    private Ext finiteArithmetic(int kind, Ext x, Ext y) {
        boolean sub = kind == 4;
        if (kind == 0 || sub) {
            Ext b = sub ? y.negate() : y;
            if (x.isInf() || b.isInf()) {
                if (x.isInf() && b.isInf() && x.negative() != b.negative()) {
                    return invalid();
                }
                return x.isInf() ? x : b;
            }
            return add(x, b);
        }
        boolean negative = x.negative() != y.negative();
        if (kind == 1) {
            if (x.isInf() || y.isInf()) {
                if (x.isZero() || y.isZero()) {
                    return invalid();
                }
                return infinity(negative);
            }
            if (x.isZero() || y.isZero()) {
                return zero(negative);
            }
            return round(negative, x.magnitude().multiply(y.magnitude()), x.scale() + y.scale(), false);
        }
        // division
        if (x.isInf()) {
            return y.isInf() ? invalid() : infinity(negative);
        }
        if (y.isInf()) {
            return zero(negative);
        }
        if (y.isZero()) {
            if (x.isZero()) {
                return invalid();
            }
            flags |= ZE;
            return infinity(negative);
        }
        if (x.isZero()) {
            return zero(negative);
        }
        int extra = 130;
        BigInteger[] qr = x.magnitude().shiftLeft(extra).divideAndRemainder(y.magnitude());
        BigInteger q = qr[0].shiftLeft(1).or(qr[1].signum() != 0 ? BigInteger.ONE : BigInteger.ZERO); // sticky bit
        return round(negative, q, x.scale() - y.scale() - extra - 1, false);
    }

    private Ext add(Ext x, Ext y) {
        if (x.isZero() && y.isZero()) {
            boolean negative = x.negative() == y.negative() ? x.negative() : rc() == 1;
            return zero(negative);
        }
        int scale = Math.min(x.isZero() ? Integer.MAX_VALUE : x.scale(), y.isZero() ? Integer.MAX_VALUE : y.scale());
        BigInteger a = x.isZero() ? BigInteger.ZERO : x.magnitude().shiftLeft(x.scale() - scale);
        BigInteger b = y.isZero() ? BigInteger.ZERO : y.magnitude().shiftLeft(y.scale() - scale);
        BigInteger sum = (x.negative() ? a.negate() : a).add(y.negative() ? b.negate() : b);
        if (sum.signum() == 0) {
            return zero(rc() == 1); // an exact zero from unlike signs is +0, or -0 rounding down
        }
        return round(sum.signum() < 0, sum.abs(), scale, false);
    }

    private Ext sqrt(Ext x) {
        if (x.unsupported()) {
            return invalid();
        }
        if (x.isNaN()) {
            return propagateNaN(x, x);
        }
        if (x.isZero()) {
            return x;
        }
        if (x.negative()) {
            return invalid();
        }
        if (x.isInf()) {
            return x;
        }
        if (x.isDenormal()) {
            flags |= DE;
        }
        int scale = x.scale();
        BigInteger m = x.magnitude();
        if ((scale & 1) != 0) {
            m = m.shiftLeft(1);
            scale--;
        }
        m = m.shiftLeft(140);
        scale -= 140;
        BigInteger r = m.sqrt();
        BigInteger root = r.shiftLeft(1).or(r.multiply(r).equals(m) ? BigInteger.ZERO : BigInteger.ONE);
        return round(false, root, scale / 2 - 1, false);
    }

    private Ext roundToInteger(Ext x) {
        if (x.unsupported()) {
            return invalid();
        }
        if (x.isNaN()) {
            return propagateNaN(x, x);
        }
        if (x.isDenormal()) {
            flags |= DE;
        }
        if (x.isInf() || x.isZero() || x.scale() >= 0) {
            return x;
        }
        BigInteger m = x.magnitude();
        int shift = -x.scale();
        BigInteger q = m.shiftRight(shift);
        BigInteger rem = m.subtract(q.shiftLeft(shift));
        if (rem.signum() != 0) {
            flags |= PE;
            if (roundsUp(x.negative(), q, rem, shift, rc())) {
                q = q.add(BigInteger.ONE);
            }
        }
        if (q.signum() == 0) {
            return zero(x.negative());
        }
        return round(x.negative(), q, 0, true);
    }

    private Ext propagateNaN(Ext x, Ext y) {
        if (x.isSNaN() || y.isSNaN()) {
            flags |= IE;
        }
        if (x.isNaN() && y.isNaN()) {
            int c = Long.compareUnsigned(x.mant() << 1, y.mant() << 1);
            return (c > 0 || c == 0 && !x.negative() ? x : y).quiet();
        }
        return (x.isNaN() ? x : y).quiet();
    }

    private Ext invalid() {
        flags |= IE;
        return INDEFINITE;
    }

    private static Ext infinity(boolean negative) {
        return new Ext(negative ? 0xFFFF : 0x7FFF, INTEGER_BIT);
    }

    private static Ext zero(boolean negative) {
        return new Ext(negative ? 0x8000 : 0, 0);
    }

    /** Rounds magnitude * 2^scale to the control word's precision and rounding mode as an extended value. */
    private Ext round(boolean negative, BigInteger magnitude, int scale, boolean fullPrecision) {
        int p = fullPrecision ? 64 : precision(); // precision control governs only + - * / and FSQRT
        int msb = scale + magnitude.bitLength() - 1;
        int lsb = Math.max(msb - p + 1, MIN_LSB);
        BigInteger q = roundTo(negative, magnitude, scale, lsb);
        if (q.bitLength() > p) { // rounding carried into a new bit
            q = q.shiftRight(1);
            lsb++;
        }
        if (q.signum() == 0) {
            flags |= UE | PE;
            return zero(negative);
        }
        msb = lsb + q.bitLength() - 1;
        if (msb > 16383) {
            flags |= OE | PE;
            return overflow(negative, p);
        }
        if (msb < -16382) { // denormal
            if ((flags & PE) != 0) {
                flags |= UE;
            }
            long mant = q.shiftLeft(lsb - MIN_LSB).longValue();
            return new Ext(negative ? 0x8000 : 0, mant);
        }
        long mant = q.shiftLeft(64 - q.bitLength()).longValue();
        return new Ext((negative ? 0x8000 : 0) | (msb + 16383), mant);
    }

    /** Rounds magnitude * 2^scale to a multiple of 2^lsb; returns the multiple. Sets PE and C1 (rounded up). */
    private BigInteger roundTo(boolean negative, BigInteger magnitude, int scale, int lsb) {
        int shift = lsb - scale;
        if (shift <= 0) {
            return magnitude.shiftLeft(-shift);
        }
        BigInteger q = magnitude.shiftRight(shift);
        BigInteger rem = magnitude.subtract(q.shiftLeft(shift));
        if (rem.signum() == 0) {
            return q;
        }
        flags |= PE;
        if (roundsUp(negative, q, rem, shift, rc())) {
            conditions = conditionsOr(C1);
            return q.add(BigInteger.ONE);
        }
        conditions = conditionsOr(0) & ~C1;
        return q;
    }

    private static boolean roundsUp(boolean negative, BigInteger q, BigInteger rem, int shift, int rc) {
        return switch (rc) {
            case 0 -> {
                int c = rem.compareTo(BigInteger.ONE.shiftLeft(shift - 1));
                yield c > 0 || c == 0 && q.testBit(0);
            }
            case 1 -> negative;
            case 2 -> !negative;
            default -> false;
        };
    }

    private Ext overflow(boolean negative, int p) {
        int rc = rc();
        boolean toInfinity = rc == 0 || rc == 1 && negative || rc == 2 && !negative;
        conditions = toInfinity ? conditionsOr(C1) : conditionsOr(0) & ~C1;
        if (toInfinity) {
            return infinity(negative);
        }
        long mant = -1L << (64 - p);
        return new Ext((negative ? 0x8000 : 0) | 0x7FFE, mant);
    }

    // ---------------------------------------------------------------- conversions

    static Ext fromLong(long v) {
        if (v == 0) {
            return ZERO;
        }
        boolean negative = v < 0;
        long m = negative ? -v : v; // Long.MIN_VALUE stays 2^63 as an unsigned value
        int lz = Long.numberOfLeadingZeros(m);
        return new Ext((negative ? 0x8000 : 0) | (16383 + 63 - lz), m << lz);
    }

    private Ext fromDouble(long d) {
        boolean negative = d < 0;
        int e = (int) (d >>> 52) & 0x7FF;
        long frac = d & 0xFFFFFFFFFFFFFL;
        int sign = negative ? 0x8000 : 0;
        if (e == 0x7FF) {
            Ext special = new Ext(sign | 0x7FFF, INTEGER_BIT | frac << 11);
            return special.isNaN() ? loadedNaN(special) : special;
        }
        if (e == 0) {
            if (frac == 0) {
                return zero(negative);
            }
            flags |= DE;
            int lz = Long.numberOfLeadingZeros(frac);
            return new Ext(sign | (16383 - 1022 - (lz - 11)), frac << lz);
        }
        return new Ext(sign | (e - 1023 + 16383), INTEGER_BIT | frac << 11);
    }

    private Ext fromFloat(int f) {
        boolean negative = f < 0;
        int e = (f >>> 23) & 0xFF;
        long frac = f & 0x7FFFFF;
        int sign = negative ? 0x8000 : 0;
        if (e == 0xFF) {
            Ext special = new Ext(sign | 0x7FFF, INTEGER_BIT | frac << 40);
            return special.isNaN() ? loadedNaN(special) : special;
        }
        if (e == 0) {
            if (frac == 0) {
                return zero(negative);
            }
            flags |= DE;
            int lz = Long.numberOfLeadingZeros(frac);
            return new Ext(sign | (16383 - 126 - (lz - 40)), frac << lz);
        }
        return new Ext(sign | (e - 127 + 16383), INTEGER_BIT | frac << 40);
    }

    /** Loading a 32- or 64-bit SNaN raises IE and yields it quieted. */
    private Ext loadedNaN(Ext nan) {
        if (nan.isSNaN()) {
            flags |= IE;
        }
        return nan.quiet();
    }

    /** Rounds to a binary64/binary32 with p significand bits, exponents down to minLsb; returns the value as a double. */
    private double toBinary(Ext v, int p, int minLsb, int maxExponent) {
        boolean negative = v.negative();
        if (v.isZero()) {
            return negative ? -0.0 : 0.0;
        }
        BigInteger m = v.magnitude(); // storing a denormal raises no DE (only loading one does)
        int msb = v.scale() + m.bitLength() - 1;
        int lsb = Math.max(msb - p + 1, minLsb);
        BigInteger q = roundTo(negative, m, v.scale(), lsb);
        if (q.signum() == 0) {
            flags |= UE | PE;
            return negative ? -0.0 : 0.0;
        }
        if (lsb + q.bitLength() - 1 > maxExponent) {
            flags |= OE | PE;
            int rc = rc();
            boolean toInfinity = rc == 0 || rc == 1 && negative || rc == 2 && !negative;
            double max = p == 53 ? Double.MAX_VALUE : Float.MAX_VALUE;
            double r = toInfinity ? Double.POSITIVE_INFINITY : max;
            conditions = toInfinity ? conditionsOr(C1) : conditionsOr(0) & ~C1;
            return negative ? -r : r;
        }
        if (lsb + q.bitLength() - 1 < maxExponent - (p == 53 ? 2045 : 253) && (flags & PE) != 0) {
            flags |= UE; // a tiny, inexact result
        }
        double r = Math.scalb((double) q.longValue(), lsb);
        return negative ? -r : r;
    }

    private long toDouble(Ext v) {
        if (v.unsupported()) {
            flags |= IE;
            return 0xFFF8000000000000L;
        }
        if (v.isNaN()) {
            if (v.isSNaN()) {
                flags |= IE;
            }
            long sign = v.negative() ? 1L << 63 : 0;
            return sign | 0x7FF8000000000000L | (v.mant() << 1 >>> 12);
        }
        if (v.isInf()) {
            return Double.doubleToRawLongBits(v.negative() ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        return Double.doubleToRawLongBits(toBinary(v, 53, -1074, 1023));
    }

    private int toFloat(Ext v) {
        if (v.unsupported()) {
            flags |= IE;
            return 0xFFC00000;
        }
        if (v.isNaN()) {
            if (v.isSNaN()) {
                flags |= IE;
            }
            int sign = v.negative() ? 1 << 31 : 0;
            return sign | 0x7FC00000 | (int) (v.mant() << 1 >>> 41);
        }
        if (v.isInf()) {
            return Float.floatToRawIntBits(v.negative() ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY);
        }
        return Float.floatToRawIntBits((float) toBinary(v, 24, -149, 127));
    }

    /** FIST: rounds by the control word; NaN, infinity or out of range gives the integer indefinite and IE. */
    private long toInteger(Ext v, int size) {
        long indefinite = size == 8 ? Long.MIN_VALUE : size == 4 ? 0x80000000L : 0x8000L;
        if (v.unsupported() || v.isNaN() || v.isInf()) {
            flags |= IE;
            return indefinite;
        }
        if (v.isZero()) {
            return 0;
        }
        BigInteger q = roundTo(v.negative(), v.magnitude(), v.scale(), 0);
        BigInteger n = v.negative() ? q.negate() : q;
        if (n.bitLength() > size * 8 - 1) {
            flags = (flags | IE) & ~PE; // invalid: no precision exception and no round-up indication
            conditions = conditionsOr(0) & ~C1;
            return indefinite;
        }
        return n.longValue() & Flags.mask(size);
    }
}
