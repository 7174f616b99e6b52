package dev.boardup.cpu.bytecode;

import dev.boardup.cpu.CpuState;
import dev.boardup.memory.VirtualMemory;

/** A guest basic block translated to JVM bytecode: the superclass of each generated hidden class. */
public abstract class CompiledBlock {
    /**
     * Runs the block from its first instruction and returns how many instructions retired: all of them, or fewer
     * when a store invalidated the block (RIP then points after the last one run). A fault propagates with RIP at
     * the faulting instruction and its index in {@link Block#faultIndex}.
     */
    public abstract int run(CpuState cpu, VirtualMemory mem);
}
