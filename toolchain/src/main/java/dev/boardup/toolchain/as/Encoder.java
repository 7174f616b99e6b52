package dev.boardup.toolchain.as;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns one AT&T instruction statement into bytes, choosing the encodings GNU as 2.40 chooses. */
final class Encoder {
    private final Assembler asm;
    private final Diagnostics diag;

    /** The parts of the statement being encoded. */
    private String mnemonic;
    private char suffix;
    private List<Operand> ops;
    private Insn insn;
    private final List<Integer> prefixes = new java.util.ArrayList<>();

    Encoder(Assembler asm) {
        this.asm = asm;
        this.diag = asm.diag;
    }

    @FunctionalInterface
    interface Handler {
        void encode(Encoder e);
    }

    private static final Map<String, Handler> EXACT = new HashMap<>();
    /** Families that take a b/w/l/q size suffix. */
    private static final Map<String, Handler> SUFFIXED = new HashMap<>();

    private static final Map<String, Integer> PREFIXES = Map.ofEntries(
            Map.entry("lock", 0xF0), Map.entry("rep", 0xF3), Map.entry("repe", 0xF3), Map.entry("repz", 0xF3),
            Map.entry("repne", 0xF2), Map.entry("repnz", 0xF2), Map.entry("data16", 0x66),
            Map.entry("addr32", 0x67), Map.entry("cs", 0x2E), Map.entry("ds", 0x3E), Map.entry("es", 0x26),
            Map.entry("ss", 0x36), Map.entry("fs", 0x64), Map.entry("gs", 0x65), Map.entry("notrack", 0x3E),
            Map.entry("rex64", 0x48));

    static final String[] CONDITIONS = {
        "o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"
    };
    private static final Map<String, Integer> CONDITION_ALIASES = Map.ofEntries(
            Map.entry("c", 2), Map.entry("nae", 2), Map.entry("nb", 3), Map.entry("nc", 3), Map.entry("z", 4),
            Map.entry("nz", 5), Map.entry("na", 6), Map.entry("nbe", 7), Map.entry("pe", 10), Map.entry("po", 11),
            Map.entry("nge", 12), Map.entry("nl", 13), Map.entry("ng", 14), Map.entry("nle", 15));

    void instruction(String name, String operandText) {
        prefixes.clear();
        while (PREFIXES.containsKey(name)) {
            prefixes.add(PREFIXES.get(name));
            String rest = operandText.strip();
            if (rest.isEmpty() || !Character.isLetter(rest.charAt(0))) {
                for (int p : prefixes) asm.emit(new byte[] {(byte) p});
                if (!rest.isEmpty()) throw diag.error("invalid character after prefix `" + name + "'");
                return;
            }
            int space = 0;
            while (space < rest.length() && !Character.isWhitespace(rest.charAt(space))) space++;
            name = rest.substring(0, space).toLowerCase();
            operandText = rest.substring(space);
        }
        mnemonic = name;
        asm.debugLine.instruction();
        ops = new Parser(operandText, asm, diag).operands();
        for (Operand o : ops) {
            if (o instanceof Operand.Mem m && m.disp() != null) asm.touchFromInstruction(m.disp(), false);
        }
        insn = new Insn(diag);
        suffix = 0;
        Handler h = EXACT.get(name);
        if (h == null && name.length() > 1 && "bwlq".indexOf(name.charAt(name.length() - 1)) >= 0) {
            h = SUFFIXED.get(name.substring(0, name.length() - 1));
            if (h != null) {
                suffix = name.charAt(name.length() - 1);
                mnemonic = name.substring(0, name.length() - 1);
            }
        }
        if (h == null) h = SUFFIXED.get(name);
        if (h == null) throw diag.error("no such instruction: `" + (name + " " + operandText.strip()).strip() + "'");
        h.encode(this);
    }

    private void finish() {
        for (int p : prefixes) {
            switch (p) {
                case 0xF0 -> insn.lock = true;
                case 0xF2, 0xF3 -> insn.repeat = p;
                case 0x66 -> insn.operandSize16 = true;
                case 0x67 -> insn.addressSize32 = true;
                case 0x48 -> insn.rexW = true;
                default -> insn.segment = p;
            }
        }
        Item.Bytes bytes = insn.build(asm, diag.line);
        asm.emit(bytes.bytes(), bytes.fixups());
    }

    // ---- operand helpers ----

    private AsmError invalid() {
        return diag.error("operand type mismatch for `" + mnemonic + "'");
    }

    private void count(int... allowed) {
        for (int n : allowed) if (ops.size() == n) return;
        throw diag.error("number of operands mismatch for `" + mnemonic + "'");
    }

    private static boolean isGpr(Operand o) {
        return o instanceof Operand.Reg r && r.reg().isGpr() && !r.indirect();
    }

    private static boolean isXmm(Operand o) {
        return o instanceof Operand.Reg r && r.reg().kind() == Register.Kind.XMM;
    }

    private static boolean isMem(Operand o) {
        return o instanceof Operand.Mem m && !m.indirect();
    }

