package dev.boardup.cpu.exec;

import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.GeneralProtection;
import dev.boardup.cpu.decode.Operand;
import dev.boardup.memory.VirtualMemory;

/**
 * Reading and writing general-register, memory and immediate operands at their width, with x86's register
 * rules: a 32-bit write zero-extends into the full register, 8- and 16-bit writes keep the other bits.
 */
public final class Operands {
    private Operands() {
    }

    /** The effective address (offset) of a memory operand: base + index * scale + disp, without segment base. */
    public static long effectiveAddress(Operand o, CpuState cpu) {
        long a = o.disp;
        if (o.base >= 0) {
            a += cpu.gpr[o.base];
        }
        if (o.index >= 0) {
            a += cpu.gpr[o.index] * o.scale;
        }
        if (o.addr32) {
            a &= 0xFFFFFFFFL;
        }
        return a;
    }

    /** The linear address of a memory operand: its effective address plus the FS or GS base if overridden. */
    public static long linearAddress(Operand o, CpuState cpu) {
        return withSegment(effectiveAddress(o, cpu), o.segment, cpu);
    }

    public static long withSegment(long offset, int segment, CpuState cpu) {
        if (segment == Operand.SEG_FS) {
            return offset + cpu.fsBase;
        }
        if (segment == Operand.SEG_GS) {
            return offset + cpu.gsBase;
        }
        return offset;
    }

    /** Reads an operand zero-extended to 64 bits. Immediates come back truncated to the operand width. */
    public static long read(Operand o, CpuState cpu, VirtualMemory mem) {
        switch (o.kind) {
            case Operand.REG:
                return readReg(cpu, o.size, o.reg);
            case Operand.MEM:
                return load(mem, linearAddress(o, cpu), o.size);
            case Operand.XMM:
                return cpu.xmm[2 * o.reg];
            default:
                return o.imm & Flags.mask(o.size);
        }
    }

    /** Writes an operand's low {@code o.size} bytes. */
    public static void write(Operand o, long v, CpuState cpu, VirtualMemory mem) {
        if (o.kind == Operand.REG) {
            writeReg(cpu, o.size, o.reg, v);
        } else {
            store(mem, linearAddress(o, cpu), o.size, v);
        }
    }

    public static long readReg(CpuState cpu, int size, int r) {
        switch (size) {
            case 1:
                return r >= Operand.AH ? (cpu.gpr[r - Operand.AH] >>> 8) & 0xFF : cpu.gpr[r] & 0xFF;
            case 2:
                return cpu.gpr[r] & 0xFFFF;
            case 4:
                return cpu.gpr[r] & 0xFFFFFFFFL;
            default:
                return cpu.gpr[r];
        }
    }

    public static void writeReg(CpuState cpu, int size, int r, long v) {
        switch (size) {
            case 1:
                if (r >= Operand.AH) {
                    int full = r - Operand.AH;
                    cpu.gpr[full] = (cpu.gpr[full] & ~0xFF00L) | (v & 0xFF) << 8;
                } else {
                    cpu.gpr[r] = (cpu.gpr[r] & ~0xFFL) | (v & 0xFF);
                }
                break;
            case 2:
                cpu.gpr[r] = (cpu.gpr[r] & ~0xFFFFL) | (v & 0xFFFF);
                break;
            case 4:
                cpu.gpr[r] = v & 0xFFFFFFFFL;
                break;
            default:
                cpu.gpr[r] = v;
        }
    }

    /** A non-canonical address (bits 63..47 not all equal) faults with #GP rather than #PF. */
    public static void checkCanonical(long a) {
        if ((a << 16) >> 16 != a) {
            throw new GeneralProtection("non-canonical address");
        }
    }

    public static long load(VirtualMemory mem, long a, int size) {
        checkCanonical(a);
        switch (size) {
            case 1:
                return mem.read8(a) & 0xFFL;
            case 2:
                return mem.read16(a) & 0xFFFFL;
            case 4:
                return mem.read32(a) & 0xFFFFFFFFL;
            default:
                return mem.read64(a);
        }
    }

    public static void store(VirtualMemory mem, long a, int size, long v) {
        checkCanonical(a);
        switch (size) {
            case 1:
                mem.write8(a, (byte) v);
                break;
            case 2:
                mem.write16(a, (short) v);
                break;
            case 4:
                mem.write32(a, (int) v);
                break;
            default:
                mem.write64(a, v);
        }
    }

    /**
     * Stores 16 bytes with no partial effect: if the two quadwords lie on different pages, the second page is
     * probed for writing (by rewriting one of its bytes) before the first quadword is stored.
     */
    public static void store128(VirtualMemory mem, long a, long lo, long hi) {
        checkCanonical(a);
        if ((a & 0xFFF) > 0xFF0) {
            long last = a + 15;
            mem.write8(last, mem.read8(last));
        }
        mem.write64(a, lo);
        mem.write64(a + 8, hi);
    }
}
