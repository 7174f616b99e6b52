/**
 * The assembler: GNU as-compatible AT&T x86-64 source in, ELF64 relocatable object out, byte-identical to binutils
 * 2.40 for the same input.
 *
 * <p>{@link dev.boardup.toolchain.as.Assembler#assemble} is the whole interface. Inside, a source goes through
 * {@code Macros} (line expansion), {@code Parser}/{@code Lexer} (statements, expressions, operands),
 * {@code Directives} and {@code Encoder} (with {@code Sse}, {@code X87}) which append {@code Item}s to each
 * {@code Section}; {@code Layout} then relaxes jumps the way gas's relax_segment does and resolves {@code Fixup}s
 * into bytes or relocations; {@code DebugLine} (and {@code CompileUnit}) build DWARF line info; {@code ObjectWriter}
 * lays out the ELF file.
 */
package dev.boardup.toolchain.as;
