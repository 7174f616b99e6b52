package dev.boardup.toolchain.as;

import java.util.List;
import java.util.Map;

/** SSE/SSE2 (and a few SSE4.1) encodings: mandatory prefix, 0F opcode, ModRM with an XMM register. */
final class Sse {
    private Sse() {}

    private static final int NONE = -1;

    static void register(Map<String, Encoder.Handler> exact, Map<String, Encoder.Handler> suffixed) {
        // movss/movsd/... : load form opcode, store form opcode.
        move(exact, "movss", 0xF3, 0x10, 0x11);
        move(exact, "movaps", NONE, 0x28, 0x29);
        move(exact, "movups", NONE, 0x10, 0x11);
        move(exact, "movapd", 0x66, 0x28, 0x29);
        move(exact, "movupd", 0x66, 0x10, 0x11);
        move(exact, "movdqa", 0x66, 0x6F, 0x7F);
        move(exact, "movdqu", 0xF3, 0x6F, 0x7F);
        move(exact, "movlps", NONE, 0x12, 0x13);
        move(exact, "movntdq", 0x66, NONE, 0xE7);
        move(exact, "movntps", NONE, NONE, 0x2B);
        move(exact, "movntpd", 0x66, NONE, 0x2B);
        move(exact, "movhps", NONE, 0x16, 0x17);
        move(exact, "movlpd", 0x66, 0x12, 0x13);
        move(exact, "movhpd", 0x66, 0x16, 0x17);
        exact.put("movsd", e -> {
            if (e.ops().stream().anyMatch(o -> o instanceof Operand.Reg r && r.reg().kind() == Register.Kind.XMM)) {
                moveForm(e, 0xF2, 0x10, 0x11);
            } else {
                e.stringOperation(0xA4);
            }
        });
        exact.put("movd", Sse::movd);
        String[] arith = {"add", "mul", "sub", "min", "div", "max", "sqrt"};
        int[] arithOp = {0x58, 0x59, 0x5C, 0x5D, 0x5E, 0x5F, 0x51};
        for (int i = 0; i < arith.length; i++) {
            binary(exact, arith[i] + "ss", 0xF3, arithOp[i]);
            binary(exact, arith[i] + "sd", 0xF2, arithOp[i]);
            binary(exact, arith[i] + "ps", NONE, arithOp[i]);
            binary(exact, arith[i] + "pd", 0x66, arithOp[i]);
        }
        String[] logic = {"and", "andn", "or", "xor"};
        for (int i = 0; i < logic.length; i++) {
            binary(exact, logic[i] + "ps", NONE, 0x54 + i);
            binary(exact, logic[i] + "pd", 0x66, 0x54 + i);
        }
        binary(exact, "ucomiss", NONE, 0x2E);
        binary(exact, "ucomisd", 0x66, 0x2E);
        binary(exact, "comiss", NONE, 0x2F);
        binary(exact, "comisd", 0x66, 0x2F);
        binary(exact, "cvtss2sd", 0xF3, 0x5A);
        binary(exact, "cvtsd2ss", 0xF2, 0x5A);
        binary(exact, "cvtps2pd", NONE, 0x5A);
        binary(exact, "cvtpd2ps", 0x66, 0x5A);
        binary(exact, "cvtdq2pd", 0xF3, 0xE6);
        binary(exact, "cvtdq2ps", NONE, 0x5B);
        binary(exact, "cvttps2dq", 0xF3, 0x5B);
        binary(exact, "cvtps2dq", 0x66, 0x5B);
        binary(exact, "cvttpd2dq", 0x66, 0xE6);
        binary(exact, "unpcklps", NONE, 0x14);
        binary(exact, "unpcklpd", 0x66, 0x14);
        binary(exact, "unpckhps", NONE, 0x15);
        binary(exact, "unpckhpd", 0x66, 0x15);
        binary(exact, "movhlps", NONE, 0x12);
        binary(exact, "movlhps", NONE, 0x16);
        binary(exact, "rcpss", 0xF3, 0x53);
        binary(exact, "rsqrtss", 0xF3, 0x52);
        String[][] integer = {
            {"pxor", "EF"}, {"por", "EB"}, {"pand", "DB"}, {"pandn", "DF"}, {"paddb", "FC"}, {"paddw", "FD"},
            {"paddd", "FE"}, {"paddq", "D4"}, {"psubb", "F8"}, {"psubw", "F9"}, {"psubd", "FA"}, {"psubq", "FB"},
            {"pcmpeqb", "74"}, {"pcmpeqw", "75"}, {"pcmpeqd", "76"}, {"pcmpgtb", "64"}, {"pcmpgtw", "65"},
            {"pcmpgtd", "66"}, {"punpcklbw", "60"}, {"punpcklwd", "61"}, {"punpckldq", "62"}, {"punpcklqdq", "6C"},
            {"punpckhbw", "68"}, {"punpckhwd", "69"}, {"punpckhdq", "6A"}, {"punpckhqdq", "6D"}, {"pminub", "DA"},
            {"pmaxub", "DE"}, {"pminsw", "EA"}, {"pmaxsw", "EE"}, {"psadbw", "F6"}, {"pmullw", "D5"},
            {"pmulhw", "E5"}, {"pmuludq", "F4"}, {"packuswb", "67"}, {"packsswb", "63"}, {"packssdw", "6B"},
            {"paddusb", "DC"}, {"psubusb", "D8"}, {"pavgb", "E0"}, {"psrlw", "D1"}, {"psrld", "D2"},
            {"psrlq", "D3"}, {"psllw", "F1"}, {"pslld", "F2"}, {"psllq", "F3"}, {"psraw", "E1"}, {"psrad", "E2"},
        };
        for (String[] op : integer) {
            String name = op[0];
            int opcode = Integer.parseInt(op[1], 16);
            Encoder.Handler register = e -> binaryForm(e, 0x66, new int[] {0x0F, opcode});
            Encoder.Handler shiftImm = shiftImmediate(name);
            exact.put(name, shiftImm == null ? register : e -> {
                if (e.ops().size() == 2 && e.ops().get(0) instanceof Operand.Imm) shiftImm.encode(e);
                else register.encode(e);
            });
        }
        exact.put("psrldq", e -> immediateShift(e, 0x73, 3));
        exact.put("pslldq", e -> immediateShift(e, 0x73, 7));
        withImmediate(exact, "pshufd", 0x66, 0x0F, 0x70);
        withImmediate(exact, "pshuflw", 0xF2, 0x0F, 0x70);
        withImmediate(exact, "pshufhw", 0xF3, 0x0F, 0x70);
        withImmediate(exact, "shufps", NONE, 0x0F, 0xC6);
        withImmediate(exact, "shufpd", 0x66, 0x0F, 0xC6);
        withImmediate(exact, "roundss", 0x66, 0x0F, 0x3A, 0x0A);
        withImmediate(exact, "roundsd", 0x66, 0x0F, 0x3A, 0x0B);
        withImmediate(exact, "cmpss", 0xF3, 0x0F, 0xC2);
        withImmediate(exact, "cmpps", NONE, 0x0F, 0xC2);
        withImmediate(exact, "cmppd", 0x66, 0x0F, 0xC2);
        Encoder.Handler cmpsdSse = withImmediateHandler(0xF2, 0x0F, 0xC2);
        exact.put("cmpsd", e -> {
            if (e.ops().isEmpty()) e.stringOperation(0xA6);
            else cmpsdSse.encode(e);
        });
        String[] predicates = {"eq", "lt", "le", "unord", "neq", "nlt", "nle", "ord"};
        String[] types = {"ss", "sd", "ps", "pd"};
        int[] typePrefix = {0xF3, 0xF2, NONE, 0x66};
        for (int i = 0; i < predicates.length; i++) {
            for (int t = 0; t < types.length; t++) {
                int predicate = i;
                int prefix = typePrefix[t];
                exact.put("cmp" + predicates[i] + types[t], e -> {
                    binaryForm(e, prefix, new int[] {0x0F, 0xC2});
                });
                PREDICATE_OF.put("cmp" + predicates[i] + types[t], predicate);
            }
        }
        exact.put("pmovmskb", e -> gprFromXmm(e, 0x66, 0xD7));
        exact.put("movmskps", e -> gprFromXmm(e, NONE, 0x50));
        exact.put("movmskpd", e -> gprFromXmm(e, 0x66, 0x50));
        String[] conversions = {"cvtsi2ss", "cvtsi2sd"};
        int[] conversionPrefix = {0xF3, 0xF2};
        for (int i = 0; i < 2; i++) {
            int prefix = conversionPrefix[i];
            suffixed.put(conversions[i], e -> intToFloat(e, prefix));
        }
        suffixed.put("cvttss2si", e -> floatToInt(e, 0xF3, 0x2C));
        suffixed.put("cvttsd2si", e -> floatToInt(e, 0xF2, 0x2C));
        suffixed.put("cvtss2si", e -> floatToInt(e, 0xF3, 0x2D));
        suffixed.put("cvtsd2si", e -> floatToInt(e, 0xF2, 0x2D));
    }