    private static boolean isImm(Operand o) {
        return o instanceof Operand.Imm;
    }

    private static Register reg(Operand o) {
        return ((Operand.Reg) o).reg();
    }

    private static Expr imm(Operand o) {
        return ((Operand.Imm) o).expr();
    }

    private int suffixSize() {
        return switch (suffix) {
            case 'b' -> 1;
            case 'w' -> 2;
            case 'l' -> 4;
            case 'q' -> 8;
            default -> 0;
        };
    }

    /** Operand size from the suffix, else from the GPR operands (which must then agree). */
    private int operandSize(List<Operand> sized) {
        int size = suffixSize();
        for (Operand o : sized) {
            if (!isGpr(o)) continue;
            int s = reg(o).size();
            if (size == 0) size = s;
            else if (s != size) {
                throw diag.error("incorrect register `%" + reg(o).name() + "' used with `" + (suffix == 0 ? "" : suffix)
                        + "' suffix");
            }
        }
        if (size == 0) {
            throw diag.error("no instruction mnemonic suffix given and no register operands; can't size `"
                    + mnemonic + "'");
        }
        return size;
    }

    private int operandSize() {
        return operandSize(ops);
    }

    /** Puts a register-or-memory operand into ModRM r/m. */
    private void rm(Operand o) {
        if (o instanceof Operand.Reg r) insn.rm(r.reg());
        else if (o instanceof Operand.Mem m) {
            insn.rm(m, asm);
        } else throw invalid();
    }

    private static boolean fitsInt8(long v) {
        return v >= -128 && v <= 127;
    }

    private static boolean fitsInt32(long v) {
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
    }

    /** The constant value of an immediate, or null if it needs a relocation. */
    private Long constant(Expr e) {
        Value v = Eval.tryEvaluate(asm, e);
        return v != null && v.isConstant() ? v.constant() : null;
    }

    private Fixup.Kind immediateKind(int size) {
        return size == 8 ? Fixup.Kind.SIGNED : Fixup.Kind.DATA;
    }

    /**
     * gas's range rule for an immediate field of {@code size} bytes in an instruction of {@code operandSize} bytes:
     * values are first read as signed 16/32-bit numbers where they fit unsigned ones; 64-bit operations take a
     * sign-extended 32-bit field; narrower fields accept anything whose dropped bits are all zeros or all ones.
     */
    private void checkImmediate(Expr e, int size, int operandSize) {
        Long c = constant(e);
        if (c == null || size == 8) return;
        long v = signExtend(c, operandSize);
        boolean fits = operandSize == 8 ? fitsInt32(v) : (v >> (size * 8)) == 0 || (v >> (size * 8)) == -1;
        if (!fits) throw diag.error("operand value 0x" + Long.toHexString(c) + " out of range for `" + mnemonic + "'");
    }

    // ---- integer families ----

    /** add/or/adc/sbb/and/sub/xor/cmp: group /n. */
    private void alu(int n) {
        count(2);
        Operand src = ops.get(0);
        Operand dst = ops.get(1);
        int size = operandSize();
        insn.size(size);
        if (isImm(src)) {
            Long c = constant(imm(src));
            if (!isGpr(dst) && !isMem(dst)) throw invalid();
            if (size == 1) {
                if (isGpr(dst) && reg(dst).number() == 0) insn.opcode(0x04 + 8 * n);
                else {
                    insn.opcode(0x80);
                    insn.digit(n);
                    rm(dst);
                }
                checkImmediate(imm(src), 1, 1);
                insn.immediate(1, imm(src), Fixup.Kind.DATA);
            } else if (c != null && fitsInt8(signExtend(c, size))) {
                insn.opcode(0x83);
                insn.digit(n);
                rm(dst);
                insn.immediate(1, new Expr.Num(c), Fixup.Kind.DATA);
            } else {
                int immSize = size == 2 ? 2 : 4;
                if (isGpr(dst) && reg(dst).number() == 0) insn.opcode(size == 1 ? 0x04 + 8 * n : 0x05 + 8 * n);
                else {
                    insn.opcode(0x81);
                    insn.digit(n);
                    rm(dst);
                }
                checkImmediate(imm(src), immSize, size);
                insn.immediate(immSize, imm(src), immediateKind(size));
            }
        } else if (isGpr(src)) {
            insn.opcode((size == 1 ? 0x00 : 0x01) + 8 * n);
            insn.reg(reg(src));
            rm(dst);
        } else if (isMem(src) && isGpr(dst)) {
            insn.opcode((size == 1 ? 0x02 : 0x03) + 8 * n);
            insn.reg(reg(dst));
            rm(src);
            relaxableGot(src);
        } else throw invalid();
        finish();
    }

    /** The value an immediate has once sign-extended from the operand size (0xffffffff as -1 for 32-bit). */
    private static long signExtend(long v, int size) {
        if (size <= 2 && v >= 0x8000 && v <= 0xFFFF) return (short) v;
        if (size <= 4 && v >= 0x80000000L && v <= 0xFFFFFFFFL) return (int) v;
        return v;
    }

