package dev.boardup.cpu.exec;

import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.decode.Op;

/**
 * SSE floating point as MXCSR defines it: the four rounding modes, denormals-are-zero, flush-to-zero, and the
 * sticky exception flags (IE DE ZE OE UE PE). Java computes round-to-nearest results; the exact error of each
 * operation (from two-sum or a fused multiply-add) tells whether it was inexact and which way the other rounding
 * modes go. Exceptions are always treated as masked (the default MXCSR); an unmasked one would raise #XM.
 */
final class SseMath {
    static final int IE = 1, DE = 2, ZE = 4, OE = 8, UE = 16, PE = 32;
    static final int DAZ = 1 << 6, FTZ = 1 << 15;
    static final int RN = 0, RD = 1, RU = 2, RZ = 3;

    static final long DEFAULT_NAN_D = 0xFFF8000000000000L;
    static final int DEFAULT_NAN_F = 0xFFC00000;
    static final long QUIET_D = 0x0008000000000000L;
    static final int QUIET_F = 0x00400000;
    private static final long SIGN_D = 0x8000000000000000L;
    private static final int SIGN_F = 0x80000000;

    private SseMath() {
    }

    static int rc(int mxcsr) {
        return (mxcsr >> 13) & 3;
    }

    // ---------------------------------------------------------------- classification

    static boolean isNaN(long d) {
        return (d & ~SIGN_D) > 0x7FF0000000000000L;
    }

    static boolean isNaN(int f) {
        return (f & ~SIGN_F) > 0x7F800000;
    }

    static boolean isSNaN(long d) {
        return isNaN(d) && (d & QUIET_D) == 0;
    }

    static boolean isSNaN(int f) {
        return isNaN(f) && (f & QUIET_F) == 0;
    }

    static boolean isDenormal(long d) {
        return (d & 0x7FF0000000000000L) == 0 && (d & 0x000FFFFFFFFFFFFFL) != 0;
    }

    static boolean isDenormal(int f) {
        return (f & 0x7F800000) == 0 && (f & 0x007FFFFF) != 0;
    }

    /** DAZ: a denormal source reads as a zero of the same sign. */
    static long daz(long d, int mxcsr) {
        return (mxcsr & DAZ) != 0 && isDenormal(d) ? d & SIGN_D : d;
    }

    static int daz(int f, int mxcsr) {
        return (mxcsr & DAZ) != 0 && isDenormal(f) ? f & SIGN_F : f;
    }

    /** Sign of (x*y - r) for the rounded product r, exact even when the product is tiny. */
    private static int productError(double x, double y, double r) {
        if (Math.abs(r) >= 0x1p-960 || Double.isInfinite(r)) {
            return signum(Math.fma(x, y, -r));
        }
        // Tiny: scale both factors by 2^600 (exact) so neither the product nor its error underflows.
        double bigX = Math.scalb(x, 600);
        double bigY = Math.scalb(y, 600);
        double p = bigX * bigY;
        double e = Math.fma(bigX, bigY, -p);
        double d = p - Math.scalb(r, 1200);
        return d != 0 ? signum(d) : signum(e);
    }

    /** Sign of (x/y - r) for the rounded quotient r, exact even when the quotient is tiny. */
    private static int quotientError(double x, double y, double r) {
        if (Double.isInfinite(r) || Double.isInfinite(y)) {
            return signum(Math.fma(-r, y, x)) * signum(y);
        }
        if (Math.abs(r) < 0x1p-960) { // tiny quotient: scale x and r so the residual x - r*y cannot underflow
            return signum(Math.fma(-Math.scalb(r, 900), y, Math.scalb(x, 900))) * signum(y);
        }
        if (Math.abs(x) < 0x1p-960) { // tiny dividend: scale x and y (|y| = |x/r| is then small too)
            return signum(Math.fma(-r, Math.scalb(y, 900), Math.scalb(x, 900))) * signum(y);
        }
        return signum(Math.fma(-r, y, x)) * signum(y);
    }

    private static boolean bothPositiveZeros(double x, double y) {
        return x == 0 && y == 0 && Double.doubleToRawLongBits(x) == 0 && Double.doubleToRawLongBits(y) == 0;
    }

    private static int signum(double v) {
        return v > 0 ? 1 : v < 0 ? -1 : 0;
    }

    // ---------------------------------------------------------------- double precision

