package dev.boardup.cpu.bytecode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.Engine;
import dev.boardup.cpu.exec.FlatMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test guest: AT&T source assembled by GNU as and linked by ld as a flat image at {@link #CODE}, loaded into a
 * flat memory with a CPU and the engine that runs it.
 */
final class Snippet {
    static final long CODE = 0x400000;
    static final long DATA = 0x600000;
    static final long STACK_TOP = 0x800000;

    final CpuState cpu = new CpuState();
    final FlatMemory memory = new FlatMemory(CODE, (int) (STACK_TOP - CODE));
    final Engine engine;

    Snippet(Engine engine, byte[] image) {
        this.engine = engine;
        memory.load(CODE, image);
        cpu.rip = CODE;
        cpu.gpr[CpuState.RSP] = STACK_TOP - 256;
    }

    Engine.Stop run(long budget) {
        return engine.run(cpu, memory, budget);
    }

    /** Runs until a SYSCALL stop, continuing across budget stops. */
    void runToSyscall(long budget) {
        while (run(budget) != Engine.Stop.SYSCALL) {
            // a budget stop: a kernel would schedule someone else; here the guest just goes on
        }
    }

    /** A toy system call: RAX = RDI * 3 + RAX, so results flow back into the guest. */
    void serviceSyscall() {
        cpu.gpr[CpuState.RAX] = cpu.gpr[CpuState.RDI] * 3 + cpu.gpr[CpuState.RAX];
    }

    long reg(int r) {
        return cpu.gpr[r];
    }

    /** Same registers, RIP, RFLAGS, memory and instructions retired. */
    static void assertSame(Snippet expected, Snippet actual, String where) {
        for (int r = 0; r < 16; r++) {
            assertEquals(expected.cpu.gpr[r], actual.cpu.gpr[r], where + ": register " + r);
        }
        assertEquals(expected.cpu.rip, actual.cpu.rip, where + ": rip");
        assertEquals(expected.cpu.rflags(), actual.cpu.rflags(), where + ": rflags");
        assertEquals(-1, expected.memory.firstDifference(actual.memory), where + ": first differing byte");
        assertEquals(expected.engine.instructionsRetired(), actual.engine.instructionsRetired(),
                where + ": instructions retired");
    }

    /** Assembles {@code source} (AT&T, .text) into a flat image linked at {@link #CODE}. */
    static byte[] assemble(Path dir, String source) {
        try {
            Path s = Files.createTempFile(dir, "snippet", ".s");
            Path o = Path.of(s + ".o");
            Path bin = Path.of(s + ".bin");
            Files.writeString(s, ".text\n" + source + "\n");
            run(List.of("as", "--64", "-o", o.toString(), s.toString()));
            run(List.of("ld", "-N", "-static", "-nostdlib", "-Ttext=0x" + Long.toHexString(CODE),
                    "-e", "0x" + Long.toHexString(CODE), "--oformat=binary", "-o", bin.toString(), o.toString()));
            return Files.readAllBytes(bin);
        } catch (IOException e) {
            throw new AssertionError("cannot assemble test snippet", e);
        }
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
