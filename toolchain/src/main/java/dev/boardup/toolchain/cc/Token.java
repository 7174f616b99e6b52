package dev.boardup.toolchain.cc;

/** One C token with its source location (after line markers) and, for literals, its value and type. */
final class Token {
    enum Kind { IDENT, PUNCT, KEYWORD, STR, NUM, EOF }

    final Kind kind;
    final String text;
    final String file;
    final int line;
    final int col;
    private final String src;
    private final int lineStart;
    long val;          // integer or character literal value
    double fval;       // floating literal value
    byte[] ldval;      // long double literal: exact x87 encoding
    Type ty;           // type of a NUM or STR literal
    byte[] str;        // bytes of a STR literal, with its terminator, in the element encoding of ty
    Token next;
    int pack;          // the #pragma pack alignment in force here (0: none)

    Token(Kind kind, String text, String file, int line, int col, String src, int lineStart) {
        this.kind = kind;
        this.text = text;
        this.file = file;
        this.line = line;
        this.col = col;
        this.src = src;
        this.lineStart = lineStart;
    }

    /** The source line holding this token, found only when a diagnostic needs it. */
    String lineText() {
        int end = src.indexOf('\n', lineStart);
        return src.substring(lineStart, end < 0 ? src.length() : end);
    }

    boolean is(String s) { return (kind == Kind.PUNCT || kind == Kind.KEYWORD) && text.equals(s); }

    CompileError error(String msg) { return new CompileError(file, line, col, msg, lineText()); }

    @Override public String toString() { return text; }
}
