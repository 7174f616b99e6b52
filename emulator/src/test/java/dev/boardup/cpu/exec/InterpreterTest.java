package dev.boardup.cpu.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.Engine;
import dev.boardup.memory.PageFault;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs small assembled programs on the interpreter and checks registers and memory afterwards. */
class InterpreterTest {
    static final long CODE = 0x401000, STACK_TOP = 0x7ff000;

    @TempDir
    Path dir;

    @BeforeAll
    static void needAs() {
        assumeTrue(GnuAs.available(), "GNU as is not installed");
    }

    private FlatMemory mem;
    private CpuState cpu;

    private Engine.Stop run(String asm) throws Exception {
        byte[] code = GnuAs.assemble(dir, asm);
        mem = new FlatMemory(0x400000, 0x400000);
        mem.load(CODE, code);
        cpu = new CpuState();
        cpu.rip = CODE;
        cpu.gpr[CpuState.RSP] = STACK_TOP;
        return new Interpreter().run(cpu, mem, 100_000);
    }

    @Test
    void twoAddressSpacesWithDifferentCodeAtOneAddressDoNotShareDecodedInstructions() throws Exception {
        Interpreter engine = new Interpreter();
        FlatMemory first = new FlatMemory(0x400000, 0x400000);
        FlatMemory second = new FlatMemory(0x400000, 0x400000);
        first.load(CODE, GnuAs.assemble(dir, "mov $1, %edi\nsyscall\n"));
        second.load(CODE, GnuAs.assemble(dir, "mov $2, %edi\nsyscall\n"));
        for (int round = 0; round < 2; round++) {
            for (FlatMemory space : new FlatMemory[] {first, second}) {
                CpuState state = new CpuState();
                state.rip = CODE;
                assertEquals(Engine.Stop.SYSCALL, engine.run(state, space, 10));
                assertEquals(space == first ? 1 : 2, state.gpr[CpuState.RDI]);
            }
        }
    }

    @Test
    void callAddAndSyscall() throws Exception {
        Engine.Stop stop = run("""
                mov $60, %eax
                mov $5, %edi
                call f
                syscall
                f: push %rbp
                mov %rsp, %rbp
                add $37, %rdi
                lea 1(%rdi,%rdi,2), %rdi
                pop %rbp
                ret
                """);
        assertEquals(Engine.Stop.SYSCALL, stop);
        assertEquals(60, cpu.gpr[CpuState.RAX]);
        assertEquals(127, cpu.gpr[CpuState.RDI]);
        assertEquals(STACK_TOP, cpu.gpr[CpuState.RSP]);
        assertEquals(cpu.rip, cpu.gpr[CpuState.RCX]);
        assertEquals(cpu.rflags(), cpu.gpr[CpuState.R11]);
    }

    @Test
    void loopSumsWithFlags() throws Exception {
        run("""
                xor %eax, %eax
                mov $100, %ecx
                1: add %rcx, %rax
                dec %ecx
                jnz 1b
                syscall
                """);
        assertEquals(5050, cpu.gpr[CpuState.RAX]);
    }

    @Test
    void budgetStopsRun() throws Exception {
        byte[] code = GnuAs.assemble(dir, "1: jmp 1b");
        mem = new FlatMemory(0x400000, 0x10000);
        mem.load(CODE, code);
        cpu = new CpuState();
        cpu.rip = CODE;
        Interpreter interp = new Interpreter();
        assertEquals(Engine.Stop.BUDGET, interp.run(cpu, mem, 1000));
        assertEquals(1000, interp.instructionsRetired());
    }

    @Test
    void pushFaultLeavesRspAlone() throws Exception {
        byte[] code = GnuAs.assemble(dir, "push %rax");
        mem = new FlatMemory(0x400000, 0x10000);
        mem.load(CODE, code);
        cpu = new CpuState();
        cpu.rip = CODE;
        cpu.gpr[CpuState.RSP] = 0x400000;
        assertThrows(PageFault.class, () -> new Interpreter().run(cpu, mem, 10));
        assertEquals(0x400000, cpu.gpr[CpuState.RSP]);
        assertEquals(CODE, cpu.rip);
    }

    @Test
    void repStringsOverLongAndOverlappingBuffers() throws Exception {
        run("""
                mov $0x600ffd, %rdi
                mov $0x5a, %al
                mov $1000, %ecx
                rep stosb
                movb $7, 0x601ffd
                mov $0x601ffd, %rsi
                lea 3(%rsi), %rdi
                mov $997, %ecx
                rep movsb
                mov $0x600ffd, %rsi
                mov $0x602ffe, %rdi
                mov $1000, %ecx
                rep movsb
                syscall
                """);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0x5a, mem.read8(0x600ffd + i), "stosb byte " + i);
            assertEquals(0x5a, mem.read8(0x602ffe + i), "movsb copy byte " + i);
        }
        for (int i = 0; i < 1000; i++) {
            int expected = i % 3 == 0 ? 7 : 0; // the overlapping copy replicates the first three bytes
            assertEquals(expected, mem.read8(0x601ffd + i), "pattern byte " + i);
        }
    }
}
