package dev.boardup.cpu.bytecode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.boardup.cpu.CpuException;
import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.DivideError;
import dev.boardup.cpu.Engine.Stop;
import dev.boardup.cpu.exec.Interpreter;
import dev.boardup.memory.PageFault;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bytecode engine against the reference interpreter: the same snippets run on both, from SYSCALL to SYSCALL,
 * and must leave the same registers, flags, memory and instruction counts. Threshold 0 translates every block
 * before it first runs, so these judge the generated code, not the interpreted warm-up.
 */
class AsmEngineTest {
    @TempDir
    Path tmp;

    private static final int RAX = CpuState.RAX, RDI = CpuState.RDI;
    private static final String EXIT = "mov $60, %eax\n syscall\n";

    private Snippet lockstep(String asm, long budget, int threshold) {
        return lockstep(asm, budget, threshold, 0);
    }

    private Snippet lockstep(String asm, long budget, int threshold, int maxTrace) {
        byte[] code = Snippet.assemble(tmp, asm);
        Snippet reference = new Snippet(new Interpreter(), code);
        Snippet asmGuest = new Snippet(new AsmEngine(threshold, maxTrace), code);
        for (int stop = 0; stop < 100_000; stop++) {
            reference.runToSyscall(budget);
            asmGuest.runToSyscall(budget);
            Snippet.assertSame(reference, asmGuest, "syscall stop " + stop);
            if (asmGuest.reg(RAX) == 60) {
                return asmGuest;
            }
            reference.serviceSyscall();
            asmGuest.serviceSyscall();
        }
        throw new AssertionError("guest never exited");
    }

    @ParameterizedTest(name = "threshold {0}, traces of {1}")
    @CsvSource({"0, 0", "3, 0", "3, 64"})
    void arithmeticLoopWithMemoryOperands(int threshold, int maxTrace) {
        Snippet g = lockstep("""
                    mov $0x600000, %rbx
                    xor %esi, %esi
                outer:
                    xor %ecx, %ecx
                inner:
                    lea 3(%rsi,%rcx,2), %rax
                    add %rax, (%rbx,%rcx,8)
                    sub %ecx, 4(%rbx,%rcx,8)
                    xorw $0x1234, 2(%rbx)
                    orb %al, 1(%rbx,%rcx,1)
                    adc %rax, %rdx
                    sbb %ecx, %edx
                    inc %ecx
                    cmp $64, %ecx
                    jb inner
                    incl 512(%rbx)
                    negq 520(%rbx)
                    notl 528(%rbx)
                    decw 536(%rbx)
                    test $3, %sil
                    inc %esi
                    cmp $300, %esi
                    jne outer
                    mov 8(%rbx), %rdi
                    add %rdx, %rdi
                """ + EXIT, 10_000, threshold, maxTrace);
        assertTrue(g.engine.instructionsRetired() > 300 * 64 * 10);
    }

    @ParameterizedTest(name = "threshold {0}, traces of {1}")
    @CsvSource({"0, 0", "3, 0", "3, 64"})
    void shiftsMultipliesConditionsAndByteRegisters(int threshold, int maxTrace) {
        lockstep("""
                    mov $0x600000, %rbx
                    mov $0x123456789abcdef1, %r8
                    mov $500, %r12d
                1:  mov %r8, %rax
                    shl $7, %rax
                    shr $3, %r8d
                    sar $5, %r8
                    sal $1, %ax
                    shrb $2, 8(%rbx)
                    shlq $63, 16(%rbx)
                    imul $0x5e3779b1, %rax, %rax
                    imul %r8, %rax
                    imul 8(%rbx), %ecx
                    xor %rax, %r8
                    add %r12, %r8
                    movzbl %ah, %edx
                    movsbq %al, %r9
                    movswl %r8w, %r10d
                    movslq %r8d, %r11
                    movzwl 8(%rbx), %r13d
                    cmp %r9, %r10
                    setl %dl
                    setb 24(%rbx)
                    cmovg %r9, %r10
                    cmovbe 8(%rbx), %r11d
                    mov %al, %bh
                    add %ch, %dl
                    mov %r10, 8(%rbx)
                    dec %r12d
                    jnz 1b
                    mov %r8, %rdi
                """ + EXIT, 1_000_000, threshold, maxTrace);
    }

