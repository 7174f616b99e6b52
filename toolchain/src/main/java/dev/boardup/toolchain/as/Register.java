package dev.boardup.toolchain.as;

import java.util.HashMap;
import java.util.Map;

/** An x86-64 register as written in AT&T syntax ({@code %eax}, {@code %r12b}, {@code %xmm3}, {@code %st(1)}). */
record Register(String name, Kind kind, int number, int size) {
    enum Kind { GPR, XMM, ST, SEG, RIP }

    /** %spl/%bpl/%sil/%dil are only reachable with a REX prefix. */
    boolean needsRex() {
        return kind == Kind.GPR && size == 1 && number >= 4 && number <= 7 && !isHighByte();
    }

    /** %ah/%ch/%dh/%bh share encodings 4-7 with %spl..%dil and forbid REX. */
    boolean isHighByte() {
        return kind == Kind.GPR && size == 1 && name.length() == 2 && name.charAt(1) == 'h';
    }

    boolean isExtended() {
        return number >= 8;
    }

    boolean isGpr() {
        return kind == Kind.GPR;
    }

    private static final Map<String, Register> TABLE = new HashMap<>();

    private static void add(String name, Kind kind, int number, int size) {
        TABLE.put(name, new Register(name, kind, number, size));
    }

    static {
        String[] q = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi"};
        String[] l = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
        String[] w = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di"};
        String[] b = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil"};
        String[] h = {"ah", "ch", "dh", "bh"};
        for (int i = 0; i < 8; i++) {
            add(q[i], Kind.GPR, i, 8);
            add(l[i], Kind.GPR, i, 4);
            add(w[i], Kind.GPR, i, 2);
            add(b[i], Kind.GPR, i, 1);
        }
        for (int i = 0; i < 4; i++) add(h[i], Kind.GPR, i + 4, 1);
        for (int i = 8; i < 16; i++) {
            add("r" + i, Kind.GPR, i, 8);
            add("r" + i + "d", Kind.GPR, i, 4);
            add("r" + i + "w", Kind.GPR, i, 2);
            add("r" + i + "b", Kind.GPR, i, 1);
            add("r" + i + "l", Kind.GPR, i, 1);
        }
        for (int i = 0; i < 16; i++) add("xmm" + i, Kind.XMM, i, 16);
        String[] seg = {"es", "cs", "ss", "ds", "fs", "gs"};
        for (int i = 0; i < seg.length; i++) add(seg[i], Kind.SEG, i, 2);
        add("rip", Kind.RIP, 0, 8);
        add("eip", Kind.RIP, 0, 4);
        add("st", Kind.ST, 0, 10);
        for (int i = 0; i < 8; i++) add("st(" + i + ")", Kind.ST, i, 10);
    }

    static Register lookup(String name) {
        return TABLE.get(name.toLowerCase());
    }
}
