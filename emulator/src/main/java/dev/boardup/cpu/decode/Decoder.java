package dev.boardup.cpu.decode;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import dev.boardup.cpu.CpuState;
import dev.boardup.cpu.GeneralProtection;
import dev.boardup.cpu.InvalidOpcode;
import dev.boardup.memory.VirtualMemory;
import java.util.Arrays;

/**
 * The x86-64 instruction decoder: legacy prefixes, REX, the one-byte and 0F opcode maps, ModRM, SIB,
 * displacements and immediates, turned into an {@link Instruction}. Bytes are fetched one at a time through
 * {@link VirtualMemory#fetch8}, so a #PF on a later byte surfaces only if the instruction really reaches it.
 */
public final class Decoder {
    private static final int MAX_LENGTH = 15;

    private final VirtualMemory mem;
    private final long start;
    private final byte[] buf = new byte[MAX_LENGTH];
    private int len;

    // Prefixes.
    private boolean opsize16, addr32, lock, rex, rexW, rexR, rexX, rexB;
    /** 0, 0xF2 or 0xF3: the last repeat prefix, which is also an SSE mandatory prefix. */
    private int repPrefix;
    private int segment;

    // ModRM and its memory operand.
    private boolean hasModrm;
    private int mod, regField, rmField;
    private int memBase, memIndex, memScale;
    private long memDisp;
    private int memDispBytes;
    private boolean memRip;

    // Set by individual opcodes.
    private int cond, variant;

    private Decoder(VirtualMemory mem, long start) {
        this.mem = mem;
        this.start = start;
    }

    /** Decodes the instruction at {@code rip}. Throws #PF from fetching, #UD for unknown bytes, #GP past 15 bytes. */
    @TruffleBoundary
    public static Instruction decode(VirtualMemory mem, long rip) {
        return new Decoder(mem, rip).decode();
    }

    // ---------------------------------------------------------------- byte fetching

    private int next8() {
        if (len == MAX_LENGTH) {
            throw new GeneralProtection("instruction longer than 15 bytes");
        }
        byte b = mem.fetch8(start + len);
        buf[len++] = b;
        return b & 0xFF;
    }

    private long nextSigned(int size) {
        return switch (size) {
            case 1 -> (byte) next8();
            case 2 -> (short) (next8() | next8() << 8);
            case 4 -> next8() | next8() << 8 | next8() << 16 | next8() << 24;
            default -> (next8() | next8() << 8 | next8() << 16 | (long) next8() << 24) & 0xFFFFFFFFL
                    | (long) (next8() | next8() << 8 | next8() << 16 | next8() << 24) << 32;
        };
    }

    private InvalidOpcode invalid() {
        return new InvalidOpcode(start, Arrays.copyOf(buf, len));
    }

    // ---------------------------------------------------------------- operand sizes

    /** The operand size of ordinary instructions: 32 bits, 64 with REX.W, 16 with 0x66. */
    private int osz() {
        return rexW ? 8 : opsize16 ? 2 : 4;
    }

    /** The operand size of stack and near-branch instructions: 64 bits unless 0x66 makes it 16. */
    private int osz64() {
        return opsize16 && !rexW ? 2 : 8;
    }

    // ---------------------------------------------------------------- ModRM

    private void modrm() {
        int b = next8();
        hasModrm = true;
        mod = b >> 6;
        regField = (b >> 3) & 7 | (rexR ? 8 : 0);
        rmField = b & 7;
        if (mod == 3) {
            rmField |= rexB ? 8 : 0;
            return;
        }
        memBase = Operand.NONE;
        memIndex = Operand.NONE;
        memScale = 1;
        memRip = false;
        if (rmField == 4) {
            sib();
        } else if (mod == 0 && rmField == 5) {
            memRip = true;
        } else {
            memBase = rmField | (rexB ? 8 : 0);
        }
        if (mod == 1) {
            memDisp = nextSigned(1);
            memDispBytes = 1;
        } else if (mod == 2 || memRip || (mod == 0 && memBase == Operand.NONE)) {
            memDisp = nextSigned(4);
            memDispBytes = 4;
        } else {
            memDisp = 0;
            memDispBytes = 0;
        }
    }

    private void sib() {
        int s = next8();
        memScale = 1 << (s >> 6);
        int index = (s >> 3) & 7 | (rexX ? 8 : 0);
        memIndex = index == CpuState.RSP ? Operand.NONE : index;
        int base = s & 7;
        memBase = mod == 0 && base == 5 ? Operand.NONE : base | (rexB ? 8 : 0);
    }

    private int byteReg(int r) {
        return !rex && r >= 4 && r < 8 ? Operand.AH + r - 4 : r;
    }

    private Operand memOperand(int size) {
        return Operand.mem(size, memBase, memIndex, memScale, memDisp, segment, memRip, addr32, memDispBytes);
    }

    /** The r/m operand as a general register or memory. */
    private Operand e(int size) {
        if (mod == 3) {
            return Operand.reg(size, size == 1 ? byteReg(rmField) : rmField);
        }
        return memOperand(size);
    }

