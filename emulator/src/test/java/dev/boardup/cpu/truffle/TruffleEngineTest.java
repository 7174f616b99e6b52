package dev.boardup.cpu.truffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.boardup.cpu.CpuException;
import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.Engine;
import dev.boardup.cpu.Engine.Stop;
import dev.boardup.cpu.exec.Interpreter;
import dev.boardup.memory.PageFault;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs guest snippets under the reference Interpreter and the TruffleEngine and demands identical results. */
class TruffleEngineTest {
    @TempDir
    Path tmp;

    private static final int RAX = CpuState.RAX, RCX = CpuState.RCX, RDI = CpuState.RDI;

    private static final String EXIT = "mov $60, %eax\n syscall\n";

    /**
     * Runs the snippet on both engines from SYSCALL to SYSCALL, comparing everything at each stop, until the guest
     * makes syscall 60. Budget stops just continue. Returns the Truffle guest.
     */
    private Guest lockstep(String asm, long budget) {
        byte[] code = Assembler.assemble(tmp, asm);
        Guest reference = new Guest(new Interpreter(), code);
        Guest truffle = new Guest(TruffleEngine.eagerForTests(), code);
        for (int stop = 0; stop < 100_000; stop++) {
            runToSyscall(reference, budget);
            runToSyscall(truffle, budget);
            Guest.assertSame(reference, truffle, "syscall stop " + stop);
            if (truffle.reg(RAX) == 60) {
                return truffle;
            }
            reference.serviceSyscall();
            truffle.serviceSyscall();
        }
        throw new AssertionError("guest never exited");
    }

    private static void runToSyscall(Guest g, long budget) {
        while (g.run(budget) != Stop.SYSCALL) {
            // a budget stop: the kernel would schedule; here the guest just continues
        }
    }

    @Test
    void countedLoop() {
        Guest g = lockstep("""
                    xor %eax, %eax
                    mov $100000, %ecx
                1:  add %rcx, %rax
                    dec %rcx
                    jnz 1b
                    mov %rax, %rdi
                """ + EXIT, 1_000_000);
        assertEquals(100000L * 100001 / 2, g.reg(RDI));
    }

    @Test
    void nestedLoopsWithMemory() {
        Guest g = lockstep("""
                    mov $0x600000, %rbx
                    xor %esi, %esi
                outer:
                    xor %ecx, %ecx
                inner:
                    lea (%rsi,%rcx,2), %rax
                    add %rax, (%rbx,%rcx,8)
                    inc %ecx
                    cmp $64, %ecx
                    jb inner
                    inc %esi
                    cmp $500, %esi
                    jne outer
                    mov 8(%rbx), %rdi
                """ + EXIT, 10_000);
        assertEquals(500L * 499 / 2 + 500 * 2, g.reg(RDI));
    }

    @Test
    void recursiveFibonacci() {
        Guest g = lockstep("""
                    mov $18, %edi
                    call fib
                    mov %rax, %rdi
                    mov $60, %eax
                    syscall
                fib:
                    cmp $2, %rdi
                    jb small
                    push %rdi
                    dec %rdi
                    call fib
                    pop %rdi
                    push %rax
                    sub $2, %rdi
                    call fib
                    pop %rdx
                    add %rdx, %rax
                    ret
                small:
                    mov %rdi, %rax
                    ret
                """, 1_000_000);
        assertEquals(2584, g.reg(RDI));
    }

    @Test
    void manySyscallsAndSmallBudgets() {
        Guest g = lockstep("""
                    mov $1, %ebx
                    mov $300, %r12d
                1:  mov %rbx, %rdi
                    mov $1, %eax
                    syscall
                    add %rax, %rbx
                    and $0xffff, %rbx
                    dec %r12d
                    jnz 1b
                    mov %rbx, %rdi
                """ + EXIT, 77);
        assertTrue(g.engine.instructionsRetired() > 300 * 7);
    }

