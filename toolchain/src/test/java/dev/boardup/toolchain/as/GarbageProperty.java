package dev.boardup.toolchain.as;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever the input, the assembler either produces an ELF object or reports an AsmError; nothing else escapes. */
class GarbageProperty {
    private static final List<String> WORDS = List.of("movl", "movq", "addq", "jmp", "call", "jne", "lea", "push",
            "pop", "xorps", "movsd", "cvtsi2sd", "fld", "fstpt", "shl", "imul", "rep", "lock", "stosb", "movzbl",
            "cmpxchg", "bt", "setne", "cmove", "ret", "nop", ".byte", ".quad", ".long", ".ascii", ".string",
            ".section", ".text", ".data", ".bss", ".p2align", ".align", ".comm", ".lcomm", ".globl", ".set",
            ".type", ".size", ".file", ".loc", ".uleb128", ".sleb128", ".fill", ".skip", ".zero", ".pushsection",
            ".popsection", ".previous", ".rept", ".endr", ".irp", ".irpc", ".macro", ".endm", "\\x", "\\()",
            ".weak", ".hidden", "%eax", "%rax", "%al", "%ah", "%r8", "%r12d", "%xmm0",
            "%xmm15", "%st", "%st(1)", "%rip", "%fs", "%cl", "$", "$1", "$-1", "$0x7fffffff", "$sym", "(", ")",
            ",", ":", ";", "#", "*", "+", "-", "/", "%", "<<", ">>", "1", "0", "255", "1f", "1b", "2:", "1:", ".L1",
            ".L1:", "sym", "sym:", "sym@PLT", "sym@GOTPCREL", "x@tpoff", ".", "\"str\"", "\"a\\n\"", "'c'",
            "@function", "@object", "@progbits", "@nobits", "\"aw\"", "\"ax\"", "\"aMS\"", "8", "16", "0x10",
            "(%rax)", "(%rax,%rbx,4)", "8(%rsp)", "sym(%rip)", "%fs:0", "{", "}", "=", "==", "\\", "\"", "'");

    @Provide
    Arbitrary<String> garbage() {
        Arbitrary<String> word = Arbitraries.oneOf(Arbitraries.of(WORDS),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(6));
        Arbitrary<String> line = word.list().ofMaxSize(8).map(ws -> String.join(" ", ws));
        return line.list().ofMaxSize(12).map(ls -> String.join("\n", ls) + "\n");
    }

    @Property(tries = 1500)
    void garbageGivesAnObjectOrAnAsmError(@ForAll("garbage") String source) {
        try {
            byte[] object = Assembler.assemble(source, "fuzz.s");
            new ElfObject(object);
        } catch (AsmError e) {
            assertNull(e.getCause(), () -> "internal failure for:\n" + source + "\n" + stack(e.getCause()));
            assertTrue(e.getMessage().startsWith("fuzz.s:"), e.getMessage());
            assertTrue(e.line() >= 1, e.getMessage());
        }
    }

    private static String stack(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
