package dev.boardup.toolchain.as;

import java.util.ArrayList;
import java.util.List;

/** Parses expressions and operands from the tokens of one statement. */
final class Parser {
    private final List<Token> tokens;
    private final Assembler asm;
    private final Diagnostics diag;
    private int pos;

    Parser(String text, Assembler asm, Diagnostics diag) {
        this.tokens = Lexer.tokenize(text, diag);
        this.asm = asm;
        this.diag = diag;
    }

    Token peek() {
        return tokens.get(pos);
    }

    Token take() {
        Token t = tokens.get(pos);
        if (t.type() != Token.Type.END) pos++;
        return t;
    }

    boolean atEnd() {
        return peek().type() == Token.Type.END;
    }

    boolean accept(String punct) {
        if (peek().is(punct)) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(String punct) {
        if (!accept(punct)) throw diag.error("expected `" + punct + "' but found " + peek());
    }

    void expectEnd() {
        if (!atEnd()) throw diag.error("junk at end of line, first unrecognized character is " + peek());
    }

    String identifier() {
        Token t = take();
        if (t.type() != Token.Type.IDENT) throw diag.error("expected symbol name but found " + t);
        return t.text();
    }

    String string() {
        Token t = take();
        if (t.type() != Token.Type.STRING) throw diag.error("expected string but found " + t);
        return t.text();
    }

    // ---- expressions: gas precedence, loosest first ----

    private static final String[][] LEVELS = {
        {"||"}, {"&&"}, {"==", "!=", "<>", "<", ">", "<=", ">="}, {"+", "-"}, {"|", "&", "^", "!"},
        {"*", "/", "%", "<<", ">>"},
    };

    Expr expression() {
        return binary(0);
    }

    private Expr binary(int level) {
        if (level == LEVELS.length) return unary();
        Expr left = binary(level + 1);
        while (true) {
            String op = matchOperator(LEVELS[level]);
            if (op == null) return left;
            left = new Expr.Binary(op, left, binary(level + 1));
        }
    }

    private String matchOperator(String[] ops) {
        Token t = peek();
        if (t.type() != Token.Type.PUNCT) return null;
        for (String op : ops) {
            if (t.text().equals(op)) {
                pos++;
                return op;
            }
        }
        return null;
    }

    private Expr unary() {
        if (accept("-")) return new Expr.Unary("-", unary());
        if (accept("+")) return unary();
        if (accept("~")) return new Expr.Unary("~", unary());
        if (accept("!")) return new Expr.Unary("!", unary());
        return primary();
    }

    private Expr primary() {
        Token t = take();
        switch (t.type()) {
            case NUMBER:
                return new Expr.Num(t.value());
            case IDENT:
                return reference(t.text());
            case PUNCT:
                if (t.text().equals("(")) {
                    Expr e = expression();
                    expect(")");
                    return e;
                }
                if (t.text().equals(".")) return new Expr.Ref(asm.dot(), null);
                break;
            default:
                break;
        }
        throw diag.error("bad expression: unexpected " + t);
    }

    private Expr reference(String text) {
        String name = text;
        String modifier = null;
        int at = text.indexOf('@');
        if (at >= 0) {
            name = text.substring(0, at);
            modifier = text.substring(at + 1).toUpperCase();
            // gas creates _GLOBAL_OFFSET_TABLE_ when it meets any GOT- or TLS-style operator.
            if (!modifier.equals("PLT")) asm.reference("_GLOBAL_OFFSET_TABLE_");
        }
        if (name.equals(".")) return new Expr.Ref(asm.dot(), modifier);
        if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
            return new Expr.Ref(asm.numericLabelReference(name), modifier);
        }
        return new Expr.Ref(asm.reference(name), modifier);
    }

    // ---- operands ----

    List<Operand> operands() {
        List<Operand> ops = new ArrayList<>();
        if (atEnd()) return ops;
        do {
            ops.add(operand());
        } while (accept(","));
        expectEnd();
        return ops;
    }

    private Operand operand() {
        boolean indirect = accept("*");
        rejectBadRegister();
        if (accept("$")) {
            if (indirect) throw diag.error("immediate operand cannot be indirect");
            return new Operand.Imm(expression());
        }
        Register segment = null;
        if (peek().type() == Token.Type.REGISTER) {
            Register r = Register.lookup(take().text());
            if (r.kind() == Register.Kind.SEG && accept(":")) {
                segment = r;
            } else {
                return new Operand.Reg(r, indirect);
            }
        }
        Expr disp = null;
        if (!peek().is("(") || tokens.get(pos + 1).type() != Token.Type.REGISTER && !tokens.get(pos + 1).is(",")) {
            if (atEnd() || peek().is(",")) throw diag.error("missing operand");
            disp = expression();
        }
        if (!accept("(")) return new Operand.Mem(segment, disp, null, null, 1, indirect);
        Register base = null;
        Register index = null;
        int scale = 1;
        rejectBadRegister();
        if (peek().type() == Token.Type.REGISTER) base = addressRegister(true);
        if (accept(",")) {
            rejectBadRegister();
            if (peek().type() == Token.Type.REGISTER) index = addressRegister(false);
            if (accept(",")) {
                Token s = take();
                if (s.type() != Token.Type.NUMBER || Long.bitCount(s.value()) != 1 || s.value() > 8) {
                    throw diag.error("scale factor of " + s.text() + " is not a power of two up to 8");
                }
                scale = (int) s.value();
            }
        }
        expect(")");
        return new Operand.Mem(segment, disp, base, index, scale, indirect);
    }

    /** In an operand, '%' not followed by a register name is a misspelt register. */
    private void rejectBadRegister() {
        if (peek().is("%") && tokens.get(pos + 1).type() == Token.Type.IDENT) {
            throw diag.error("bad register name `%" + tokens.get(pos + 1).text() + "'");
        }
    }

    private Register addressRegister(boolean isBase) {
        Register r = Register.lookup(take().text());
        boolean ok = (r.kind() == Register.Kind.GPR && (r.size() == 8 || r.size() == 4))
                || (isBase && r.kind() == Register.Kind.RIP);
        if (!ok) throw diag.error("`%" + r.name() + "' is not a valid " + (isBase ? "base" : "index") + " register");
        if (!isBase && r.number() == 4 && r.kind() == Register.Kind.GPR) {
            throw diag.error("`%" + r.name() + "' is not a valid index register");
        }
        return r;
    }
}
