package dev.boardup.cpu.decode;

/**
 * One operand of a decoded instruction: a general register, an XMM register, a memory reference, an immediate
 * or a branch target. Immutable, so a compiler can treat it as a constant.
 *
 * <p>Byte registers AH, CH, DH, BH (only reachable without a REX prefix) are numbered {@link #AH}..{@link #AH}+3;
 * with a REX prefix the same encodings mean SPL, BPL, SIL, DIL, which are registers 4..7.
 */
public final class Operand {
    public static final int REG = 1, MEM = 2, IMM = 3, XMM = 4, REL = 5;
    /** First of the legacy high-byte registers AH, CH, DH, BH. */
    public static final int AH = 16;
    public static final int NONE = -1;
    public static final int SEG_FS = 4, SEG_GS = 5;

    public final int kind;
    /** Width of the value in bytes: 1, 2, 4, 8 or 16. */
    public final int size;
    /** REG: 0..15 or AH..AH+3; XMM: 0..15. */
    public final int reg;
    /** MEM: base and index register numbers or {@link #NONE}; scale is 1, 2, 4 or 8. */
    public final int base, index, scale;
    /** MEM: displacement; for a RIP-relative operand it is already the absolute address (next RIP + disp32). */
    public final long disp;
    /** MEM: 0, {@link #SEG_FS} or {@link #SEG_GS}. */
    public final int segment;
    public final boolean ripRelative;
    /** MEM: the 0x67 prefix made the address 32 bits wide. */
    public final boolean addr32;
    /** IMM: the value sign- or zero-extended as the instruction defines; REL: the absolute target address. */
    public final long imm;
    /** MEM: how many displacement bytes the encoding carries (0, 1 or 4), which disassembly shows. */
    public final int dispBytes;

    private Operand(int kind, int size, int reg, int base, int index, int scale, long disp, int segment,
            boolean ripRelative, boolean addr32, long imm, int dispBytes) {
        this.dispBytes = dispBytes;
        this.kind = kind;
        this.size = size;
        this.reg = reg;
        this.base = base;
        this.index = index;
        this.scale = scale;
        this.disp = disp;
        this.segment = segment;
        this.ripRelative = ripRelative;
        this.addr32 = addr32;
        this.imm = imm;
    }

    public static Operand reg(int size, int reg) {
        return new Operand(REG, size, reg, NONE, NONE, 1, 0, 0, false, false, 0, 0);
    }

    public static Operand xmm(int size, int reg) {
        return new Operand(XMM, size, reg, NONE, NONE, 1, 0, 0, false, false, 0, 0);
    }

    public static Operand mem(int size, int base, int index, int scale, long disp, int segment, boolean ripRelative,
            boolean addr32) {
        return mem(size, base, index, scale, disp, segment, ripRelative, addr32, disp == 0 ? 0 : 4);
    }

    public static Operand mem(int size, int base, int index, int scale, long disp, int segment, boolean ripRelative,
            boolean addr32, int dispBytes) {
        return new Operand(MEM, size, NONE, base, index, scale, disp, segment, ripRelative, addr32, 0, dispBytes);
    }

    public static Operand imm(int size, long value) {
        return new Operand(IMM, size, NONE, NONE, NONE, 1, 0, 0, false, false, value, 0);
    }

    public static Operand rel(long target) {
        return new Operand(REL, 8, NONE, NONE, NONE, 1, 0, 0, false, false, target, 0);
    }

    /** The same memory operand with another access width (e.g. BT's bit string, CMPXCHG16B). */
    public Operand withSize(int newSize) {
        return new Operand(kind, newSize, reg, base, index, scale, disp, segment, ripRelative, addr32, imm, dispBytes);
    }

    /** Resolves a RIP-relative displacement once the instruction's length (and so the next RIP) is known. */
    Operand relativeTo(long nextRip) {
        if (!ripRelative) {
            return this;
        }
        return new Operand(kind, size, reg, base, index, scale, nextRip + disp, segment, true, addr32, imm, dispBytes);
    }

    public boolean isReg() {
        return kind == REG;
    }

    public boolean isMem() {
        return kind == MEM;
    }

    public boolean isImm() {
        return kind == IMM;
    }

    public boolean isXmm() {
        return kind == XMM;
    }

    private static final String[] REG64 = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    private static final String[] REG32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
        "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
    private static final String[] REG16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
        "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
    private static final String[] REG8 = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
        "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b", "ah", "ch", "dh", "bh"};

    /** The name of general register {@code r} at width {@code size}, e.g. "eax", "r9b", "ah". */
    public static String regName(int size, int r) {
        return switch (size) {
            case 1 -> REG8[r];
            case 2 -> REG16[r];
            case 4 -> REG32[r];
            default -> REG64[r];
        };
    }

    /** AT&T text: %eax, $0x10, 0x8(%rbp,%rax,4), %fs:0x28, %xmm0. */
    @Override
    public String toString() {
        switch (kind) {
            case REG:
                return "%" + regName(size, reg);
            case XMM:
                return "%xmm" + reg;
            case IMM:
                return "$0x" + Long.toHexString(size == 8 ? imm : imm & ((1L << (size * 8)) - 1));
            case REL:
                return Long.toHexString(imm);
            default:
                return memText();
        }
    }

    private String memText() {
        StringBuilder sb = new StringBuilder();
        if (segment == SEG_FS) {
            sb.append("%fs:");
        } else if (segment == SEG_GS) {
            sb.append("%gs:");
        }
        String[] names = addr32 ? REG32 : REG64;
        if (ripRelative) {
            return sb.append("0x").append(Long.toHexString(disp)).append(addr32 ? "(%eip)" : "(%rip)").toString();
        }
        if (disp != 0 || dispBytes != 0 || (base == NONE && index == NONE)) {
            sb.append(disp < 0 ? "-0x" + Long.toHexString(-disp) : "0x" + Long.toHexString(disp));
        }
        if (base != NONE || index != NONE) {
            sb.append('(');
            if (base != NONE) {
                sb.append('%').append(names[base]);
            }
            if (index != NONE) {
                sb.append(",%").append(names[index]).append(',').append(scale);
            }
            sb.append(')');
        }
        return sb.toString();
    }
}
