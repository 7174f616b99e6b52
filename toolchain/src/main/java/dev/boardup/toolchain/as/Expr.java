package dev.boardup.toolchain.as;

/** An assembler expression tree: numbers, symbol references (maybe with an @modifier) and operators. */
sealed interface Expr {
    record Num(long value) implements Expr {}

    /** A symbol reference; {@code modifier} is the relocation operator after '@' (PLT, GOTPCREL, tpoff...). */
    record Ref(Symbol symbol, String modifier) implements Expr {}

    record Unary(String op, Expr operand) implements Expr {}

    record Binary(String op, Expr left, Expr right) implements Expr {}
}
