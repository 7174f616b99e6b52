package dev.boardup.kernel;

/**
 * An entry of the system call table: Linux's name for the number, the handler, and its strace rendering
 * (arguments, and how a successful result is shown: decimal unless the call returns addresses or flags).
 */
public record Syscall(int number, String name, SyscallHandler handler, ArgPrinter printer,
                      ArgPrinter resultPrinter) {}