    @Test
    void budgetStopsAreExactAndResumeWhereTheyStopped() {
        byte[] code = Assembler.assemble(tmp, """
                    xor %eax, %eax
                    mov $100000, %ecx
                1:  add %rcx, %rax
                    dec %rcx
                    jnz 1b
                    mov %rax, %rdi
                """ + EXIT);
        Guest truffle = new Guest(TruffleEngine.eagerForTests(), code);
        Guest reference = new Guest(new Interpreter(), code);
        for (long budget : new long[] {1000, 64, 65, 63, 1, 0, 2, 100_001, 777}) {
            long before = truffle.engine.instructionsRetired();
            assertEquals(Stop.BUDGET, truffle.run(budget));
            assertEquals(before + budget, truffle.engine.instructionsRetired(), "budget " + budget);
            assertEquals(Stop.BUDGET, reference.run(budget));
            Guest.assertSame(reference, truffle, "after a budget of " + budget);
        }
        runToSyscall(truffle, 1000);
        assertEquals(100000L * 100001 / 2, truffle.reg(RDI));
    }

    @Test
    void smallBudgetsSingleStepExactly() {
        byte[] code = Assembler.assemble(tmp, """
                    mov $5, %ecx
                1:  add %rcx, %rax
                    dec %rcx
                    jnz 1b
                    mov %rax, %rdi
                """ + EXIT);
        Guest reference = new Guest(new Interpreter(), code);
        Guest truffle = new Guest(TruffleEngine.eagerForTests(), code);
        for (int step = 1; step <= 1 + 3 * 5 + 2; step++) {
            Stop expected = reference.run(1);
            assertEquals(expected, truffle.run(1), "step " + step);
            assertEquals(step, truffle.engine.instructionsRetired());
            Guest.assertSame(reference, truffle, "step " + step);
        }
        assertEquals(15, truffle.reg(RDI));
    }

    @Test
    void faultMidBlockLeavesRipAndRetiredCountExact() {
        // Reads walk off the end of memory after a few thousand iterations of a hot loop.
        String asm = """
                    mov $0x7f0000, %rbx
                    xor %eax, %eax
                1:  add (%rbx), %rax
                    inc %rdx
                    add $8, %rbx
                    jmp 1b
                """;
        byte[] code = Assembler.assemble(tmp, asm);
        Guest reference = new Guest(new Interpreter(), code);
        Guest truffle = new Guest(TruffleEngine.eagerForTests(), code);
        PageFault expected = runToFault(reference);
        PageFault actual = runToFault(truffle);
        assertEquals(expected.address, actual.address);
        assertEquals(Guest.STACK_TOP, actual.address);
        assertEquals(Guest.CODE + 9, truffle.cpu.rip, "rip at the faulting add (after 7 + 2 bytes)");
        Guest.assertSame(reference, truffle, "after #PF");
    }

    @Test
    void faultAfterSomeInstructionsOfAColdBlock() {
        byte[] code = Assembler.assemble(tmp, """
                    mov $7, %eax
                    add %eax, %ebx
                    mov 0x10, %rcx
                    nop
                """ + EXIT);
        Guest reference = new Guest(new Interpreter(), code);
        Guest truffle = new Guest(TruffleEngine.eagerForTests(), code);
        runToFault(reference);
        PageFault fault = runToFault(truffle);
        assertEquals(0x10, fault.address);
        assertEquals(2, truffle.engine.instructionsRetired());
        Guest.assertSame(reference, truffle, "after #PF");
    }

    @Test
    void fetchFaultAtAJumpTargetIsRaisedThere() {
        byte[] code = Assembler.assemble(tmp, """
                    mov $3, %eax
                    mov $0x900000, %rcx
                    jmp *%rcx
                """);
        Guest reference = new Guest(new Interpreter(), code);
        Guest truffle = new Guest(TruffleEngine.eagerForTests(), code);
        runToFault(reference);
        PageFault fault = runToFault(truffle);
        assertTrue((fault.errorCode & PageFault.I) != 0, "an instruction fetch fault");
        assertEquals(0x900000, truffle.cpu.rip);
        Guest.assertSame(reference, truffle, "after fetch #PF");
    }

    private static PageFault runToFault(Guest g) {
        try {
            for (int i = 0; i < 1_000_000; i++) {
                g.run(100_000);
            }
        } catch (PageFault fault) {
            return fault;
        } catch (CpuException other) {
            fail("expected #PF, got " + other.describe());
        }
        throw new AssertionError("no fault");
    }

