package dev.boardup.toolchain.cc;

import java.util.ArrayList;
import java.util.List;

/** A variable or function: local, global, or static, with its storage and, for functions, its body. */
final class Obj {
    /** A pointer stored inside a global's initial data: at {@code offset}, the address of {@code label} + {@code addend}. */
    record Relocation(int offset, String label, long addend) { }

    final String name;
    Type ty;
    Token tok;
    boolean isLocal;
    int align;
    int offset;            // locals: offset from %rbp

    boolean isFunction;
    boolean isDefinition;
    boolean isStatic;
    boolean isInline;

    boolean isTentative;
    boolean isReadOnly;
    boolean isTls;
    boolean isWeak;
    boolean isIndirect;    // a local aligned beyond the 16-byte frame: its slot holds the address of its storage        // __attribute__((weak)): .weak instead of .globl         // _Thread_local: lives in .tdata/.tbss, reached through %fs    // string literals: emitted into .rodata
    byte[] initData;
    List<Relocation> rels = new ArrayList<>();
    String asmName;        // __asm__("label") on a declaration; for a local register variable, its register
    String toplevelAsm;    // a file-scope __asm__("...") statement, emitted verbatim

    List<Obj> params = new ArrayList<>();
    Node body;
    List<Obj> locals = new ArrayList<>();
    Obj vaArea;
    int stackSize;

    List<String> refs = new ArrayList<>();
    boolean isLive;
    boolean isRoot;

    Obj(String name, Type ty) {
        this.name = name;
        this.ty = ty;
    }

    String symbol() { return asmName != null ? asmName : name; }
}
