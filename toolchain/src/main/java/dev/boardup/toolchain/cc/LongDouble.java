package dev.boardup.toolchain.cc;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Exact conversion of floating literals to the x87 80-bit extended format (64-bit mantissa, round to nearest even). */
final class LongDouble {
    private static final int BIAS = 16383;

    private LongDouble() { }

    /** The 16-byte (10 significant) little-endian encoding of a C floating literal body (no suffix). */
    static byte[] parse(String body) {
        BigInteger num, den;
        String s = body.toLowerCase();
        if (s.startsWith("0x")) {
            int p = s.indexOf('p');
            String digits = s.substring(2, p);
            int exp = Integer.parseInt(s.substring(p + 1).replace("+", ""));
            int dot = digits.indexOf('.');
            if (dot >= 0) {
                exp -= 4 * (digits.length() - dot - 1);
                digits = digits.substring(0, dot) + digits.substring(dot + 1);
            }
            num = new BigInteger(digits.isEmpty() ? "0" : digits, 16);
            den = BigInteger.ONE;
            if (exp >= 0) num = num.shiftLeft(exp); else den = den.shiftLeft(-exp);
        } else {
            BigDecimal d = new BigDecimal(s);
            num = d.unscaledValue();
            den = BigInteger.ONE;
            if (d.scale() > 0) den = BigInteger.TEN.pow(d.scale());
            else num = num.multiply(BigInteger.TEN.pow(-d.scale()));
        }
        return encode(false, num, den);
    }

    /** Rounds the rational num/den (den > 0) to the nearest 80-bit value, as one x87 operation would. */
    static byte[] round(BigInteger num, BigInteger den) {
        return encode(num.signum() < 0, num.abs(), den);
    }

    /** The exact value of a finite 80-bit encoding as {numerator, denominator}, or null for infinities and NaNs. */
    static BigInteger[] toRational(byte[] b) {
        int se = signExponent(b);
        int exp = se & 0x7fff;
        if (exp == 0x7fff) return null;
        BigInteger m = new BigInteger(Long.toUnsignedString(mantissa(b)));
        if ((se & 0x8000) != 0) m = m.negate();
        int shift = (exp == 0 ? 1 : exp) - BIAS - 63;
        if (shift >= 0) return new BigInteger[] {m.shiftLeft(shift), BigInteger.ONE};
        return new BigInteger[] {m, BigInteger.ONE.shiftLeft(-shift)};
    }

    private static byte[] encode(boolean negative, BigInteger num, BigInteger den) {
        if (num.signum() == 0) return bytes(negative, 0, 0);
        // v = num/den; find e with 2^63 <= v * 2^(63-e) < 2^64
        int e = num.bitLength() - den.bitLength();
        BigInteger q;
        BigInteger[] qr;
        while (true) {
            qr = scaled(num, den, 63 - e);
            q = qr[0];
            if (q.bitLength() > 64) { e++; continue; }
            if (q.bitLength() < 64) { e--; continue; }
            break;
        }
        int biased = e + BIAS;
        if (biased <= 0) {
            // subnormal: fixed scale 2^(16382 + 63), exponent field 0
            qr = scaled(num, den, BIAS - 1 + 63);
            q = roundHalfEven(qr, den);
            if (q.bitLength() > 63) return bytes(negative, 1, q.longValue());
            return bytes(negative, 0, q.longValue());
        }
        q = roundHalfEven(qr, den);
        if (q.bitLength() > 64) {
            q = q.shiftRight(1);
            biased++;
        }
        if (biased >= 0x7fff) return bytes(negative, 0x7fff, 1L << 63);
        return bytes(negative, biased, q.longValue());
    }

    /** num * 2^shift / den as quotient and remainder (the remainder scaled to the same denominator). */
    private static BigInteger[] scaled(BigInteger num, BigInteger den, int shift) {
        BigInteger n = shift >= 0 ? num.shiftLeft(shift) : num;
        BigInteger d = shift >= 0 ? den : den.shiftLeft(-shift);
        BigInteger[] qr = n.divideAndRemainder(d);
        return new BigInteger[] {qr[0], qr[1], d};
    }

    private static BigInteger roundHalfEven(BigInteger[] qr, BigInteger ignored) {
        BigInteger q = qr[0];
        int c = qr[1].shiftLeft(1).compareTo(qr[2]);
        if (c > 0 || (c == 0 && q.testBit(0))) q = q.add(BigInteger.ONE);
        return q;
    }

    private static byte[] bytes(boolean negative, int exponent, long mantissa) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) b[i] = (byte) (mantissa >>> (8 * i));
        int top = (negative ? 0x8000 : 0) | exponent;
        b[8] = (byte) top;
        b[9] = (byte) (top >>> 8);
        return b;
    }

    static byte[] negate(byte[] b) {
        byte[] r = b.clone();
        r[9] ^= (byte) 0x80;
        return r;
    }

    static long mantissa(byte[] b) {
        long m = 0;
        for (int i = 7; i >= 0; i--) m = (m << 8) | (b[i] & 0xff);
        return m;
    }

    static int signExponent(byte[] b) { return (b[8] & 0xff) | (b[9] & 0xff) << 8; }
}
