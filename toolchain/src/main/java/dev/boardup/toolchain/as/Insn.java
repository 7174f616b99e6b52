package dev.boardup.toolchain.as;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One instruction being encoded: legacy prefixes, REX, opcode, ModRM/SIB, displacement and immediates, laid out in
 * the order gas emits them (segment, 67, 66, F2/F3, F0, REX, opcode...).
 */
final class Insn {
    private final Diagnostics diag;
    int segment = -1;
    boolean addressSize32;
    boolean operandSize16;
    int repeat = -1;
    boolean lock;
    boolean rexW, rexR, rexX, rexB;
    boolean needsRex;
    boolean forbidsRex;
    byte[] opcode = new byte[0];
    int modrm = -1;
    int sib = -1;
    int dispSize;
    long dispValue;
    Expr dispExpr;
    boolean dispPcRelative;
    Fixup.Kind dispKind = Fixup.Kind.SIGNED;
    private final List<Immediate> immediates = new ArrayList<>();

    /** An immediate field: its width, value, and the relocation flavour if it is not a constant. */
    private record Immediate(int size, Expr expr, Fixup.Kind kind) {}

    Insn(Diagnostics diag) {
        this.diag = diag;
    }

    void opcode(int... bytes) {
        opcode = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) opcode[i] = (byte) bytes[i];
    }

    /** Sets operand size: 16 adds 66, 64 adds REX.W. */
    void size(int bytes) {
        if (bytes == 2) operandSize16 = true;
        if (bytes == 8) rexW = true;
    }

    void noteRegister(Register r) {
        if (r.needsRex()) needsRex = true;
        if (r.isHighByte()) forbidsRex = true;
    }

    /** The ModRM reg field names register {@code r}. */
    void reg(Register r) {
        noteRegister(r);
        if (r.isExtended()) rexR = true;
        modrm = (modrm < 0 ? 0 : modrm & ~0x38) | (r.number() & 7) << 3;
    }

    /** The ModRM reg field holds an opcode extension /digit. */
    void digit(int d) {
        modrm = (modrm < 0 ? 0 : modrm & ~0x38) | d << 3;
    }

    private void modRm(int mod, int rm) {
        int reg = modrm < 0 ? 0 : modrm & 0x38;
        modrm = mod << 6 | reg | rm;
    }

    /** The ModRM r/m field names register {@code r} directly (mod = 11). */
    void rm(Register r) {
        noteRegister(r);
        if (r.isExtended()) rexB = true;
        modRm(3, r.number() & 7);
    }

    /** Register encoded in the low three opcode bits (push %r, bswap, B8+r). */
    void opcodeRegister(Register r) {
        noteRegister(r);
        if (r.isExtended()) rexB = true;
        opcode[opcode.length - 1] = (byte) (opcode[opcode.length - 1] + (r.number() & 7));
    }

    /** The ModRM r/m field addresses memory. */
    void rm(Operand.Mem m, Assembler asm) {
        if (m.segment() != null) segment = new int[] {0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65}[m.segment().number()];
        Register base = m.base();
        Register index = m.index();
        if ((base != null && base.size() == 4) || (index != null && index.size() == 4)) addressSize32 = true;
        Value v = m.disp() == null ? Value.of(0) : Eval.tryEvaluate(asm, m.disp());
        boolean constant = v != null && v.isConstant();
        long disp = constant ? v.constant() : 0;
        if (!constant) dispExpr = m.disp();
        if (base != null && base.kind() == Register.Kind.RIP) {
            if (index != null) throw diag.error("`%rip' cannot be used with an index register");
            modRm(0, 5);
            setDisp(4, disp);
            dispPcRelative = true;
            dispKind = Fixup.Kind.DATA;
            return;
        }
        if (base == null && index == null) {
            modRm(0, 4);
            sib = 0x25;
            setDisp(4, disp);
            return;
        }
        if (index != null && index.isExtended()) rexX = true;
        if (base != null && base.isExtended()) rexB = true;
        int mod;
        int dispBytes;
        if (base == null) {
            mod = 0;
            dispBytes = 4;
        } else if (!constant) {
            mod = 2;
            dispBytes = 4;
        } else if (disp == 0 && (base.number() & 7) != 5) {
            mod = 0;
            dispBytes = 0;
        } else if (disp >= -128 && disp <= 127) {
            mod = 1;
            dispBytes = 1;
        } else {
            mod = 2;
            dispBytes = 4;
        }
        if (index == null && (base.number() & 7) != 4) {
            modRm(mod, base.number() & 7);
        } else {
            modRm(mod, 4);
            int ss = Integer.numberOfTrailingZeros(m.scale());
            int idx = index == null ? 4 : index.number() & 7;
            int b = base == null ? 5 : base.number() & 7;
            sib = ss << 6 | idx << 3 | b;
        }
        setDisp(dispBytes, disp);
    }

    private void setDisp(int size, long value) {
        if (size == 4 && (value > 0xFFFFFFFFL || value < Integer.MIN_VALUE)) {
            throw diag.error("displacement 0x" + Long.toHexString(value) + " does not fit in 32 bits");
        }
        dispSize = size;
        dispValue = value;
    }

    void immediate(int size, Expr e, Fixup.Kind kind) {
        immediates.add(new Immediate(size, e, kind));
    }

    boolean hasRex() {
        return rexW || rexR || rexX || rexB || needsRex;
    }

    /** Encodes the instruction; relocatable fields become fixups relative to the returned bytes. */
    Item.Bytes build(Assembler asm, int line) {
        if (forbidsRex && hasRex()) {
            throw diag.error("can't encode register `%ah', `%bh', `%ch' or `%dh' in an instruction requiring REX prefix");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Fixup> fixups = new ArrayList<>();
        if (segment >= 0) out.write(segment);
        if (addressSize32) out.write(0x67);
        if (operandSize16) out.write(0x66);
        if (repeat >= 0) out.write(repeat);
        if (lock) out.write(0xF0);
        if (hasRex()) out.write(0x40 | (rexW ? 8 : 0) | (rexR ? 4 : 0) | (rexX ? 2 : 0) | (rexB ? 1 : 0));
        out.writeBytes(opcode);
        if (modrm >= 0) out.write(modrm);
        if (sib >= 0) out.write(sib);
        int dispOffset = out.size();
        Directives.writeLittle(out, dispValue, dispSize);
        int immediateBytes = 0;
        for (Immediate imm : immediates) immediateBytes += imm.size();
        if (dispExpr != null) {
            int bias = dispPcRelative ? 4 + immediateBytes : 0;
            fixups.add(new Fixup(dispOffset, dispSize, dispExpr, dispPcRelative, bias, dispKind, line));
        }
        for (Immediate imm : immediates) {
            Value v = Eval.tryEvaluate(asm, imm.expr());
            if (v != null && v.isConstant()) {
                Directives.writeLittle(out, v.constant(), imm.size());
            } else {
                fixups.add(new Fixup(out.size(), imm.size(), imm.expr(), false, 0, imm.kind(), line));
                Directives.writeLittle(out, 0, imm.size());
            }
        }
        return new Item.Bytes(out.toByteArray(), fixups, line);
    }
}
