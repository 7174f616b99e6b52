package dev.boardup.toolchain.as;

/**
 * An evaluated expression: {@code plus - minus + constant}, where the symbols stay symbolic until layout or link time.
 */
record Value(long constant, Symbol plus, Symbol minus, String modifier) {
    static Value of(long constant) {
        return new Value(constant, null, null, null);
    }

    boolean isConstant() {
        return plus == null && minus == null && modifier == null;
    }
}
