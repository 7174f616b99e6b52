package dev.boardup.difftest;

import java.util.Random;

/**
 * Random machine states biased towards the values where instructions go wrong: zero, one, all ones, the sign
 * bits and their neighbours at every operand width, shift counts around the width, and float specials.
 */
final class Inputs {
    private static final long[] EDGES = {
        0, 1, 2, -1, -2, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x10000,
        0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 0x1_0000_0000L,
        Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, 0x5555_5555_5555_5555L, 0xAAAA_AAAA_AAAA_AAAAL,
    };
    private static final long[] COUNTS = {0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 255};
    private static final long[] DOUBLES = {
        0L, 0x8000_0000_0000_0000L, Double.doubleToRawLongBits(1.0), Double.doubleToRawLongBits(-1.5),
        Double.doubleToRawLongBits(Double.POSITIVE_INFINITY), Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY),
        0x7FF8_0000_0000_0000L, 0x7FF0_0000_0000_0001L, 0xFFF8_0000_0000_0000L, 1L, 0x000F_FFFF_FFFF_FFFFL,
        Double.doubleToRawLongBits(Double.MAX_VALUE), Double.doubleToRawLongBits(2.5), Double.doubleToRawLongBits(3.5),
        Double.doubleToRawLongBits(-0.5), Double.doubleToRawLongBits(1e300), Double.doubleToRawLongBits(9.3e18),
        Double.doubleToRawLongBits(-9.3e18), Double.doubleToRawLongBits(4294967296.5),
    };
    private static final int[] FLOATS = {
        0, 0x8000_0000, Float.floatToRawIntBits(1.0f), Float.floatToRawIntBits(-1.5f), 0x7F80_0000, 0xFF80_0000,
        0x7FC0_0000, 0x7F80_0001, 0xFFC0_0000, 1, 0x007F_FFFF, Float.floatToRawIntBits(Float.MAX_VALUE),
        Float.floatToRawIntBits(2.5f), Float.floatToRawIntBits(-0.5f), Float.floatToRawIntBits(3e9f),
        Float.floatToRawIntBits(-2.2e9f),
    };

    private Inputs() {
    }

    /** A 64-bit value: an edge value at 8/16/32/64-bit width with random or sign-filled upper bits, or noise. */
    static long value(Random r) {
        int pick = r.nextInt(10);
        if (pick < 4) {
            return r.nextLong();
        }
        long edge = pick < 6 ? EDGES[r.nextInt(EDGES.length)] : (r.nextInt(64) - 32);
        int width = new int[] {8, 16, 32, 64}[r.nextInt(4)];
        if (width == 64) {
            return edge;
        }
        long mask = (1L << width) - 1;
        long upper = switch (r.nextInt(3)) {
            case 0 -> 0;
            case 1 -> -1;
            default -> r.nextLong();
        };
        return (upper & ~mask) | (edge & mask);
    }

    /** A shift or rotate count, with random bits above the low byte so masking is exercised. */
    static long count(Random r) {
        long c = r.nextInt(4) == 0 ? r.nextInt(256) : COUNTS[r.nextInt(COUNTS.length)];
        return (r.nextBoolean() ? r.nextLong() & ~0xFFL : 0) | c;
    }

    /** A double-precision bit pattern, often a special one. */
    static long doubleBits(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> DOUBLES[r.nextInt(DOUBLES.length)];
            case 1 -> Double.doubleToRawLongBits((r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(80) - 20));
            default -> r.nextLong();
        };
    }

    /** Two single-precision bit patterns packed in a quadword. */
    static long floatPairBits(Random r) {
        return (floatBits(r) & 0xFFFF_FFFFL) | ((long) floatBits(r) << 32);
    }

    static int floatBits(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> FLOATS[r.nextInt(FLOATS.length)];
            case 1 -> Float.floatToRawIntBits((float) ((r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(40) - 10)));
            default -> r.nextInt();
        };
    }

    /** A fresh random state: registers, arithmetic flags and DF, XMM lanes and scratch memory. */
    static MachineState random(Random r) {
        MachineState s = new MachineState();
        for (int i = 0; i < 16; i++) {
            s.gpr[i] = value(r);
        }
        long flags = 0x202;
        for (long f : new long[] {0x1, 0x4, 0x10, 0x40, 0x80, 0x800}) {
            if (r.nextBoolean()) {
                flags |= f;
            }
        }
        if (r.nextInt(4) == 0) {
            flags |= 0x400; // DF
        }
        s.rflags = flags;
        for (int i = 0; i < 32; i++) {
            s.xmm[i] = switch (r.nextInt(3)) {
                case 0 -> doubleBits(r);
                case 1 -> floatPairBits(r);
                default -> value(r);
            };
        }
        randomX87(r, s);
        r.nextBytes(s.mem);
        return s;
    }

    /** 80-bit specials as {sign+exponent, significand}: zeros, one, infinities, NaNs, a denormal, an unnormal. */
    private static final long[][] EXTENDED = {
        {0, 0}, {0x8000, 0}, {0x3FFF, 1L << 63}, {0xBFFF, 1L << 63}, {0x7FFF, 1L << 63}, {0xFFFF, 1L << 63},
        {0x7FFF, 0xC000_0000_0000_0000L}, {0x7FFF, 0xA000_0000_0000_0000L}, {0, 0x0000_0000_0000_1234L},
        {0x4000, 0x4000_0000_0000_0000L}, {0x403E, -1L}, {0x401E, 0xFFFF_FFFF_0000_0000L}, {0x3FFE, 1L << 63},
    };

    /** A random x87 stack: TOP, some registers in use with edge or random values, RC/PC and condition codes. */
    static void randomX87(Random r, MachineState s) {
        s.fpuTop = r.nextInt(8);
        s.fpuEmpty = NotYetImplemented.X87_STACK_FAULTS ? (r.nextInt(4) == 0 ? 0xFF : r.nextInt(256))
                : 1 << ((s.fpuTop + 7) & 7);
        for (int reg = 0; reg < 8; reg++) {
            if (r.nextBoolean()) {
                long[] e = EXTENDED[r.nextInt(EXTENDED.length)];
                s.fpuSignExponent[reg] = (int) e[0];
                s.fpuMantissa[reg] = e[1];
            } else {
                s.fpuSignExponent[reg] = (r.nextBoolean() ? 0x8000 : 0) | (0x3FC0 + r.nextInt(0x80));
                s.fpuMantissa[reg] = r.nextLong() | 1L << 63;
            }
        }
        s.fpuControl = 0x37F;
        if (r.nextInt(4) == 0) {
            int precision = NotYetImplemented.X87_PRECISION_CONTROL ? new int[] {0, 2, 3}[r.nextInt(3)] : 3;
            s.fpuControl = 0x7F | r.nextInt(4) << 10 | precision << 8 | 0x40;
        }
        s.fpuStatus = r.nextInt(16) == 0 ? 0 : (r.nextInt() & 0x4700);
    }
}
