package dev.boardup.toolchain.cc;

/** A diagnosed error in the C source: where it is, what is wrong, rendered like gcc's diagnostics. */
public final class CompileError extends RuntimeException {
    private final String file;
    private final int line;
    private final int column;
    private final String sourceLine;

    public CompileError(String file, int line, int column, String message, String sourceLine) {
        super(message, null, false, false);
        this.file = file;
        this.line = line;
        this.column = column;
        this.sourceLine = sourceLine;
    }

    public String file() { return file; }
    public int line() { return line; }
    public int column() { return column; }

    /** gcc's shape: {@code file.c:12:5: error: message}, then the source line and a caret under the column. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(':').append(line).append(':').append(column).append(": error: ").append(getMessage());
        if (sourceLine != null) {
            String num = String.format("%5d", line);
            sb.append('\n').append(num).append(" | ").append(sourceLine);
            sb.append('\n').append(" ".repeat(num.length())).append(" | ");
            for (int i = 0; i < column - 1 && i < sourceLine.length(); i++)
                sb.append(sourceLine.charAt(i) == '\t' ? '\t' : ' ');
            sb.append('^');
        }
        return sb.toString();
    }
}
