package dev.boardup.toolchain.as;

/** Collects .file/.loc and builds the .debug_line section from them. */
final class DebugLine {
    private final Assembler asm;

    DebugLine(Assembler asm) {
        this.asm = asm;
    }

    void file(Parser p) {
        throw asm.diag.error(".file with a file number is not supported yet");
    }

    void loc(Parser p) {
        throw asm.diag.error(".loc is not supported yet");
    }

    void generate() {
    }
}
