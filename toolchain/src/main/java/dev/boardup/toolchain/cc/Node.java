package dev.boardup.toolchain.cc;

import java.util.ArrayList;
import java.util.List;

/** A node of the abstract syntax tree: an expression or a statement. */
final class Node {
    enum Kind {
        NULL_EXPR, ADD, SUB, MUL, DIV, NEG, MOD, BITAND, BITOR, BITXOR, SHL, SHR, EQ, NE, LT, LE, ASSIGN, COND,
        COMMA, MEMBER, ADDR, DEREF, NOT, BITNOT, LOGAND, LOGOR, RETURN, IF, FOR, DO, SWITCH, CASE, BLOCK, GOTO,
        GOTO_EXPR, LABEL, LABEL_VAL, FUNCALL, EXPR_STMT, STMT_EXPR, VAR, NUM, CAST, MEMZERO,
        VA_START, VA_ARG, VA_COPY, BSWAP, TRAP, ASM, VLA_ALLOC, SAVE_SP, RESTORE_SP
    }

    final Kind kind;
    final Token tok;
    Type ty;

    Node lhs;
    Node rhs;

    Node cond;
    Node then;
    Node els;
    Node init;
    Node inc;

    String brkLabel;
    String contLabel;

    List<Node> body = new ArrayList<>();   // BLOCK, STMT_EXPR

    Type.Member member;                   // MEMBER

    Type funcTy;                          // FUNCALL
    List<Node> args = new ArrayList<>();
    Obj retBuffer;

    String label;                         // GOTO, LABEL
    String uniqueLabel;

    List<Node> cases = new ArrayList<>(); // SWITCH
    Node defaultCase;
    long begin, end;                      // CASE range

    Obj var;                              // VAR, MEMZERO, VA_*

    String asmTemplate;                   // ASM: GNU extended asm
    List<AsmOperand> asmOutputs = new ArrayList<>();
    List<AsmOperand> asmInputs = new ArrayList<>();
    List<String> asmClobbers = new ArrayList<>();

    /** One operand of an extended asm statement: [name] "constraint" (expr). */
    record AsmOperand(String name, String constraint, Node expr) { }
    long val;                             // NUM
    double fval;
    byte[] ldval;                         // NUM of type long double: exact x87 encoding

    Node(Kind kind, Token tok) {
        this.kind = kind;
        this.tok = tok;
    }
}
