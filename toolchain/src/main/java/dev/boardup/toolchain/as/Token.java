package dev.boardup.toolchain.as;

/** One lexical token of an assembler statement's operand text. */
record Token(Type type, String text, long value) {
    enum Type { IDENT, NUMBER, STRING, REGISTER, PUNCT, END }

    boolean is(String punct) {
        return type == Type.PUNCT && text.equals(punct);
    }

    @Override
    public String toString() {
        return type == Type.END ? "end of line" : "`" + text + "'";
    }
}
