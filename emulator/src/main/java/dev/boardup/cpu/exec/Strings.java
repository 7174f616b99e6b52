package dev.boardup.cpu.exec;

import static dev.boardup.cpu.exec.Operands.load;
import static dev.boardup.cpu.exec.Operands.readReg;
import static dev.boardup.cpu.exec.Operands.store;
import static dev.boardup.cpu.exec.Operands.writeReg;

import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.cpu.decode.Op;
import dev.boardup.memory.VirtualMemory;

/**
 * String instructions MOVS, STOS, LODS, CMPS, SCAS with REP/REPE/REPNE. Each iteration commits rSI, rDI and
 * rCX before the next one starts, so after a #PF the instruction restarts where it stopped, as on hardware.
 * The source may take an FS/GS override; the destination (ES:rDI) never does.
 */
final class Strings {
    private static final int RAX = CpuState.RAX, RCX = CpuState.RCX, RSI = CpuState.RSI, RDI = CpuState.RDI;

    private Strings() {
    }

    static void execute(Instruction insn, CpuState cpu, VirtualMemory mem) {
        if (insn.rep == Instruction.REP_NONE) {
            once(insn, cpu, mem);
            return;
        }
        int asz = insn.addrSize;
        boolean compares = insn.op == Op.CMPS || insn.op == Op.SCAS;
        if (insn.opSize == 1 && asz == 8 && !cpu.df && (insn.op == Op.MOVS || insn.op == Op.STOS)) {
            bytesByQuadwords(insn, cpu, mem);
        }
        while (readReg(cpu, asz, RCX) != 0) {
            once(insn, cpu, mem);
            writeReg(cpu, asz, RCX, readReg(cpu, asz, RCX) - 1);
            if (compares && cpu.zf != (insn.rep == Instruction.REP_E)) {
                break;
            }
        }
    }

    /**
     * REP MOVSB/STOSB going up, eight bytes at a time while neither side crosses a page within the quadword, so
     * every fault still happens at the byte where the one-byte loop would take it, with the same registers.
     * A MOVSB whose destination trails its source by less than eight bytes (a pattern fill) stays byte-wise.
     */
    private static void bytesByQuadwords(Instruction insn, CpuState cpu, VirtualMemory mem) {
        boolean movs = insn.op == Op.MOVS;
        long fill = (cpu.gpr[RAX] & 0xFF) * 0x0101010101010101L;
        while (true) {
            long count = cpu.gpr[RCX];
            long si = cpu.gpr[RSI];
            long di = cpu.gpr[RDI];
            long src = Operands.withSegment(si, insn.segment, cpu);
            long distance = di - src;
            if (Long.compareUnsigned(count, 8) < 0 || (di & 0xFFF) > 0xFF8 || movs && (src & 0xFFF) > 0xFF8
                    || movs && distance > 0 && distance < 8) {
                return;
            }
            store(mem, di, 8, movs ? load(mem, src, 8) : fill);
            if (movs) {
                cpu.gpr[RSI] = si + 8;
            }
            cpu.gpr[RDI] = di + 8;
            cpu.gpr[RCX] = count - 8;
        }
    }

    private static void once(Instruction insn, CpuState cpu, VirtualMemory mem) {
        int size = insn.opSize;
        int asz = insn.addrSize;
        long step = cpu.df ? -size : size;
        long si = readReg(cpu, asz, RSI);
        long di = readReg(cpu, asz, RDI);
        long src = Operands.withSegment(si, insn.segment, cpu);
        switch (insn.op) {
            case Op.MOVS -> {
                store(mem, di, size, load(mem, src, size));
                writeReg(cpu, asz, RSI, si + step);
                writeReg(cpu, asz, RDI, di + step);
            }
            case Op.STOS -> {
                store(mem, di, size, readReg(cpu, size, RAX));
                writeReg(cpu, asz, RDI, di + step);
            }
            case Op.LODS -> {
                long v = load(mem, src, size);
                writeReg(cpu, size, RAX, v);
                writeReg(cpu, asz, RSI, si + step);
            }
            case Op.CMPS -> {
                long a = load(mem, src, size);
                long b = load(mem, di, size);
                Flags.sub(cpu, size, a, b, false, (a - b) & Flags.mask(size));
                writeReg(cpu, asz, RSI, si + step);
                writeReg(cpu, asz, RDI, di + step);
            }
            default -> { // SCAS
                long a = readReg(cpu, size, RAX);
                long b = load(mem, di, size);
                Flags.sub(cpu, size, a, b, false, (a - b) & Flags.mask(size));
                writeReg(cpu, asz, RDI, di + step);
            }
        }
    }
}
