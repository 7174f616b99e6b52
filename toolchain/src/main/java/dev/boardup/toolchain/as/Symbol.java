package dev.boardup.toolchain.as;

import dev.boardup.toolchain.elf.Elf;

/** An assembler symbol: a label in a section, an equated value, a common block, or an undefined reference. */
final class Symbol {
    final String name;
    /**
     * Position in gas's symbol list, which orders the symbol table. Temporary (.L) symbols only join the list when an
     * instruction's displacement or branch names them once defined, or else when a relocation needs them at the end.
     */
    long order;
    Section section;
    long value;
    Expr equated;
    boolean defined;
    boolean global;
    boolean weak;
    boolean explicitLocal;
    boolean common;
    long commonAlign;
    int type = Elf.STT_NOTYPE;
    int visibility = Elf.STV_DEFAULT;
    Expr size;
    boolean usedInReloc;
    boolean referenced;
    int definedLine;
    /** The frag a label was defined in and its offset there (see {@link Section#frag}); -1 if none. */
    int frag = -1;
    long fragOffset;
    int firstRefLine;
    /** The statement that first named this symbol (see {@link Assembler#statements}). */
    long firstStatement = -1;
    int index;

    Symbol(String name, long order) {
        this.name = name;
        this.order = isTemporaryName(name) ? Long.MAX_VALUE : order;
    }

    private static boolean isTemporaryName(String name) {
        return name.startsWith(".L") || name.indexOf('\u0002') >= 0;
    }

    boolean isExternal() {
        return global || weak;
    }

    /** .L labels, numeric local labels and '.' markers never reach the symbol table unless a relocation needs them. */
    boolean isTemporary() {
        return isTemporaryName(name);
    }

    boolean isLabel() {
        return defined && equated == null && section != null;
    }

    @Override
    public String toString() {
        return name;
    }
}
