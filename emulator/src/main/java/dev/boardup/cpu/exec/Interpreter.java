package dev.boardup.cpu.exec;

import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.Engine;
import dev.boardup.cpu.decode.Decoder;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.memory.VirtualMemory;
import java.util.Arrays;

/**
 * The reference engine: fetch-decode-execute one instruction at a time, with a small direct-mapped cache of
 * decoded instructions keyed by address so hot loops are not decoded again on every pass.
 */
public final class Interpreter implements Engine {
    private static final int CACHE_SIZE = 4096;

    private final Instruction[] cache = new Instruction[CACHE_SIZE];
    /** The memory the cached instructions were decoded from. */
    private VirtualMemory cachedFor;
    private long retired;

    @Override
    public Stop run(CpuState cpu, VirtualMemory memory, long instructionBudget) {
        for (long n = 0; n < instructionBudget; n++) {
            Instruction insn = fetch(memory, cpu.rip);
            int result = Executor.execute(insn, cpu, memory);
            retired++;
            if (result == Executor.SYSCALL) {
                return Stop.SYSCALL;
            }
        }
        return Stop.BUDGET;
    }

    private Instruction fetch(VirtualMemory memory, long rip) {
        if (memory != cachedFor) {
            // another address space (another process, or a debugger's view): its code at these addresses may differ
            Arrays.fill(cache, null);
            cachedFor = memory;
        }
        int slot = slot(rip);
        Instruction insn = cache[slot];
        if (insn == null || insn.address != rip) {
            insn = Decoder.decode(memory, rip);
            cache[slot] = insn;
        }
        return insn;
    }

    private static int slot(long rip) {
        return (int) (rip ^ (rip >>> 12)) & (CACHE_SIZE - 1);
    }

    @Override
    public void invalidate(long start, long end) {
        for (int i = 0; i < CACHE_SIZE; i++) {
            Instruction insn = cache[i];
            if (insn != null && insn.address < end && insn.address + insn.length > start) {
                cache[i] = null;
            }
        }
    }

    @Override
    public long instructionsRetired() {
        return retired;
    }

    @Override
    public String name() {
        return "interpreter";
    }
}
