package dev.boardup.cpu.truffle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.Engine.Stop;
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
            assertEquals(Stop.BUDGET, g.run(1_000_000));
        }
        for (int slice = 0; slice < 20; slice++) {
            assertEquals(Stop.BUDGET, g.run(1_000_000));
        }
        assertTrue(engine.stats().compilations() > 0, "no region was compiled: " + engine.stats());

        // The loop state must still be consistent: rax is the sum of the counts rcx has run down from n, and
        // the budget stopped at a block boundary, after whole iterations of three instructions.
        long rcx = g.reg(CpuState.RCX);
        long done = n - rcx;
        BigInteger sum = BigInteger.valueOf(done).multiply(BigInteger.valueOf(n + rcx + 1)).shiftRight(1);
        assertEquals(sum.longValue(), g.reg(CpuState.RAX), "rax after " + done + " iterations");
        assertEquals(2 + 3 * done, engine.instructionsRetired());
    }
}
