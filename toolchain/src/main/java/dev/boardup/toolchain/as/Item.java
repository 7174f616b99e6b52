package dev.boardup.toolchain.as;

import java.util.List;

/** One piece of a section's contents before layout: fixed bytes, a relaxable jump, an alignment, or a label. */
sealed interface Item {
    /**
     * Bytes whose size is known now, with fixups to patch once symbol values are known.
     */
    record Bytes(byte[] bytes, List<Fixup> fixups, int line) implements Item {}

    /** A jmp/jcc to a label: rel8 if the target ends up in range, rel32 otherwise (grows, never shrinks). */
    final class Jump implements Item {
        final byte[] shortOpcode;
        final byte[] longOpcode;
        final Expr target;
        final int line;
        boolean isLong;
        long address;

        Jump(byte[] shortOpcode, byte[] longOpcode, Expr target, int line) {
            this.shortOpcode = shortOpcode;
            this.longOpcode = longOpcode;
            this.target = target;
            this.line = line;
        }

        int size() {
            return isLong ? longOpcode.length + 4 : shortOpcode.length + 1;
        }
    }

    /** Pads to a power-of-two boundary with {@code fill}, or with NOPs in code; skipped if more than {@code max}. */
    record Align(int alignment, int fill, boolean nops, int max) implements Item {}

    record Label(Symbol symbol) implements Item {}

    /** A .uleb128/.sleb128 of an expression known only after layout (label differences, view numbers). */
    final class Leb128 implements Item {
        final Expr expr;
        final boolean signed;
        final int line;
        byte[] bytes = new byte[1];

        Leb128(Expr expr, boolean signed, int line) {
            this.expr = expr;
            this.signed = signed;
            this.line = line;
        }
    }
}
