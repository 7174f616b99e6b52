package dev.boardup.cpu.exec;

import static dev.boardup.cpu.exec.Operands.load;
import static dev.boardup.cpu.exec.Operands.read;
import static dev.boardup.cpu.exec.Operands.readReg;
import static dev.boardup.cpu.exec.Operands.store;
import static dev.boardup.cpu.exec.Operands.writeReg;

import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.decode.Instruction;
import dev.boardup.cpu.decode.Op;
import dev.boardup.cpu.decode.Operand;
import dev.boardup.memory.VirtualMemory;

/** Bit instructions: BT/BTS/BTR/BTC, BSF/BSR, TZCNT/LZCNT, POPCNT. */
final class Bits {
    private Bits() {
    }

    /**
     * BT and friends. With a register bit offset and a memory operand the offset is signed and unbounded:
     * it selects a word relative to the operand's address (the "bit string" form).
     */
    static void bitTest(Instruction insn, CpuState cpu, VirtualMemory mem) {
        Operand d = insn.operands[0];
        Operand offsetOperand = insn.operands[1];
        int size = insn.opSize;
        int bits = size * 8;
        long offset = read(offsetOperand, cpu, mem);
        long value;
        long addr = 0;
        if (d.isMem()) {
            addr = Operands.linearAddress(d, cpu);
            if (offsetOperand.isReg()) {
                long signedOffset = Flags.signExtend(offset, size);
                addr += (signedOffset >> Integer.numberOfTrailingZeros(bits)) * size;
            }
            value = load(mem, addr, size);
        } else {
            value = readReg(cpu, size, d.reg);
        }
        long bit = 1L << (offset & (bits - 1));
        boolean old = (value & bit) != 0;
        long result = switch (insn.op) {
            case Op.BTS -> value | bit;
            case Op.BTR -> value & ~bit;
            case Op.BTC -> value ^ bit;
            default -> value;
        };
        if (insn.op != Op.BT) {
            if (d.isMem()) {
                store(mem, addr, size, result);
            } else {
                writeReg(cpu, size, d.reg, result);
            }
        }
        cpu.cf = old;
    }

    /** BSF, BSR, TZCNT, LZCNT, POPCNT. */
    static void scan(Instruction insn, CpuState cpu, VirtualMemory mem) {
        int size = insn.opSize;
        int bits = size * 8;
        long src = read(insn.operands[1], cpu, mem);
        int dst = insn.operands[0].reg;
        switch (insn.op) {
            case Op.BSF, Op.BSR -> {
                // Undefined flags as AMD parts set them: PF from the index (zero source: from 0), others clear.
                long index = 0;
                if (src != 0) { // a zero source leaves the destination untouched, as AMD documents
                    index = insn.op == Op.BSF ? Long.numberOfTrailingZeros(src) : 63 - Long.numberOfLeadingZeros(src);
                    writeReg(cpu, size, dst, index);
                }
                cpu.zf = src == 0;
                cpu.pf = Flags.parity(index);
                cpu.cf = false;
                cpu.of = false;
                cpu.sf = false;
                cpu.af = false;
            }
            case Op.TZCNT, Op.LZCNT -> {
                long n = insn.op == Op.TZCNT ? (src == 0 ? bits : Long.numberOfTrailingZeros(src))
                        : Long.numberOfLeadingZeros(src) - (64 - bits);
                writeReg(cpu, size, dst, n);
                cpu.cf = src == 0;
                cpu.zf = n == 0;
                cpu.pf = false; // undefined: AMD clears PF, SF, AF and keeps OF
                cpu.sf = false;
                cpu.af = false;
            }
            default -> { // POPCNT
                writeReg(cpu, size, dst, Long.bitCount(src));
                cpu.zf = src == 0;
                cpu.cf = false;
                cpu.of = false;
                cpu.sf = false;
                cpu.af = false;
                cpu.pf = false;
            }
        }
    }
}
