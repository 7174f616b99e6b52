package dev.boardup.kernel;

/** An entry of the system call table: Linux's name for the number, the handler, and its strace rendering. */
public record Syscall(int number, String name, SyscallHandler handler, ArgPrinter printer, boolean hexResult) {}
