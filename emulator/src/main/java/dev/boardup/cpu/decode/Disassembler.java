package dev.boardup.cpu.decode;

/**
 * Prints a decoded {@link Instruction} the way GNU objdump -d does in AT&T syntax: "mov    %rsp,%rbp",
 * "movl   $0x0,-0x4(%rbp)", "call   0x401000". Branch targets are plain addresses (no symbols).
 */
public final class Disassembler {
    private Disassembler() {
    }

    /** The instruction text objdump would show (the column after the bytes). */
    public static String format(Instruction insn) {
        byte[] bytes = insn.bytes();
        int at = opcodeIndex(bytes);
        int opcode = bytes[at] & 0xFF;
        int second = at + 1 < bytes.length ? bytes[at + 1] & 0xFF : -1;
        String special = special(insn, bytes, at, opcode, second);
        if (special != null) {
            return special;
        }
        String name = mnemonic(insn, opcode, second, prefix(bytes, at, 0x66));
        String operands = operands(insn, opcode, second);
        String text = operands.isEmpty() ? name : pad(name) + operands;
        for (Operand o : insn.operands) {
            if (o.isMem() && o.ripRelative) {
                text += "        # 0x" + Long.toHexString(o.addr32 ? o.disp & 0xFFFFFFFFL : o.disp);
            }
        }
        return text;
    }

    private static String pad(String mnemonic) {
        StringBuilder sb = new StringBuilder(mnemonic);
        while (sb.length() < 6) {
            sb.append(' ');
        }
        return sb.append(' ').toString();
    }

    private static boolean isPrefix(int b) {
        return switch (b) {
            case 0x66, 0x67, 0xF0, 0xF2, 0xF3, 0x2E, 0x36, 0x3E, 0x26, 0x64, 0x65 -> true;
            default -> b >= 0x40 && b <= 0x4F;
        };
    }

    private static int opcodeIndex(byte[] bytes) {
        int i = 0;
        while (i < bytes.length - 1 && isPrefix(bytes[i] & 0xFF)) {
            i++;
        }
        return i;
    }

    private static boolean prefix(byte[] bytes, int end, int value) {
        for (int i = 0; i < end; i++) {
            if ((bytes[i] & 0xFF) == value) {
                return true;
            }
        }
        return false;
    }

    private static boolean rexW(byte[] bytes, int at) {
        return at > 0 && (bytes[at - 1] & 0xF8) == 0x48;
    }

    // ---------------------------------------------------------------- forms with their own spelling

    private static String special(Instruction insn, byte[] bytes, int at, int opcode, int second) {
        if (insn.op == Op.PRIVILEGED) {
            return privileged(bytes, at, opcode);
        }
        if (insn.op == Op.NOP) {
            return nop(insn, bytes, at, opcode, second);
        }
        if (insn.op == Op.X87) {
            return x87(insn);
        }
        if (insn.op == Op.ENTER) {
            return pad("enter") + insn.operands[0] + "," + insn.operands[1];
        }
        return null;
    }

    private static String privileged(byte[] bytes, int at, int opcode) {
        String imm = at + 1 < bytes.length ? "$0x" + Integer.toHexString(bytes[at + 1] & 0xFF) : "";
        return switch (opcode) {
            case 0xF4 -> "hlt";
            case 0xFA -> "cli";
            case 0xFB -> "sti";
            case 0xCD -> pad("int") + imm;
            case 0xE4 -> pad("in") + imm + ",%al";
            case 0xE5 -> pad("in") + imm + ",%eax";
            case 0xE6 -> pad("out") + "%al," + imm;
            case 0xE7 -> pad("out") + "%eax," + imm;
            case 0xEC -> pad("in") + "(%dx),%al";
            case 0xED -> pad("in") + "(%dx),%eax";
            case 0xEE -> pad("out") + "%al,(%dx)";
            case 0xEF -> pad("out") + "%eax,(%dx)";
            default -> "(privileged)";
        };
    }

