package dev.boardup.toolchain.as;

/** A diagnostic for bad assembler input, printed the way GNU as prints it: {@code file.s:12: Error: ...}. */
public final class AsmError extends RuntimeException {
    private final String file;
    private final int line;
    private final String detail;

    public AsmError(String file, int line, String detail) {
        super(file + ":" + line + ": Error: " + detail);
        this.file = file;
        this.line = line;
        this.detail = detail;
    }

    AsmError(String file, int line, String detail, Throwable cause) {
        this(file, line, detail);
        initCause(cause);
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String detail() {
        return detail;
    }
}