    /** mov/call/jmp/test/ALU loads through the GOT can be relaxed by ld: mark them GOTPCRELX. */
    private void relaxableGot(Operand o) {
        if (o instanceof Operand.Mem m && m.isRipRelative() && insn.dispExpr != null) {
            insn.dispKind = insn.hasRex() ? Fixup.Kind.RELAXABLE_GOT_REX : Fixup.Kind.RELAXABLE_GOT;
        }
    }

    private void test() {
        count(2);
        Operand a = ops.get(0);
        Operand b = ops.get(1);
        int size = operandSize();
        insn.size(size);
        if (isImm(a)) {
            int immSize = Math.min(size, 4);
            if (isGpr(b) && reg(b).number() == 0) insn.opcode(size == 1 ? 0xA8 : 0xA9);
            else {
                insn.opcode(size == 1 ? 0xF6 : 0xF7);
                insn.digit(0);
                rm(b);
            }
            checkImmediate(imm(a), immSize, size);
            insn.immediate(immSize, imm(a), immediateKind(size));
        } else if (isGpr(a) && (isGpr(b) || isMem(b))) {
            insn.opcode(size == 1 ? 0x84 : 0x85);
            insn.reg(reg(a));
            rm(b);
            relaxableGot(b);
        } else if (isMem(a) && isGpr(b)) {
            insn.opcode(size == 1 ? 0x84 : 0x85);
            insn.reg(reg(b));
            rm(a);
            relaxableGot(a);
        } else throw invalid();
        finish();
    }

    /** not/neg/mul/div/idiv (F6/F7 /n) and inc/dec (FE/FF /n). */
    private void unary(int base, int n) {
        count(1);
        int size = operandSize();
        insn.size(size);
        insn.opcode(size == 1 ? base : base + 1);
        insn.digit(n);
        rm(ops.get(0));
        finish();
    }

    private void imul() {
        count(1, 2, 3);
        if (ops.size() == 1) {
            unary(0xF6, 5);
            return;
        }
        Operand dstOp = ops.get(ops.size() - 1);
        if (!isGpr(dstOp)) throw invalid();
        int size = operandSize();
        if (size == 1) throw invalid();
        insn.size(size);
        Register dst = reg(dstOp);
        if (isImm(ops.get(0))) {
            Operand src = ops.size() == 3 ? ops.get(1) : dstOp;
            Long c = constant(imm(ops.get(0)));
            insn.reg(dst);
            if (c != null && fitsInt8(signExtend(c, size))) {
                insn.opcode(0x6B);
                rm(src);
                insn.immediate(1, new Expr.Num(c), Fixup.Kind.DATA);
            } else {
                insn.opcode(0x69);
                rm(src);
                int immSize = size == 2 ? 2 : 4;
                checkImmediate(imm(ops.get(0)), immSize, size);
                insn.immediate(immSize, imm(ops.get(0)), immediateKind(size));
            }
        } else {
            count(2);
            insn.opcode(0x0F, 0xAF);
            insn.reg(dst);
            rm(ops.get(0));
        }
        finish();
    }

    private void shift(int n) {
        count(1, 2);
        Operand dst = ops.get(ops.size() - 1);
        int size = operandSize(List.of(dst));
        insn.size(size);
        int base = size == 1 ? 0 : 1;
        if (ops.size() == 1) {
            insn.opcode(0xD0 + base);
        } else if (isGpr(ops.get(0)) && reg(ops.get(0)).name().equals("cl")) {
            insn.opcode(0xD2 + base);
        } else if (isImm(ops.get(0))) {
            Long c = constant(imm(ops.get(0)));
            if (c != null && c == 1) insn.opcode(0xD0 + base);
            else {
                insn.opcode(0xC0 + base);
                insn.immediate(1, imm(ops.get(0)), Fixup.Kind.DATA);
            }
        } else throw invalid();
        insn.digit(n);
        rm(dst);
        finish();
    }

    /** shld/shrd: count in imm8 or %cl. */
    private void doubleShift(int opcode) {
        count(2, 3);
        Operand dst = ops.get(ops.size() - 1);
        Operand src = ops.get(ops.size() - 2);
        if (!isGpr(src)) throw invalid();
        int size = operandSize(List.of(src, dst));
        insn.size(size);
        insn.reg(reg(src));
        rm(dst);
        if (ops.size() == 3 && isImm(ops.get(0))) {
            insn.opcode(0x0F, opcode);
            insn.immediate(1, imm(ops.get(0)), Fixup.Kind.DATA);
        } else {
            if (ops.size() == 3 && !(isGpr(ops.get(0)) && reg(ops.get(0)).name().equals("cl"))) throw invalid();
            insn.opcode(0x0F, opcode + 1);
        }
        finish();
    }

