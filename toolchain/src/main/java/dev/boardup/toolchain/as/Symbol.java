package dev.boardup.toolchain.as;

import dev.boardup.toolchain.elf.Elf;

/** An assembler symbol: a label in a section, an equated value, a common block, or an undefined reference. */
final class Symbol {
    final String name;
    final int order;
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
    int firstRefLine;
    int index;

    Symbol(String name, int order) {
        this.name = name;
        this.order = order;
    }

    boolean isExternal() {
        return global || weak;
    }

    /** .L labels, numeric local labels and '.' markers never reach the symbol table unless a relocation needs them. */
    boolean isTemporary() {
        return name.startsWith(".L") || name.indexOf('\u0002') >= 0;
    }

    boolean isLabel() {
        return defined && equated == null && section != null;
    }

    @Override
    public String toString() {
        return name;
    }
}
