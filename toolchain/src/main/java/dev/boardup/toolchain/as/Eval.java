package dev.boardup.toolchain.as;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Evaluates expressions to {@link Value}s. Before layout, labels are unknown and stay symbolic; after layout, labels
 * of the same section cancel out into constants, as gas folds {@code .-start} and {@code b-a}.
 */
final class Eval {
    private final Assembler asm;
    private final boolean laidOut;
    private int depth;

    private Eval(Assembler asm, boolean laidOut) {
        this.asm = asm;
        this.laidOut = laidOut;
    }

    /** Evaluates before layout, or returns null when the expression is not yet representable. */
    static Value tryEvaluate(Assembler asm, Expr e) {
        try {
            return new Eval(asm, false).value(e);
        } catch (AsmError err) {
            return null;
        }
    }

    /** Evaluates before layout; an absolute constant is required. */
    static long constant(Assembler asm, Expr e) {
        Value v = new Eval(asm, false).value(e);
        if (!v.isConstant()) throw asm.diag.error("expression is not a constant");
        return v.constant();
    }

    static Value evaluate(Assembler asm, Expr e, boolean laidOut) {
        return new Eval(asm, laidOut).value(e);
    }

    /** A sum of symbol terms with integer coefficients plus a constant. */
    private static final class Linear {
        long constant;
        final Map<Symbol, Long> terms = new LinkedHashMap<>();
        String modifier;

        boolean isConstant() {
            return terms.isEmpty() && modifier == null;
        }

        void add(Linear o, long sign) {
            constant += sign * o.constant;
            o.terms.forEach((s, k) -> terms.merge(s, sign * k, Long::sum));
            terms.values().removeIf(k -> k == 0);
            if (o.modifier != null) modifier = o.modifier;
        }
    }

    private Value value(Expr e) {
        Linear l = linear(e);
        Symbol plus = null;
        Symbol minus = null;
        for (Map.Entry<Symbol, Long> t : l.terms.entrySet()) {
            if (t.getValue() == 1 && plus == null) plus = t.getKey();
            else if (t.getValue() == -1 && minus == null) minus = t.getKey();
            else throw asm.diag.error("can't resolve expression involving `" + t.getKey().name + "'");
        }
        return new Value(l.constant, plus, minus, l.modifier);
    }

    private Linear linear(Expr e) {
        if (++depth > 200) throw asm.diag.error("expression too deeply nested or recursive");
        try {
            return switch (e) {
                case Expr.Num n -> constant(n.value());
                case Expr.Ref r -> reference(r);
                case Expr.Unary u -> unary(u);
                case Expr.Binary b -> binary(b);
            };
        } finally {
            depth--;
        }
    }

    private static Linear constant(long v) {
        Linear l = new Linear();
        l.constant = v;
        return l;
    }

    private Linear reference(Expr.Ref r) {
        Symbol s = r.symbol();
        Linear l;
        if (s.equated != null) {
            l = linear(s.equated);
        } else {
            l = new Linear();
            l.terms.put(s, 1L);
        }
        if (r.modifier() != null) l.modifier = r.modifier();
        return fold(l);
    }

    /**
     * Labels whose coefficients sum to zero become a constant: after layout, those of one section; before it, those of
     * one frag, whose distance is already fixed.
     */
    private Linear fold(Linear l) {
        if (l.terms.size() < 2) return l;
        Map<Object, Long> perGroup = new LinkedHashMap<>();
        l.terms.forEach((s, k) -> {
            Object g = group(s);
            if (g != null) perGroup.merge(g, k, Long::sum);
        });
        perGroup.forEach((g, sum) -> {
            if (sum != 0) return;
            l.terms.entrySet().removeIf(t -> {
                Symbol s = t.getKey();
                if (!g.equals(group(s))) return false;
                l.constant += t.getValue() * (laidOut ? s.value : s.fragOffset);
                return true;
            });
        });
        return l;
    }

    private Object group(Symbol s) {
        if (!s.isLabel()) return null;
        if (laidOut) return s.section;
        return s.frag < 0 ? null : java.util.List.of(s.section.name, s.frag);
    }

    private Linear unary(Expr.Unary u) {
        Linear v = linear(u.operand());
        if (u.op().equals("-")) {
            Linear r = new Linear();
            r.add(v, -1);
            return r;
        }
        long c = need(v, u.op());
        return constant(u.op().equals("~") ? ~c : (c == 0 ? 1 : 0));
    }

    private Linear binary(Expr.Binary b) {
        Linear l = linear(b.left());
        Linear r = linear(b.right());
        if (b.op().equals("+") || b.op().equals("-")) {
            Linear sum = new Linear();
            sum.add(l, 1);
            sum.add(r, b.op().equals("+") ? 1 : -1);
            return fold(sum);
        }
        long x = need(l, b.op());
        long y = need(r, b.op());
        return constant(switch (b.op()) {
            case "*" -> x * y;
            case "/" -> divide(x, y, false);
            case "%" -> divide(x, y, true);
            case "<<" -> x << y;
            case ">>" -> x >> y;
            case "|" -> x | y;
            case "&" -> x & y;
            case "^" -> x ^ y;
            case "!" -> x | ~y;
            case "==" -> x == y ? -1 : 0;
            case "!=", "<>" -> x != y ? -1 : 0;
            case "<" -> x < y ? -1 : 0;
            case ">" -> x > y ? -1 : 0;
            case "<=" -> x <= y ? -1 : 0;
            case ">=" -> x >= y ? -1 : 0;
            case "&&" -> x != 0 && y != 0 ? 1 : 0;
            case "||" -> x != 0 || y != 0 ? 1 : 0;
            default -> throw asm.diag.error("unknown operator " + b.op());
        });
    }

    private long divide(long x, long y, boolean remainder) {
        if (y == 0) throw asm.diag.error("division by zero");
        return remainder ? x % y : x / y;
    }

    private long need(Linear v, String op) {
        if (!v.isConstant()) throw asm.diag.error("invalid operands for `" + op + "': need absolute values");
        return v.constant;
    }
}