    private void mov() {
        count(2);
        Operand src = ops.get(0);
        Operand dst = ops.get(1);
        if (isXmm(src) || isXmm(dst)) {
            if (suffix == 'q') {
                Sse.movq(this);
                return;
            }
            if (suffix == 'l') {
                Sse.movd(this);
                return;
            }
        }
        if (src instanceof Operand.Reg r && r.reg().kind() == Register.Kind.SEG) {
            insn.opcode(0x8C);
            insn.reg(r.reg());
            if (isGpr(dst)) insn.size(operandSize(List.of(dst)));
            rm(dst);
            finish();
            return;
        }
        if (dst instanceof Operand.Reg r && r.reg().kind() == Register.Kind.SEG) {
            insn.opcode(0x8E);
            insn.reg(r.reg());
            if (isGpr(src) && reg(src).size() == 8) insn.rexW = true;
            rm(src);
            finish();
            return;
        }
        int size = operandSize();
        insn.size(size);
        for (Operand o : ops) {
            if (o instanceof Operand.Mem m && m.disp() != null) asm.touchFromInstruction(m.disp(), true);
        }
        if (isImm(src)) {
            Long c = constant(imm(src));
            if (isGpr(dst) && size == 8 && c != null && !fitsInt32(c)) {
                insn.opcode(0xB8);
                insn.opcodeRegister(reg(dst));
                insn.immediate(8, imm(src), Fixup.Kind.DATA);
            } else if (isGpr(dst) && size != 8) {
                insn.opcode(size == 1 ? 0xB0 : 0xB8);
                insn.opcodeRegister(reg(dst));
                checkImmediate(imm(src), size, size);
                insn.immediate(size, imm(src), Fixup.Kind.DATA);
            } else if (isGpr(dst) || isMem(dst)) {
                insn.opcode(size == 1 ? 0xC6 : 0xC7);
                insn.digit(0);
                rm(dst);
                int immSize = Math.min(size, 4);
                checkImmediate(imm(src), immSize, size);
                insn.immediate(immSize, imm(src), immediateKind(size));
            } else throw invalid();
        } else if (isGpr(src) && (isGpr(dst) || isMem(dst))) {
            insn.opcode(size == 1 ? 0x88 : 0x89);
            insn.reg(reg(src));
            rm(dst);
        } else if (isMem(src) && isGpr(dst)) {
            insn.opcode(size == 1 ? 0x8A : 0x8B);
            insn.reg(reg(dst));
            rm(src);
            relaxableGot(src);
        } else throw invalid();
        finish();
    }

    private void movabs() {
        count(2);
        Operand src = ops.get(0);
        Operand dst = ops.get(1);
        int size = operandSize();
        insn.size(size);
        if (isImm(src) && isGpr(dst)) {
            insn.opcode(size == 1 ? 0xB0 : 0xB8);
            insn.opcodeRegister(reg(dst));
            insn.immediate(size, imm(src), Fixup.Kind.DATA);
        } else if (isMem(src) && ((Operand.Mem) src).base() == null && isGpr(dst) && reg(dst).number() == 0) {
            insn.opcode(size == 1 ? 0xA0 : 0xA1);
            insn.immediate(8, memDisp(src), Fixup.Kind.DATA);
        } else if (isMem(dst) && ((Operand.Mem) dst).base() == null && isGpr(src) && reg(src).number() == 0) {
            insn.opcode(size == 1 ? 0xA2 : 0xA3);
            insn.immediate(8, memDisp(dst), Fixup.Kind.DATA);
        } else throw invalid();
        finish();
    }

    private static Expr memDisp(Operand o) {
        Expr d = ((Operand.Mem) o).disp();
        return d == null ? new Expr.Num(0) : d;
    }

    /** movzx/movsx: source size, destination size given by the mnemonic or the registers. */
    private void extend(boolean signed, int srcSize, int dstSize) {
        count(2);
        Operand src = ops.get(0);
        Operand dst = ops.get(1);
        if (!isGpr(dst)) throw invalid();
        if (srcSize == 0) {
            if (isGpr(src)) srcSize = reg(src).size();
            else if (suffix != 0) srcSize = suffixSize();
            else srcSize = 1; // gas takes a memory source of movzx/movsx without suffix as a byte

        }
        if (dstSize == 0) dstSize = reg(dst).size();
        if (isGpr(src) && reg(src).size() != srcSize || reg(dst).size() != dstSize) throw invalid();
        insn.size(dstSize);
        insn.reg(reg(dst));
        if (srcSize == 4) {
            if (!signed) throw invalid();
            insn.opcode(0x63);
        } else {
            insn.opcode(0x0F, (signed ? 0xBE : 0xB6) + (srcSize == 2 ? 1 : 0));
        }
        rm(src);
        finish();
    }

    private void lea() {
        count(2);
        if (!isMem(ops.get(0)) || !isGpr(ops.get(1))) throw invalid();
        int size = operandSize(List.of(ops.get(1)));
        insn.size(size);
        insn.opcode(0x8D);
        insn.reg(reg(ops.get(1)));
        rm(ops.get(0));
        // A 16/32-bit lea truncates the address, so gas relocates its displacement as unsigned 32-bit.
        if (size != 8 && !((Operand.Mem) ops.get(0)).isRipRelative()) insn.dispKind = Fixup.Kind.DATA;
        finish();
    }

