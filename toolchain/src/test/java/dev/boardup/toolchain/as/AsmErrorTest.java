package dev.boardup.toolchain.as;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input gives an AsmError naming the file and the offending line, in GNU as's shape. */
class AsmErrorTest {
    private static AsmError fail(String source) {
        AsmError e = assertThrows(AsmError.class, () -> Assembler.assemble(source, "bad.s"));
        assertNull(e.getCause(), "a diagnosed error, not an internal failure: " + e.getMessage());
        return e;
    }

    @ParameterizedTest(name = "line {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            3 | frobnicate %eax                | no such instruction
            3 | movl %eax                      | number of operands mismatch
            3 | addl %eax, $5                  | operand type mismatch
            3 | movq %eax, %rbx                | incorrect register `%eax' used with `q' suffix
            3 | movl (%rax,%rsp), %eax         | not a valid index register
            3 | movl %xyz, %eax                | bad register name `%xyz'
            3 | movl $1, (%rax)x               | junk at end of line
            3 | mov $1, (%rax)                 | no instruction mnemonic suffix
            3 | jmp .Lnowhere                  | local label `.Lnowhere' is not defined
            3 | jmp 1f                         | local label `1' is not defined
            3 | jne 7b                         | backward ref to unknown label
            3 | leaq .Lmissing(%rip), %rax     | local label `.Lmissing' is not defined
            3 | .quad .Lgone                   | local label `.Lgone' is not defined
            3 | .frobnicate 1                  | unknown pseudo-op: `.frobnicate'
            3 | .byte 256                      | truncated to 8 bits
            3 | movb $300, %al                 | out of range
            3 | .p2align 4,,x+                 | bad expression
            3 | .section .x,"aQ"               | unknown section attribute 'Q'
            3 | movb %ah, %r8b                 | can't encode register
            """)
    void reportsTheLine(int line, String statement, String message) {
        AsmError e = fail("\t.text\nstart:\n\t" + statement + "\n\tret\n");
        assertEquals(line, e.line(), e.getMessage());
        assertEquals("bad.s", e.file());
        assertTrue(e.detail().contains(message), "expected `" + message + "' in: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("bad.s:" + line + ": Error: "), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void unterminatedRepeatNamesItsLine() {
        AsmError e = fail("\tnop\n\t.rept 3\n\tnop\n");
        assertEquals(2, e.line());
        assertTrue(e.detail().contains("missing .endr"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void errorInsideMacroNamesTheInvocation() {
        AsmError e = fail(".macro bad\n\tfrob %eax\n.endm\n\tnop\n\tbad\n");
        assertEquals(5, e.line());
        assertTrue(e.detail().contains("no such instruction"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void redefinitionIsAnError() {
        AsmError e = fail("x: nop\nx: nop\n");
        assertEquals(2, e.line());
        assertTrue(e.detail().contains("symbol `x' is already defined"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void numericLabelsMayBeReused() {
        byte[] object = Assembler.assemble("1: jmp 1f\n1: jmp 1b\n", "ok.s");
        ElfObject elf = new ElfObject(object);
        assertEquals("eb00ebfe", java.util.HexFormat.of().formatHex(elf.contents(elf.section(".text"))));
    }

    @org.junit.jupiter.api.Test
    void labelDefinedLaterResolves() {
        byte[] object = Assembler.assemble("jmp .Lend\n.Lend: ret\n", "ok.s");
        ElfObject elf = new ElfObject(object);
        byte[] text = elf.contents(elf.section(".text"));
        assertEquals("eb00c3", java.util.HexFormat.of().formatHex(text));
    }
}
