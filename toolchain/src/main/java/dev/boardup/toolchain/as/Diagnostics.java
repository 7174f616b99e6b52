package dev.boardup.toolchain.as;

/** Knows where the assembler is in its input, so errors carry file and line. */
final class Diagnostics {
    private final String file;
    int line;

    Diagnostics(String file) {
        this.file = file;
    }

    AsmError error(String message) {
        return new AsmError(file, line, message);
    }

    AsmError errorAt(int atLine, String message) {
        return new AsmError(file, atLine, message);
    }
}