    /** The r/m operand, which must be memory (LEA, CMPXCHG8B, MOVHPS...). */
    private Operand m(int size) {
        if (mod == 3) {
            throw invalid();
        }
        return memOperand(size);
    }

    /** The reg operand as a general register. */
    private Operand g(int size) {
        return Operand.reg(size, size == 1 ? byteReg(regField) : regField);
    }

    /** The reg operand as an XMM register. */
    private Operand x() {
        return Operand.xmm(16, regField);
    }

    /** The r/m operand as an XMM register or memory of {@code size} bytes. */
    private Operand w(int size) {
        return mod == 3 ? Operand.xmm(16, rmField) : memOperand(size);
    }

    /** The r/m operand as an XMM register (register-only forms like MOVHLPS). */
    private Operand u() {
        if (mod != 3) {
            throw invalid();
        }
        return Operand.xmm(16, rmField);
    }

    private Operand imm(int size, int encodedSize) {
        return Operand.imm(size, nextSigned(encodedSize));
    }

    /** An Iz immediate: 16 bits for 16-bit operands, else 32 bits sign-extended to the operand size. */
    private Operand iz(int size) {
        return imm(size, size == 2 ? 2 : 4);
    }

    private Operand relative(int encodedSize) {
        long disp = nextSigned(encodedSize);
        return Operand.rel(disp); // made absolute in build()
    }

    // ---------------------------------------------------------------- building

    private Instruction build(int op, int size, Operand... operands) {
        long nextRip = start + len;
        for (int i = 0; i < operands.length; i++) {
            Operand o = operands[i];
            if (o.kind == Operand.REL) {
                operands[i] = Operand.rel(nextRip + o.imm);
            } else {
                operands[i] = o.relativeTo(nextRip);
            }
        }
        if (lock && !lockable(op, operands)) {
            throw invalid();
        }
        int rep = repPrefix == 0xF3 ? Instruction.REP_E : repPrefix == 0xF2 ? Instruction.REP_NE : 0;
        return new Instruction(start, Arrays.copyOf(buf, len), op, size, addr32 ? 4 : 8, cond, rep, variant, lock,
                segment, operands);
    }

    private static boolean lockable(int op, Operand[] operands) {
        boolean memDest = operands.length > 0 && operands[0].isMem();
        return memDest && switch (op) {
            case Op.ADD, Op.OR, Op.ADC, Op.SBB, Op.AND, Op.SUB, Op.XOR, Op.INC, Op.DEC, Op.NEG, Op.NOT, Op.BTS,
                    Op.BTR, Op.BTC, Op.XCHG, Op.CMPXCHG, Op.CMPXCHG8B, Op.CMPXCHG16B, Op.XADD -> true;
            default -> false;
        };
    }

    private static Operand rax(int size) {
        return Operand.reg(size, CpuState.RAX);
    }

    private static Operand cl() {
        return Operand.reg(1, CpuState.RCX);
    }

    // ---------------------------------------------------------------- prefixes and the one-byte map

    private Instruction decode() {
        int b;
        while (true) {
            b = next8();
            if (b >= 0x40 && b <= 0x4F) {
                rex = true;
                rexW = (b & 8) != 0;
                rexR = (b & 4) != 0;
                rexX = (b & 2) != 0;
                rexB = (b & 1) != 0;
                continue;
            }
            boolean prefix = true;
            switch (b) {
                case 0x66 -> opsize16 = true;
                case 0x67 -> addr32 = true;
                case 0xF0 -> lock = true;
                case 0xF2, 0xF3 -> repPrefix = b;
                case 0x64 -> segment = Operand.SEG_FS;
                case 0x65 -> segment = Operand.SEG_GS;
                case 0x26, 0x2E, 0x36, 0x3E -> { } // ES/CS/SS/DS overrides: no effect in 64-bit mode
                default -> prefix = false;
            }
            if (!prefix) {
                break;
            }
            // A REX prefix counts only immediately before the opcode.
            rex = rexW = rexR = rexX = rexB = false;
        }
        if (b == 0x0F) {
            return twoByte(next8());
        }
        return oneByte(b);
    }