    /** The imm8 predicate a cmpXXss alias stands for; emitted after the ModRM like cmpss's immediate. */
    private static final Map<String, Integer> PREDICATE_OF = new java.util.HashMap<>();

    private static boolean isXmm(Operand o) {
        return o instanceof Operand.Reg r && r.reg().kind() == Register.Kind.XMM;
    }

    private static boolean isGpr(Operand o) {
        return o instanceof Operand.Reg r && r.reg().isGpr();
    }

    private static Register reg(Operand o) {
        return ((Operand.Reg) o).reg();
    }

    private static void prefix(Insn insn, int prefix) {
        if (prefix == 0x66) insn.operandSize16 = true;
        else if (prefix != NONE) insn.repeat = prefix;
    }

    private static void move(Map<String, Encoder.Handler> exact, String name, int prefix, int load, int store) {
        exact.put(name, e -> moveForm(e, prefix, load, store));
    }

    /** Loads use xmm <- xmm/m (reg = destination); stores to memory use the store opcode. */
    private static void moveForm(Encoder e, int prefix, int load, int store) {
        e.checkCount(2);
        Operand src = e.ops().get(0);
        Operand dst = e.ops().get(1);
        Insn insn = e.insn();
        prefix(insn, prefix);
        if (isXmm(dst) && load != NONE) {
            insn.opcode(0x0F, load);
            insn.reg(reg(dst));
            e.rmOperand(src);
        } else if (isXmm(src) && dst instanceof Operand.Mem) {
            insn.opcode(0x0F, store);
            insn.reg(reg(src));
            e.rmOperand(dst);
        } else throw e.operandMismatch();
        e.done();
    }