    /** ADD, SUB, MUL, DIV, SQRT, MIN, MAX on doubles (a = destination, b = source); flags go into MXCSR. */
    static long arith(CpuState cpu, int op, long a, long b) {
        int mx = cpu.mxcsr;
        b = daz(b, mx);
        if (op == Op.FSQRT) {
            return sqrt(cpu, b);
        }
        a = daz(a, mx);
        int flags = isDenormal(a) || isDenormal(b) ? DE : 0;
        double x = Double.longBitsToDouble(a);
        double y = Double.longBitsToDouble(b);
        if (op == Op.FMIN || op == Op.FMAX) {
            if (isNaN(a) || isNaN(b)) {
                flags = IE; // invalid outranks denormal
            }
            cpu.mxcsr |= flags;
            return (op == Op.FMIN ? x < y : x > y) ? a : b;
        }
        if (isNaN(a) || isNaN(b)) {
            if (isSNaN(a) || isSNaN(b)) {
                cpu.mxcsr |= IE;
            }
            return isNaN(a) ? a | QUIET_D : b | QUIET_D;
        }
        if (op == Op.FSUB) {
            y = -y;
        }
        double r;
        int err;
        switch (op) {
            case Op.FMUL -> {
                r = x * y;
                err = productError(x, y, r);
            }
            case Op.FDIV -> {
                r = x / y;
                err = quotientError(x, y, r);
            }
            default -> {
                r = x + y;
                double bb = r - x;
                err = signum((x - (r - bb)) + (y - bb));
                if (r == 0 && rc(mx) == RD && !bothPositiveZeros(x, y)) {
                    r = -0.0; // an exact zero sum is -0 when rounding down unless both addends are +0
                }
            }
        }
        if (r != r) {
            cpu.mxcsr |= IE; // invalid outranks denormal
            return DEFAULT_NAN_D;
        }
        if (op == Op.FDIV && y == 0 && !Double.isInfinite(x)) {
            cpu.mxcsr |= ZE; // and so does divide-by-zero
            return Double.doubleToRawLongBits(r);
        }
        boolean finite = !Double.isInfinite(x) && !Double.isInfinite(y);
        return finish(cpu, flags, r, finite ? err : 0, finite);
    }

    private static long sqrt(CpuState cpu, long b) {
        if (isNaN(b)) {
            if (isSNaN(b)) {
                cpu.mxcsr |= IE;
            }
            return b | QUIET_D;
        }
        int flags = isDenormal(b) ? DE : 0;
        double x = Double.longBitsToDouble(b);
        if (x < 0) {
            cpu.mxcsr |= IE;
            return DEFAULT_NAN_D;
        }
        double r = Math.sqrt(x);
        int err;
        if (Double.isInfinite(x)) {
            err = 0;
        } else if (x < 0x1p-900) { // scale so the residual x - r*r cannot underflow
            double big = Math.scalb(r, 500);
            err = signum(Math.fma(-big, big, Math.scalb(x, 1000)));
        } else {
            err = signum(Math.fma(-r, r, x));
        }
        return finish(cpu, flags, r, err, false);
    }

    /** Applies the rounding mode to a round-to-nearest result whose exact error has sign {@code err}. */
    static long finish(CpuState cpu, int flags, double r, int err, boolean overflowPossible) {
        int mx = cpu.mxcsr;
        int rc = rc(mx);
        if (overflowPossible && Double.isInfinite(r)) {
            flags |= OE | PE;
            r = overflow(r > 0, rc);
        } else if (err != 0) {
            flags |= PE;
            r = round(r, err, rc);
            if (overflowPossible && Double.isInfinite(r)) {
                flags |= OE;
            }
        }
        boolean tiny = Math.abs(r) < Double.MIN_NORMAL;
        if (tiny && (flags & PE) != 0) {
            flags |= UE;
        }
        if ((mx & FTZ) != 0 && tiny && r != 0) {
            r = Math.copySign(0.0, r);
            flags |= UE | PE;
        }
        cpu.mxcsr |= flags;
        return Double.doubleToRawLongBits(r);
    }

    private static double round(double r, int err, int rc) {
        return switch (rc) {
            case RD -> err < 0 ? Math.nextDown(r) : r;
            case RU -> err > 0 ? Math.nextUp(r) : r;
            case RZ -> r > 0 && err < 0 ? Math.nextDown(r) : r < 0 && err > 0 ? Math.nextUp(r) : r;
            default -> r;
        };
    }