    @Test
    void invalidateAfterPatchingAnImmediate() {
        byte[] code = Assembler.assemble(tmp, """
                start:
                    mov $0x11111111, %eax
                    syscall
                    jmp start
                """);
        Guest g = new Guest(TruffleEngine.eagerForTests(), code);
        for (int i = 0; i < 50; i++) {
            assertEquals(Stop.SYSCALL, g.run(1000));
            assertEquals(0x11111111, g.reg(RAX));
        }
        g.memory.write32(Guest.CODE + 1, 0x22222222);
        g.engine.invalidate(Guest.CODE + 1, Guest.CODE + 5);
        assertEquals(Stop.SYSCALL, g.run(1000));
        assertEquals(0x22222222, g.reg(RAX));
    }

    @Test
    void invalidateOutsideTheCodeKeepsRegions() {
        byte[] code = Assembler.assemble(tmp, """
                start:
                    mov $5, %eax
                    syscall
                    jmp start
                """);
        TruffleEngine engine = TruffleEngine.eagerForTests();
        Guest g = new Guest(engine, code);
        for (int i = 0; i < 3; i++) {
            g.run(1000);
        }
        long built = engine.stats().regionsBuilt();
        assertTrue(built > 0, "the syscall loop got hot");
        engine.invalidate(Guest.DATA, Guest.DATA + 4096);
        g.run(1000);
        assertEquals(built, engine.stats().regionsBuilt());
        engine.invalidate(Guest.CODE, Guest.CODE + 1);
        for (int i = 0; i < 3; i++) {
            g.run(1000);
        }
        assertTrue(engine.stats().regionsBuilt() > built);
    }

    @Test
    void oneEngineKeepsTheCodeOfEachAddressSpaceApart() {
        // Two processes with different code at the same address, run alternately by one engine.
        TruffleEngine engine = TruffleEngine.eagerForTests();
        Guest first = new Guest(engine, Assembler.assemble(tmp, "1: mov $111, %eax\n syscall\n jmp 1b\n"));
        Guest second = new Guest(engine, Assembler.assemble(tmp, "1: mov $222, %eax\n syscall\n jmp 1b\n"));
        for (int i = 0; i < 20; i++) {
            assertEquals(Stop.SYSCALL, first.run(1000));
            assertEquals(111, first.reg(RAX));
            assertEquals(Stop.SYSCALL, second.run(1000));
            assertEquals(222, second.reg(RAX));
        }
    }

    @Test
    void statsCountWhatRan() {
        Guest g = lockstep("""
                    mov $10, %ecx
                1:  dec %ecx
                    jnz 1b
                """ + EXIT, 1_000_000);
        TruffleEngine.Stats stats = ((TruffleEngine) g.engine).stats();
        assertEquals(2 + 2 * 10 + 1, stats.instructionsRetired());
        assertTrue(stats.blocksDecoded() >= 3, stats.toString());
        assertTrue(stats.regionsBuilt() >= 1, stats.toString());
        assertEquals("truffle", g.engine.name());
        assertNotNull(TruffleEngine.runtimeName());
    }

    @Test
    void blocksWithSseInstructionsStayColdAndAgreeWithTheInterpreter() {
        Guest g = lockstep("""
                    mov $200, %ecx
                    pxor %xmm0, %xmm0
                    mov $3, %eax
                    movq %rax, %xmm1
                1:  paddq %xmm1, %xmm0
                    dec %ecx
                    jnz 1b
                    movq %xmm0, %rdi
                """ + EXIT, 1_000_000);
        assertEquals(600, g.reg(RDI));
        assertEquals(0, ((TruffleEngine) g.engine).stats().regionsBuilt(), "an SSE loop never heads a region");
    }

    @Test
    void reportsTheOptimizingRuntime() {
        assertTrue(new TruffleEngine().isOptimizing(), "runtime " + TruffleEngine.runtimeName());
    }

    @Test
    void undefinedOpcodeIsRaisedWithRipAtIt() {
        byte[] code = Assembler.assemble(tmp, """
                    mov $1, %eax
                    ud2
                """);
        Guest reference = new Guest(new Interpreter(), code);
        Guest truffle = new Guest(TruffleEngine.eagerForTests(), code);
        CpuException expected = runToException(reference);
        CpuException actual = runToException(truffle);
        assertInstanceOf(expected.getClass(), actual);
        assertEquals(Guest.CODE + 5, truffle.cpu.rip);
        Guest.assertSame(reference, truffle, "after #UD");
    }

    private static CpuException runToException(Guest g) {
        try {
            for (int i = 0; i < 1000; i++) {
                g.run(1000);
            }
        } catch (CpuException e) {
            return e;
        }
        throw new AssertionError("no exception");
    }
}