    private Instruction oneByte(int b) {
        if (b < 0x40 && (b & 7) < 6) {
            return alu(b >> 3, b & 7);
        }
        int size = osz();
        switch (b) {
            case 0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57:
                return build(Op.PUSH, osz64(), Operand.reg(osz64(), (b & 7) | (rexB ? 8 : 0)));
            case 0x58, 0x59, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F:
                return build(Op.POP, osz64(), Operand.reg(osz64(), (b & 7) | (rexB ? 8 : 0)));
            case 0x63: {
                modrm();
                if (!rexW) { // MOVSXD without REX.W is an ordinary move
                    return build(Op.MOV, size, g(size), e(size));
                }
                return build(Op.MOVSX, 8, g(8), e(4));
            }
            case 0x68:
                return build(Op.PUSH, osz64(), iz(osz64()));
            case 0x69: {
                modrm();
                Operand dst = g(size);
                Operand src = e(size);
                return build(Op.IMUL, size, dst, src, iz(size));
            }
            case 0x6A:
                return build(Op.PUSH, osz64(), imm(osz64(), 1));
            case 0x6B: {
                modrm();
                Operand dst = g(size);
                Operand src = e(size);
                return build(Op.IMUL, size, dst, src, imm(size, 1));
            }
            case 0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F:
                cond = b & 15;
                return build(Op.JCC, 8, relative(1));
            case 0x80: {
                modrm();
                Operand dst = e(1);
                return build(regField & 7, 1, dst, imm(1, 1));
            }
            case 0x81: {
                modrm();
                Operand dst = e(size);
                return build(regField & 7, size, dst, iz(size));
            }
            case 0x83: {
                modrm();
                Operand dst = e(size);
                return build(regField & 7, size, dst, imm(size, 1));
            }
            case 0x84, 0x85, 0x86, 0x87, 0x88, 0x89: {
                int s = (b & 1) == 0 ? 1 : size;
                modrm();
                int op = b < 0x86 ? Op.TEST : b < 0x88 ? Op.XCHG : Op.MOV;
                return build(op, s, e(s), g(s));
            }
            case 0x8A, 0x8B: {
                int s = b == 0x8A ? 1 : size;
                modrm();
                return build(Op.MOV, s, g(s), e(s));
            }
            case 0x8D: {
                modrm();
                return build(Op.LEA, size, g(size), m(size));
            }
            case 0x8F: {
                modrm();
                if ((regField & 7) != 0) {
                    throw invalid();
                }
                return build(Op.POP, osz64(), e(osz64()));
            }
            case 0x90:
                if (rexB) {
                    return build(Op.XCHG, size, Operand.reg(size, 8), rax(size));
                }
                return build(Op.NOP, size); // also PAUSE (F3 90)
            case 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97:
                return build(Op.XCHG, size, Operand.reg(size, (b & 7) | (rexB ? 8 : 0)), rax(size));
            case 0x98:
                return build(Op.CBW, size);
            case 0x99:
                return build(Op.CWD, size);
            case 0x9C:
                return build(Op.PUSHF, osz64());
            case 0x9D:
                return build(Op.POPF, osz64());
            case 0x9E:
                return build(Op.SAHF, 1);
            case 0x9F:
                return build(Op.LAHF, 1);
            case 0xA0, 0xA1, 0xA2, 0xA3: {
                int s = (b & 1) == 0 ? 1 : size;
                long offset = addr32 ? nextSigned(4) & 0xFFFFFFFFL : nextSigned(8);
                Operand moffs = Operand.mem(s, Operand.NONE, Operand.NONE, 1, offset, segment, false, addr32);
                return b < 0xA2 ? build(Op.MOV, s, rax(s), moffs) : build(Op.MOV, s, moffs, rax(s));
            }
            case 0xA4, 0xA5:
                return build(Op.MOVS, (b & 1) == 0 ? 1 : size);
            case 0xA6, 0xA7:
                return build(Op.CMPS, (b & 1) == 0 ? 1 : size);
            case 0xA8:
                return build(Op.TEST, 1, rax(1), imm(1, 1));
            case 0xA9:
                return build(Op.TEST, size, rax(size), iz(size));
            case 0xAA, 0xAB:
                return build(Op.STOS, (b & 1) == 0 ? 1 : size);
            case 0xAC, 0xAD:
                return build(Op.LODS, (b & 1) == 0 ? 1 : size);
            case 0xAE, 0xAF:
                return build(Op.SCAS, (b & 1) == 0 ? 1 : size);
            case 0xB0, 0xB1, 0xB2, 0xB3, 0xB4, 0xB5, 0xB6, 0xB7: {
                Operand dst = Operand.reg(1, byteReg((b & 7) | (rexB ? 8 : 0)));
                return build(Op.MOV, 1, dst, imm(1, 1));
            }
            case 0xB8, 0xB9, 0xBA, 0xBB, 0xBC, 0xBD, 0xBE, 0xBF: {
                Operand dst = Operand.reg(size, (b & 7) | (rexB ? 8 : 0));
                return build(Op.MOV, size, dst, imm(size, size));
            }
            case 0xC0, 0xC1, 0xD0, 0xD1, 0xD2, 0xD3: {
                int s = (b & 1) == 0 ? 1 : size;
                modrm();
                Operand dst = e(s);
                Operand count = b <= 0xC1 ? imm(1, 1) : b <= 0xD1 ? Operand.imm(1, 1) : cl();
                return build(Op.ROL + (regField & 7), s, dst, count);
            }
            case 0xC2:
                return build(Op.RET, 8, Operand.imm(2, nextSigned(2) & 0xFFFF));
            case 0xC3:
                return build(Op.RET, 8);
            case 0xC6, 0xC7: {
                int s = b == 0xC6 ? 1 : size;
                modrm();
                if ((regField & 7) != 0) {
                    throw invalid();
                }
                Operand dst = e(s);
                return build(Op.MOV, s, dst, s == 1 ? imm(1, 1) : iz(s));
            }
            case 0xC8: {
                Operand frame = Operand.imm(2, nextSigned(2) & 0xFFFF);
                Operand level = Operand.imm(1, next8());
                return build(Op.ENTER, osz64(), frame, level);
            }
            case 0xC9:
                return build(Op.LEAVE, osz64());
            case 0xCC:
                return build(Op.INT3, 1);
            case 0xCD:
                next8();
                return build(Op.PRIVILEGED, 1); // INT n: user mode has no gates but #BP/#OF; Linux answers #GP
            case 0xE0, 0xE1, 0xE2, 0xE3: {
                int op = b == 0xE0 ? Op.LOOPNE : b == 0xE1 ? Op.LOOPE : b == 0xE2 ? Op.LOOP : Op.JRCXZ;
                return build(op, 8, relative(1));
            }
            case 0xE4, 0xE5, 0xE6, 0xE7:
                next8();
                return build(Op.PRIVILEGED, 1);
            case 0xEC, 0xED, 0xEE, 0xEF, 0xF4, 0xFA, 0xFB:
                return build(Op.PRIVILEGED, 1);
            case 0xE8:
                return build(Op.CALL, 8, relative(4));
            case 0xE9:
                return build(Op.JMP, 8, relative(4));
            case 0xEB:
                return build(Op.JMP, 8, relative(1));
            case 0xF5:
                return build(Op.CMC, 1);
            case 0xF8:
                return build(Op.CLC, 1);
            case 0xF9:
                return build(Op.STC, 1);
            case 0xFC:
                return build(Op.CLD, 1);
            case 0xFD:
                return build(Op.STD, 1);
            case 0xF6, 0xF7:
                return group3(b == 0xF6 ? 1 : size);
            case 0xFE: {
                modrm();
                if ((regField & 7) > 1) {
                    throw invalid();
                }
                return build((regField & 7) == 0 ? Op.INC : Op.DEC, 1, e(1));
            }
            case 0xFF:
                return group5(size);
            case 0x9B:
                return build(Op.NOP, 1); // FWAIT: exceptions are masked, nothing is ever pending
            case 0xD7: {
                Operand table = Operand.mem(1, CpuState.RBX, Operand.NONE, 1, 0, segment, false, addr32, 0);
                return build(Op.XLAT, 1, table);
            }
            case 0xD8, 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF:
                return x87(b);
            default:
                throw invalid();
        }
    }