    private static String nop(Instruction insn, byte[] bytes, int at, int opcode, int second) {
        if (opcode == 0x9B) {
            return "fwait";
        }
        if (opcode == 0x90) {
            if (prefix(bytes, at, 0xF3)) {
                return "pause";
            }
            return insn.opSize == 2 ? pad("xchg") + "%ax,%ax" : "nop";
        }
        if (second == 0xAE) {
            int reg = (bytes[at + 2] >> 3) & 7;
            if (insn.operands.length == 0) {
                return reg == 5 ? "lfence" : reg == 6 ? "mfence" : "sfence";
            }
            return pad("clflush") + insn.operands[0];
        }
        if (second == 0x1E && prefix(bytes, at, 0xF3) && at + 2 < bytes.length && (bytes[at + 2] & 0xFF) == 0xFA) {
            return "endbr64";
        }
        Operand o = insn.operands[0];
        int reg = (bytes[at + 2] >> 3) & 7;
        if (second == 0x18 && reg < 4) {
            String[] hints = {"prefetchnta", "prefetcht0", "prefetcht1", "prefetcht2"};
            return pad(hints[reg]) + o;
        }
        if (second == 0x0D) {
            return pad(reg == 1 ? "prefetchw" : "prefetch") + o;
        }
        return pad(unusedPrefixes(bytes, at) + sized(insn, "nop")) + o;
    }

