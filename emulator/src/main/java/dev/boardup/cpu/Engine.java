package dev.boardup.cpu;

import dev.boardup.memory.VirtualMemory;

/**
 * An execution engine: runs guest code from {@code cpu.rip} until the kernel is needed. Engines differ only in
 * speed (the plain interpreter, Truffle, the ASM tier); for the same program they leave the same state behind.
 */
public interface Engine {

    /** Why {@link #run} returned. */
    enum Stop {
        /** A SYSCALL executed: RIP is past it, RCX holds the return RIP and R11 the RFLAGS, as on hardware. */
        SYSCALL,
        /** About {@code instructionBudget} instructions ran; the kernel may schedule someone else. */
        BUDGET
    }

    /**
     * Executes guest instructions. A fault is thrown as a {@link CpuException} with RIP at the faulting
     * instruction and every earlier instruction's effects complete, so the kernel can resolve it and resume.
     * Decoded code belongs to {@code memory}: one engine may run several address spaces (processes) in turn.
     */
    Stop run(CpuState cpu, VirtualMemory memory, long instructionBudget);

    /** Forgets decoded or compiled code for virtual addresses in [start, end): munmap, mprotect, exec, code writes. */
    void invalidate(long start, long end);

    /** Guest instructions executed so far, for statistics. */
    long instructionsRetired();

    /** A short name for messages and statistics ("interpreter", "truffle", "asm"). */
    String name();
}