    private static double overflow(boolean positive, int rc) {
        double inf = positive ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        double max = positive ? Double.MAX_VALUE : -Double.MAX_VALUE;
        return switch (rc) {
            case RZ -> max;
            case RD -> positive ? max : inf;
            case RU -> positive ? inf : max;
            default -> inf;
        };
    }

    // ---------------------------------------------------------------- single precision

    static int arith(CpuState cpu, int op, int a, int b) {
        int mx = cpu.mxcsr;
        b = daz(b, mx);
        if (op == Op.FSQRT) {
            return sqrt(cpu, b);
        }
        a = daz(a, mx);
        int flags = isDenormal(a) || isDenormal(b) ? DE : 0;
        float x = Float.intBitsToFloat(a);
        float y = Float.intBitsToFloat(b);
        if (op == Op.FMIN || op == Op.FMAX) {
            if (isNaN(a) || isNaN(b)) {
                flags = IE; // invalid outranks denormal
            }
            cpu.mxcsr |= flags;
            return (op == Op.FMIN ? x < y : x > y) ? a : b;
        }
        if (isNaN(a) || isNaN(b)) {
            if (isSNaN(a) || isSNaN(b)) {
                cpu.mxcsr |= IE;
            }
            return isNaN(a) ? a | QUIET_F : b | QUIET_F;
        }
        if (op == Op.FSUB) {
            y = -y;
        }
        float r;
        int err;
        switch (op) {
            case Op.FMUL -> {
                r = x * y;
                err = signum((double) x * y - r); // a float product is exact in double
            }
            case Op.FDIV -> {
                r = x / y;
                err = signum(x - (double) r * y) * signum(y);
            }
            default -> {
                r = x + y;
                float bb = r - x;
                err = signum((x - (r - bb)) + (y - bb));
                if (r == 0 && rc(mx) == RD && !bothPositiveZeros(x, y)) {
                    r = -0.0f;
                }
            }
        }
        if (r != r) {
            cpu.mxcsr |= IE;
            return DEFAULT_NAN_F;
        }
        if (op == Op.FDIV && y == 0 && !Float.isInfinite(x)) {
            cpu.mxcsr |= ZE;
            return Float.floatToRawIntBits(r);
        }
        boolean finite = !Float.isInfinite(x) && !Float.isInfinite(y);
        return finish(cpu, flags, r, finite ? err : 0, finite);
    }

    private static int sqrt(CpuState cpu, int b) {
        if (isNaN(b)) {
            if (isSNaN(b)) {
                cpu.mxcsr |= IE;
            }
            return b | QUIET_F;
        }
        int flags = isDenormal(b) ? DE : 0;
        float x = Float.intBitsToFloat(b);
        if (x < 0) {
            cpu.mxcsr |= IE;
            return DEFAULT_NAN_F;
        }
        float r = (float) Math.sqrt(x);
        int err = Float.isInfinite(x) ? 0 : signum((double) x - (double) r * r); // exact in double
        return finish(cpu, flags, r, err, false);
    }

    static int finish(CpuState cpu, int flags, float r, int err, boolean overflowPossible) {
        int mx = cpu.mxcsr;
        int rc = rc(mx);
        if (overflowPossible && Float.isInfinite(r)) {
            flags |= OE | PE;
            r = overflowFloat(r > 0, rc);
        } else if (err != 0) {
            flags |= PE;
            r = round(r, err, rc);
            if (overflowPossible && Float.isInfinite(r)) {
                flags |= OE;
            }
        }
        boolean tiny = Math.abs(r) < Float.MIN_NORMAL;
        if (tiny && (flags & PE) != 0) {
            flags |= UE;
        }
        if ((mx & FTZ) != 0 && tiny && r != 0) {
            r = Math.copySign(0.0f, r);
            flags |= UE | PE;
        }
        cpu.mxcsr |= flags;
        return Float.floatToRawIntBits(r);
    }

    private static float round(float r, int err, int rc) {
        return switch (rc) {
            case RD -> err < 0 ? Math.nextDown(r) : r;
            case RU -> err > 0 ? Math.nextUp(r) : r;
            case RZ -> r > 0 && err < 0 ? Math.nextDown(r) : r < 0 && err > 0 ? Math.nextUp(r) : r;
            default -> r;
        };
    }

