package dev.boardup.toolchain.as;

/** Backslash escapes inside assembler string literals, decoded to bytes (one char per byte). */
final class Strings {
    private Strings() {}

    /** Decodes the escape starting at the backslash at {@code pos}; returns the position after it. */
    static int unescape(String text, int pos, StringBuilder out, Diagnostics diag) {
        pos++;
        if (pos >= text.length()) throw diag.error("unterminated string escape");
        char c = text.charAt(pos);
        switch (c) {
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'v' -> out.append((char) 11);
            case 'a' -> out.append((char) 7);
            case 'e' -> out.append((char) 27);
            case 'x', 'X' -> {
                int p = pos + 1;
                int v = 0;
                while (p < text.length() && Character.digit(text.charAt(p), 16) >= 0) {
                    v = v * 16 + Character.digit(text.charAt(p), 16);
                    p++;
                }
                out.append((char) (v & 0xFF));
                return p;
            }
            default -> {
                if (c >= '0' && c <= '7') {
                    int p = pos;
                    int v = 0;
                    while (p < text.length() && p < pos + 3 && text.charAt(p) >= '0' && text.charAt(p) <= '7') {
                        v = v * 8 + (text.charAt(p) - '0');
                        p++;
                    }
                    out.append((char) (v & 0xFF));
                    return p;
                }
                out.append(c);
            }
        }
        return pos + 1;
    }
}
