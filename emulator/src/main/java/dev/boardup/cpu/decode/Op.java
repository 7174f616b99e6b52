package dev.boardup.cpu.decode;

/**
 * The operations the decoder recognizes. Plain int constants (not an enum) so that a switch on
 * {@link Instruction#op} folds to one case when the instruction is a compilation constant.
 * The first eight are the ALU group in their ModRM /digit order (ADD OR ADC SBB AND SUB XOR CMP),
 * and the shift group follows in its /digit order (ROL ROR RCL RCR SHL SHR SAL SAR).
 */
public final class Op {
    private Op() {
    }

    public static final int ADD = 0, OR = 1, ADC = 2, SBB = 3, AND = 4, SUB = 5, XOR = 6, CMP = 7;
    public static final int ROL = 8, ROR = 9, RCL = 10, RCR = 11, SHL = 12, SHR = 13, SAL = 14, SAR = 15;
    public static final int TEST = 16, INC = 17, DEC = 18, NEG = 19, NOT = 20;
    /** One-operand MUL/IMUL: rDX:rAX = rAX * src. */
    public static final int MUL = 21, IMUL1 = 22;
    /** Two- and three-operand IMUL: dst = src1 * src2 (operands: dst, src1, src2). */
    public static final int IMUL = 23, DIV = 24, IDIV = 25;
    public static final int SHLD = 26, SHRD = 27;
    public static final int MOV = 28, MOVZX = 29, MOVSX = 30, LEA = 31, XCHG = 32, CMPXCHG = 33, XADD = 34;
    public static final int BSWAP = 35, CMPXCHG8B = 36, CMPXCHG16B = 37;
    public static final int BT = 38, BTS = 39, BTR = 40, BTC = 41, BSF = 42, BSR = 43, LZCNT = 44, TZCNT = 45,
            POPCNT = 46;
    /** CBW/CWDE/CDQE by operand size; CWD/CDQ/CQO likewise. */
    public static final int CBW = 47, CWD = 48;
    public static final int PUSH = 49, POP = 50, PUSHF = 51, POPF = 52, CALL = 53, RET = 54, JMP = 55, JCC = 56,
            SETCC = 57, CMOVCC = 58, LEAVE = 59, ENTER = 60, JRCXZ = 61, LOOP = 62, LOOPE = 63, LOOPNE = 64;
    public static final int MOVS = 65, STOS = 66, LODS = 67, CMPS = 68, SCAS = 69;
    public static final int NOP = 70, CPUID = 71, RDTSC = 72, SYSCALL = 73, UD2 = 74, INT3 = 75,
            /** HLT, CLI, STI, IN, OUT, MOV CR, LGDT...: legal encodings that fault with #GP in user mode. */
            PRIVILEGED = 76;
    public static final int CLC = 77, STC = 78, CMC = 79, CLD = 80, STD = 81, LAHF = 82, SAHF = 83;
    public static final int LDMXCSR = 84, STMXCSR = 85;