    private static void binary(Map<String, Encoder.Handler> exact, String name, int prefix, int opcode) {
        exact.put(name, e -> binaryForm(e, prefix, new int[] {0x0F, opcode}));
    }

    /** xmm <- xmm/m, with an optional leading imm8 (or an implied predicate for cmpXXss). */
    private static void binaryForm(Encoder e, int prefix, int[] opcode) {
        List<Operand> ops = e.ops();
        Integer predicate = PREDICATE_OF.get(e.mnemonic());
        int first = ops.size() == 3 ? 1 : 0;
        e.checkCount(predicate == null && ops.size() == 3 ? 3 : 2);
        Operand src = ops.get(first);
        Operand dst = ops.get(first + 1);
        if (!isXmm(dst) || !(isXmm(src) || src instanceof Operand.Mem)) throw e.operandMismatch();
        Insn insn = e.insn();
        prefix(insn, prefix);
        insn.opcode(opcode);
        insn.reg(reg(dst));
        e.rmOperand(src);
        if (predicate != null) insn.immediate(1, new Expr.Num(predicate), Fixup.Kind.DATA);
        else if (first == 1) {
            if (!(ops.get(0) instanceof Operand.Imm imm)) throw e.operandMismatch();
            insn.immediate(1, imm.expr(), Fixup.Kind.DATA);
        }
        e.done();
    }

    private static void withImmediate(Map<String, Encoder.Handler> exact, String name, int prefix, int... opcode) {
        exact.put(name, withImmediateHandler(prefix, opcode));
    }

    private static Encoder.Handler withImmediateHandler(int prefix, int... opcode) {
        return e -> {
            e.checkCount(3);
            binaryForm(e, prefix, opcode);
        };
    }

    private static Encoder.Handler shiftImmediate(String name) {
        return switch (name) {
            case "psrlw" -> e -> immediateShift(e, 0x71, 2);
            case "psraw" -> e -> immediateShift(e, 0x71, 4);
            case "psllw" -> e -> immediateShift(e, 0x71, 6);
            case "psrld" -> e -> immediateShift(e, 0x72, 2);
            case "psrad" -> e -> immediateShift(e, 0x72, 4);
            case "pslld" -> e -> immediateShift(e, 0x72, 6);
            case "psrlq" -> e -> immediateShift(e, 0x73, 2);
            case "psllq" -> e -> immediateShift(e, 0x73, 6);
            default -> null;
        };
    }

