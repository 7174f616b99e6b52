package dev.boardup.toolchain.cpp;

import java.util.List;

/**
 * Writes preprocessed tokens back as text, as gcc -E does: tokens keep their lines, line markers
 * ({@code # N "file" flags}) mark jumps between files and long gaps, and a space is put wherever two tokens
 * would otherwise lex as one.
 */
final class Emitter {
    private static final int MAX_BLANK_LINES = 8;

    private final boolean lineMarkers;
    private final boolean assembler;
    private final StringBuilder sb = new StringBuilder();
    private SourceFile file;
    private String fileName;
    private int line;
    private boolean atLineStart = true;
    private Token previous;

    Emitter(boolean lineMarkers, boolean assembler) {
        this.lineMarkers = lineMarkers;
        this.assembler = assembler;
    }

    String emit(List<Token> tokens, SourceFile main) throws PreprocessError {
        file = main;
        fileName = main.name;
        line = 1;
        if (lineMarkers) sb.append("# 1 \"").append(escape(main.name)).append("\"\n");
        for (Token t : tokens) {
            if (t.unterminated && !assembler) {
                char quote = t.text.contains("\"") && (!t.text.contains("'") || t.text.indexOf('"') < t.text.indexOf('\''))
                        ? '"' : '\'';
                throw new PreprocessError(t.where() + ": error: missing terminating " + quote + " character");
            }
            moveTo(t);
            if (t.kind == Token.Kind.PRAGMA) {
                if (!atLineStart) newline();
                sb.append(t.text);
                newline();
                previous = null;
                continue;
            }
            if (atLineStart) {
                if (t.hasSpace) sb.append(" ".repeat(Math.max(1, t.col - 1)));
            } else if (t.hasSpace || needsSpace(previous, t)) {
                sb.append(' ');
            }
            sb.append(t.text);
            atLineStart = false;
            previous = t;
        }
        if (!atLineStart) sb.append('\n');
        return sb.toString();
    }

    private void newline() {
        sb.append('\n');
        line++;
        atLineStart = true;
    }

    /** Brings the output to t's file and line, with newlines for short gaps and a line marker otherwise. */
    private void moveTo(Token t) {
        boolean sameFile = t.file == file && t.fileName.equals(fileName);
        if (sameFile && t.line == line) return;
        if (!lineMarkers) {
            // like gcc -P: a new line only where a logical source line starts, and no blank lines
            if (!atLineStart && t.startsLine) newline();
            file = t.file;
            fileName = t.fileName;
            line = t.line;
            return;
        }
        if (sameFile && t.line > line && t.line - line <= MAX_BLANK_LINES) {
            while (line < t.line) newline();
            return;
        }
        if (!atLineStart) newline();
        sb.append("# ").append(t.line).append(" \"").append(escape(t.fileName)).append('"');
        if (t.file != file && t.file != null) {
            if (t.file.includer == file) sb.append(" 1");
            else if (file != null && file.includer == t.file) sb.append(" 2");
            if (t.file.system) sb.append(" 3");
        }
        sb.append('\n');
        file = t.file;
        fileName = t.fileName;
        line = t.line;
        atLineStart = true;
    }

    private static String escape(String name) {
        return name.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Whether writing b right after a would make them lex differently (gcc's avoid_paste). */
    static boolean needsSpace(Token a, Token b) {
        if (a == null || a.text.isEmpty() || b.text.isEmpty()) return false;
        char x = a.text.charAt(a.text.length() - 1), y = b.text.charAt(0);
        boolean aWord = a.kind == Token.Kind.IDENT || a.kind == Token.Kind.NUMBER;
        if (aWord && Lexer.isIdentChar(y)) return true;
        boolean literal = b.kind == Token.Kind.CHAR || b.kind == Token.Kind.STRING;
        if (literal && a.kind == Token.Kind.IDENT && a.text.matches("L|u|U|u8")) return true;   // not a prefix now
        if (a.kind == Token.Kind.NUMBER && (y == '.' || ((y == '+' || y == '-') && "eEpP".indexOf(x) >= 0))) return true;
        if (x == '.' && Lexer.isDigit(y)) return true;
        if (x == '/' && (y == '/' || y == '*')) return true;
        boolean aPunct = a.kind == Token.Kind.PUNCT || a.kind == Token.Kind.OTHER;
        boolean bPunct = b.kind == Token.Kind.PUNCT || b.kind == Token.Kind.OTHER;
        return aPunct && bPunct && Lexer.punctuatorLength(a.text + b.text) > a.text.length();
    }
}
