package dev.boardup.toolchain.cpp;

import java.math.BigInteger;
import java.util.List;

/**
 * Evaluates a #if controlling expression (C11 6.10.1) after macro expansion and {@code defined} replacement,
 * in intmax_t / uintmax_t arithmetic: every value is a 64-bit integer that is either signed or unsigned.
 */
final class IfExpression {
    /** A value of the expression: 64 bits plus whether they are read as unsigned. */
    private record Value(long bits, boolean unsigned) {
        boolean isTrue() {
            return bits != 0;
        }
    }

    private final List<Token> tokens;
    private final Token directive;
    private int pos;

    private IfExpression(List<Token> tokens, Token directive) {
        this.tokens = tokens;
        this.directive = directive;
    }

    static boolean evaluate(List<Token> tokens, Token directive) throws PreprocessError {
        IfExpression e = new IfExpression(tokens, directive);
        if (tokens.isEmpty()) throw e.errorAfter(directive, "#" + directive.text + " with no expression");
        Value v = e.comma(true);
        if (e.pos < tokens.size()) {
            Token t = tokens.get(e.pos);
            throw e.error(t, "missing binary operator before token \"" + t.text + "\"");
        }
        return v.isTrue();
    }

    private Token peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private boolean accept(String op) {
        Token t = peek();
        if (t != null && t.kind == Token.Kind.PUNCT && t.punct().equals(op)) {
            pos++;
            return true;
        }
        return false;
    }

    private Value conditional(boolean live) throws PreprocessError {
        Value cond = binary(0, live);
        if (!accept("?")) return cond;
        Value a = comma(live && cond.isTrue());
        if (!accept(":")) throw errorAfter(tokens.get(pos - 1), "'?' without following ':'");
        Value b = conditional(live && !cond.isTrue());
        boolean unsigned = a.unsigned || b.unsigned;
        return new Value(cond.isTrue() ? a.bits : b.bits, unsigned);
    }

    private Value comma(boolean live) throws PreprocessError {
        Value v = conditional(live);
        while (accept(",")) v = conditional(live);
        return v;
    }

    private static final String[][] LEVELS = {
        {"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="}, {"<", ">", "<=", ">="}, {"<<", ">>"}, {"+", "-"},
        {"*", "/", "%"},
    };

    private Value binary(int level, boolean live) throws PreprocessError {
        if (level == LEVELS.length) return unary(live);
        Value left = binary(level + 1, live);
        while (true) {
            Token t = peek();
            String op = operatorAt(t, level);
            if (op == null) return left;
            pos++;
            if (op.equals("||")) {
                Value right = binary(level + 1, live && !left.isTrue());
                left = bool(left.isTrue() || right.isTrue());
            } else if (op.equals("&&")) {
                Value right = binary(level + 1, live && left.isTrue());
                left = bool(left.isTrue() && right.isTrue());
            } else {
                left = apply(op, left, binary(level + 1, live), t, live);
            }
        }
    }

    private static String operatorAt(Token t, int level) {
        if (t == null || t.kind != Token.Kind.PUNCT) return null;
        for (String op : LEVELS[level]) if (t.punct().equals(op)) return op;
        return null;
    }

    private static Value bool(boolean b) {
        return new Value(b ? 1 : 0, false);
    }

    private Value apply(String op, Value a, Value b, Token at, boolean live) throws PreprocessError {
        boolean shift = op.equals("<<") || op.equals(">>");
        boolean unsigned = shift ? a.unsigned : a.unsigned || b.unsigned;
        long x = a.bits, y = b.bits;
        return switch (op) {
            case "|" -> new Value(x | y, unsigned);
            case "^" -> new Value(x ^ y, unsigned);
            case "&" -> new Value(x & y, unsigned);
            case "==" -> bool(x == y);
            case "!=" -> bool(x != y);
            case "<" -> bool(compare(x, y, unsigned) < 0);
            case ">" -> bool(compare(x, y, unsigned) > 0);
            case "<=" -> bool(compare(x, y, unsigned) <= 0);
            case ">=" -> bool(compare(x, y, unsigned) >= 0);
            case "<<" -> new Value(shiftLeft(x, y, b.unsigned), unsigned);
            case ">>" -> new Value(shiftRight(x, y, b.unsigned, unsigned), unsigned);
            case "+" -> new Value(x + y, unsigned);
            case "-" -> new Value(x - y, unsigned);
            case "*" -> new Value(x * y, unsigned);
            case "/", "%" -> divide(op, x, y, unsigned, at, live);
            default -> throw new IllegalStateException(op);
        };
    }

    private Value divide(String op, long x, long y, boolean unsigned, Token at, boolean live) throws PreprocessError {
        if (y == 0) {
            if (live) throw error(at, "division by zero in #" + directive.text);
            return new Value(0, unsigned);
        }
        if (unsigned) {
            return new Value(op.equals("/") ? Long.divideUnsigned(x, y) : Long.remainderUnsigned(x, y), true);
        }
        if (x == Long.MIN_VALUE && y == -1) return new Value(op.equals("/") ? x : 0, false);
        return new Value(op.equals("/") ? x / y : x % y, false);
    }

