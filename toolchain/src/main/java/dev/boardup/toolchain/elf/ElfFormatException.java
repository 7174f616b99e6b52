package dev.boardup.toolchain.elf;

/** A file that is not the ELF64 x86-64 relocatable object it claims to be. */
public final class ElfFormatException extends Exception {
    public ElfFormatException(String message) {
        super(message);
    }
}
