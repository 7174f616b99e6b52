package dev.boardup.cpu.truffle;

import dev.boardup.cpu.exec.FlatMemory;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.Engine;

/** A guest under test: a CPU, a flat memory holding code at {@link #CODE}, and the engine running them. */
final class Guest {
    static final long CODE = 0x400000;
    static final long DATA = 0x600000;
    static final long STACK_TOP = 0x800000;
    static final int SIZE = (int) (STACK_TOP - CODE);

    final CpuState cpu = new CpuState();
    final FlatMemory memory;
    final Engine engine;

    Guest(Engine engine, byte[] code) {
        this.engine = engine;
        this.memory = new FlatMemory(CODE, SIZE);
        memory.load(CODE, code);
        cpu.rip = CODE;
        cpu.gpr[CpuState.RSP] = STACK_TOP - 256;
    }

    Engine.Stop run(long budget) {
        return engine.run(cpu, memory, budget);
    }

    /** A toy kernel for SYSCALL stops: returns RDI * 3 + RAX in RAX, so results feed back into the guest. */
    void serviceSyscall() {
        cpu.gpr[CpuState.RAX] = cpu.gpr[CpuState.RDI] * 3 + cpu.gpr[CpuState.RAX];
    }

    long reg(int r) {
        return cpu.gpr[r];
    }

    /** Asserts two guests are in the same architectural state with the same memory. */
    static void assertSame(Guest expected, Guest actual, String where) {
        CpuState e = expected.cpu;
        CpuState a = actual.cpu;
        for (int r = 0; r < 16; r++) {
            assertEquals(e.gpr[r], a.gpr[r], where + ": register " + r);
        }
        assertEquals(e.rip, a.rip, where + ": rip");
        assertEquals(e.rflags(), a.rflags(), where + ": rflags");
        assertEquals(e.fsBase, a.fsBase, where + ": fs base");
        assertEquals(e.gsBase, a.gsBase, where + ": gs base");
        assertEquals(e.mxcsr, a.mxcsr, where + ": mxcsr");
        for (int x = 0; x < 32; x++) {
            assertEquals(e.xmm[x], a.xmm[x], where + ": xmm quadword " + x);
        }
        assertEquals(-1, expected.memory.firstDifference(actual.memory), where + ": first differing byte");
        assertEquals(expected.engine.instructionsRetired(), actual.engine.instructionsRetired(),
                where + ": instructions retired");
    }
}
