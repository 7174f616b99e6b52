package dev.boardup.difftest;

/** x87 forms as gcc emits them for long double and glibc for printf: loads, stores, arithmetic, compares. */
final class X87Forms extends Catalog {
    /** Operand registers: ST(7) is the one random inputs may leave empty (see NotYetImplemented). */
    static final String[] ST = NotYetImplemented.X87_STACK_FAULTS ? new String[] {"%st(1)", "%st(2)", "%st(7)"}
            : new String[] {"%st(1)", "%st(2)", "%st(6)"};

    X87Forms(long seed) {
        super(seed);
        Form.Setup rbx = point(RBX, 0x100, 8);
        for (String op : new String[] {"fld1", "fldz", "fldpi", "fldl2e", "fldln2", "fchs", "fabs", "fsqrt",
            "frndint", "ftst", "fxam", "fincstp", "fdecstp", "fninit", "fwait", "fprem", "fprem1", "fscale",
            "fxtract", "fnclex", "fnop"}) {
            add(op, op, 0);
        }
        for (String op : new String[] {"fadd", "fsub", "fsubr", "fmul", "fdiv", "fdivr"}) {
            for (String st : ST) {
                add(op + " st,st(i)", op + " " + st + ",%st", 0);
                add(op + " st(i),st", op + " %st," + st, 0);
                add(op + "p st(i),st", op + "p %st," + st, 0);
            }
            add(op + " m64", op + "l 0x8(%rbx)", rbx, 0);
            add(op + " m32", op + "s 0x8(%rbx)", rbx, 0);
            add("fi" + op.substring(1) + " m32", "fi" + op.substring(1) + "l 0x8(%rbx)", rbx, 0);
        }
        for (String st : ST) {
            add("fld st(i)", "fld " + st, 0);
            add("fst st(i)", "fst " + st, 0);
            add("fstp st(i)", "fstp " + st, 0);
            add("fxch", "fxch " + st, 0);
            add("fcomi", "fcomi " + st + ",%st", 0);
            add("fucomi", "fucomi " + st + ",%st", 0);
            add("fcomip", "fcomip " + st + ",%st", 0);
            add("fucomip", "fucomip " + st + ",%st", 0);
            add("fcom", "fcom " + st, 0);
            add("fucomp", "fucomp " + st, 0);
            add("ffree", "ffree " + st, 0);
            for (String cc : new String[] {"b", "e", "be", "u", "nb", "ne", "nbe", "nu"}) {
                add("fcmov" + cc, "fcmov" + cc + " " + st + ",%st", 0);
            }
        }
        add("fucompp", "fucompp", 0);
        add("fcompp", "fcompp", 0);
        for (String load : new String[] {"flds", "fldl", "fldt", "filds", "fildl", "fildll"}) {
            add(load + " m", load + " 0x8(%rbx)", rbx, 0);
        }
        for (String store : new String[] {"fsts", "fstl", "fstps", "fstpl", "fstpt", "fists", "fistl", "fistps",
            "fistpl", "fistpll", "fisttps", "fisttpl", "fisttpll"}) {
            add(store + " m", store + " 0x8(%rbx)", rbx, 0);
        }
        add("fnstcw m16", "fnstcw 0x8(%rbx)", rbx, 0);
        add("fnstsw m16", "fnstsw 0x8(%rbx)", rbx, 0);
        add("fnstsw ax", "fnstsw %ax", 0);
        // FLDCW from memory whose exception masks stay set (an unmasked pending exception would raise #MF).
        add("fldcw m16", "fldcw 0x8(%rbx)", rbx.then((r, in) -> {
            int off = (int) (in.gpr[RBX] + 8 - Layout.MEM);
            in.mem[off] |= 0x3F;
        }), 0);
    }
}