    /** Prefixes that change nothing, as objdump names them: all but the last 0x66 ("data16"), segment overrides. */
    private static String unusedPrefixes(byte[] bytes, int at) {
        StringBuilder sb = new StringBuilder();
        int last66 = -1;
        for (int i = 0; i < at; i++) {
            if ((bytes[i] & 0xFF) == 0x66) {
                last66 = i;
            }
        }
        for (int i = 0; i < at; i++) {
            String name = switch (bytes[i] & 0xFF) {
                case 0x66 -> i == last66 ? null : "data16";
                case 0x2E -> "cs";
                case 0x3E -> "ds";
                case 0x26 -> "es";
                case 0x36 -> "ss";
                default -> null;
            };
            if (name != null) {
                sb.append(name).append(' ');
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- x87

    private static final String[] X87_ARITH = {"fadd", "fmul", "fcom", "fcomp", "fsub", "fsubr", "fdiv", "fdivr"};
    private static final String[] X87_INT_ARITH = {"fiadd", "fimul", "ficom", "ficomp", "fisub", "fisubr", "fidiv",
        "fidivr"};
    private static final String[] FCMOV = {"fcmovb", "fcmove", "fcmovbe", "fcmovu"};
    private static final String[] FCMOVN = {"fcmovnb", "fcmovne", "fcmovnbe", "fcmovnu"};

    /** x87 forms in objdump's AT&T spelling (where DC/DE register forms keep the D8 names, as gas does). */
    private static String x87(Instruction insn) {
        int v = insn.variant;
        int opcode = (v >> 3) & 7;
        int digit = v & 7;
        int i = (v >> 7) & 7;
        String sti = "%st(" + i + ")";
        if ((v & 64) == 0) {
            String m = insn.operands[0].toString();
            String name = switch (opcode) {
                case 0 -> X87_ARITH[digit] + "s";
                case 4 -> X87_ARITH[digit] + "l";
                case 2 -> X87_INT_ARITH[digit] + "l";
                case 6 -> X87_INT_ARITH[digit] + "s";
                case 1 -> new String[] {"flds", "", "fsts", "fstps", "", "fldcw", "", "fnstcw"}[digit];
                case 3 -> new String[] {"fildl", "", "fistl", "fistpl", "", "fldt", "", "fstpt"}[digit];
                case 5 -> new String[] {"fldl", "", "fstl", "fstpl", "", "", "", "fnstsw"}[digit];
                default -> new String[] {"filds", "", "fists", "fistps", "", "fildll", "", "fistpll"}[digit];
            };
            return pad(name) + m;
        }
        switch (opcode) {
            case 0:
                return pad(X87_ARITH[digit]) + (digit == 2 || digit == 3 ? sti : sti + ",%st");
            case 4:
                return pad(X87_ARITH[digit]) + "%st," + sti;
            case 6:
                return digit == 3 ? "fcompp" : pad(X87_ARITH[digit] + "p") + "%st," + sti;
            case 1:
                switch (digit) {
                    case 0:
                        return pad("fld") + sti;
                    case 1:
                        return pad("fxch") + sti;
                    case 2:
                        return "fnop";
                    case 4:
                        return new String[] {"fchs", "fabs", "", "", "ftst", "fxam", "", ""}[i];
                    case 5:
                        return i == 0 ? "fld1" : "fldz";
                    default:
                        return i == 2 ? "fsqrt" : "frndint";
                }
            case 2:
                return digit <= 3 ? pad(FCMOV[digit]) + sti + ",%st" : "fucompp";
            case 3:
                if (digit <= 3) {
                    return pad(FCMOVN[digit]) + sti + ",%st";
                }
                if (digit == 4) {
                    return i == 2 ? "fnclex" : "fninit";
                }
                return pad(digit == 5 ? "fucomi" : "fcomi") + sti + ",%st";
            case 5:
                return pad(new String[] {"ffree", "", "fst", "fstp", "fucom", "fucomp", "", ""}[digit]) + sti;
            default:
                if (digit == 4) {
                    return pad("fnstsw") + "%ax";
                }
                return pad(digit == 5 ? "fucomip" : "fcomip") + sti + ",%st";
        }
    }

    // ---------------------------------------------------------------- mnemonics

    private static String suffix(int size) {
        return switch (size) {
            case 1 -> "b";
            case 2 -> "w";
            case 4 -> "l";
            default -> "q";
        };
    }

    /** objdump adds a size suffix when no register operand tells the size (a shift's %cl count does not). */
    private static boolean needsSuffix(Instruction insn) {
        boolean mem = false;
        boolean shift = insn.op >= Op.ROL && insn.op <= Op.SAR;
        for (Operand o : shift ? new Operand[] {insn.operands[0]} : insn.operands) {
            if (o.isReg() || o.isXmm()) {
                return false;
            }
            mem |= o.isMem();
        }
        return mem;
    }

    private static String sized(Instruction insn, String name) {
        return needsSuffix(insn) ? name + suffix(insn.opSize) : name;
    }

    private static String mnemonic(Instruction insn, int opcode, int second, boolean has66) {
        int op = insn.op;
        String cc = Instruction.conditionName(insn.cond);
        switch (op) {
            case Op.MOV:
                if (opcode >= 0xA0 && opcode <= 0xA3 || opcode >= 0xB8 && opcode <= 0xBF && insn.opSize == 8) {
                    return "movabs";
                }
                return sized(insn, "mov");
            case Op.MOVZX:
            case Op.MOVSX: {
                int from = insn.operands[1].size;
                String base = op == Op.MOVZX ? "movz" : "movs";
                return base + suffix(from) + suffix(insn.opSize);
            }
            case Op.CBW:
                return insn.opSize == 2 ? "cbtw" : insn.opSize == 4 ? "cwtl" : "cltq";
            case Op.CWD:
                return insn.opSize == 2 ? "cwtd" : insn.opSize == 4 ? "cltd" : "cqto";
            case Op.PUSH:
            case Op.POP:
                return Op.NAMES[op] + (insn.opSize == 2 && !insn.operands[0].isReg() ? "w" : "");
            case Op.PUSHF:
            case Op.POPF:
                return Op.NAMES[op] + (insn.opSize == 2 ? "w" : "");
            case Op.LEAVE:
                return insn.opSize == 2 ? "leavew" : "leave";
            case Op.JCC:
                return "j" + cc;
            case Op.SETCC:
                return "set" + cc;
            case Op.CMOVCC:
                return "cmov" + cc;
            case Op.JRCXZ:
                return insn.addrSize == 8 ? "jrcxz" : "jecxz";
            case Op.MOVS:
            case Op.CMPS:
                return repPrefix(insn) + Op.NAMES[op] + suffix(insn.opSize);
            case Op.STOS:
            case Op.LODS:
            case Op.SCAS:
                return repPrefix(insn) + Op.NAMES[op];
            case Op.IMUL1:
                return sized(insn, "imul");
            case Op.CALL:
            case Op.JMP:
            case Op.RET:
                return Op.NAMES[op];
            case Op.CMPXCHG8B:
            case Op.CMPXCHG16B:
                return lock(insn) + Op.NAMES[op];
            case Op.LDMXCSR:
            case Op.STMXCSR:
                return Op.NAMES[op];
            case Op.XLAT:
                return "xlat";
            default:
                break;
        }
        if (op >= Op.MOVSS) {
            return SseNames.name(insn, second, has66);
        }
        return lock(insn) + sized(insn, Op.NAMES[op]);
    }

    private static String lock(Instruction insn) {
        return insn.lock ? "lock " : "";
    }

    private static String repPrefix(Instruction insn) {
        boolean compares = insn.op == Op.CMPS || insn.op == Op.SCAS;
        return switch (insn.rep) {
            case Instruction.REP_E -> compares ? "repz " : "rep ";
            case Instruction.REP_NE -> compares ? "repnz " : "repnz ";
            default -> "";
        };
    }

    // ---------------------------------------------------------------- operands

    private static String operands(Instruction insn, int opcode, int second) {
        Operand[] ops = insn.operands;
        switch (insn.op) {
            case Op.MOVS:
                return segment(insn, "%ds:") + "(%rsi),%es:(%rdi)";
            case Op.CMPS:
                return "%es:(%rdi)," + segment(insn, "%ds:") + "(%rsi)";
            case Op.STOS:
                return accumulator(insn) + ",%es:(%rdi)";
            case Op.LODS:
                return segment(insn, "%ds:") + "(%rsi)," + accumulator(insn);
            case Op.SCAS:
                return "%es:(%rdi)," + accumulator(insn);
            case Op.CALL:
            case Op.JMP:
                return ops[0].kind == Operand.REL ? target(ops[0]) : "*" + show(insn, ops[0]);
            case Op.JCC:
            case Op.JRCXZ:
            case Op.LOOP:
            case Op.LOOPE:
            case Op.LOOPNE:
                return target(ops[0]);
            case Op.IMUL:
                if (!ops[2].isImm()) {
                    return show(insn, ops[2]) + "," + ops[0];
                }
                break;
            case Op.CMPF:
                return show(insn, ops[1]) + "," + ops[0];
            case Op.XLAT:
                return segment(insn, "%ds:") + (insn.addrSize == 4 ? "(%ebx)" : "(%rbx)");
            default:
                break;
        }
        if (insn.op >= Op.ROL && insn.op <= Op.SAR && (opcode == 0xD0 || opcode == 0xD1)) {
            return show(insn, ops[0]); // shift by one: objdump leaves the count out
        }
        StringBuilder sb = new StringBuilder();
        for (int i = ops.length - 1; i >= 0; i--) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(show(insn, ops[i]));
        }
        return sb.toString();
    }

    /** An operand as objdump shows it: like {@link Operand#toString()} but RIP-relative with its displacement. */
    private static String show(Instruction insn, Operand o) {
        if (!o.isMem() || !o.ripRelative) {
            return o.toString();
        }
        long disp = o.disp - insn.next();
        if (o.addr32) {
            disp = (int) disp;
        }
        String seg = o.segment == Operand.SEG_FS ? "%fs:" : o.segment == Operand.SEG_GS ? "%gs:" : "";
        String hex = disp < 0 ? "-0x" + Long.toHexString(-disp) : "0x" + Long.toHexString(disp);
        return seg + hex + (o.addr32 ? "(%eip)" : "(%rip)");
    }

    private static String target(Operand rel) {
        return "0x" + Long.toHexString(rel.imm);
    }

    private static String segment(Instruction insn, String normal) {
        return insn.segment == Operand.SEG_FS ? "%fs:" : insn.segment == Operand.SEG_GS ? "%gs:" : normal;
    }

    private static String accumulator(Instruction insn) {
        return "%" + Operand.regName(insn.opSize, 0);
    }

    /** SSE mnemonics, picked by opcode and mandatory prefix (variant). */
    private static final class SseNames {
        private static final String[] PREDICATES = {"eq", "lt", "le", "unord", "neq", "nlt", "nle", "ord"};
        private static final String[] FLOAT_SUFFIX = {"ps", "pd", "ss", "sd"};
        private static final String[] ELEMENT = {"", "b", "w", "", "d", "", "", "", "q"};

        static String name(Instruction insn, int second, boolean has66) {
            int v = insn.variant;
            String f = v >= 0 && v < 4 ? FLOAT_SUFFIX[v] : "";
            switch (insn.op) {
                case Op.MOVSS:
                    return "movss";
                case Op.MOVSD_X:
                    return "movsd";
                case Op.MOVA:
                    if (second == 0x6F || second == 0x7F) {
                        return "movdqa";
                    }
                    if (second == 0xE7) {
                        return "movntdq";
                    }
                    if (second == 0x2B) {
                        return "movnt" + f;
                    }
                    return "mova" + f;
                case Op.MOVU:
                    return second == 0x6F || second == 0x7F ? "movdqu" : "movu" + f;
                case Op.MOVD_TO_X:
                    return insn.operands[1].size == 8 ? "movq" : "movd";
                case Op.MOVD_FROM_X:
                    return insn.operands[0].size == 8 ? "movq" : "movd";
                case Op.MOVQ_X:
                    return "movq";
                case Op.MOVLP:
                    return "movl" + f;
                case Op.MOVHP:
                    return "movh" + f;
                case Op.FADD, Op.FSUB, Op.FMUL, Op.FDIV, Op.FSQRT, Op.FMIN, Op.FMAX:
                    return Op.NAMES[insn.op] + f;
                case Op.CVTSI2F: {
                    String name = "cvtsi2" + f;
                    Operand src = insn.operands[1];
                    return src.isMem() ? name + (src.size == 8 ? "q" : "l") : name;
                }
                case Op.CVTTF2SI:
                    return "cvtt" + f + "2si";
                case Op.CVTF2SI:
                    return "cvt" + f + "2si";
                case Op.CVTS2S:
                    return v == Instruction.SS ? "cvtss2sd" : "cvtsd2ss";
                case Op.CVTP2P:
                    return v == Instruction.PS ? "cvtps2pd" : "cvtpd2ps";
                case Op.CVTDQ2P:
                    return "cvtdq2" + f;
                case Op.CVTTP2DQ:
                    return "cvtt" + f + "2dq";
                case Op.CVTP2DQ:
                    return "cvt" + f + "2dq";
                case Op.UCOMIS:
                    return "ucomis" + (v == Instruction.SS ? "s" : "d");
                case Op.COMIS:
                    return "comis" + (v == Instruction.SS ? "s" : "d");
                case Op.ANDP, Op.ANDNP, Op.ORP, Op.XORP:
                    if (second >= 0xD0) {
                        return switch (insn.op) {
                            case Op.ANDP -> "pand";
                            case Op.ANDNP -> "pandn";
                            case Op.ORP -> "por";
                            default -> "pxor";
                        };
                    }
                    return Op.NAMES[insn.op] + (v == Instruction.PS ? "s" : "d");
                case Op.UNPCKLP, Op.UNPCKHP, Op.SHUFP:
                    return Op.NAMES[insn.op] + (v == Instruction.PS ? "s" : "d");
                case Op.MOVMSKP:
                    return "movmskp" + (v == Instruction.PS ? "s" : "d");
                case Op.PADD, Op.PSUB, Op.PCMPEQ, Op.PCMPGT, Op.PSLL, Op.PSRL, Op.PSRA, Op.PADDS, Op.PADDUS, Op.PSUBS,
                        Op.PSUBUS, Op.PAVG:
                    return Op.NAMES[insn.op] + ELEMENT[v];
                case Op.PUNPCKL, Op.PUNPCKH:
                    return Op.NAMES[insn.op] + (v == 1 ? "bw" : v == 2 ? "wd" : v == 4 ? "dq" : "qdq");
                case Op.CMPF:
                    return "cmp" + PREDICATES[(int) (insn.operands[2].imm & 7)] + f;
                default:
                    return Op.NAMES[insn.op];
            }
        }
    }
}
