package dev.boardup.toolchain.as;

import java.util.Map;

/** The x87 instructions a C compiler needs for long double, in gas's AT&T spelling. */
final class X87 {
    private X87() {}

    static void register(Map<String, Encoder.Handler> exact) {
        // Memory forms: mnemonic -> opcode, /digit.
        memory(exact, "flds", 0xD9, 0);
        memory(exact, "fldl", 0xDD, 0);
        memory(exact, "fldt", 0xDB, 5);
        memory(exact, "fsts", 0xD9, 2);
        memory(exact, "fstl", 0xDD, 2);
        memory(exact, "fstps", 0xD9, 3);
        memory(exact, "fstpl", 0xDD, 3);
        memory(exact, "fstpt", 0xDB, 7);
        memory(exact, "filds", 0xDF, 0);
        memory(exact, "fildl", 0xDB, 0);
        memory(exact, "fildll", 0xDF, 5);
        memory(exact, "fildq", 0xDF, 5);
        memory(exact, "fists", 0xDF, 2);
        memory(exact, "fistl", 0xDB, 2);
        memory(exact, "fistps", 0xDF, 3);
        memory(exact, "fistpl", 0xDB, 3);
        memory(exact, "fistpll", 0xDF, 7);
        memory(exact, "fistpq", 0xDF, 7);
        memory(exact, "fisttps", 0xDF, 1);
        memory(exact, "fisttpl", 0xDB, 1);
        memory(exact, "fisttpll", 0xDD, 1);
        memory(exact, "fisttpq", 0xDD, 1);
        memory(exact, "fnstcw", 0xD9, 7);
        memory(exact, "fldcw", 0xD9, 5);
        memory(exact, "fnstenv", 0xD9, 6);
        memory(exact, "fldenv", 0xD9, 4);
        String[] arith = {"add", "mul", "com", "comp", "sub", "subr", "div", "divr"};
        for (int n = 0; n < arith.length; n++) {
            memory(exact, "f" + arith[n] + "s", 0xD8, n);
            memory(exact, "f" + arith[n] + "l", 0xDC, n);
            memory(exact, "fi" + arith[n] + "l", 0xDA, n);
            memory(exact, "fi" + arith[n] + "s", 0xDE, n);
        }
        // Register forms: st(i) in the low opcode bits.
        stack(exact, "fld", 0xD9, 0xC0, 1);
        stack(exact, "fst", 0xDD, 0xD0, 1);
        stack(exact, "fstp", 0xDD, 0xD8, 1);
        stack(exact, "fxch", 0xD9, 0xC8, 1);
        stack(exact, "fucom", 0xDD, 0xE0, 1);
        stack(exact, "fucomp", 0xDD, 0xE8, 1);
        stack(exact, "fucomi", 0xDB, 0xE8, 1);
        stack(exact, "fucomip", 0xDF, 0xE8, 1);
        stack(exact, "fcomi", 0xDB, 0xF0, 1);
        stack(exact, "fcomip", 0xDF, 0xF0, 1);
        stack(exact, "ffree", 0xDD, 0xC0, 0);
        // Popping arithmetic: gas's AT&T fsubp is Intel's fsubrp (the SysV "AT&T bug"), likewise for div.
        stack(exact, "faddp", 0xDE, 0xC0, 1);
        stack(exact, "fmulp", 0xDE, 0xC8, 1);
        stack(exact, "fsubp", 0xDE, 0xE0, 1);
        stack(exact, "fsubrp", 0xDE, 0xE8, 1);
        stack(exact, "fdivp", 0xDE, 0xF0, 1);
        stack(exact, "fdivrp", 0xDE, 0xF8, 1);
        String[] twoOp = {"fadd", "fmul", "fsub", "fsubr", "fdiv", "fdivr"};
        int[] toSt0 = {0xC0, 0xC8, 0xE0, 0xE8, 0xF0, 0xF8};
        int[] fromSt0 = toSt0;
        for (int i = 0; i < twoOp.length; i++) {
            int a = toSt0[i];
            int b = fromSt0[i];
            exact.put(twoOp[i], e -> arithmetic(e, a, b));
        }
        fixed(exact, "fchs", 0xD9, 0xE0);
        fixed(exact, "fabs", 0xD9, 0xE1);
        fixed(exact, "ftst", 0xD9, 0xE4);
        fixed(exact, "fxam", 0xD9, 0xE5);
        fixed(exact, "fld1", 0xD9, 0xE8);
        fixed(exact, "fldl2t", 0xD9, 0xE9);
        fixed(exact, "fldl2e", 0xD9, 0xEA);
        fixed(exact, "fldpi", 0xD9, 0xEB);
        fixed(exact, "fldlg2", 0xD9, 0xEC);
        fixed(exact, "fldln2", 0xD9, 0xED);
        fixed(exact, "fldz", 0xD9, 0xEE);
        fixed(exact, "f2xm1", 0xD9, 0xF0);
        fixed(exact, "fyl2x", 0xD9, 0xF1);
        fixed(exact, "fptan", 0xD9, 0xF2);
        fixed(exact, "fpatan", 0xD9, 0xF3);
        fixed(exact, "fprem1", 0xD9, 0xF5);
        fixed(exact, "fprem", 0xD9, 0xF8);
        fixed(exact, "fsqrt", 0xD9, 0xFA);
        fixed(exact, "frndint", 0xD9, 0xFC);
        fixed(exact, "fscale", 0xD9, 0xFD);
        fixed(exact, "fsin", 0xD9, 0xFE);
        fixed(exact, "fcos", 0xD9, 0xFF);
        fixed(exact, "fucompp", 0xDA, 0xE9);
        fixed(exact, "fcompp", 0xDE, 0xD9);
        fixed(exact, "fninit", 0xDB, 0xE3);
        fixed(exact, "fnclex", 0xDB, 0xE2);
        fixed(exact, "fwait", 0x9B);
        fixed(exact, "wait", 0x9B);
        exact.put("fnstsw", e -> {
            e.checkCount(0, 1);
            if (e.ops().isEmpty() || e.ops().get(0) instanceof Operand.Reg r && r.reg().name().equals("ax")) {
                e.insn().opcode(0xDF, 0xE0);
            } else {
                e.insn().opcode(0xDD);
                e.insn().digit(7);
                e.rmOperand(e.ops().get(0));
            }
            e.done();
        });
        exact.put("fld", e -> {
            if (e.ops().size() == 1 && e.ops().get(0) instanceof Operand.Mem) memoryForm(e, 0xD9, 0);
            else stackForm(e, 0xD9, 0xC0, 1);
        });
    }