    /**
     * D8..DF. variant = (opcode & 7) << 3 | ModRM.reg, plus 64 and (ModRM.rm << 7) for register forms; memory
     * forms carry their operand with its width (2, 4, 8 or 10 bytes).
     */
    private Instruction x87(int b) {
        modrm();
        int digit = regField & 7;
        int form = (b & 7) << 3 | digit;
        if (mod == 3) {
            int rm = rmField & 7;
            if (!x87RegisterFormExists(b, digit, rm)) {
                throw invalid();
            }
            variant = form | 64 | rm << 7;
            return build(Op.X87, 10);
        }
        int size = x87MemorySize(b, digit);
        if (size == 0) {
            throw invalid();
        }
        variant = form;
        return build(Op.X87, size, m(size));
    }

    private static int x87MemorySize(int b, int digit) {
        return switch (b) {
            case 0xD8, 0xDA -> 4;
            case 0xDC -> 8;
            case 0xDE -> 2;
            case 0xD9 -> digit == 0 || digit == 2 || digit == 3 ? 4 : digit == 5 || digit == 7 ? 2 : 0;
            case 0xDB -> digit == 0 || digit == 2 || digit == 3 ? 4 : digit == 5 || digit == 7 ? 10 : 0;
            case 0xDD -> digit == 0 || digit == 2 || digit == 3 ? 8 : digit == 7 ? 2 : 0;
            default -> digit == 0 || digit == 2 || digit == 3 ? 2 : digit == 5 || digit == 7 ? 8 : 0; // DF
        };
    }

    private static boolean x87RegisterFormExists(int b, int digit, int rm) {
        return switch (b) {
            case 0xD8 -> true;
            case 0xD9 -> digit <= 1 || digit == 2 && rm == 0 || digit == 4 && (rm <= 1 || rm == 4 || rm == 5)
                    || digit == 5 && (rm == 0 || rm == 6) || digit == 7 && (rm == 2 || rm == 4);
            case 0xDA -> digit <= 3 || digit == 5 && rm == 1;
            case 0xDB -> digit <= 3 || digit == 4 && (rm == 2 || rm == 3) || digit == 5 || digit == 6;
            case 0xDC -> digit != 2 && digit != 3;
            case 0xDD -> digit == 0 || digit == 2 || digit == 3 || digit == 4 || digit == 5;
            case 0xDE -> digit != 2 && digit != 3 || digit == 3 && rm == 1;
            default -> digit == 4 && rm == 0 || digit == 5 || digit == 6; // DF
        };
    }

    /** 00..3D: the eight ALU operations in their six forms. */
    private Instruction alu(int op, int form) {
        int size = (form & 1) == 0 ? 1 : osz();
        switch (form) {
            case 0, 1: {
                modrm();
                return build(op, size, e(size), g(size));
            }
            case 2, 3: {
                modrm();
                return build(op, size, g(size), e(size));
            }
            default:
                return build(op, size, rax(size), size == 1 ? imm(1, 1) : iz(size));
        }
    }