    // SSE/SSE2. "PS/PD/SS/SD" variants share one op; Instruction.sse says which (see SSE_* below).
    /** MOVSS/MOVSD: scalar move; register-to-register merges the low lane, a load zeroes the rest. */
    public static final int MOVSS = 90, MOVSD_X = 91;
    /** MOVAPS/MOVAPD/MOVDQA (aligned, #GP if not) and MOVUPS/MOVUPD/MOVDQU/LDDQU. */
    public static final int MOVA = 92, MOVU = 93;
    /** MOVD/MOVQ between GPR/memory and XMM (to XMM zero-extends). */
    public static final int MOVD_TO_X = 94, MOVD_FROM_X = 95;
    /** MOVQ xmm, xmm/m64 (F3 0F 7E) and MOVQ xmm/m64, xmm (66 0F D6): low quadword, zeroing the high one. */
    public static final int MOVQ_X = 96;
    public static final int MOVLP = 97, MOVHP = 98, MOVHLPS = 99, MOVLHPS = 100;
    public static final int FADD = 101, FSUB = 102, FMUL = 103, FDIV = 104, FSQRT = 105, FMIN = 106, FMAX = 107;
    public static final int CVTSI2F = 108, CVTTF2SI = 109, CVTF2SI = 110, CVTS2S = 111;
    public static final int UCOMIS = 112, COMIS = 113;
    public static final int ANDP = 114, ANDNP = 115, ORP = 116, XORP = 117;
    public static final int PADD = 118, PSUB = 119, PCMPEQ = 120, PCMPGT = 121, PMOVMSKB = 122, MOVMSKP = 123;
    public static final int PUNPCKL = 124, PUNPCKH = 125, PSHUFD = 126, UNPCKLP = 127, UNPCKHP = 128, SHUFP = 129;
    public static final int PSLL = 130, PSRL = 131, PSRA = 132, PSLLDQ = 133, PSRLDQ = 134;
    public static final int PMINUB = 135, PMAXUB = 136, CVTDQ2P = 137, CVTTP2DQ = 138, CVTP2P = 139;
    public static final int PSHUFLW = 140, PSHUFHW = 141;
    /** CMPPS/CMPPD/CMPSS/CMPSD with the predicate in the immediate. */
    public static final int CMPF = 142;
    public static final int PMULUDQ = 143, PMULLW = 144, PMULHW = 145, PMULHUW = 146, PMADDWD = 147;
    /** Saturating adds and subtracts (signed and unsigned), averages, signed word min/max. */
    public static final int PADDS = 148, PADDUS = 149, PSUBS = 150, PSUBUS = 151, PAVG = 152, PMINSW = 153,
            PMAXSW = 154;
    public static final int PACKSSWB = 155, PACKSSDW = 156, PACKUSWB = 157, PSADBW = 158, PEXTRW = 159,
            PINSRW = 160;
    /** CVTPS2DQ/CVTPD2DQ: round by MXCSR.RC. */
    public static final int CVTP2DQ = 161;

    /** Any x87 instruction (D8..DF): Instruction.variant holds the form, see X87 in the executor. */
    public static final int X87 = 162;

    /** XLAT: AL = [rBX + AL]. */
    public static final int XLAT = 163;

    public static final int COUNT = 164;

    /** Base mnemonics for messages; the disassembler adds size suffixes and condition codes. */
    public static final String[] NAMES = new String[COUNT];

    static {
        String[] base = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp", "rol", "ror", "rcl", "rcr",
            "shl", "shr", "sal", "sar", "test", "inc", "dec", "neg", "not", "mul", "imul", "imul", "div", "idiv",
            "shld", "shrd", "mov", "movz", "movs", "lea", "xchg", "cmpxchg", "xadd", "bswap", "cmpxchg8b",
            "cmpxchg16b", "bt", "bts", "btr", "btc", "bsf", "bsr", "lzcnt", "tzcnt", "popcnt", "cbw", "cwd",
            "push", "pop", "pushf", "popf", "call", "ret", "jmp", "j", "set", "cmov", "leave", "enter", "jrcxz",
            "loop", "loope", "loopne", "movs", "stos", "lods", "cmps", "scas", "nop", "cpuid", "rdtsc", "syscall",
            "ud2", "int3", "privileged", "clc", "stc", "cmc", "cld", "std", "lahf", "sahf", "ldmxcsr", "stmxcsr"};
        System.arraycopy(base, 0, NAMES, 0, base.length);
        String[] sse = {"movss", "movsd", "mova", "movu", "movd", "movd", "movq", "movlp", "movhp", "movhlps",
            "movlhps", "add", "sub", "mul", "div", "sqrt", "min", "max", "cvtsi2", "cvtt2si", "cvt2si", "cvt",
            "ucomis", "comis", "andp", "andnp", "orp", "xorp", "padd", "psub", "pcmpeq", "pcmpgt", "pmovmskb",
            "movmskp", "punpckl", "punpckh", "pshufd", "unpcklp", "unpckhp", "shufp", "psll", "psrl", "psra",
            "pslldq", "psrldq", "pminub", "pmaxub", "cvtdq2p", "cvttp2dq", "cvtp2p", "pshuflw", "pshufhw", "cmp",
            "pmuludq", "pmullw", "pmulhw", "pmulhuw", "pmaddwd", "padds", "paddus", "psubs", "psubus", "pavg",
            "pminsw", "pmaxsw", "packsswb", "packssdw", "packuswb", "psadbw", "pextrw", "pinsrw", "cvtp2dq", "x87", "xlat"};
        System.arraycopy(sse, 0, NAMES, MOVSS, sse.length);
    }
}