    private void push(boolean isPush) {
        count(1);
        Operand o = ops.get(0);
        int size = suffixSize();
        if (isGpr(o)) size = reg(o).size();
        if (size == 0) size = 8;
        if (size == 4 || size == 1) throw diag.error("invalid instruction suffix for `" + mnemonic + "'");
        insn.size(size == 2 ? 2 : 4);
        if (isGpr(o)) {
            insn.opcode(isPush ? 0x50 : 0x58);
            insn.opcodeRegister(reg(o));
        } else if (o instanceof Operand.Reg r && r.reg().kind() == Register.Kind.SEG
                && (r.reg().name().equals("fs") || r.reg().name().equals("gs"))) {
            boolean fs = r.reg().name().equals("fs");
            insn.opcode(0x0F, isPush ? (fs ? 0xA0 : 0xA8) : (fs ? 0xA1 : 0xA9));
        } else if (isImm(o) && isPush) {
            Long c = constant(imm(o));
            if (c != null && fitsInt8(c)) {
                insn.opcode(0x6A);
                insn.immediate(1, imm(o), Fixup.Kind.DATA);
            } else {
                insn.opcode(0x68);
                insn.immediate(size == 2 ? 2 : 4, imm(o), Fixup.Kind.SIGNED);
            }
        } else if (isMem(o)) {
            insn.opcode(isPush ? 0xFF : 0x8F);
            insn.digit(isPush ? 6 : 0);
            rm(o);
        } else throw invalid();
        finish();
    }

    private void xchg() {
        count(2);
        Operand a = ops.get(0);
        Operand b = ops.get(1);
        int size = operandSize();
        insn.size(size);
        if (size > 1 && isGpr(a) && isGpr(b) && (reg(a).number() == 0 || reg(b).number() == 0)
                && !(reg(a).number() == 0 && reg(b).number() == 0 && size == 4)) {
            Register other = reg(a).number() == 0 ? reg(b) : reg(a);
            insn.opcode(0x90);
            insn.opcodeRegister(other);
        } else if (isGpr(a)) {
            insn.opcode(size == 1 ? 0x86 : 0x87);
            insn.reg(reg(a));
            rm(b);
        } else if (isMem(a) && isGpr(b)) {
            insn.opcode(size == 1 ? 0x86 : 0x87);
            insn.reg(reg(b));
            rm(a);
        } else throw invalid();
        finish();
    }

    /** Two-operand reg,r/m forms with a 0F xx opcode (xadd, cmpxchg, bt r, ...): src is the reg field. */
    private void regToRm(int byteOpcode, int opcode) {
        count(2);
        if (!isGpr(ops.get(0))) throw invalid();
        int size = operandSize();
        insn.size(size);
        if (size == 1) {
            if (byteOpcode < 0) throw invalid();
            insn.opcode(0x0F, byteOpcode);
        } else insn.opcode(0x0F, opcode);
        insn.reg(reg(ops.get(0)));
        rm(ops.get(1));
        finish();
    }

    /** r/m,reg forms where the destination register is the reg field (bsf, bsr, popcnt, ...). */
    private void rmToReg(int mandatory, int opcode) {
        count(2);
        if (!isGpr(ops.get(1))) throw invalid();
        int size = operandSize();
        if (size == 1) throw invalid();
        insn.size(size);
        if (mandatory >= 0) insn.repeat = mandatory;
        insn.opcode(0x0F, opcode);
        insn.reg(reg(ops.get(1)));
        rm(ops.get(0));
        finish();
    }

    private void bitTest(int n) {
        count(2);
        if (isImm(ops.get(0))) {
            int size = operandSize();
            if (size == 1) throw invalid();
            insn.size(size);
            insn.opcode(0x0F, 0xBA);
            insn.digit(n);
            rm(ops.get(1));
            insn.immediate(1, imm(ops.get(0)), Fixup.Kind.DATA);
            finish();
        } else {
            regToRm(-1, 0xA3 + 8 * (n - 4));
        }
    }

    private void bswap() {
        count(1);
        if (!isGpr(ops.get(0)) || reg(ops.get(0)).size() < 4) throw invalid();
        insn.size(reg(ops.get(0)).size());
        insn.opcode(0x0F, 0xC8);
        insn.opcodeRegister(reg(ops.get(0)));
        finish();
    }

    private void cmpxchgWide(int size) {
        count(1);
        if (!isMem(ops.get(0))) throw invalid();
        insn.size(size);
        insn.opcode(0x0F, 0xC7);
        insn.digit(1);
        rm(ops.get(0));
        finish();
    }

    private void setcc(int cc) {
        count(1);
        if (isGpr(ops.get(0)) && reg(ops.get(0)).size() != 1) throw invalid();
        insn.opcode(0x0F, 0x90 + cc);
        insn.digit(0);
        rm(ops.get(0));
        finish();
    }

    private void cmovcc(int cc) {
        count(2);
        if (!isGpr(ops.get(1))) throw invalid();
        int size = operandSize();
        if (size == 1) throw invalid();
        insn.size(size);
        insn.opcode(0x0F, 0x40 + cc);
        insn.reg(reg(ops.get(1)));
        rm(ops.get(0));
        finish();
    }

