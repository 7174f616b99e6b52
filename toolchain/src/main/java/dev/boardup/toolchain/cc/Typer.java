package dev.boardup.toolchain.cc;

import dev.boardup.toolchain.cc.Node.Kind;

/** Gives every expression node its C type, inserting the implicit conversions C requires. */
final class Typer {
    private Typer() { }

    static void addType(Node node) {
        if (node == null || node.ty != null) return;
        addType(node.lhs);
        addType(node.rhs);
        addType(node.cond);
        addType(node.then);
        addType(node.els);
        addType(node.init);
        addType(node.inc);
        for (Node n : node.body) addType(n);
        for (Node n : node.args) addType(n);

        switch (node.kind) {
            case NUM -> node.ty = Type.INT;
            case ADD, SUB -> {
                requireScalar(node);
                usualArithConv(node);
                node.ty = node.lhs.ty;
            }
            case MUL, DIV -> {
                requireArithmetic(node, node.kind == Kind.MUL ? "*" : "/");
                usualArithConv(node);
                node.ty = node.lhs.ty;
            }
            case MOD, BITAND, BITOR, BITXOR -> {
                requireInteger(node, switch (node.kind) { case MOD -> "%"; case BITAND -> "&"; case BITOR -> "|"; default -> "^"; });
                usualArithConv(node);
                node.ty = node.lhs.ty;
            }
            case NEG -> {
                if (!node.lhs.ty.isNumeric()) throw node.tok.error("wrong type argument to unary minus");
                Type ty = Type.commonType(Type.INT, node.lhs.ty);
                node.lhs = Parser.newCast(node.lhs, ty);
                node.ty = ty;
            }
            case ASSIGN -> {
                Type lt = node.lhs.ty;
                if (lt.kind == Type.Kind.ARRAY || lt.kind == Type.Kind.VLA) throw node.tok.error("assignment to expression with array type");
                if (!isLvalue(node.lhs)) throw node.tok.error("lvalue required as left operand of assignment");
                if (lt.isStructOrUnion()) {
                    if (!node.rhs.ty.isStructOrUnion()) throw node.tok.error("incompatible types when assigning to type '" + lt + "'");
                } else {
                    if (node.rhs.ty.isStructOrUnion()) throw node.tok.error("incompatible types when assigning to type '" + lt + "' from a struct or union");
                    if (node.rhs.ty.kind == Type.Kind.VOID) throw node.tok.error("void value not ignored as it ought to be");
                    node.rhs = Parser.newCast(node.rhs, lt);
                }
                node.ty = lt;
            }
            case EQ, NE, LT, LE -> {
                requireScalar(node);
                usualArithConv(node);
                node.ty = Type.INT;
            }
            case FUNCALL -> node.ty = node.funcTy.returnTy;
            case NOT, LOGOR, LOGAND -> {
                requireScalarOperand(node.lhs, node);
                if (node.rhs != null) requireScalarOperand(node.rhs, node);
                node.ty = Type.INT;
            }
            case BITNOT -> {
                if (!node.lhs.ty.isInteger()) throw node.tok.error("wrong type argument to bit-complement");
                Type ty = promote(node.lhs.ty);
                node.lhs = Parser.newCast(node.lhs, ty);
                node.ty = ty;
            }
            case SHL, SHR -> {
                requireInteger(node, node.kind == Kind.SHL ? "<<" : ">>");
                Type ty = promote(node.lhs.ty);
                node.lhs = Parser.newCast(node.lhs, ty);
                node.rhs = Parser.newCast(node.rhs, Type.INT);
                node.ty = ty;
            }
            case VAR -> node.ty = node.var.ty;
            case COND -> {
                requireScalarOperand(node.cond, node);
                Type t1 = node.then.ty, t2 = node.els.ty;
                if (t1.kind == Type.Kind.VOID || t2.kind == Type.Kind.VOID) {
                    node.ty = Type.VOID;
                } else if (t1.isStructOrUnion() || t2.isStructOrUnion()) {
                    if (!t1.isStructOrUnion() || !t2.isStructOrUnion()) throw node.tok.error("type mismatch in conditional expression");
                    node.ty = t1;
                } else {
                    Type ty = condType(t1, t2);
                    node.then = Parser.newCast(node.then, ty);
                    node.els = Parser.newCast(node.els, ty);
                    node.ty = ty;
                }
            }
            case COMMA -> node.ty = node.rhs.ty;
            case MEMBER -> node.ty = node.member.ty;
            case ADDR -> {
                Type ty = node.lhs.ty;
                if (!isLvalue(node.lhs) && ty.kind != Type.Kind.FUNC) throw node.tok.error("lvalue required as unary '&' operand");
                node.ty = Type.pointerTo(ty);
            }
            case DEREF -> {
                Type ty = node.lhs.ty;
                if (ty.base == null) throw node.tok.error("invalid type argument of unary '*' (have '" + ty + "')");
                if (ty.base.kind == Type.Kind.VOID) throw node.tok.error("dereferencing 'void *' pointer");
                node.ty = ty.base;
            }
            case STMT_EXPR -> {
                node.ty = Type.VOID;
                if (!node.body.isEmpty()) {
                    Node last = node.body.get(node.body.size() - 1);
                    if (last.kind == Kind.EXPR_STMT) node.ty = last.lhs.ty;
                }
            }
            case LABEL_VAL -> node.ty = Type.pointerTo(Type.VOID);
            case ASM, VLA_ALLOC, SAVE_SP, RESTORE_SP -> node.ty = Type.VOID;
            case VA_START, VA_COPY -> node.ty = Type.VOID;
            default -> { }
        }
    }

