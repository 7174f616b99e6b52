package dev.boardup.toolchain.cc;

/** One C token with its source location (after line markers) and, for literals, its value and type. */
final class Token {
    enum Kind { IDENT, PUNCT, KEYWORD, STR, NUM, EOF }

    final Kind kind;
    final String text;
    final String file;
    final int line;
    final int col;
    final String lineText;
    long val;          // integer or character literal value
    double fval;       // floating literal value
    Type ty;           // type of a NUM or STR literal
    byte[] str;        // bytes of a STR literal, with its terminator, in the element encoding of ty
    Token next;

    Token(Kind kind, String text, String file, int line, int col, String lineText) {
        this.kind = kind;
        this.text = text;
        this.file = file;
        this.line = line;
        this.col = col;
        this.lineText = lineText;
    }

    boolean is(String s) { return (kind == Kind.PUNCT || kind == Kind.KEYWORD) && text.equals(s); }

    CompileError error(String msg) { return new CompileError(file, line, col, msg, lineText); }

    @Override public String toString() { return text; }
}
