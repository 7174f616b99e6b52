package dev.boardup.toolchain.cpp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Escape sequences of character and string literals (C11 6.4.4.4), decoded to bytes. */
final class Literals {
    private Literals() {}

    /**
     * Decodes the characters between the quotes. With narrow = true, \x and octal escapes give single bytes;
     * otherwise every escape gives a code point, stored UTF-8 encoded so callers can read it back.
     */
    static byte[] decode(String body, boolean narrow) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                int cp = body.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
                continue;
            }
            char e = body.charAt(i + 1);
            i += 2;
            long value;
            boolean codePoint = false;
            switch (e) {
                case 'n' -> value = '\n';
                case 't' -> value = '\t';
                case 'r' -> value = '\r';
                case 'a' -> value = 7;
                case 'b' -> value = '\b';
                case 'f' -> value = '\f';
                case 'v' -> value = 0x0B;
                case 'e', 'E' -> value = 27;
                case 'x' -> {
                    int start = i;
                    while (i < body.length() && Character.digit(body.charAt(i), 16) >= 0) i++;
                    value = start == i ? 0 : new java.math.BigInteger(body.substring(start, i), 16).longValue();
                }
                case 'u', 'U' -> {
                    int start = i, max = Math.min(body.length(), i + (e == 'u' ? 4 : 8));
                    while (i < max && Character.digit(body.charAt(i), 16) >= 0) i++;
                    value = start == i ? e : Long.parseLong(body.substring(start, i), 16);
                    codePoint = true;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int start = i - 1;
                        while (i < body.length() && i - start < 3 && body.charAt(i) >= '0' && body.charAt(i) <= '7') i++;
                        value = Integer.parseInt(body.substring(start, i), 8);
                    } else {
                        value = e;
                    }
                }
            }
            if (narrow && !codePoint) {
                out.write((int) value & 0xFF);
            } else {
                int cp = Character.isValidCodePoint((int) value) ? (int) value : 0xFFFD;
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }
}