    static boolean isLvalue(Node n) {
        return switch (n.kind) {
            case VAR, DEREF, MEMBER -> true;
            case COMMA -> n.rhs.kind == Kind.VAR && n.rhs.var.isLocal && n.rhs.var.name.isEmpty();   // compound literal
            default -> false;
        };
    }

    private static Type promote(Type t) {
        return t.isInteger() && t.size < 4 ? Type.INT : t.kind == Type.Kind.ENUM ? Type.INT : t;
    }

    /** Pointer/null-pointer mixes take the pointer type; arithmetic types take their common type. */
    private static Type condType(Type t1, Type t2) {
        if (t1.base != null && t2.base != null) {
            if (t1.base.kind == Type.Kind.VOID || t2.base.kind == Type.Kind.VOID) return Type.pointerTo(Type.VOID);
            return Type.pointerTo(t1.base);
        }
        if (t1.base != null) return Type.pointerTo(t1.base);
        if (t2.base != null) return Type.pointerTo(t2.base);
        if (t1.kind == Type.Kind.FUNC) return Type.pointerTo(t1);
        if (t2.kind == Type.Kind.FUNC) return Type.pointerTo(t2);
        return Type.commonType(t1, t2);
    }

    private static void usualArithConv(Node node) {
        Type t1 = node.lhs.ty, t2 = node.rhs.ty;
        Type ty;
        if (t1.base == null && t2.base != null) ty = Type.pointerTo(t2.base);
        else if (t1.kind == Type.Kind.FUNC || t2.kind == Type.Kind.FUNC) ty = Type.ULONG;
        else ty = Type.commonType(t1, t2);
        node.lhs = Parser.newCast(node.lhs, ty);
        node.rhs = Parser.newCast(node.rhs, ty);
    }

    private static void requireScalarOperand(Node operand, Node node) {
        Type t = operand.ty;
        if (!t.isScalar() && t.kind != Type.Kind.ARRAY && t.kind != Type.Kind.VLA && t.kind != Type.Kind.FUNC)
            throw node.tok.error("used " + (t.kind == Type.Kind.VOID ? "void" : "struct or union") + " type value where scalar is required");
    }

    private static boolean scalarLike(Type t) {
        return t.isScalar() || t.kind == Type.Kind.ARRAY || t.kind == Type.Kind.VLA || t.kind == Type.Kind.FUNC;
    }

    private static void requireScalar(Node node) {
        if (!scalarLike(node.lhs.ty) || !scalarLike(node.rhs.ty)) throw node.tok.error("invalid operands to binary " + node.tok.text);
    }

    private static void requireArithmetic(Node node, String op) {
        if (!node.lhs.ty.isNumeric() || !node.rhs.ty.isNumeric()) throw node.tok.error("invalid operands to binary " + op);
    }

    private static void requireInteger(Node node, String op) {
        if (!node.lhs.ty.isInteger() || !node.rhs.ty.isInteger()) throw node.tok.error("invalid operands to binary " + op);
    }
}
