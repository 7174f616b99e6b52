package dev.boardup.kernel;

/** The file given to exec is not an ELF64 x86-64 executable this kernel can load; the message says why, in one line. */
public final class BadExecutable extends Exception {
    private static final long serialVersionUID = 1L;

    public BadExecutable(String reason) {
        super(reason);
    }
}
