package dev.boardup.toolchain.cpp;

import java.util.ArrayList;
import java.util.List;

/**
 * The pp-token lexer (C11 5.1.1.2 phases 2 and 3): line splices are removed first, keeping each character's
 * original line and column, then the text is cut into preprocessing tokens with comments read as one space.
 */
final class Lexer {
    private static final String[] PUNCTUATORS = {
        "%:%:", "...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=",
        "%=", "+=", "-=", "&=", "^=", "|=", "##", "<:", ":>", "<%", "%>", "%:",
        "[", "]", "(", ")", "{", "}", ".", "&", "*", "+", "-", "~", "!", "/", "%", "<", ">", "^", "|", "?", ":",
        ";", "=", ",", "#",
    };

    private final SourceFile file;
    private final char[] buf;
    private final int[] lineOf;
    private final int[] colOf;
    private int pos;

    private Lexer(SourceFile file) {
        this.file = file;
        String text = file.text;
        int n = text.length();
        char[] b = new char[n + 1];
        int[] lines = new int[n + 2];
        int[] cols = new int[n + 2];
        int line = 1, col = 1, len = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                int j = i + 1;
                while (j < n && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) j++;
                if (j < n && (text.charAt(j) == '\n' || text.charAt(j) == '\r')) {
                    if (text.charAt(j) == '\r' && j + 1 < n && text.charAt(j + 1) == '\n') j++;
                    i = j;
                    line++;
                    col = 1;
                    continue;
                }
            }
            if (c == '\r') {
                if (i + 1 < n && text.charAt(i + 1) == '\n') continue;
                c = '\n';
            }
            b[len] = c;
            lines[len] = line;
            cols[len] = col;
            len++;
            if (c == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        if (len == 0 || b[len - 1] != '\n') {
            b[len] = '\n';
            lines[len] = line;
            cols[len] = col;
            len++;
        }
        this.buf = java.util.Arrays.copyOf(b, len);
        this.lineOf = lines;
        this.colOf = cols;
    }

    /** Tokenises a whole file; the list ends with an EOF token. */
    static Token tokenize(SourceFile file) throws PreprocessError {
        return new Lexer(file).run();
    }

    /** Tokenises a string that is not a file (a -D value, a pasted or _Pragma'd token). */
    static List<Token> tokenizeFragment(String text, SourceFile file) throws PreprocessError {
        List<Token> out = new ArrayList<>();
        for (Token t = tokenize(new SourceFile(file == null ? "<command-line>" : file.name, null, text, null, false));
                t.kind != Token.Kind.EOF; t = t.next) {
            out.add(t);
        }
        return out;
    }

    private Token run() throws PreprocessError {
        Token head = new Token(Token.Kind.EOF, "", file, 0, 0);
        Token cur = head;
        boolean atBol = true, hasSpace = false;
        int n = buf.length;
        while (pos < n) {
            char c = buf[pos];
            if (c == '\n') {
                pos++;
                atBol = true;
                hasSpace = false;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\f' || c == 0x0B) {
                pos++;
                hasSpace = true;
                continue;
            }
            if (c == '/' && peek(1) == '/') {
                while (buf[pos] != '\n') pos++;
                hasSpace = true;
                continue;
            }
            if (c == '/' && peek(1) == '*') {
                int start = pos;
                pos += 2;
                while (pos < n && !(buf[pos] == '*' && peek(1) == '/')) pos++;
                if (pos >= n) throw error(start, "unterminated comment");
                pos += 2;
                hasSpace = true;
                continue;
            }
            int start = pos;
            Token tok = lexOne();
            tok.atBol = atBol;
            tok.startsLine = atBol;
            tok.hasSpace = hasSpace;
            tok.line = lineOf[start];
            tok.col = colOf[start];
            cur.next = tok;
            cur = tok;
            atBol = false;
            hasSpace = false;
        }
        Token eof = new Token(Token.Kind.EOF, "", file, n == 0 ? 1 : lineOf[n - 1] + 1, 1);
        eof.atBol = true;
        cur.next = eof;
        return head.next;
    }

    private char peek(int k) {
        return pos + k < buf.length ? buf[pos + k] : '\0';
    }

    private Token lexOne() {
        char c = buf[pos];
        int start = pos;
        if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
            pos++;
            while (true) {
                char d = buf[pos];
                if ((d == 'e' || d == 'E' || d == 'p' || d == 'P') && (peek(1) == '+' || peek(1) == '-')) {
                    pos += 2;
                } else if (isIdentChar(d) || d == '.') {
                    pos++;
                } else {
                    break;
                }
            }
            return make(Token.Kind.NUMBER, start);
        }
        int prefix = literalPrefix();
        if (prefix >= 0 && (buf[pos + prefix] == '"' || buf[pos + prefix] == '\'')) {
            char quote = buf[pos + prefix];
            return quoted(start, pos + prefix, quote);
        }
        if (isIdentStart(c)) {
            while (isIdentChar(buf[pos])) pos++;
            return make(Token.Kind.IDENT, start);
        }
        for (String p : PUNCTUATORS) {
            if (matches(p)) {
                pos += p.length();
                return make(Token.Kind.PUNCT, start);
            }
        }
        pos++;
        return make(Token.Kind.OTHER, start);
    }

    /** Length of an encoding prefix (u8, u, U, L) at pos when a quote follows, 0 for none, -1 when not a literal. */
    private int literalPrefix() {
        char c = buf[pos];
        if (c == '"' || c == '\'') return 0;
        if (c == 'u' && peek(1) == '8' && (peek(2) == '"' || peek(2) == '\'')) return 2;
        if ((c == 'u' || c == 'U' || c == 'L') && (peek(1) == '"' || peek(1) == '\'')) return 1;
        return -1;
    }

    private Token quoted(int start, int quotePos, char quote) {
        pos = quotePos + 1;
        while (buf[pos] != quote) {
            if (buf[pos] == '\n') {
                Token t = make(Token.Kind.OTHER, start);
                t.unterminated = true;
                return t;
            }
            if (buf[pos] == '\\' && buf[pos + 1] != '\n') pos++;
            pos++;
        }
        pos++;
        return make(quote == '"' ? Token.Kind.STRING : Token.Kind.CHAR, start);
    }

    private boolean matches(String p) {
        if (pos + p.length() > buf.length) return false;
        for (int i = 0; i < p.length(); i++) if (buf[pos + i] != p.charAt(i)) return false;
        return true;
    }

    private Token make(Token.Kind kind, int start) {
        return new Token(kind, new String(buf, start, pos - start), file, 0, 0);
    }

    private PreprocessError error(int at, String msg) {
        return new PreprocessError(file.name + ":" + lineOf[at] + ":" + colOf[at] + ": error: " + msg);
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' || c >= 0x80;
    }

    static boolean isIdentChar(char c) {
        return isIdentStart(c) || isDigit(c);
    }

    /** How many characters of s the first punctuator spans (0 if s does not start with one). */
    static int punctuatorLength(String s) {
        for (String p : PUNCTUATORS) if (s.startsWith(p)) return p.length();
        return 0;
    }
}
