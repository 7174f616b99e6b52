package dev.boardup.toolchain.as;

/** An instruction operand in AT&T syntax. */
sealed interface Operand {
    /** {@code %reg}; {@code indirect} when written {@code *%reg}. */
    record Reg(Register reg, boolean indirect) implements Operand {}

    /** {@code $expr}. */
    record Imm(Expr expr) implements Operand {}

    /**
     * {@code seg:disp(base,index,scale)}; a bare {@code disp} with no parentheses is also a branch target.
     */
    record Mem(Register segment, Expr disp, Register base, Register index, int scale, boolean indirect)
            implements Operand {
        boolean isBare() {
            return base == null && index == null && segment == null;
        }

        boolean isRipRelative() {
            return base != null && base.kind() == Register.Kind.RIP;
        }
    }
}