    /** F6/F7: TEST NOT NEG MUL IMUL DIV IDIV. */
    private Instruction group3(int size) {
        modrm();
        Operand rm = e(size);
        switch (regField & 7) {
            case 0, 1:
                return build(Op.TEST, size, rm, size == 1 ? imm(1, 1) : iz(size));
            case 2:
                return build(Op.NOT, size, rm);
            case 3:
                return build(Op.NEG, size, rm);
            case 4:
                return build(Op.MUL, size, rm);
            case 5:
                return build(Op.IMUL1, size, rm);
            case 6:
                return build(Op.DIV, size, rm);
            default:
                return build(Op.IDIV, size, rm);
        }
    }

    /** FF: INC DEC CALL JMP PUSH. */
    private Instruction group5(int size) {
        modrm();
        switch (regField & 7) {
            case 0:
                return build(Op.INC, size, e(size));
            case 1:
                return build(Op.DEC, size, e(size));
            case 2:
                return build(Op.CALL, 8, e(8));
            case 4:
                return build(Op.JMP, 8, e(8));
            case 6:
                return build(Op.PUSH, osz64(), e(osz64()));
            default:
                throw invalid(); // far CALL/JMP and FF /7
        }
    }

    // ---------------------------------------------------------------- the 0F map

    /** The SSE mandatory prefix in effect: 0, 0x66, 0xF3 or 0xF2 (F2/F3 win over 66). */
    private int ssePrefix() {
        return repPrefix != 0 ? repPrefix : opsize16 ? 0x66 : 0;
    }

    private Instruction sse(int op, int var, Operand... operands) {
        variant = var;
        repPrefix = 0; // a mandatory prefix is not a REP prefix
        return build(op, 16, operands);
    }

    /** The SSE float variant picked by the mandatory prefix: none=PS, 66=PD, F3=SS, F2=SD. */
    private int floatVariant() {
        return switch (ssePrefix()) {
            case 0x66 -> Instruction.PD;
            case 0xF3 -> Instruction.SS;
            case 0xF2 -> Instruction.SD;
            default -> Instruction.PS;
        };
    }

    private static int scalarSize(int var) {
        return var == Instruction.SS ? 4 : var == Instruction.SD ? 8 : 16;
    }

    private Instruction twoByte(int b) {
        int size = osz();
        switch (b) {
            case 0x01: {
                modrm(); // SGDT, LGDT, XGETBV, SWAPGS...: XGETBV and RDTSCP are absent (not in CPUID) so #UD
                if (mod == 3) {
                    throw invalid();
                }
                return build(Op.PRIVILEGED, 1);
            }
            case 0x05:
                return build(Op.SYSCALL, 1);
            case 0x06, 0x08, 0x09, 0x30, 0x32:
                return build(Op.PRIVILEGED, 1);
            case 0x0B:
                return build(Op.UD2, 1);
            case 0x0D, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F: {
                modrm(); // PREFETCHh, hint NOPs, ENDBR64 (F3 0F 1E FA)
                Operand rm = e(size);
                repPrefix = 0;
                return build(Op.NOP, size, rm);
            }
            case 0x20, 0x21, 0x22, 0x23: {
                modrm();
                return build(Op.PRIVILEGED, 1);
            }
            case 0x31:
                return build(Op.RDTSC, 4);
            case 0xA2:
                return build(Op.CPUID, 4);
            case 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F: {
                cond = b & 15;
                modrm();
                return build(Op.CMOVCC, size, g(size), e(size));
            }
            case 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8B, 0x8C, 0x8D, 0x8E, 0x8F:
                cond = b & 15;
                return build(Op.JCC, 8, relative(4));
            case 0x90, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F: {
                cond = b & 15;
                modrm();
                return build(Op.SETCC, 1, e(1));
            }
            case 0xA3, 0xAB, 0xB3, 0xBB: {
                modrm();
                int op = b == 0xA3 ? Op.BT : b == 0xAB ? Op.BTS : b == 0xB3 ? Op.BTR : Op.BTC;
                return build(op, size, e(size), g(size));
            }
            case 0xBA: {
                modrm();
                if ((regField & 7) < 4) {
                    throw invalid();
                }
                Operand dst = e(size);
                return build(Op.BT + (regField & 3), size, dst, imm(1, 1));
            }
            case 0xA4, 0xA5, 0xAC, 0xAD: {
                modrm();
                Operand dst = e(size);
                Operand src = g(size);
                Operand count = (b & 1) == 0 ? imm(1, 1) : cl();
                return build(b < 0xA8 ? Op.SHLD : Op.SHRD, size, dst, src, count);
            }
            case 0xAE:
                return group15();
            case 0xAF: {
                modrm();
                return build(Op.IMUL, size, g(size), g(size), e(size));
            }
            case 0xB0, 0xB1: {
                int s = b == 0xB0 ? 1 : size;
                modrm();
                return build(Op.CMPXCHG, s, e(s), g(s));
            }
            case 0xC0, 0xC1: {
                int s = b == 0xC0 ? 1 : size;
                modrm();
                return build(Op.XADD, s, e(s), g(s));
            }
            case 0xB6, 0xB7, 0xBE, 0xBF: {
                int from = (b & 1) == 0 ? 1 : 2;
                modrm();
                return build(b < 0xB8 ? Op.MOVZX : Op.MOVSX, size, g(size), e(from));
            }
            case 0xB8: {
                if (repPrefix != 0xF3) {
                    throw invalid(); // JMPE
                }
                modrm();
                repPrefix = 0;
                return build(Op.POPCNT, size, g(size), e(size));
            }
            case 0xBC, 0xBD: {
                modrm();
                int op;
                if (repPrefix == 0xF3) {
                    op = b == 0xBC ? Op.TZCNT : Op.LZCNT;
                    repPrefix = 0;
                } else {
                    op = b == 0xBC ? Op.BSF : Op.BSR;
                }
                return build(op, size, g(size), e(size));
            }
            case 0xC7: {
                modrm();
                if ((regField & 7) != 1 || mod == 3) {
                    throw invalid(); // RDRAND/RDSEED and friends are not in CPUID
                }
                return rexW ? build(Op.CMPXCHG16B, 16, m(16)) : build(Op.CMPXCHG8B, 8, m(8));
            }
            case 0xC8, 0xC9, 0xCA, 0xCB, 0xCC, 0xCD, 0xCE, 0xCF:
                return build(Op.BSWAP, size, Operand.reg(size, (b & 7) | (rexB ? 8 : 0)));
            default:
                return sseOpcode(b);
        }
    }