    private static float overflowFloat(boolean positive, int rc) {
        float inf = positive ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
        float max = positive ? Float.MAX_VALUE : -Float.MAX_VALUE;
        return switch (rc) {
            case RZ -> max;
            case RD -> positive ? max : inf;
            case RU -> positive ? inf : max;
            default -> inf;
        };
    }

    // ---------------------------------------------------------------- conversions and comparisons

    /** CVTSD2SS (and CVTPD2PS lanes): rounds by MXCSR, with overflow, underflow and NaN quieting. */
    static int doubleToFloat(CpuState cpu, long d) {
        d = daz(d, cpu.mxcsr);
        if (isNaN(d)) {
            if (isSNaN(d)) {
                cpu.mxcsr |= IE;
            }
            int sign = (int) (d >>> 63) << 31;
            return sign | 0x7FC00000 | (int) ((d >>> 29) & 0x3FFFFF);
        }
        int flags = isDenormal(d) ? DE : 0;
        double v = Double.longBitsToDouble(d);
        float f = (float) v;
        int err = Float.isInfinite(f) || Double.isInfinite(v) ? 0 : signum(v - (double) f);
        return finish(cpu, flags, f, err, !Double.isInfinite(v));
    }

    /** CVTSS2SD (and CVTPS2PD lanes): exact, but an SNaN is quieted with IE and a denormal source sets DE. */
    static long floatToDouble(CpuState cpu, int f) {
        f = daz(f, cpu.mxcsr);
        if (isNaN(f)) {
            if (isSNaN(f)) {
                cpu.mxcsr |= IE;
            }
            long sign = (long) (f >>> 31) << 63;
            return sign | 0x7FF8000000000000L | ((long) (f & 0x3FFFFF) << 29);
        }
        if (isDenormal(f)) {
            cpu.mxcsr |= DE;
        }
        return Double.doubleToRawLongBits(Float.intBitsToFloat(f));
    }

    /** A signed integer to double under MXCSR.RC (inexact only for 64-bit values beyond 2^53). */
    static long longToDouble(CpuState cpu, long v) {
        double r = v;
        int err = Long.signum(exactCompare(v, r));
        return finish(cpu, 0, r, err, false);
    }

    static int longToFloat(CpuState cpu, long v) {
        float r = v;
        int err = Long.signum(exactCompare(v, r));
        return finish(cpu, 0, r, err, false);
    }

    /** Sign of (v - r) for an integral double r near v, computed exactly. */
    private static long exactCompare(long v, double r) {
        if (r >= 0x1p63) {
            return -1;
        }
        if (r < -0x1p63) {
            return 1;
        }
        return Long.compare(v, (long) r);
    }

    /**
     * Float or double (as a double, which holds every float) to a signed integer of {@code size} bytes, rounded by
     * rc; NaN or out of range gives the "integer indefinite" (only the sign bit set) and IE, inexact sets PE.
     */
    static long toInteger(CpuState cpu, double v, boolean denormal, int rc, int size) {
        double r = switch (rc) {
            case RN -> Math.rint(v);
            case RD -> Math.floor(v);
            case RU -> Math.ceil(v);
            default -> v < 0 ? Math.ceil(v) : Math.floor(v);
        };
        int flags = 0; // conversions to integer report no denormal exception
        double limit = size == 8 ? 0x1p63 : 0x1p31;
        if (!(r >= -limit && r < limit)) {
            cpu.mxcsr |= flags | IE;
            return size == 8 ? Long.MIN_VALUE : 0x80000000L;
        }
        if (r != v) {
            flags |= PE;
        }
        cpu.mxcsr |= flags;
        return (long) r & Flags.mask(size);
    }

    /**
     * The flags of a comparison: IE for SNaN, or for any NaN when the comparison signals (COMIS, CMPLT...).
     * A denormal operand sets DE unless a NaN is also involved.
     */
    static void compareFlags(CpuState cpu, boolean aNaN, boolean aSNaN, boolean bNaN, boolean bSNaN,
            boolean denormal, boolean signalling) {
        if (aSNaN || bSNaN || (signalling && (aNaN || bNaN))) {
            cpu.mxcsr |= IE;
        } else if (denormal && !aNaN && !bNaN) { // a NaN operand also hides a denormal one
            cpu.mxcsr |= DE;
        }
    }
}
