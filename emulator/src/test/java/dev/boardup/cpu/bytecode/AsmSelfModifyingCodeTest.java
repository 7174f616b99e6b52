package dev.boardup.cpu.bytecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.Engine.Stop;
import dev.boardup.memory.Mmu;
import dev.boardup.memory.PageTables;
import dev.boardup.memory.PhysicalMemory;
import dev.boardup.memory.Pte;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guest code that rewrites itself through the MMU, run by translated blocks: the engine hears of the stores through
 * the MMU's code-write listener (as the machine wires it) and must never run stale code.
 */
class AsmSelfModifyingCodeTest {
    @TempDir
    Path tmp;

    private static final long CODE = Snippet.CODE, DATA = Snippet.DATA, STACK_TOP = Snippet.STACK_TOP;

    private final CpuState cpu = new CpuState();
    private final AsmEngine engine = new AsmEngine(0, 0);
    private Mmu mmu;

    private void boot(String asm) {
        byte[] code = Snippet.assemble(tmp, asm);
        PhysicalMemory phys = PhysicalMemory.ofBytes(16 << 20);
        PageTables tables = new PageTables(phys);
        for (long va = CODE; va < CODE + 0x2000; va += 4096) {
            tables.map(va, phys.allocFrame(), Pte.RW | Pte.US);
        }
        tables.map(DATA, phys.allocFrame(), Pte.RW | Pte.US | Pte.NX);
        tables.map(STACK_TOP - 4096, phys.allocFrame(), Pte.RW | Pte.US | Pte.NX);
        mmu = new Mmu(phys);
        mmu.setCr3(tables.cr3());
        mmu.setCodeWriteListener(pageVa -> engine.invalidate(pageVa, pageVa + 4096));
        for (int i = 0; i < code.length; i++) {
            mmu.write8(CODE + i, code[i]);
        }
        cpu.rip = CODE;
        cpu.gpr[CpuState.RSP] = STACK_TOP - 64;
    }

    @Test
    void aLoopIncrementingItsOwnImmediateSeesEveryNewValue() {
        boot("""
                start:
                    mov $1, %eax
                    syscall
                    incl start+1
                    jmp start
                """);
        for (int i = 1; i <= 2000; i++) {
            assertEquals(Stop.SYSCALL, engine.run(cpu, mmu, 100_000));
            assertEquals(i, cpu.gpr[CpuState.RAX], "syscall " + i);
        }
    }

    @Test
    void aStoreIntoTheNextInstructionOfTheSameBlockTakesEffect() {
        boot("""
                    movl $2, patched+1
                patched:
                    mov $1, %eax
                    syscall
                """);
        assertEquals(Stop.SYSCALL, engine.run(cpu, mmu, 1000));
        assertEquals(2, cpu.gpr[CpuState.RAX]);
        assertEquals(3, engine.instructionsRetired());
    }

    @Test
    void aPushOverwritingCodeStopsTheBlockAfterThePush() {
        // The stack is pointed into the code: PUSH, a specialised store, patches the MOV right after it.
        boot("""
                    lea after_push+3(%rip), %rsp
                    mov $2, %ebx
                    push %bx
                after_push:
                    mov $1, %eax
                    syscall
                """);
        assertEquals(Stop.SYSCALL, engine.run(cpu, mmu, 1000));
        assertEquals(2, cpu.gpr[CpuState.RAX], "the push wrote 02 00 over the MOV's immediate");
        assertEquals(5, engine.instructionsRetired());
    }

    @Test
    void dataWritesDoNotInvalidateCode() {
        boot("""
                    mov $0x600000, %rbx
                    xor %ecx, %ecx
                1:  mov %rcx, (%rbx)
                    add $8, %rbx
                    inc %ecx
                    cmp $500, %ecx
                    jne 1b
                    mov $5, %eax
                    syscall
                """);
        assertEquals(Stop.SYSCALL, engine.run(cpu, mmu, 100_000));
        assertEquals(3, engine.stats().blocksDecoded(), engine.stats().toString());
        assertTrue(mmu.isCodePage(CODE));
        assertFalse(mmu.isCodePage(DATA));
        assertEquals(499, mmu.read64(DATA + 8 * 499));
    }
}