    /** An instruction with no operands and a fixed encoding. */
    private void fixed(int size, int... opcode) {
        count(0);
        insn.size(size);
        insn.opcode(opcode);
        finish();
    }

    private void stringOp(int byteOpcode) {
        int size = suffixSize();
        if (mnemonic.equals("movsd") || mnemonic.equals("cmpsd")) size = 4;
        for (Operand o : ops) {
            if (o instanceof Operand.Reg r && r.reg().isGpr() && size == 0) size = r.reg().size();
        }
        if (size == 0) throw diag.error("no instruction mnemonic suffix given and no register operands; can't size `"
                + mnemonic + "'");
        for (Operand o : ops) {
            if (o instanceof Operand.Mem m && m.segment() != null && m.segment().number() != 0) {
                insn.segment = new int[] {0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65}[m.segment().number()];
            }
        }
        insn.size(size);
        insn.opcode(size == 1 ? byteOpcode : byteOpcode + 1);
        finish();
    }

    private void ret(int opcode) {
        count(0, 1);
        if (ops.isEmpty()) insn.opcode(opcode);
        else {
            if (!isImm(ops.get(0))) throw invalid();
            insn.opcode(opcode - 1);
            insn.immediate(2, imm(ops.get(0)), Fixup.Kind.DATA);
        }
        finish();
    }

    private void nop() {
        if (ops.isEmpty()) {
            fixed(0, 0x90);
            return;
        }
        count(1);
        insn.size(operandSize());
        insn.opcode(0x0F, 0x1F);
        insn.digit(0);
        rm(ops.get(0));
        finish();
    }

    /** An instruction whose only operand is memory, with an opcode extension in ModRM.reg. */
    private void memoryOnly(int size, int digit, int... opcode) {
        count(1);
        if (!isMem(ops.get(0))) throw invalid();
        insn.size(size);
        insn.opcode(opcode);
        insn.digit(digit);
        rm(ops.get(0));
        finish();
    }

    private void pushFlags(int opcode) {
        count(0);
        if (suffix == 'w') insn.size(2);
        else if (suffix != 0 && suffix != 'q') throw diag.error("invalid instruction suffix for `" + mnemonic + "'");
        insn.opcode(opcode);
        finish();
    }

    /** movnti: a GPR stored to memory bypassing the cache. */
    private void movnti() {
        count(2);
        if (!isGpr(ops.get(0)) || !isMem(ops.get(1))) throw invalid();
        int size = operandSize();
        if (size < 4) throw invalid();
        insn.size(size);
        insn.opcode(0x0F, 0xC3);
        insn.reg(reg(ops.get(0)));
        rm(ops.get(1));
        finish();
    }

    private void interrupt() {
        count(1);
        if (!isImm(ops.get(0))) throw invalid();
        Long c = constant(imm(ops.get(0)));
        if (c != null && c == 3) insn.opcode(0xCC);
        else {
            insn.opcode(0xCD);
            insn.immediate(1, imm(ops.get(0)), Fixup.Kind.DATA);
        }
        finish();
    }

    private void enter() {
        count(2);
        if (!isImm(ops.get(0)) || !isImm(ops.get(1))) throw invalid();
        insn.opcode(0xC8);
        insn.immediate(2, imm(ops.get(0)), Fixup.Kind.DATA);
        insn.immediate(1, imm(ops.get(1)), Fixup.Kind.DATA);
        finish();
    }

    // ---- control transfer ----

    /** call/jmp: direct to a symbol (rel32, or relaxable rel8 for jmp), or indirect through r/m. */
    private void branch(boolean isCall) {
        count(1);
        Operand o = ops.get(0);
        boolean indirect = (o instanceof Operand.Reg r && r.indirect()) || (o instanceof Operand.Mem m && m.indirect());
        if (indirect || isGpr(o)) {
            if (o instanceof Operand.Reg r && (!r.reg().isGpr() || r.reg().size() != 8)) throw invalid();
            insn.opcode(0xFF);
            insn.digit(isCall ? 2 : 4);
            rm(o);
            if (o instanceof Operand.Mem) relaxableGot(o);
            finish();
            return;
        }
        if (!(o instanceof Operand.Mem m) || !m.isBare() || m.disp() == null) throw invalid();
        if (isCall) {
            insn.opcode(0xE8);
            insn.immediate(4, new Expr.Num(0), Fixup.Kind.DATA);
            Item.Bytes b = insn.build(asm, diag.line);
            int at = b.bytes().length - 4;
            asm.emit(b.bytes(), List.of(new Fixup(at, 4, m.disp(), true, 4, Fixup.Kind.BRANCH, diag.line)));
        } else {
            jump(new byte[] {(byte) 0xEB}, new byte[] {(byte) 0xE9}, m.disp());
        }
    }

    private void jcc(int cc) {
        count(1);
        if (!(ops.get(0) instanceof Operand.Mem m) || !m.isBare() || m.indirect() || m.disp() == null) throw invalid();
        jump(new byte[] {(byte) (0x70 + cc)}, new byte[] {0x0F, (byte) (0x80 + cc)}, m.disp());
    }

