package dev.boardup.toolchain.cc;

/** Options for one compilation: whether to emit .file/.loc debug line info. */
public record CompileOptions(boolean debugInfo) {
    public static CompileOptions defaults() { return new CompileOptions(false); }
}
