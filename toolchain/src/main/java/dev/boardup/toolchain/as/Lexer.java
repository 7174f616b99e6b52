package dev.boardup.toolchain.as;

import java.util.ArrayList;
import java.util.List;

/** Splits the operand text of one statement into tokens: names, numbers, strings, %registers and punctuation. */
final class Lexer {
    private final String text;
    private final Diagnostics diag;
    private int pos;

    private Lexer(String text, Diagnostics diag) {
        this.text = text;
        this.diag = diag;
    }

    static List<Token> tokenize(String text, Diagnostics diag) {
        Lexer lexer = new Lexer(text, diag);
        List<Token> tokens = new ArrayList<>();
        for (Token t = lexer.next(); ; t = lexer.next()) {
            tokens.add(t);
            if (t.type() == Token.Type.END) return tokens;
        }
    }

    static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '.' || c == '$';
    }

    static boolean isNameChar(char c) {
        return isNameStart(c) || Character.isDigit(c);
    }

    private Token next() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
        if (pos >= text.length()) return new Token(Token.Type.END, "", 0);
        char c = text.charAt(pos);
        if (c == '%' && pos + 1 < text.length() && Character.isLetter(text.charAt(pos + 1))) {
            Token r = register();
            if (r != null) return r;
        }
        if (c == '"') return string();
        if (c == '\'') return character();
        if (Character.isDigit(c)) return number();
        if (isNameStart(c) && !(c == '$')) return name();
        if (c == '$' && pos + 1 < text.length() && isNameChar(text.charAt(pos + 1))
                && !isImmediateStart()) return name();
        for (String op : new String[] {"<<", ">>", "==", "!=", "<>", "<=", ">=", "&&", "||"}) {
            if (text.startsWith(op, pos)) {
                pos += 2;
                return new Token(Token.Type.PUNCT, op, 0);
            }
        }
        pos++;
        return new Token(Token.Type.PUNCT, String.valueOf(c), 0);
    }

    /** A '$' at the start of an operand introduces an immediate, not a name. */
    private boolean isImmediateStart() {
        int p = pos - 1;
        while (p >= 0 && Character.isWhitespace(text.charAt(p))) p--;
        return p < 0 || text.charAt(p) == ',' || text.charAt(p) == '*';
    }

    /** A %register token, or null (position unchanged) if the name is no register, as in {@code %function}. */
    private Token register() {
        int begin = pos;
        int start = ++pos;
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) pos++;
        String name = text.substring(start, pos).toLowerCase();
        if (name.equals("st")) {
            int save = pos;
            while (pos < text.length() && text.charAt(pos) == ' ') pos++;
            if (pos < text.length() && text.charAt(pos) == '(') {
                int close = text.indexOf(')', pos);
                if (close < 0) throw diag.error("bad register name `%" + text.substring(start) + "'");
                name = "st(" + text.substring(pos + 1, close).trim() + ")";
                pos = close + 1;
            } else {
                pos = save;
            }
        }
        if (Register.lookup(name) == null) {
            pos = begin + 1;
            return new Token(Token.Type.PUNCT, "%", 0);
        }
        return new Token(Token.Type.REGISTER, name, 0);
    }

    private Token name() {
        int start = pos;
        while (pos < text.length() && isNameChar(text.charAt(pos))) pos++;
        if (pos < text.length() && text.charAt(pos) == '@') {
            pos++;
            while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) pos++;
        }
        return new Token(Token.Type.IDENT, text.substring(start, pos), 0);
    }

    private Token number() {
        int start = pos;
        // Numeric local label references: 1b, 1f.
        int p = pos;
        while (p < text.length() && Character.isDigit(text.charAt(p))) p++;
        if (p < text.length() && (text.charAt(p) == 'b' || text.charAt(p) == 'f')
                && (p + 1 >= text.length() || !isNameChar(text.charAt(p + 1)))
                && !(text.charAt(start) == '0' && p == start + 1 && p + 1 < text.length())) {
            pos = p + 1;
            return new Token(Token.Type.IDENT, text.substring(start, pos), 0);
        }
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) pos++;
        String s = text.substring(start, pos);
        return new Token(Token.Type.NUMBER, s, parseNumber(s));
    }

    private long parseNumber(String s) {
        try {
            String lower = s.toLowerCase();
            if (lower.startsWith("0x")) return Long.parseUnsignedLong(lower.substring(2), 16);
            if (lower.startsWith("0b")) return Long.parseUnsignedLong(lower.substring(2), 2);
            if (lower.length() > 1 && lower.startsWith("0")) return Long.parseUnsignedLong(lower.substring(1), 8);
            return Long.parseUnsignedLong(lower);
        } catch (NumberFormatException e) {
            throw diag.error("bad number `" + s + "'");
        }
    }

    private Token character() {
        pos++;
        if (pos >= text.length()) throw diag.error("bad character constant");
        char c = text.charAt(pos++);
        long v = c;
        if (c == '\\' && pos < text.length()) {
            StringBuilder sb = new StringBuilder();
            pos = Strings.unescape(text, pos - 1, sb, diag);
            v = sb.length() > 0 ? sb.charAt(0) : 0;
        }
        if (pos < text.length() && text.charAt(pos) == '\'') pos++;
        return new Token(Token.Type.NUMBER, "'" + (char) v, v);
    }

    private Token string() {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length()) throw diag.error("missing end quote");
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                break;
            }
            if (c == '\\') {
                pos = Strings.unescape(text, pos, sb, diag);
            } else {
                sb.append(c);
                pos++;
            }
        }
        return new Token(Token.Type.STRING, sb.toString(), 0);
    }
}
