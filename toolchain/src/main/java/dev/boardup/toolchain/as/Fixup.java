package dev.boardup.toolchain.as;

/**
 * A field to patch after layout: {@code size} bytes at {@code offset} within its item, holding {@code expr}.
 * For PC-relative fields {@code pcBias} is the distance from the field to the end of the instruction, since the CPU
 * adds the displacement to the address of the next instruction.
 */
record Fixup(int offset, int size, Expr expr, boolean pcRelative, int pcBias, Kind kind, int line) {
    enum Kind {
        /** Plain data or immediate: R_X86_64_8/16/32/64, unsigned 32. */
        DATA,
        /** A sign-extended 32-bit immediate or displacement: R_X86_64_32S. */
        SIGNED,
        /** A rel32 branch target: PLT32 for symbols that may be preempted. */
        BRANCH,
        /** A RIP-relative operand of mov/call/jmp/test/ALU, relaxable by the linker (GOTPCRELX). */
        RELAXABLE_GOT,
        /** The same, with a REX prefix (REX_GOTPCRELX). */
        RELAXABLE_GOT_REX
    }
}
