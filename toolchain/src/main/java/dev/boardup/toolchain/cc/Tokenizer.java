package dev.boardup.toolchain.cc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits preprocessed C text into tokens, following {@code # N "file"} line markers for locations. */
final class Tokenizer {
    private static final Set<String> KEYWORDS = Set.of(
        "return", "if", "else", "for", "while", "int", "sizeof", "char", "struct", "union", "short", "long",
        "void", "typedef", "_Bool", "enum", "static", "goto", "break", "continue", "switch", "case", "default",
        "extern", "_Alignof", "_Alignas", "do", "signed", "unsigned", "const", "volatile", "auto", "register",
        "restrict", "__restrict", "__restrict__", "_Noreturn", "float", "double", "typeof", "__typeof",
        "__typeof__", "inline", "__inline", "__inline__", "_Thread_local", "__thread", "_Atomic",
        "__attribute__", "__attribute", "_Static_assert", "_Generic", "__const", "__const__", "__volatile",
        "__volatile__", "__signed", "__signed__", "__extension__", "__asm__", "__asm", "asm", "_Complex",
        "__alignof__", "__alignof", "__builtin_va_arg", "__builtin_offsetof");

    private static final String[] PUNCTS = {
        "<<=", ">>=", "...", "==", "!=", "<=", ">=", "->", "+=", "-=", "*=", "/=", "++", "--", "%=", "&=",
        "|=", "^=", "&&", "||", "<<", ">>", "##", "<:", ":>", "<%", "%>"};

    private final String src;
    private final String fileName;
    private String file;
    private int line = 1;
    private int lineStart = 0;
    private int pos = 0;
    private final List<Token> tokens = new ArrayList<>();
    private int pack;
    private final java.util.ArrayDeque<Integer> packStack = new java.util.ArrayDeque<>();

    private Tokenizer(String src, String fileName) {
        this.src = src;
        this.fileName = fileName;
        this.file = fileName;
    }

    /** Tokenizes the whole text; the returned list ends with an EOF token. */
    static List<Token> tokenize(String src, String fileName) {
        Tokenizer t = new Tokenizer(src, fileName);
        t.run();
        t.finishStrings();
        for (int i = 0; i + 1 < t.tokens.size(); i++) t.tokens.get(i).next = t.tokens.get(i + 1);
        return t.tokens;
    }

    private String currentLineText() {
        int end = src.indexOf('\n', lineStart);
        return src.substring(lineStart, end < 0 ? src.length() : end);
    }

    private CompileError errorAt(int p, String msg) {
        return new CompileError(file, line, p - lineStart + 1, msg, currentLineText());
    }

    private Token make(Token.Kind kind, int start, int end) {
        Token tok = new Token(kind, src.substring(start, end), file, line, start - lineStart + 1, src, lineStart);
        tok.pack = pack;
        tokens.add(tok);
        return tok;
    }

    private void newline() {
        line++;
        lineStart = pos;
    }

    private void run() {
        boolean atBol = true;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') { pos++; newline(); atBol = true; continue; }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000b') { pos++; continue; }
            if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') { pos += 2; newline(); continue; }
            if (src.startsWith("//", pos)) {
                while (pos < src.length() && src.charAt(pos) != '\n') pos++;
                continue;
            }
            if (src.startsWith("/*", pos)) { skipBlockComment(); continue; }
            if (c == '#' && atBol) { directive(); continue; }
            atBol = false;
            if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
                number();
                continue;
            }
            if (c == '"') { string(pos, pos, ""); continue; }
            if (c == '\'') { charLiteral(pos, pos, ""); continue; }
            String prefix = literalPrefix();
            if (prefix != null) {
                int q = pos + prefix.length();
                if (src.charAt(q) == '"') string(pos, q, prefix); else charLiteral(pos, q, prefix);
                continue;
            }
            if (isIdentStart(c)) {
                int start = pos;
                while (pos < src.length() && isIdentChar(src.charAt(pos))) pos++;
                String text = src.substring(start, pos);
                make(KEYWORDS.contains(text) ? Token.Kind.KEYWORD : Token.Kind.IDENT, start, pos);
                continue;
            }
            punct();
        }
        Token eof = new Token(Token.Kind.EOF, "", file, line, pos - lineStart + 1, src, lineStart);
        tokens.add(eof);
    }

    private String literalPrefix() {
        for (String p : new String[] {"u8", "u", "U", "L"}) {
            int q = pos + p.length();
            if (src.startsWith(p, pos) && q < src.length() && (src.charAt(q) == '"' || (src.charAt(q) == '\'' && !p.equals("u8"))))
                return p;
        }
        return null;
    }

    private static boolean isIdentStart(char c) { return Character.isLetter(c) || c == '_' || c == '$' || c >= 0x80; }
    private static boolean isIdentChar(char c) { return isIdentStart(c) || Character.isDigit(c); }

    private void skipBlockComment() {
        int start = pos;
        pos += 2;
        while (pos < src.length() && !src.startsWith("*/", pos)) {
            if (src.charAt(pos) == '\n') { pos++; newline(); } else pos++;
        }
        if (pos >= src.length()) throw errorAt(start, "unterminated comment");
        pos += 2;
    }

    /** A line marker {@code # N "file" flags} or {@code #line N "file"}; other directives (#pragma, #ident) are skipped. */
    private void directive() {
        int end = src.indexOf('\n', pos);
        if (end < 0) end = src.length();
        String text = src.substring(pos + 1, end).strip();
        if (text.startsWith("pragma")) pragma(text.substring(6).strip(), pos);
        if (text.startsWith("line")) text = text.substring(4).strip();
        int i = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) i++;
        if (i > 0 && i < 10) {
            int n = Integer.parseInt(text.substring(0, i));
            String rest = text.substring(i).strip();
            if (rest.startsWith("\"")) {
                int close = rest.indexOf('"', 1);
                while (close > 0 && rest.charAt(close - 1) == '\\') close = rest.indexOf('"', close + 1);
                if (close > 0) file = rest.substring(1, close).replace("\\\\", "\\");
            }
            pos = end;
            if (pos < src.length()) pos++;
            line = n;
            lineStart = pos;
            return;
        }
        pos = end;
    }

    /** {@code #pragma pack(n)}, {@code pack(push[, n])}, {@code pack(pop)}, {@code pack()}; other pragmas are ignored. */
    private void pragma(String text, int at) {
        String t = text.replace(" ", "").replace("\t", "");
        if (!t.startsWith("pack(") || !t.endsWith(")")) return;
        String[] args = t.substring(5, t.length() - 1).split(",", -1);
        try {
            if (args[0].equals("push")) {
                packStack.push(pack);
                if (args.length > 1) pack = Integer.parseInt(args[args.length - 1]);
            } else if (args[0].equals("pop")) {
                pack = packStack.isEmpty() ? 0 : packStack.pop();
            } else if (args[0].isEmpty()) {
                pack = 0;
            } else {
                pack = Integer.parseInt(args[0]);
            }
        } catch (NumberFormatException e) {
            throw errorAt(at, "malformed '#pragma pack'");
        }
        if (pack < 0 || pack > 16 || Integer.bitCount(pack) > 1) throw errorAt(at, "alignment must be a small power of two, not " + pack);
    }

    private void punct() {
        int start = pos;
        for (String p : PUNCTS) {
            if (src.startsWith(p, pos)) {
                pos += p.length();
                Token t = new Token(Token.Kind.PUNCT, digraph(p), file, line, start - lineStart + 1, src, lineStart);
                t.pack = pack;
                tokens.add(t);
                return;
            }
        }
        char c = src.charAt(pos);
        if ("+-*/%&|^~!=<>?:;,.()[]{}#".indexOf(c) < 0) throw errorAt(pos, "invalid token");
        pos++;
        make(Token.Kind.PUNCT, start, pos);
    }

    private static String digraph(String p) {
        return switch (p) {
            case "<:" -> "[";
            case ":>" -> "]";
            case "<%" -> "{";
            case "%>" -> "}";
            default -> p;
        };
    }

    // ---- numbers ----

    private void number() {
        int start = pos;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if ((c == '+' || c == '-') && pos > start && "eEpP".indexOf(src.charAt(pos - 1)) >= 0) { pos++; continue; }
            if (Character.isLetterOrDigit(c) || c == '.' || c == '_') { pos++; continue; }
            break;
        }
        Token tok = make(Token.Kind.NUM, start, pos);
        if (!convertInteger(tok)) convertFloat(tok, start);
    }

    private boolean convertInteger(Token tok) {
        String s = tok.text;
        String lower = s.toLowerCase();
        int base = 10;
        int i = 0;
        if (lower.startsWith("0x") && s.length() > 2 && isHexDigit(s.charAt(2))) { base = 16; i = 2; }
        else if (lower.startsWith("0b") && s.length() > 2 && (s.charAt(2) == '0' || s.charAt(2) == '1')) { base = 2; i = 2; }
        else if (s.charAt(0) == '0') base = 8;
        int digitsStart = i;
        while (i < s.length() && Character.digit(s.charAt(i), base) >= 0) i++;
        String digits = s.substring(digitsStart, i);
        String suffix = lower.substring(i);
        boolean u = false;
        int l = 0;
        switch (suffix) {
            case "" -> { }
            case "u" -> u = true;
            case "l" -> l = 1;
            case "ll" -> l = 2;
            case "ul", "lu" -> { u = true; l = 1; }
            case "ull", "llu" -> { u = true; l = 2; }
            default -> { return false; }
        }
        if (suffix.contains("ll") && !s.substring(i).matches("(?i)u?(ll|LL)u?")) return false;
        if (digits.isEmpty()) {
            if (base != 8) return false;
            digits = "0";
        }
        java.math.BigInteger big = new java.math.BigInteger(digits, base);
        if (big.bitLength() > 64) throw tok.error("integer constant is too large for its type");
        long val = big.longValue();
        tok.val = val;
        boolean fitsInt = big.bitLength() <= 31;
        boolean fitsUint = big.bitLength() <= 32;
        boolean fitsLong = big.bitLength() <= 63;
        boolean decimal = base == 10;
        Type ty;
        if (u) {
            ty = (l == 0 && fitsUint) ? Type.UINT : Type.ULONG;
        } else if (l > 0) {
            ty = fitsLong ? Type.LONG : Type.ULONG;
        } else if (fitsInt) {
            ty = Type.INT;
        } else if (!decimal && fitsUint) {
            ty = Type.UINT;
        } else if (fitsLong) {
            ty = Type.LONG;
        } else {
            ty = Type.ULONG;
        }
        tok.ty = ty;
        return true;
    }

    private static boolean isHexDigit(char c) { return Character.digit(c, 16) >= 0; }

    private void convertFloat(Token tok, int start) {
        String s = tok.text;
        Type ty = Type.DOUBLE;
        String body = s;
        char last = Character.toLowerCase(s.charAt(s.length() - 1));
        boolean hex = s.toLowerCase().startsWith("0x");
        if (last == 'f' && !hex || (hex && last == 'f' && s.toLowerCase().contains("p"))) {
            ty = Type.FLOAT;
            body = s.substring(0, s.length() - 1);
        } else if (last == 'l') {
            ty = Type.LDOUBLE;
            body = s.substring(0, s.length() - 1);
        }
        boolean ok = hex ? body.matches("0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?[0-9]+")
                         : body.matches("([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
        if (!ok || (!hex && !body.contains(".") && !body.toLowerCase().contains("e")))
            throw errorAt(start, "invalid numeric constant '" + s + "'");
        tok.fval = Double.parseDouble(body);
        tok.ty = ty;
        if (ty == Type.LDOUBLE) tok.ldval = LongDouble.parse(body);
    }

    // ---- character and string literals ----

    /** One decoded unit of a literal: either a raw code unit (from \x or octal escapes) or a Unicode code point. */
    private record Unit(long value, boolean raw) { }

    private List<Unit> readLiteralBody(int quoteAt, char quote) {
        List<Unit> units = new ArrayList<>();
        int p = quoteAt + 1;
        while (true) {
            if (p >= src.length() || src.charAt(p) == '\n') throw errorAt(quoteAt, "missing terminating " + quote + " character");
            char c = src.charAt(p);
            if (c == quote) break;
            if (c == '\\') {
                p = readEscape(p + 1, units);
                continue;
            }
            int cp = src.codePointAt(p);
            units.add(new Unit(cp, false));
            p += Character.charCount(cp);
        }
        pos = p + 1;
        return units;
    }

    private int readEscape(int p, List<Unit> units) {
        if (p >= src.length()) throw errorAt(p, "incomplete escape sequence");
        char c = src.charAt(p);
        if (c >= '0' && c <= '7') {
            long v = 0;
            int n = 0;
            while (n < 3 && p < src.length() && src.charAt(p) >= '0' && src.charAt(p) <= '7') { v = v * 8 + (src.charAt(p) - '0'); p++; n++; }
            units.add(new Unit(v, true));
            return p;
        }
        if (c == 'x') {
            p++;
            if (p >= src.length() || !isHexDigit(src.charAt(p))) throw errorAt(p - 2, "\\x used with no following hex digits");
            long v = 0;
            while (p < src.length() && isHexDigit(src.charAt(p))) { v = (v << 4) | Character.digit(src.charAt(p), 16); p++; }
            units.add(new Unit(v, true));
            return p;
        }
        if (c == 'u' || c == 'U') {
            int n = c == 'u' ? 4 : 8;
            p++;
            long v = 0;
            for (int i = 0; i < n; i++, p++) {
                if (p >= src.length() || !isHexDigit(src.charAt(p))) throw errorAt(p, "incomplete universal character name");
                v = (v << 4) | Character.digit(src.charAt(p), 16);
            }
            units.add(new Unit(v, false));
            return p;
        }
        long v = switch (c) {
            case 'a' -> 7;
            case 'b' -> 8;
            case 't' -> 9;
            case 'n' -> 10;
            case 'v' -> 11;
            case 'f' -> 12;
            case 'r' -> 13;
            case 'e' -> 27;
            default -> c;
        };
        units.add(new Unit(v, true));
        return p + 1;
    }

    private void charLiteral(int start, int quoteAt, String prefix) {
        List<Unit> units = readLiteralBody(quoteAt, '\'');
        Token tok = make(Token.Kind.NUM, start, pos);
        if (units.isEmpty()) throw tok.error("empty character constant");
        if (prefix.isEmpty()) {
            byte[] bytes = encode(units, 1);
            long v = 0;
            for (byte b : bytes) v = (v << 8) | (b & 0xff);
            tok.val = bytes.length == 1 ? (byte) v : (int) v;
            tok.ty = Type.INT;
            return;
        }
        int width = prefix.equals("u") ? 2 : 4;
        byte[] bytes = encode(units.subList(0, 1), width);
        long v = width == 2 ? ((bytes[0] & 0xff) | (bytes[1] & 0xff) << 8)
                            : ((bytes[0] & 0xffL) | (bytes[1] & 0xffL) << 8 | (bytes[2] & 0xffL) << 16 | (bytes[3] & 0xffL) << 24);
        tok.val = prefix.equals("L") ? (int) v : v;
        tok.ty = prefix.equals("u") ? Type.USHORT : prefix.equals("U") ? Type.UINT : Type.INT;
    }

    /** String literal tokens keep their decoded units until adjacent literals are joined. */
    private static final class StrToken {
        final Token tok;
        final String prefix;
        final List<Unit> units;
        StrToken(Token tok, String prefix, List<Unit> units) { this.tok = tok; this.prefix = prefix; this.units = units; }
    }

    private final java.util.IdentityHashMap<Token, StrToken> pending = new java.util.IdentityHashMap<>();

    private void string(int start, int quoteAt, String prefix) {
        List<Unit> units = readLiteralBody(quoteAt, '"');
        Token tok = make(Token.Kind.STR, start, pos);
        pending.put(tok, new StrToken(tok, prefix, units));
    }

    private static int widthOf(String prefix) {
        return switch (prefix) {
            case "u" -> 2;
            case "U", "L" -> 4;
            default -> 1;
        };
    }

    private static Type elementType(String prefix) {
        return switch (prefix) {
            case "u" -> Type.USHORT;
            case "U" -> Type.UINT;
            case "L" -> Type.INT;
            default -> Type.CHAR;
        };
    }

    /** Encodes literal units as little-endian code units of the given width (UTF-8, UTF-16 or UTF-32). */
    private static byte[] encode(List<Unit> units, int width) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Unit u : units) {
            if (u.raw) { putUnit(out, u.value, width); continue; }
            int cp = (int) u.value;
            if (width == 1) {
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.writeBytes(b);
            } else if (width == 2) {
                for (char ch : Character.toChars(cp)) putUnit(out, ch, 2);
            } else {
                putUnit(out, cp, 4);
            }
        }
        return out.toByteArray();
    }

    private static void putUnit(java.io.ByteArrayOutputStream out, long v, int width) {
        for (int i = 0; i < width; i++) out.write((int) (v >>> (8 * i)) & 0xff);
    }

    /** Merges runs of adjacent string literals into one token and gives every literal its bytes and array type. */
    private void finishStrings() {
        List<Token> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind != Token.Kind.STR) { out.add(t); continue; }
            int j = i;
            String prefix = "";
            while (j < tokens.size() && tokens.get(j).kind == Token.Kind.STR) {
                StrToken st = pending.get(tokens.get(j));
                if (!st.prefix.isEmpty() && !st.prefix.equals("u8")) {
                    if (!prefix.isEmpty() && !prefix.equals(st.prefix)) throw tokens.get(j).error("unsupported non-standard concatenation of string literals");
                    prefix = st.prefix;
                }
                j++;
            }
            List<Unit> all = new ArrayList<>();
            for (int k = i; k < j; k++) all.addAll(pending.get(tokens.get(k)).units);
            int width = widthOf(prefix);
            byte[] body = encode(all, width);
            byte[] withNul = java.util.Arrays.copyOf(body, body.length + width);
            t.str = withNul;
            t.ty = Type.arrayOf(elementType(prefix), withNul.length / width);
            out.add(t);
            i = j - 1;
        }
        tokens.clear();
        tokens.addAll(out);
    }
}
