package dev.boardup.cpu.truffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.Engine.Stop;
import dev.boardup.cpu.exec.Interpreter;
import dev.boardup.memory.PageFault;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves Graal really compiles hot guest code, and that the compiled code computes what the interpreter does. */
class CompilationTest {
    @TempDir
    Path tmp;

    @Test
    void aHotLoopGetsCompiledAndStaysCorrect() {
        long n = 1L << 40;
        byte[] code = Assembler.assemble(tmp, """
                    xor %eax, %eax
                    mov $0x10000000000, %rcx
                1:  add %rcx, %rax
                    dec %rcx
                    jnz 1b
                    mov $60, %eax
                    syscall
                """);
        TruffleEngine engine = new TruffleEngine();
        Guest g = new Guest(engine, code);
        // Compilation happens on a background compiler thread; keep the guest running until it is done.
        // The cap is far beyond what compiling needs, and only guards against an endless test.
        for (int slice = 0; slice < 20_000 && engine.stats().compilations() == 0; slice++) {
            assertEquals(Stop.BUDGET, g.run(1_000_001));
        }
        for (int slice = 0; slice < 20; slice++) {
            assertEquals(Stop.BUDGET, g.run(1_000_001));
        }
        assertTrue(engine.stats().compilations() > 0, "no region was compiled: " + engine.stats());
        assertTrue(engine.stats().compiledInstructions() > 0, "the compiled region was never entered: "
                + engine.stats());

        // The loop state must still be consistent with the exact count of instructions run: two before the loop,
        // then three per iteration (add, dec, jnz), possibly stopped inside one.
        long body = engine.instructionsRetired() - 2;
        long done = body / 3;
        long partial = body % 3;
        long rcx = n - done - (partial == 2 ? 1 : 0);
        BigInteger sum = BigInteger.valueOf(done).multiply(BigInteger.valueOf(2 * n - done + 1)).shiftRight(1);
        long rax = sum.longValue() + (partial >= 1 ? n - done : 0);
        assertEquals(rcx, g.reg(CpuState.RCX), "rcx after " + body + " loop instructions");
        assertEquals(rax, g.reg(CpuState.RAX), "rax after " + body + " loop instructions");
    }

    /**
     * Budget stops and a fault, both inside compiled code, compared with the Interpreter run for exactly as many
     * instructions: the loop runs until Graal has compiled it, then the test pokes the guest's offset cell so the
     * next load faults.
     */
    @Test
    void budgetStopsAndAFaultInCompiledCodeMatchTheInterpreter() {
        byte[] code = Assembler.assemble(tmp, """
                    mov $0x600000, %rbx
                    xor %eax, %eax
                1:  mov (%rbx), %rdx
                    add 8(%rbx,%rdx), %rax
                    inc %rcx
                    jmp 1b
                """);
        TruffleEngine engine = new TruffleEngine();
        Guest truffle = new Guest(engine, code);
        Guest reference = new Guest(new Interpreter(), code);
        truffle.memory.write64(Guest.DATA + 8, 3);
        reference.memory.write64(Guest.DATA + 8, 3);
        int compiledAt = -1;
        for (int slice = 0; slice < 20_000; slice++) {
            assertEquals(Stop.BUDGET, truffle.run(100_003));
            catchUp(reference, truffle);
            Guest.assertSame(reference, truffle, "budget stop " + slice);
            if (compiledAt < 0 && engine.stats().compilations() > 0) {
                compiledAt = slice;
            }
            if (compiledAt >= 0 && slice - compiledAt >= 5) {
                break;
            }
        }
        assertTrue(compiledAt >= 0, "not compiled: " + engine.stats());

        truffle.memory.write64(Guest.DATA, 0x1000_0000);
        reference.memory.write64(Guest.DATA, 0x1000_0000);
        PageFault expected = runToFault(reference);
        PageFault actual = runToFault(truffle);
        assertEquals(Guest.DATA + 8 + 0x1000_0000, actual.address);
        assertEquals(expected.address, actual.address);
        assertEquals(Guest.CODE + 12, truffle.cpu.rip, "rip at the add");
        Guest.assertSame(reference, truffle, "after #PF");
    }

    /** Runs the reference for exactly the instructions it is behind. */
    private static void catchUp(Guest reference, Guest truffle) {
        long behind = truffle.engine.instructionsRetired() - reference.engine.instructionsRetired();
        if (behind > 0) {
            assertEquals(Stop.BUDGET, reference.run(behind));
        }
    }

    private static PageFault runToFault(Guest g) {
        try {
            for (int i = 0; i < 1000; i++) {
                g.run(100_003);
            }
        } catch (PageFault fault) {
            return fault;
        }
        return fail("no #PF");
    }
}