    /** 0F AE: LDMXCSR, STMXCSR and the fences. */
    private Instruction group15() {
        modrm();
        int r = regField & 7;
        if (mod == 3) {
            if (r >= 5 && ssePrefix() == 0) {
                return build(Op.NOP, 4); // LFENCE, MFENCE, SFENCE: one CPU, memory is already ordered
            }
            throw invalid();
        }
        if (ssePrefix() != 0) {
            throw invalid();
        }
        return switch (r) {
            case 2 -> build(Op.LDMXCSR, 4, m(4));
            case 3 -> build(Op.STMXCSR, 4, m(4));
            case 7 -> build(Op.NOP, 1, m(1)); // CLFLUSH
            default -> throw invalid(); // FXSAVE/FXRSTOR/XSAVE are not implemented
        };
    }

    private Instruction sseOpcode(int b) {
        int pfx = ssePrefix();
        int var = floatVariant();
        switch (b) {
            case 0x10, 0x11: {
                modrm();
                int op = var == Instruction.SS ? Op.MOVSS : var == Instruction.SD ? Op.MOVSD_X : Op.MOVU;
                Operand xmm = x();
                Operand rm = w(scalarSize(var));
                return b == 0x10 ? sse(op, var, xmm, rm) : sse(op, var, rm, xmm);
            }
            case 0x12, 0x13, 0x16, 0x17: {
                if (pfx != 0 && pfx != 0x66) {
                    throw invalid(); // MOVSLDUP/MOVDDUP/MOVSHDUP are SSE3
                }
                modrm();
                boolean high = b >= 0x16;
                if ((b & 1) == 0 && mod == 3) {
                    if (pfx != 0) {
                        throw invalid();
                    }
                    return sse(high ? Op.MOVLHPS : Op.MOVHLPS, var, x(), u());
                }
                int op = high ? Op.MOVHP : Op.MOVLP;
                return (b & 1) == 0 ? sse(op, var, x(), m(8)) : sse(op, var, m(8), x());
            }
            case 0x14, 0x15: {
                requirePacked(pfx);
                modrm();
                return sse(b == 0x14 ? Op.UNPCKLP : Op.UNPCKHP, var, x(), w(16));
            }
            case 0x28, 0x29: {
                requirePacked(pfx);
                modrm();
                Operand xmm = x();
                Operand rm = w(16);
                return b == 0x28 ? sse(Op.MOVA, var, xmm, rm) : sse(Op.MOVA, var, rm, xmm);
            }
            case 0x2A: {
                if (var != Instruction.SS && var != Instruction.SD) {
                    throw invalid(); // CVTPI2PS/PD use MMX registers
                }
                modrm();
                int s = rexW ? 8 : 4;
                return sse(Op.CVTSI2F, var, x(), e(s));
            }
            case 0x2C, 0x2D: {
                if (var != Instruction.SS && var != Instruction.SD) {
                    throw invalid();
                }
                modrm();
                int s = rexW ? 8 : 4;
                Operand dst = g(s);
                Operand src = w(scalarSize(var));
                variant = var;
                repPrefix = 0;
                return build(b == 0x2C ? Op.CVTTF2SI : Op.CVTF2SI, s, dst, src);
            }
            case 0x2E, 0x2F: {
                requirePacked(pfx);
                modrm();
                int s = var == Instruction.PS ? 4 : 8;
                return sse(b == 0x2E ? Op.UCOMIS : Op.COMIS, var == Instruction.PS ? Instruction.SS : Instruction.SD,
                        x(), w(s));
            }
            case 0x50: {
                requirePacked(pfx);
                modrm();
                Operand dst = g(4);
                Operand src = u();
                variant = var;
                return build(Op.MOVMSKP, 4, dst, src);
            }
            case 0x51, 0x58, 0x59, 0x5C, 0x5D, 0x5E, 0x5F: {
                modrm();
                int op = switch (b) {
                    case 0x51 -> Op.FSQRT;
                    case 0x58 -> Op.FADD;
                    case 0x59 -> Op.FMUL;
                    case 0x5C -> Op.FSUB;
                    case 0x5D -> Op.FMIN;
                    case 0x5E -> Op.FDIV;
                    default -> Op.FMAX;
                };
                return sse(op, var, x(), w(scalarSize(var)));
            }
            case 0x54, 0x55, 0x56, 0x57: {
                requirePacked(pfx);
                modrm();
                int op = b == 0x54 ? Op.ANDP : b == 0x55 ? Op.ANDNP : b == 0x56 ? Op.ORP : Op.XORP;
                return sse(op, var, x(), w(16));
            }
            case 0x5A: {
                modrm();
                int s = var == Instruction.SS ? 4 : var == Instruction.SD ? 8 : var == Instruction.PS ? 8 : 16;
                return sse(var >= Instruction.SS ? Op.CVTS2S : Op.CVTP2P, var, x(), w(s));
            }
            case 0x5B: {
                modrm();
                if (pfx == 0) {
                    return sse(Op.CVTDQ2P, Instruction.PS, x(), w(16));
                }
                if (pfx == 0xF3) {
                    return sse(Op.CVTTP2DQ, Instruction.PS, x(), w(16));
                }
                if (pfx == 0xF2) {
                    throw invalid();
                }
                return sse(Op.CVTP2DQ, Instruction.PS, x(), w(16)); // 66: CVTPS2DQ
            }
            case 0xE6: {
                modrm();
                if (pfx == 0xF3) {
                    return sse(Op.CVTDQ2P, Instruction.PD, x(), w(8));
                }
                if (pfx == 0x66) {
                    return sse(Op.CVTTP2DQ, Instruction.PD, x(), w(16));
                }
                if (pfx == 0xF2) {
                    return sse(Op.CVTP2DQ, Instruction.PD, x(), w(16));
                }
                throw invalid();
            }
            case 0xC2: {
                modrm();
                Operand dst = x();
                Operand src = w(scalarSize(var));
                Operand predicate = imm(1, 1);
                if ((predicate.imm & 0xFF) > 7) {
                    throw invalid(); // predicates 8..31 are AVX
                }
                return sse(Op.CMPF, var, dst, src, predicate);
            }
            case 0xC3: {
                if (pfx != 0) {
                    throw invalid();
                }
                modrm();
                int s = rexW ? 8 : 4;
                return build(Op.MOV, s, m(s), g(s)); // MOVNTI: the non-temporal hint means nothing here
            }
            case 0x2B, 0xE7: {
                if (b == 0xE7) {
                    require66(pfx);
                } else {
                    requirePacked(pfx);
                }
                modrm();
                Operand dst = m(16);
                return sse(Op.MOVA, var, dst, x()); // MOVNTPS/MOVNTPD/MOVNTDQ
            }
            case 0xC4: {
                require66(pfx);
                modrm();
                Operand dst = x();
                Operand src = mod == 3 ? Operand.reg(4, rmField) : m(2);
                return sse(Op.PINSRW, 2, dst, src, imm(1, 1));
            }
            case 0xC5: {
                require66(pfx);
                modrm();
                Operand dst = g(4);
                Operand src = u();
                Operand index = imm(1, 1);
                variant = 2;
                repPrefix = 0;
                return build(Op.PEXTRW, 4, dst, src, index);
            }
            case 0xF4, 0xD5, 0xE5, 0xE4, 0xF5, 0xF6, 0x63, 0x6B, 0x67: {
                require66(pfx);
                modrm();
                int op = switch (b) {
                    case 0xF4 -> Op.PMULUDQ;
                    case 0xD5 -> Op.PMULLW;
                    case 0xE5 -> Op.PMULHW;
                    case 0xE4 -> Op.PMULHUW;
                    case 0xF5 -> Op.PMADDWD;
                    case 0xF6 -> Op.PSADBW;
                    case 0x63 -> Op.PACKSSWB;
                    case 0x6B -> Op.PACKSSDW;
                    default -> Op.PACKUSWB;
                };
                return sse(op, 2, x(), w(16));
            }
            case 0xEC, 0xED, 0xDC, 0xDD, 0xE8, 0xE9, 0xD8, 0xD9, 0xE0, 0xE3, 0xEA, 0xEE: {
                require66(pfx);
                modrm();
                int op = switch (b) {
                    case 0xEC, 0xED -> Op.PADDS;
                    case 0xDC, 0xDD -> Op.PADDUS;
                    case 0xE8, 0xE9 -> Op.PSUBS;
                    case 0xD8, 0xD9 -> Op.PSUBUS;
                    case 0xE0, 0xE3 -> Op.PAVG;
                    case 0xEA -> Op.PMINSW;
                    default -> Op.PMAXSW;
                };
                int elem = b == 0xE0 ? 1 : b == 0xE3 || b == 0xEA || b == 0xEE ? 2 : (b & 1) == 0 ? 1 : 2;
                return sse(op, elem, x(), w(16));
            }
            case 0xC6: {
                requirePacked(pfx);
                modrm();
                Operand dst = x();
                Operand src = w(16);
                return sse(Op.SHUFP, var, dst, src, imm(1, 1));
            }
            case 0x6E: {
                require66(pfx);
                modrm();
                int s = rexW ? 8 : 4;
                return sse(Op.MOVD_TO_X, 0, x(), e(s));
            }
            case 0x7E: {
                modrm();
                if (pfx == 0xF3) {
                    return sse(Op.MOVQ_X, 0, x(), w(8));
                }
                require66(pfx);
                int s = rexW ? 8 : 4;
                Operand dst = e(s);
                return sse(Op.MOVD_FROM_X, 0, dst, x());
            }
            case 0xD6: {
                require66(pfx);
                modrm();
                Operand dst = w(8);
                return sse(Op.MOVQ_X, 0, dst, x());
            }
            case 0x6F, 0x7F: {
                if (pfx != 0x66 && pfx != 0xF3) {
                    throw invalid(); // MMX MOVQ
                }
                modrm();
                int op = pfx == 0x66 ? Op.MOVA : Op.MOVU;
                Operand xmm = x();
                Operand rm = w(16);
                return b == 0x6F ? sse(op, 0, xmm, rm) : sse(op, 0, rm, xmm);
            }
            case 0x70: {
                modrm();
                Operand dst = x();
                Operand src = w(16);
                int op = pfx == 0x66 ? Op.PSHUFD : pfx == 0xF2 ? Op.PSHUFLW : pfx == 0xF3 ? Op.PSHUFHW : -1;
                if (op < 0) {
                    throw invalid();
                }
                return sse(op, 0, dst, src, imm(1, 1));
            }
            case 0x71, 0x72, 0x73: {
                require66(pfx);
                modrm();
                int r = regField & 7;
                Operand dst = u();
                Operand count = imm(1, 1);
                int elem = b == 0x71 ? 2 : b == 0x72 ? 4 : 8;
                int op;
                if (r == 2) {
                    op = Op.PSRL;
                } else if (r == 6) {
                    op = Op.PSLL;
                } else if (r == 4 && b != 0x73) {
                    op = Op.PSRA;
                } else if (r == 3 && b == 0x73) {
                    op = Op.PSRLDQ;
                } else if (r == 7 && b == 0x73) {
                    op = Op.PSLLDQ;
                } else {
                    throw invalid();
                }
                return sse(op, elem, dst, count);
            }
            case 0xD1, 0xD2, 0xD3, 0xE1, 0xE2, 0xF1, 0xF2, 0xF3: {
                require66(pfx);
                modrm();
                int elem = 1 << (b & 3);
                int op = b < 0xE0 ? Op.PSRL : b < 0xF0 ? Op.PSRA : Op.PSLL;
                return sse(op, elem, x(), w(16));
            }
            case 0x60, 0x61, 0x62, 0x6C: {
                require66(pfx);
                modrm();
                int elem = b == 0x6C ? 8 : 1 << (b & 3);
                return sse(Op.PUNPCKL, elem, x(), w(16));
            }
            case 0x68, 0x69, 0x6A, 0x6D: {
                require66(pfx);
                modrm();
                int elem = b == 0x6D ? 8 : 1 << (b & 3);
                return sse(Op.PUNPCKH, elem, x(), w(16));
            }
            case 0x64, 0x65, 0x66, 0x74, 0x75, 0x76: {
                require66(pfx);
                modrm();
                return sse(b >= 0x74 ? Op.PCMPEQ : Op.PCMPGT, 1 << (b & 3), x(), w(16));
            }
            case 0xD7: {
                require66(pfx);
                modrm();
                Operand dst = g(4);
                return sse(Op.PMOVMSKB, 0, dst, u());
            }
            case 0xDA, 0xDE: {
                require66(pfx);
                modrm();
                return sse(b == 0xDA ? Op.PMINUB : Op.PMAXUB, 1, x(), w(16));
            }
            case 0xDB, 0xDF, 0xEB, 0xEF: {
                require66(pfx);
                modrm();
                int op = b == 0xDB ? Op.ANDP : b == 0xDF ? Op.ANDNP : b == 0xEB ? Op.ORP : Op.XORP;
                return sse(op, Instruction.PD, x(), w(16));
            }
            case 0xD4, 0xFC, 0xFD, 0xFE: {
                require66(pfx);
                modrm();
                int elem = b == 0xD4 ? 8 : 1 << (b & 3);
                return sse(Op.PADD, elem, x(), w(16));
            }
            case 0xF8, 0xF9, 0xFA, 0xFB: {
                require66(pfx);
                modrm();
                return sse(Op.PSUB, 1 << (b & 3), x(), w(16));
            }
            default:
                throw invalid();
        }
    }

    /** Packed-float and their 66 forms only; F2/F3 would select a different (unimplemented) instruction. */
    private void requirePacked(int pfx) {
        if (pfx == 0xF2 || pfx == 0xF3) {
            throw invalid();
        }
    }

    /** SSE2 integer instructions: without 66 they are MMX, which this CPU does not implement. */
    private void require66(int pfx) {
        if (pfx != 0x66) {
            throw invalid();
        }
    }
}