    private static void immediateShift(Encoder e, int opcode, int digit) {
        e.checkCount(2);
        if (!(e.ops().get(0) instanceof Operand.Imm imm) || !isXmm(e.ops().get(1))) throw e.operandMismatch();
        Insn insn = e.insn();
        insn.operandSize16 = true;
        insn.opcode(0x0F, opcode);
        insn.digit(digit);
        insn.rm(reg(e.ops().get(1)));
        insn.immediate(1, imm.expr(), Fixup.Kind.DATA);
        e.done();
    }

    private static void gprFromXmm(Encoder e, int prefix, int opcode) {
        e.checkCount(2);
        if (!isXmm(e.ops().get(0)) || !isGpr(e.ops().get(1))) throw e.operandMismatch();
        Insn insn = e.insn();
        prefix(insn, prefix);
        insn.opcode(0x0F, opcode);
        insn.reg(reg(e.ops().get(1)));
        insn.rm(reg(e.ops().get(0)));
        e.done();
    }

    /** cvtsi2sd{l,q}: integer r/m (size from suffix or register) to xmm. */
    private static void intToFloat(Encoder e, int prefix) {
        e.checkCount(2);
        Operand src = e.ops().get(0);
        Operand dst = e.ops().get(1);
        if (!isXmm(dst)) throw e.operandMismatch();
        int size = e.suffix() == 'q' ? 8 : e.suffix() == 'l' ? 4 : isGpr(src) ? reg(src).size() : 4;
        if (size != 4 && size != 8) throw e.operandMismatch();
        Insn insn = e.insn();
        insn.repeat = prefix;
        insn.size(size);
        insn.opcode(0x0F, 0x2A);
        insn.reg(reg(dst));
        e.rmOperand(src);
        e.done();
    }

    /** cvttsd2si and friends: xmm/m to a 32- or 64-bit register. */
    private static void floatToInt(Encoder e, int prefix, int opcode) {
        e.checkCount(2);
        Operand src = e.ops().get(0);
        Operand dst = e.ops().get(1);
        if (!isGpr(dst) || reg(dst).size() < 4) throw e.operandMismatch();
        Insn insn = e.insn();
        insn.repeat = prefix;
        insn.size(reg(dst).size());
        insn.opcode(0x0F, opcode);
        insn.reg(reg(dst));
        e.rmOperand(src);
        e.done();
    }

    /** movq: xmm<-xmm/m64 (F3 0F 7E), m64<-xmm (66 0F D6), and GPR<->xmm with REX.W (66 0F 6E/7E). */
    static void movq(Encoder e) {
        e.checkCount(2);
        Operand src = e.ops().get(0);
        Operand dst = e.ops().get(1);
        Insn insn = e.insn();
        if (isXmm(dst) && isGpr(src)) {
            gprXmm(e, 0x6E, reg(dst), src, true);
        } else if (isXmm(src) && isGpr(dst)) {
            gprXmm(e, 0x7E, reg(src), dst, true);
        } else if (isXmm(dst) && (isXmm(src) || src instanceof Operand.Mem)) {
            insn.repeat = 0xF3;
            insn.opcode(0x0F, 0x7E);
            insn.reg(reg(dst));
            e.rmOperand(src);
            e.done();
        } else if (isXmm(src) && dst instanceof Operand.Mem) {
            insn.operandSize16 = true;
            insn.opcode(0x0F, 0xD6);
            insn.reg(reg(src));
            e.rmOperand(dst);
            e.done();
        } else {
            throw e.operandMismatch();
        }
    }

    /** movd: 32-bit GPR/memory <-> xmm (a 64-bit GPR makes it movq). */
    static void movd(Encoder e) {
        e.checkCount(2);
        Operand src = e.ops().get(0);
        Operand dst = e.ops().get(1);
        if (isXmm(dst) && !isXmm(src)) {
            gprXmm(e, 0x6E, reg(dst), src, isGpr(src) && reg(src).size() == 8);
        } else if (isXmm(src) && !isXmm(dst)) {
            gprXmm(e, 0x7E, reg(src), dst, isGpr(dst) && reg(dst).size() == 8);
        } else throw e.operandMismatch();
    }

    private static void gprXmm(Encoder e, int opcode, Register xmm, Operand other, boolean wide) {
        if (isGpr(other) && reg(other).size() < 4) throw e.operandMismatch();
        Insn insn = e.insn();
        insn.operandSize16 = true;
        insn.rexW = wide;
        insn.opcode(0x0F, opcode);
        insn.reg(xmm);
        e.rmOperand(other);
        e.done();
    }
}
