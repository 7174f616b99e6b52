package dev.boardup.cpu.truffle;

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

/** Guest code that rewrites itself through the MMU: the engine must notice through the code-page write listener. */
class SelfModifyingCodeTest {
    @TempDir
    Path tmp;

    private static final long CODE = 0x400000, DATA = 0x600000, STACK_TOP = 0x800000;

    private final CpuState cpu = new CpuState();
    private final TruffleEngine engine = TruffleEngine.eagerForTests();
    private Mmu mmu;

    private void boot(byte[] code) {
        PhysicalMemory phys = PhysicalMemory.ofBytes(16 << 20);
        PageTables tables = new PageTables(phys);
        for (long va = CODE; va < CODE + 0x2000; va += 4096) {
            tables.map(va, phys.allocFrame(), Pte.RW | Pte.US);
        }
        tables.map(DATA, phys.allocFrame(), Pte.RW | Pte.US | Pte.NX);
        tables.map(STACK_TOP - 4096, phys.allocFrame(), Pte.RW | Pte.US | Pte.NX);
        mmu = new Mmu(phys);
        mmu.setCr3(tables.cr3());
        // What the machine does: reports of stores into code pages invalidate the engine's code there.
        mmu.setCodeWriteListener(pageVa -> engine.invalidate(pageVa, pageVa + 4096));
        for (int i = 0; i < code.length; i++) {
            mmu.write8(CODE + i, code[i]);
        }
        cpu.rip = CODE;
        cpu.gpr[CpuState.RSP] = STACK_TOP - 64;
    }

    @Test
    void aLoopIncrementingItsOwnImmediateSeesEveryNewValue() {
        boot(Assembler.assemble(tmp, """
                start:
                    mov $1, %eax
                    syscall
                    incl start+1
                    jmp start
                """));
        for (int i = 1; i <= 3000; i++) {
            assertEquals(Stop.SYSCALL, engine.run(cpu, mmu, 100_000));
            assertEquals(i, cpu.gpr[CpuState.RAX], "syscall " + i);
        }
    }

    @Test
    void aStoreIntoTheNextInstructionOfTheSameBlockTakesEffect() {
        // The store and the instruction it patches are in one block: the rest of the block must not run stale.
        boot(Assembler.assemble(tmp, """
                    movl $2, patched+1
                patched:
                    mov $1, %eax
                    syscall
                """));
        assertEquals(Stop.SYSCALL, engine.run(cpu, mmu, 1000));
        assertEquals(2, cpu.gpr[CpuState.RAX]);
        assertEquals(3, engine.instructionsRetired());
    }

    @Test
    void dataWritesDoNotInvalidateCode() {
        boot(Assembler.assemble(tmp, """
                    mov $0x600000, %rbx
                    xor %ecx, %ecx
                1:  mov %rcx, (%rbx)
                    add $8, %rbx
                    inc %ecx
                    cmp $500, %ecx
                    jne 1b
                    mov $5, %eax
                    syscall
                """));
        assertEquals(Stop.SYSCALL, engine.run(cpu, mmu, 100_000));
        assertEquals(1, engine.stats().regionsBuilt(), engine.stats().toString());
        assertTrue(mmu.isCodePage(CODE));
        assertFalse(mmu.isCodePage(DATA));
        assertEquals(499, mmu.read64(DATA + 8 * 499));
    }
}
