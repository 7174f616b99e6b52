package dev.boardup.toolchain.cpp;

/** A preprocessing error, its message already in gcc's shape: {@code file.c:3:10: error: ...}. */
public final class PreprocessError extends Exception {
    public PreprocessError(String message) {
        super(message);
    }
}
