package dev.boardup.cpu.exec;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.InvalidOpcode;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.memory.VirtualMemory;

/** SSE and SSE2 instructions on the XMM registers. */
final class Sse {
    private Sse() {
    }

    static void execute(Instruction insn, CpuState cpu, VirtualMemory mem) {
        switch (insn.op) {
            default -> throw unimplemented(insn);
        }
    }

    @TruffleBoundary
    private static InvalidOpcode unimplemented(Instruction insn) {
        return new InvalidOpcode(insn.address, insn.bytes());
    }
}