    private static void memory(Map<String, Encoder.Handler> exact, String name, int opcode, int digit) {
        exact.put(name, e -> memoryForm(e, opcode, digit));
    }

    private static void memoryForm(Encoder e, int opcode, int digit) {
        e.checkCount(1);
        if (!(e.ops().get(0) instanceof Operand.Mem)) throw e.operandMismatch();
        e.insn().opcode(opcode);
        e.insn().digit(digit);
        e.rmOperand(e.ops().get(0));
        e.done();
    }

    private static void stack(Map<String, Encoder.Handler> exact, String name, int opcode, int base, int dflt) {
        exact.put(name, e -> stackForm(e, opcode, base, dflt));
    }

    /** One %st(i) operand (the other, if written, must be %st); no operand means %st(dflt). */
    private static void stackForm(Encoder e, int opcode, int base, int dflt) {
        e.checkCount(0, 1, 2);
        int i = dflt;
        for (Operand o : e.ops()) {
            if (!(o instanceof Operand.Reg r) || r.reg().kind() != Register.Kind.ST) throw e.operandMismatch();
            if (r.reg().number() != 0 || e.ops().size() == 1) i = r.reg().number();
        }
        e.insn().opcode(opcode, base + i);
        e.done();
    }

    private static void fixed(Map<String, Encoder.Handler> exact, String name, int... opcode) {
        exact.put(name, e -> {
            e.checkCount(0);
            e.insn().opcode(opcode);
            e.done();
        });
    }

    /** fadd %st(i),%st (D8) or fadd %st,%st(i) (DC); gas keeps the D8 opcode digits in the DC form. */
    private static void arithmetic(Encoder e, int toSt0, int fromSt0) {
        e.checkCount(1, 2);
        for (Operand o : e.ops()) {
            if (!(o instanceof Operand.Reg r) || r.reg().kind() != Register.Kind.ST) throw e.operandMismatch();
        }
        Register src = ((Operand.Reg) e.ops().get(0)).reg();
        Register dst = e.ops().size() == 2 ? ((Operand.Reg) e.ops().get(1)).reg() : Register.lookup("st");
        if (dst.number() == 0) e.insn().opcode(0xD8, toSt0 + src.number());
        else if (src.number() == 0) e.insn().opcode(0xDC, fromSt0 + dst.number());
        else throw e.operandMismatch();
        e.done();
    }
}
