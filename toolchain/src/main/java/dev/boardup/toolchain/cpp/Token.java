package dev.boardup.toolchain.cpp;

import java.util.Set;

/** A preprocessing token (C11 6.4), linked into a list, carrying its hide set for macro rescanning. */
final class Token {
    enum Kind { IDENT, NUMBER, CHAR, STRING, PUNCT, OTHER, PLACEMARKER, PASTE, PRAGMA, FILE_END, EOF }

    Kind kind;
    String text;
    SourceFile file;
    String fileName;      // the name to report, changed by #line
    int line;
    int col;
    boolean atBol;        // first token of a source line (directives start here)
    boolean startsLine;   // begins an output line in -P mode: atBol, or the first token of an expansion of such
    boolean hasSpace;     // whitespace before it
    boolean unterminated; // a ' or " with no closing quote on its line
    int conditionalDepth; // for FILE_END: how many #if groups were open when the file was included
    Set<String> hideset = Set.of();
    Token next;

    Token(Kind kind, String text, SourceFile file, int line, int col) {
        this.kind = kind;
        this.text = text;
        this.file = file;
        this.fileName = file == null ? "<command-line>" : file.name;
        this.line = line;
        this.col = col;
    }

    Token copy() {
        Token t = new Token(kind, text, file, line, col);
        t.fileName = fileName;
        t.atBol = atBol;
        t.startsLine = startsLine;
        t.hasSpace = hasSpace;
        t.unterminated = unterminated;
        t.hideset = hideset;
        return t;
    }

    /** The punctuator's canonical spelling: digraphs read as the tokens they stand for. */
    String punct() {
        if (kind != Kind.PUNCT) return "";
        return switch (text) {
            case "%:" -> "#";
            case "%:%:" -> "##";
            case "<:" -> "[";
            case ":>" -> "]";
            case "<%" -> "{";
            case "%>" -> "}";
            default -> text;
        };
    }

    boolean is(String s) {
        return kind == Kind.PUNCT ? punct().equals(s) : kind == Kind.IDENT && text.equals(s);
    }

    boolean isIdent(String s) {
        return kind == Kind.IDENT && text.equals(s);
    }

    String where() {
        if (file != null && file.path == null) return fileName;   // <command-line>: gcc gives no line there
        return fileName + ":" + line + ":" + col;
    }

    @Override
    public String toString() {
        return text;
    }
}