    private void jump(byte[] shortForm, byte[] longForm, Expr target) {
        byte[] prefix = new byte[prefixes.size()];
        for (int i = 0; i < prefix.length; i++) prefix[i] = (byte) (int) prefixes.get(i);
        if (prefix.length > 0) asm.emit(prefix);
        asm.current.add(new Item.Jump(shortForm, longForm, target, diag.line));
    }

    // ---- table ----

    private static void exact(String name, Handler h) {
        EXACT.put(name, h);
    }

    private static void suffixed(String name, Handler h) {
        SUFFIXED.put(name, h);
    }

    static {
        String[] alu = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};
        for (int i = 0; i < alu.length; i++) {
            int n = i;
            suffixed(alu[i], e -> e.alu(n));
        }
        suffixed("test", Encoder::test);
        suffixed("not", e -> e.unary(0xF6, 2));
        suffixed("neg", e -> e.unary(0xF6, 3));
        suffixed("mul", e -> e.unary(0xF6, 4));
        suffixed("div", e -> e.unary(0xF6, 6));
        suffixed("idiv", e -> e.unary(0xF6, 7));
        suffixed("inc", e -> e.unary(0xFE, 0));
        suffixed("dec", e -> e.unary(0xFE, 1));
        suffixed("imul", Encoder::imul);
        String[] shifts = {"rol", "ror", "rcl", "rcr", "shl", "shr", "sal", "sar"};
        for (int i = 0; i < shifts.length; i++) {
            int n = i == 6 ? 4 : i;
            suffixed(shifts[i], e -> e.shift(n));
        }
        suffixed("shld", e -> e.doubleShift(0xA4));
        suffixed("shrd", e -> e.doubleShift(0xAC));
        suffixed("mov", Encoder::mov);
        suffixed("movabs", Encoder::movabs);
        int[] sizes = {1, 2, 4, 8};
        String letters = "bwlq";
        for (int s = 0; s < 2; s++) {
            for (int d = s + 1; d < 4; d++) {
                int src = sizes[s];
                int dst = sizes[d];
                exact("movz" + letters.charAt(s) + letters.charAt(d), e -> e.extend(false, src, dst));
                exact("movs" + letters.charAt(s) + letters.charAt(d), e -> e.extend(true, src, dst));
            }
        }
        exact("movslq", e -> e.extend(true, 4, 8));
        exact("movzb", e -> e.extend(false, 1, 0));
        exact("movzw", e -> e.extend(false, 2, 0));
        exact("movsxd", e -> e.extend(true, 4, 0));
        suffixed("movzx", e -> e.extend(false, 0, 0));
        suffixed("movsx", e -> e.extend(true, 0, 0));
        suffixed("lea", Encoder::lea);
        suffixed("push", e -> e.push(true));
        suffixed("pop", e -> e.push(false));
        suffixed("xchg", Encoder::xchg);
        suffixed("xadd", e -> e.regToRm(0xC0, 0xC1));
        suffixed("cmpxchg", e -> e.regToRm(0xB0, 0xB1));
        exact("cmpxchg8b", e -> e.cmpxchgWide(4));
        exact("cmpxchg16b", e -> e.cmpxchgWide(8));
        String[] bts = {"bt", "bts", "btr", "btc"};
        for (int i = 0; i < 4; i++) {
            int n = i + 4;
            suffixed(bts[i], e -> e.bitTest(n));
        }
        suffixed("bsf", e -> e.rmToReg(-1, 0xBC));
        suffixed("bsr", e -> e.rmToReg(-1, 0xBD));
        suffixed("tzcnt", e -> e.rmToReg(0xF3, 0xBC));
        suffixed("lzcnt", e -> e.rmToReg(0xF3, 0xBD));
        suffixed("popcnt", e -> e.rmToReg(0xF3, 0xB8));
        suffixed("bswap", Encoder::bswap);
        exact("cbtw", e -> e.fixed(2, 0x98));
        exact("cbw", e -> e.fixed(2, 0x98));
        exact("cwtl", e -> e.fixed(4, 0x98));
        exact("cwde", e -> e.fixed(4, 0x98));
        exact("cltq", e -> e.fixed(8, 0x98));
        exact("cdqe", e -> e.fixed(8, 0x98));
        exact("cwtd", e -> e.fixed(2, 0x99));
        exact("cwd", e -> e.fixed(2, 0x99));
        exact("cltd", e -> e.fixed(4, 0x99));
        exact("cdq", e -> e.fixed(4, 0x99));
        exact("cqto", e -> e.fixed(8, 0x99));
        exact("cqo", e -> e.fixed(8, 0x99));
        suffixed("call", e -> e.branch(true));
        suffixed("jmp", e -> e.branch(false));
        for (int cc = 0; cc < 16; cc++) conditionFamily(CONDITIONS[cc], cc);
        CONDITION_ALIASES.forEach((name, cc) -> conditionFamily(name, cc));
        String[] strings = {"movs", "cmps", "stos", "lods", "scas", "ins", "outs"};
        int[] stringOpcodes = {0xA4, 0xA6, 0xAA, 0xAC, 0xAE, 0x6C, 0x6E};
        for (int i = 0; i < strings.length; i++) {
            int op = stringOpcodes[i];
            suffixed(strings[i], e -> e.stringOp(op));
        }
        // movsb/movsw/movsl with two operands, a register destination, are sign extensions, not string moves.
        int[] extendFrom = {1, 2, 4};
        for (int i = 0; i < 3; i++) {
            int from = extendFrom[i];
            exact("movs" + "bwl".charAt(i), e -> {
                if (e.ops.size() == 2 && isGpr(e.ops.get(1))) e.extend(true, from, 0);
                else {
                    e.suffix = "bwl".charAt(from == 4 ? 2 : from - 1);
                    e.stringOp(0xA4);
                }
            });
        }
        suffixed("ret", e -> e.ret(0xC3));
        suffixed("leave", e -> e.fixed(0, 0xC9));
        suffixed("nop", Encoder::nop);
        exact("hlt", e -> e.fixed(0, 0xF4));
        exact("syscall", e -> e.fixed(0, 0x0F, 0x05));
        exact("ud2", e -> e.fixed(0, 0x0F, 0x0B));
        exact("int3", e -> e.fixed(0, 0xCC));
        exact("int", Encoder::interrupt);
        exact("cpuid", e -> e.fixed(0, 0x0F, 0xA2));
        exact("rdtsc", e -> e.fixed(0, 0x0F, 0x31));
        exact("rdtscp", e -> e.fixed(0, 0x0F, 0x01, 0xF9));
        exact("endbr64", e -> e.fixed(0, 0xF3, 0x0F, 0x1E, 0xFA));
        exact("pause", e -> e.fixed(0, 0xF3, 0x90));
        exact("mfence", e -> e.fixed(0, 0x0F, 0xAE, 0xF0));
        exact("lfence", e -> e.fixed(0, 0x0F, 0xAE, 0xE8));
        exact("sfence", e -> e.fixed(0, 0x0F, 0xAE, 0xF8));
        exact("cld", e -> e.fixed(0, 0xFC));
        exact("std", e -> e.fixed(0, 0xFD));
        exact("clc", e -> e.fixed(0, 0xF8));
        exact("stc", e -> e.fixed(0, 0xF9));
        exact("cmc", e -> e.fixed(0, 0xF5));
        exact("sahf", e -> e.fixed(0, 0x9E));
        exact("lahf", e -> e.fixed(0, 0x9F));
        exact("xgetbv", e -> e.fixed(0, 0x0F, 0x01, 0xD0));
        suffixed("enter", Encoder::enter);
        suffixed("pushf", e -> e.pushFlags(0x9C));
        suffixed("popf", e -> e.pushFlags(0x9D));
        exact("ldmxcsr", e -> e.memoryOnly(0, 2, 0x0F, 0xAE));
        exact("stmxcsr", e -> e.memoryOnly(0, 3, 0x0F, 0xAE));
        exact("fxsave", e -> e.memoryOnly(0, 0, 0x0F, 0xAE));
        exact("fxrstor", e -> e.memoryOnly(0, 1, 0x0F, 0xAE));
        exact("fxsave64", e -> e.memoryOnly(8, 0, 0x0F, 0xAE));
        exact("fxrstor64", e -> e.memoryOnly(8, 1, 0x0F, 0xAE));
        exact("clflush", e -> e.memoryOnly(0, 7, 0x0F, 0xAE));
        exact("prefetchnta", e -> e.memoryOnly(0, 0, 0x0F, 0x18));
        exact("prefetcht0", e -> e.memoryOnly(0, 1, 0x0F, 0x18));
        exact("prefetcht1", e -> e.memoryOnly(0, 2, 0x0F, 0x18));
        exact("prefetcht2", e -> e.memoryOnly(0, 3, 0x0F, 0x18));
        exact("prefetchw", e -> e.memoryOnly(0, 1, 0x0F, 0x0D));
        suffixed("movnti", Encoder::movnti);
        Sse.register(EXACT, SUFFIXED);
        X87.register(EXACT);
    }

    private static void conditionFamily(String cc, int code) {
        exact("j" + cc, e -> e.jcc(code));
        exact("set" + cc, e -> e.setcc(code));
        suffixed("cmov" + cc, e -> e.cmovcc(code));
    }

    // ---- hooks for the SSE and x87 tables ----

    /** Accessors the SSE/x87 encoders share. */
    List<Operand> ops() {
        return ops;
    }

    Insn insn() {
        return insn;
    }

    char suffix() {
        return suffix;
    }

    String mnemonic() {
        return mnemonic;
    }

    void rmOperand(Operand o) {
        rm(o);
    }

    void done() {
        finish();
    }

    AsmError operandMismatch() {
        return invalid();
    }

    void checkCount(int... allowed) {
        count(allowed);
    }

    void stringOperation(int byteOpcode) {
        stringOp(byteOpcode);
    }
}