    private static int compare(long x, long y, boolean unsigned) {
        return unsigned ? Long.compareUnsigned(x, y) : Long.compare(x, y);
    }

    private static long shiftLeft(long x, long count, boolean countUnsigned) {
        if (!countUnsigned && count < 0) return shiftRight(x, -count, false, false);
        return Long.compareUnsigned(count, 64) >= 0 ? 0 : x << count;
    }

    private static long shiftRight(long x, long count, boolean countUnsigned, boolean unsigned) {
        if (!countUnsigned && count < 0) return shiftLeft(x, -count, false);
        if (Long.compareUnsigned(count, 64) >= 0) return unsigned || x >= 0 ? 0 : -1;
        return unsigned ? x >>> count : x >> count;
    }

    private Value unary(boolean live) throws PreprocessError {
        Token t = peek();
        if (t == null) {
            if (pos == 0) throw errorAfter(directive, "#" + directive.text + " with no expression");
            Token op = tokens.get(pos - 1);
            throw errorAfter(op, "operator '" + op.text + "' has no right operand");
        }
        if (accept("+")) return unary(live);
        if (accept("-")) {
            Value v = unary(live);
            return new Value(-v.bits, v.unsigned);
        }
        if (accept("~")) {
            Value v = unary(live);
            return new Value(~v.bits, v.unsigned);
        }
        if (accept("!")) return bool(!unary(live).isTrue());
        if (accept("(")) {
            Value v = comma(live);
            if (!accept(")")) throw error(t, "missing ')' in expression");
            return v;
        }
        pos++;
        return switch (t.kind) {
            case NUMBER -> number(t);
            case CHAR -> new Value(characterValue(t), t.text.startsWith("u") || t.text.startsWith("U"));
            case IDENT -> new Value(0, false);   // an identifier left after expansion is 0 (6.10.1p4)
            default -> throw error(t, "token \"" + t.text + "\" is not valid in preprocessor expressions");
        };
    }

    private Value number(Token t) throws PreprocessError {
        String s = t.text.toLowerCase();
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == 'u' || s.charAt(end - 1) == 'l')) end--;
        String suffix = s.substring(end);
        String digits = s.substring(0, end);
        int radix = 10;
        if (digits.startsWith("0x")) {
            radix = 16;
            digits = digits.substring(2);
        } else if (digits.startsWith("0b")) {
            radix = 2;
            digits = digits.substring(2);
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            radix = 8;
        }
        if (digits.contains(".") || (radix != 16 && (digits.contains("e") || digits.contains("p")))
                || (radix == 16 && digits.contains("p"))) {
            throw error(t, "floating constant in preprocessor expression");
        }
        int valid = 0;
        while (valid < digits.length() && Character.digit(digits.charAt(valid), radix == 8 ? 10 : radix) >= 0) valid++;
        if (valid < digits.length() || digits.isEmpty() || !suffix.matches("|u|l|ul|lu|ll|ull|llu")) {
            String bad = t.text.substring(t.text.length() - (digits.length() - valid) - suffix.length());
            if (digits.isEmpty() && radix == 16) bad = t.text.substring(1);
            throw error(t, "invalid suffix \"" + bad + "\" on integer constant");
        }
        BigInteger value;
        try {
            value = new BigInteger(digits, radix);
        } catch (NumberFormatException e) {
            throw error(t, "invalid integer constant \"" + t.text + "\" in #" + directive.text);
        }
        if (value.bitLength() > 64) throw error(t, "integer constant is too large for its type");
        boolean unsigned = suffix.contains("u") || value.bitLength() > 63;
        return new Value(value.longValue(), unsigned);
    }

    /** The value of a character constant: a plain one is a (signed) char, wider ones their code point. */
    private long characterValue(Token t) throws PreprocessError {
        String s = t.text;
        int quote = s.indexOf('\'');
        String prefix = s.substring(0, quote);
        byte[] bytes = Literals.decode(s.substring(quote + 1, s.length() - 1), prefix.isEmpty() || prefix.equals("u8"));
        if (bytes == null || bytes.length == 0) throw error(t, "empty character constant");
        if (!prefix.isEmpty() && !prefix.equals("u8")) {
            int cp = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).codePointAt(0);
            return prefix.equals("u") ? cp & 0xFFFF : prefix.equals("L") ? (int) cp : cp & 0xFFFFFFFFL;
        }
        if (bytes.length == 1) return bytes[0];
        int v = 0;
        for (byte b : bytes) v = (v << 8) | (b & 0xFF);
        return v;
    }

    /** An error placed just past a token, where gcc points when something is missing. */
    private PreprocessError errorAfter(Token t, String msg) {
        return new PreprocessError(t.fileName + ":" + t.line + ":" + (t.col + t.text.length()) + ": error: " + msg);
    }

    private PreprocessError error(Token at, String msg) {
        return new PreprocessError(at.where() + ": error: " + msg);
    }
}