    @ParameterizedTest(name = "threshold {0}, traces of {1}")
    @CsvSource({"0, 0", "3, 0", "3, 64"})
    void recursiveCallsPushPopAndReturn(int threshold, int maxTrace) {
        Snippet g = lockstep("""
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
                    pushq $7
                    sub $2, %rdi
                    call fib
                    pop %rdx
                    pop %rdx
                    add %rdx, %rax
                    ret
                small:
                    mov %rdi, %rax
                    ret
                """, 1_000_000, threshold, maxTrace);
        assertEquals(2584, g.reg(RDI));
    }

    @Test
    void fallbackInstructionsInsideTranslatedBlocks() {
        // MUL, DIV, XCHG, CQO, BSWAP, string ops and rotates go through Executor.execute from generated code.
        lockstep("""
                    mov $0x600000, %rdi
                    mov $200, %r12d
                1:  mov %r12, %rax
                    mov $77, %ecx
                    mul %rcx
                    cqo
                    mov $13, %ecx
                    idiv %rcx
                    xchg %rax, %rdx
                    bswap %edx
                    rol $5, %rdx
                    rcr %cl, %rax
                    push %rdi
                    mov $3, %ecx
                    rep stosq
                    pop %rdi
                    add %rdx, (%rdi)
                    dec %r12d
                    jnz 1b
                    mov (%rdi), %rdi
                """ + EXIT, 1_000_000, 0);
    }

    @Test
    void manySyscallsAndSmallBudgets() {
        Snippet g = lockstep("""
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
                """ + EXIT, 7, 0);
        assertTrue(g.engine.instructionsRetired() > 300 * 7);
    }

    @Test
    void budgetStopsAreExactAndResumeWhereTheyStopped() {
        byte[] code = Snippet.assemble(tmp, """
                    xor %eax, %eax
                    mov $100000, %ecx
                1:  add %rcx, %rax
                    mov %rax, %rdx
                    shr $1, %rdx
                    xor %rdx, %rax
                    dec %rcx
                    jnz 1b
                    mov %rax, %rdi
                """ + EXIT);
        Snippet asmGuest = new Snippet(new AsmEngine(0, 0), code);
        Snippet reference = new Snippet(new Interpreter(), code);
        for (long budget : new long[] {1000, 32, 33, 31, 1, 0, 2, 100_001, 777, 5, 6}) {
            long before = asmGuest.engine.instructionsRetired();
            assertEquals(Stop.BUDGET, asmGuest.run(budget));
            assertEquals(before + budget, asmGuest.engine.instructionsRetired(), "budget " + budget);
            assertEquals(Stop.BUDGET, reference.run(budget));
            Snippet.assertSame(reference, asmGuest, "after a budget of " + budget);
        }
        asmGuest.runToSyscall(1000);
        reference.runToSyscall(1000);
        Snippet.assertSame(reference, asmGuest, "at exit");
    }

