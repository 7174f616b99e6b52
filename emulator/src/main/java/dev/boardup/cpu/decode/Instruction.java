package dev.boardup.cpu.decode;

import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;

/**
 * One decoded x86-64 instruction: where it is, how long it is, what it does ({@link Op}) and on what.
 * Immutable: an execution engine may keep it as a compilation constant and fold dispatch on its fields.
 *
 * <p>Operands are in Intel order, destination first. Widths are in bytes.
 */
public final class Instruction {
    /** {@link #variant} of a floating-point SSE operation: packed single, packed double, scalar single, scalar double. */
    public static final int PS = 0, PD = 1, SS = 2, SD = 3;
    /** {@link #rep} values. REP and REPE share the F3 prefix. */
    public static final int REP_NONE = 0, REP_E = 1, REP_NE = 2;

    public final long address;
    public final int length;
    /** An {@link Op} constant. */
    public final int op;
    /** Operand size in bytes (1, 2, 4, 8; 16 for whole-XMM moves). */
    public final int opSize;
    /** Address size in bytes: 8, or 4 under a 0x67 prefix. String instructions and JRCXZ/LOOP use it for rCX/rSI/rDI. */
    public final int addrSize;
    /** Condition code 0..15 (O NO B AE E NE BE A S NS P NP L GE LE G) for JCC, SETCC, CMOVCC. */
    public final int cond;
    /** For string instructions: {@link #REP_NONE}, {@link #REP_E} (F3) or {@link #REP_NE} (F2). */
    public final int rep;
    /** SSE float ops: {@link #PS}..{@link #SD}; packed-integer ops: element width in bytes. */
    public final int variant;
    public final boolean lock;
    /** Segment override for string sources: 0, Operand.SEG_FS or Operand.SEG_GS. */
    public final int segment;
    @CompilationFinal(dimensions = 1) public final Operand[] operands;
    @CompilationFinal(dimensions = 1) private final byte[] bytes;

    Instruction(long address, byte[] bytes, int op, int opSize, int addrSize, int cond, int rep, int variant,
            boolean lock, int segment, Operand[] operands) {
        this.address = address;
        this.length = bytes.length;
        this.bytes = bytes;
        this.op = op;
        this.opSize = opSize;
        this.addrSize = addrSize;
        this.cond = cond;
        this.rep = rep;
        this.variant = variant;
        this.lock = lock;
        this.segment = segment;
        this.operands = operands;
    }

    /** The address of the following instruction. */
    public long next() {
        return address + length;
    }

    public int operandCount() {
        return operands.length;
    }

    public Operand operand(int i) {
        return operands[i];
    }

    /** The instruction's encoding. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * True when execution may not simply fall through to {@link #next()}: any jump, call or return, SYSCALL,
     * INT3, UD2, privileged instructions, and anything else after which the engine must return to the kernel.
     */
    public boolean endsBlock() {
        return switch (op) {
            case Op.JMP, Op.JCC, Op.CALL, Op.RET, Op.JRCXZ, Op.LOOP, Op.LOOPE, Op.LOOPNE, Op.SYSCALL, Op.INT3,
                    Op.UD2, Op.PRIVILEGED -> true;
            default -> false;
        };
    }

    private static final String[] CONDITIONS = {"o", "no", "b", "ae", "e", "ne", "be", "a",
        "s", "ns", "p", "np", "l", "ge", "le", "g"};

    /** The two-letter-ish condition suffix for {@link #cond}: "e", "ne", "ae"... */
    public static String conditionName(int cond) {
        return CONDITIONS[cond];
    }

    /** A short AT&T-flavoured rendering for messages, e.g. "add %ebx,%eax" (sources first). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(Op.NAMES[op]);
        if (op == Op.JCC || op == Op.SETCC || op == Op.CMOVCC) {
            sb.append(CONDITIONS[cond]);
        }
        for (int i = operands.length - 1; i >= 0; i--) {
            sb.append(i == operands.length - 1 ? " " : ",").append(operands[i]);
        }
        return sb.toString();
    }
}