    @Test
    void singleStepsExactly() {
        byte[] code = Snippet.assemble(tmp, """
                    mov $5, %ecx
                1:  add %rcx, %rax
                    dec %rcx
                    jnz 1b
                    mov %rax, %rdi
                """ + EXIT);
        Snippet reference = new Snippet(new Interpreter(), code);
        Snippet asmGuest = new Snippet(new AsmEngine(0, 0), code);
        for (int step = 1; step <= 1 + 3 * 5 + 2; step++) {
            assertEquals(reference.run(1), asmGuest.run(1), "step " + step);
            assertEquals(step, asmGuest.engine.instructionsRetired());
            Snippet.assertSame(reference, asmGuest, "step " + step);
        }
        assertEquals(15, asmGuest.reg(RDI));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void pageFaultInATranslatedBlockLeavesRipAndCountExact(int threshold) {
        // The loop reads its way off the end of memory: the add faults in the middle of a hot block.
        byte[] code = Snippet.assemble(tmp, """
                    mov $0x7f0000, %rbx
                    xor %eax, %eax
                1:  inc %rdx
                    add (%rbx), %rax
                    add $8, %rbx
                    jmp 1b
                """);
        Snippet reference = new Snippet(new Interpreter(), code);
        Snippet asmGuest = new Snippet(new AsmEngine(threshold, 0), code);
        CpuException expected = runToFault(reference);
        CpuException actual = runToFault(asmGuest);
        assertInstanceOf(PageFault.class, actual);
        assertEquals(((PageFault) expected).address, ((PageFault) actual).address);
        assertEquals(Snippet.CODE + 12, asmGuest.cpu.rip, "rip at the faulting add");
        Snippet.assertSame(reference, asmGuest, "after #PF");
    }

    @Test
    void faultInAFallbackInstructionLeavesRipAndCountExact() {
        byte[] code = Snippet.assemble(tmp, """
                    mov $7, %eax
                    add %eax, %ebx
                    xor %ecx, %ecx
                    div %rcx
                    nop
                """ + EXIT);
        Snippet reference = new Snippet(new Interpreter(), code);
        Snippet asmGuest = new Snippet(new AsmEngine(0, 0), code);
        assertInstanceOf(DivideError.class, runToFault(reference));
        assertInstanceOf(DivideError.class, runToFault(asmGuest));
        assertEquals(3, asmGuest.engine.instructionsRetired());
        Snippet.assertSame(reference, asmGuest, "after #DE");
    }

    @Test
    void faultSeesTheFlagsOfTheInstructionBeforeIt() {
        // The ADD's flags are dead once the CMP runs, but the load between them faults first: they must be there.
        byte[] code = Snippet.assemble(tmp, """
                    mov $-1, %rcx
                    mov $1, %rdx
                    mov $0x900000, %rbx
                    add %rdx, %rcx
                    mov (%rbx), %rax
                    cmp $5, %rax
                """ + EXIT);
        Snippet reference = new Snippet(new Interpreter(), code);
        Snippet asmGuest = new Snippet(new AsmEngine(0, 0), code);
        runToFault(reference);
        runToFault(asmGuest);
        assertTrue(asmGuest.cpu.zf && asmGuest.cpu.cf, "ZF and CF from -1 + 1");
        Snippet.assertSame(reference, asmGuest, "after the load #PF");
    }

    @Test
    void storeFaultChangesNoFlagsAndNoRegisters() {
        // A read-modify-write whose store faults (read-only tail of memory) must leave the flags as they were.
        byte[] code = Snippet.assemble(tmp, """
                    mov $0x700000, %rbx
                    stc
                    addq $1, (%rbx)
                """ + EXIT);
        Snippet reference = new Snippet(new Interpreter(), code);
        Snippet asmGuest = new Snippet(new AsmEngine(0, 0), code);
        reference.memory.writeLimit = 0x700000;
        asmGuest.memory.writeLimit = 0x700000;
        runToFault(reference);
        CpuException fault = runToFault(asmGuest);
        assertInstanceOf(PageFault.class, fault);
        assertTrue(asmGuest.cpu.cf, "CF still set by STC");
        Snippet.assertSame(reference, asmGuest, "after the store #PF");
    }

    private static CpuException runToFault(Snippet g) {
        try {
            for (int i = 0; i < 1_000_000; i++) {
                g.run(100_000);
            }
        } catch (CpuException fault) {
            return fault;
        }
        return fail("no fault");
    }

    @Test
    void hotBlocksAreTranslatedAndColdOnesAreNot() {
        AsmEngine engine = new AsmEngine(50, 0);
        Snippet g = new Snippet(engine, Snippet.assemble(tmp, """
                    mov $10, %ecx
                1:  dec %ecx
                    jnz 1b
                    mov $1000, %ecx
                2:  dec %ecx
                    jnz 2b
                """ + EXIT));
        g.runToSyscall(1_000_000);
        AsmEngine.Stats stats = engine.stats();
        assertEquals(1, stats.blocksTranslated(), stats.toString());
        assertEquals(2 + 2 * 10 + 1 + 2 * 1000 + 1, stats.instructionsRetired());
        assertEquals("asm", engine.name());
    }

    @Test
    void invalidateDropsTranslatedCode() {
        byte[] code = Snippet.assemble(tmp, """
                start:
                    mov $0x11111111, %eax
                    syscall
                    jmp start
                """);
        AsmEngine engine = new AsmEngine(0, 0);
        Snippet g = new Snippet(engine, code);
        for (int i = 0; i < 10; i++) {
            assertEquals(Stop.SYSCALL, g.run(1000));
            assertEquals(0x11111111, g.reg(RAX));
        }
        long decoded = engine.stats().blocksDecoded();
        engine.invalidate(Snippet.DATA, Snippet.DATA + 4096);
        g.run(1000);
        assertEquals(decoded, engine.stats().blocksDecoded(), "a range without code drops nothing");
        g.memory.write32(Snippet.CODE + 1, 0x22222222);
        engine.invalidate(Snippet.CODE + 1, Snippet.CODE + 5);
        assertEquals(Stop.SYSCALL, g.run(1000));
        assertEquals(0x22222222, g.reg(RAX));
    }

    @Test
    void tracesFollowDirectCallsAndJumpsAndStayExact() {
        // The loop body calls a function through a direct CALL and JMP: one trace covers loop, call and callee.
        AsmEngine engine = new AsmEngine(3, 64);
        String asm = """
                    mov $1000, %r12d
                1:  mov %r12, %rdi
                    call f
                    add %rax, %rbx
                    dec %r12d
                    jnz 1b
                    mov %rbx, %rdi
                """ + EXIT + """
                f:  lea 1(%rdi,%rdi,2), %rax
                    jmp g
                g:  xor $5, %rax
                    ret
                """;
        Snippet g = lockstep(asm, 1_000_000, 3, 64);
        byte[] code = Snippet.assemble(tmp, asm);
        Snippet reference = new Snippet(new Interpreter(), code);
        Snippet traced = new Snippet(engine, code);
        for (long budget : new long[] {100, 7, 3, 1, 64, 5}) {
            for (int i = 0; i < 50; i++) {
                reference.run(budget);
                traced.run(budget);
                Snippet.assertSame(reference, traced, "budget " + budget + " stop " + i);
            }
        }
        AsmEngine.Stats stats = engine.stats();
        assertTrue(stats.tracedBlocks() > stats.blocksTranslated(), stats.toString());
        assertEquals(60, g.reg(RAX));
    }

    @Test
    void invalidatingABlockInsideATraceDropsTheTrace() {
        byte[] code = Snippet.assemble(tmp, """
                start:
                    call f
                    syscall
                    jmp start
                f:  mov $0x11111111, %eax
                    ret
                """);
        AsmEngine engine = new AsmEngine(2, 64);
        Snippet g = new Snippet(engine, code);
        for (int i = 0; i < 10; i++) {
            assertEquals(Stop.SYSCALL, g.run(1000));
            assertEquals(0x11111111, g.reg(RAX));
        }
        assertTrue(engine.stats().tracedBlocks() > engine.stats().blocksTranslated(), engine.stats().toString());
        long f = Snippet.CODE + 5 + 2 + 2;
        g.memory.write32(f + 1, 0x22222222);
        engine.invalidate(f + 1, f + 5); // only the callee's bytes: the caller's trace holds a copy of them
        assertEquals(Stop.SYSCALL, g.run(1000));
        assertEquals(0x22222222, g.reg(RAX));
    }

    @Test
    void oneEngineKeepsTheCodeOfEachAddressSpaceApart() {
        AsmEngine engine = new AsmEngine(0, 0);
        Snippet first = new Snippet(engine, Snippet.assemble(tmp, "1: mov $111, %eax\n syscall\n jmp 1b\n"));
        Snippet second = new Snippet(engine, Snippet.assemble(tmp, "1: mov $222, %eax\n syscall\n jmp 1b\n"));
        for (int i = 0; i < 20; i++) {
            assertEquals(Stop.SYSCALL, first.run(1000));
            assertEquals(111, first.reg(RAX));
            assertEquals(Stop.SYSCALL, second.run(1000));
            assertEquals(222, second.reg(RAX));
        }
    }

    @Test
    void undefinedOpcodeIsRaisedWithRipAtIt() {
        byte[] code = Snippet.assemble(tmp, "mov $1, %eax\n ud2\n");
        Snippet reference = new Snippet(new Interpreter(), code);
        Snippet asmGuest = new Snippet(new AsmEngine(0, 0), code);
        CpuException expected = runToFault(reference);
        assertInstanceOf(expected.getClass(), runToFault(asmGuest));
        assertEquals(Snippet.CODE + 5, asmGuest.cpu.rip);
        Snippet.assertSame(reference, asmGuest, "after #UD");
    }
}
