package dev.boardup.difftest;

/**
 * The SSE/SSE2 (and the few SSSE3/SSE4.1) forms a C compiler emits for x86-64: scalar and packed float
 * arithmetic, compares, conversions, moves, shuffles and packed integer operations.
 */
final class SseForms extends Catalog {
    static final String[][] XPAIRS = {{"xmm0", "xmm1"}, {"xmm7", "xmm8"}, {"xmm15", "xmm3"}, {"xmm2", "xmm2"}};

    SseForms(long seed) {
        super(seed);
        floatArithmetic();
        floatCompares();
        conversions();
        moves();
        shuffles();
        packedInteger();
        sseFaults();
    }

    /** Sometimes a non-default rounding mode, sometimes FTZ and DAZ; exceptions stay masked. */
    static final Form.Setup ROUNDING = (r, in) -> {
        if (r.nextInt(3) == 0) {
            in.mxcsr |= r.nextInt(4) << 13;
            if (r.nextInt(4) == 0) {
                in.mxcsr |= 0x8040;
            }
        }
    };

    private void regMem(String group, String op, boolean aligned, Form.Setup extra, long undefined) {
        for (String[] p : XPAIRS) {
            add(group + " xmm,xmm", op + " %" + p[0] + ",%" + p[1], extra, undefined);
        }
        Mem m = pick(aligned ? ALIGNED_MEMS : MEMS);
        add(group + " xmm,m", op + " " + m.text() + ",%xmm" + (4 + random.nextInt(12)), m.setup().then(extra), undefined);
    }

    private void floatArithmetic() {
        for (String op : new String[] {"add", "sub", "mul", "div", "min", "max", "sqrt"}) {
            for (String kind : new String[] {"ss", "sd"}) {
                regMem(op + kind, op + kind, false, ROUNDING, 0);
            }
            for (String kind : new String[] {"ps", "pd"}) {
                regMem(op + kind, op + kind, true, ROUNDING, 0);
            }
        }
        for (String op : new String[] {"and", "andn", "or", "xor"}) {
            for (String kind : new String[] {"ps", "pd"}) {
                regMem(op + kind, op + kind, true, Form.Setup.NONE, 0);
            }
        }
    }

    private void floatCompares() {
        for (String kind : new String[] {"ss", "sd", "ps", "pd"}) {
            for (int predicate = 0; predicate < 8; predicate++) {
                String[] p = XPAIRS[random.nextInt(XPAIRS.length)];
                add("cmp" + kind + " xmm,xmm,imm8", "cmp" + kind + " $" + predicate + ",%" + p[0] + ",%" + p[1], ROUNDING, 0);
            }
            Mem m = pick(kind.startsWith("p") ? ALIGNED_MEMS : MEMS);
            add("cmp" + kind + " xmm,m,imm8", "cmp" + kind + " $" + random.nextInt(8) + "," + m.text() + ",%xmm9",
                    m.setup().then(ROUNDING), 0);
        }
        for (String op : new String[] {"comiss", "comisd", "ucomiss", "ucomisd"}) {
            regMem(op, op, false, ROUNDING, 0);
        }
    }

    private void conversions() {
        for (String to : new String[] {"sd", "ss"}) {
            for (String src : new String[] {"eax", "r9d", "rax", "r9"}) {
                add("cvtsi2" + to + " xmm,r" + (src.startsWith("e") || src.endsWith("d") ? 32 : 64),
                        "cvtsi2" + to + (src.startsWith("e") || src.endsWith("d") ? "l" : "q") + " %" + src + ",%xmm3", ROUNDING, 0);
            }
            Mem m = pick(MEMS);
            add("cvtsi2" + to + " xmm,m64", "cvtsi2" + to + "q " + m.text() + ",%xmm5", m.setup().then(ROUNDING), 0);
        }
        for (String op : new String[] {"cvttsd2si", "cvtsd2si", "cvttss2si", "cvtss2si"}) {
            for (String dst : new String[] {"eax", "r10", "ecx", "rdx"}) {
                String[] p = XPAIRS[random.nextInt(XPAIRS.length)];
                add(op + " r" + (dst.startsWith("e") ? 32 : 64) + ",xmm", op + " %" + p[0] + ",%" + dst, ROUNDING, 0);
            }
            Mem m = pick(MEMS);
            add(op + " r64,m", op + " " + m.text() + ",%rcx", m.setup().then(ROUNDING), 0);
        }
        for (String op : new String[] {"cvtsd2ss", "cvtss2sd"}) {
            regMem(op, op, false, ROUNDING, 0);
        }
        for (String op : new String[] {"cvtdq2pd", "cvtdq2ps", "cvttps2dq", "cvtps2dq", "cvtps2pd", "cvtpd2ps",
            "cvttpd2dq", "cvtpd2dq"}) {
            regMem(op, op, !op.equals("cvtdq2pd") && !op.equals("cvtps2pd"), ROUNDING, 0);
        }
    }

    private void moves() {
        for (String op : new String[] {"movaps", "movups", "movapd", "movupd", "movdqa", "movdqu"}) {
            boolean aligned = op.contains("a");
            regMem(op + " load", op, aligned, Form.Setup.NONE, 0);
            Mem m = pick(aligned ? ALIGNED_MEMS : MEMS);
            add(op + " m,xmm", op + " %xmm6," + m.text(), m.setup(), 0);
        }
        for (String op : new String[] {"movss", "movsd"}) {
            regMem(op + " load", op, false, Form.Setup.NONE, 0);
            Mem m = pick(MEMS);
            add(op + " m,xmm", op + " %xmm12," + m.text(), m.setup(), 0);
        }
        for (String op : new String[] {"movhps", "movlps", "movhpd", "movlpd"}) {
            Mem m = pick(MEMS);
            add(op + " xmm,m64", op + " " + m.text() + ",%xmm2", m.setup(), 0);
            add(op + " m64,xmm", op + " %xmm9," + m.text(), m.setup(), 0);
        }
        add("movhlps", "movhlps %xmm1,%xmm2", 0);
        add("movlhps", "movlhps %xmm10,%xmm0", 0);
        add("movd xmm,r32", "movd %eax,%xmm1", 0);
        add("movd xmm,r32", "movd %r11d,%xmm14", 0);
        add("movd r32,xmm", "movd %xmm3,%ecx", 0);
        add("movq xmm,r64", "movq %rdx,%xmm7", 0);
        add("movq r64,xmm", "movq %xmm12,%r8", 0);
        add("movq xmm,xmm", "movq %xmm4,%xmm5", 0);
        Mem m = pick(MEMS);
        add("movd xmm,m32", "movd " + m.text() + ",%xmm8", m.setup(), 0);
        add("movq xmm,m64", "movq " + m.text() + ",%xmm8", m.setup(), 0);
        add("movq m64,xmm", "movq %xmm11," + m.text(), m.setup(), 0);
        add("movd m32,xmm", "movd %xmm11," + m.text(), m.setup(), 0);
        add("movmskps", "movmskps %xmm3,%eax", 0);
        add("movmskpd", "movmskpd %xmm9,%r10d", 0);
        add("pmovmskb", "pmovmskb %xmm5,%edx", 0);
        add("movnti m64,r64", "movnti %rcx,0x8(%rbx)", point(RBX, 0x100, 8), 0);
        add("movntdq m128,xmm", "movntdq %xmm3,0x10(%rbx)", point(RBX, 0x100, 1), 0);
    }

    private void shuffles() {
        for (String op : new String[] {"unpcklps", "unpckhps", "unpcklpd", "unpckhpd"}) {
            regMem(op, op, true, Form.Setup.NONE, 0);
        }
        for (int i = 0; i < 3; i++) {
            int imm = random.nextInt(256);
            String[] p = XPAIRS[random.nextInt(XPAIRS.length)];
            add("shufps", "shufps $" + imm + ",%" + p[0] + ",%" + p[1], 0);
            add("shufpd", "shufpd $" + (imm & 3) + ",%" + p[0] + ",%" + p[1], 0);
            add("pshufd", "pshufd $" + imm + ",%" + p[0] + ",%" + p[1], 0);
            add("pshuflw", "pshuflw $" + imm + ",%" + p[0] + ",%" + p[1], 0);
            add("pshufhw", "pshufhw $" + imm + ",%" + p[0] + ",%" + p[1], 0);
            add("pextrw r32,xmm,imm8", "pextrw $" + (imm & 7) + ",%" + p[0] + ",%eax", 0);
            add("pinsrw xmm,r32,imm8", "pinsrw $" + (imm & 7) + ",%ecx,%" + p[1], 0);
            add("palignr", "palignr $" + (imm & 31) + ",%" + p[0] + ",%" + p[1], 0);
            add("pslldq", "pslldq $" + (imm & 31) + ",%" + p[1], 0);
            add("psrldq", "psrldq $" + (imm & 31) + ",%" + p[1], 0);
        }
        regMem("pshufb", "pshufb", true, Form.Setup.NONE, 0);
        add("pextrd r32,xmm,imm8", "pextrd $2,%xmm3,%eax", 0);
        add("pextrq r64,xmm,imm8", "pextrq $1,%xmm3,%rax", 0);
        add("pextrb r32,xmm,imm8", "pextrb $13,%xmm9,%edx", 0);
        add("pinsrd xmm,r32,imm8", "pinsrd $3,%ecx,%xmm4", 0);
        add("pinsrq xmm,r64,imm8", "pinsrq $0,%rcx,%xmm12", 0);
        add("pinsrb xmm,r32,imm8", "pinsrb $7,%ecx,%xmm1", 0);
        add("ptest", "ptest %xmm1,%xmm2", 0);
        add("ptest", "ptest %xmm3,%xmm3", 0);
    }

    private void packedInteger() {
        String[] ops = {"paddb", "paddw", "paddd", "paddq", "psubb", "psubw", "psubd", "psubq",
            "paddsb", "paddsw", "paddusb", "paddusw", "psubsb", "psubsw", "psubusb", "psubusw",
            "pcmpeqb", "pcmpeqw", "pcmpeqd", "pcmpgtb", "pcmpgtw", "pcmpgtd", "pcmpeqq", "pcmpgtq",
            "pand", "pandn", "por", "pxor", "pmullw", "pmulhw", "pmulhuw", "pmuludq", "pmaddwd", "pmulld",
            "pminub", "pmaxub", "pminsw", "pmaxsw", "pminsd", "pmaxsd", "pminud", "pmaxud", "pavgb", "pavgw",
            "psadbw", "punpcklbw", "punpcklwd", "punpckldq", "punpcklqdq", "punpckhbw", "punpckhwd",
            "punpckhdq", "punpckhqdq", "packsswb", "packuswb", "packssdw", "packusdw",
            "psllw", "pslld", "psllq", "psrlw", "psrld", "psrlq", "psraw", "psrad"};
        for (String op : ops) {
            regMem(op, op, true, Form.Setup.NONE, 0);
        }
        for (String op : new String[] {"psllw", "pslld", "psllq", "psrlw", "psrld", "psrlq", "psraw", "psrad"}) {
            for (int count : new int[] {0, 1, 7 + random.nextInt(9), 31, 63, 64, 200}) {
                add(op + " xmm,imm8", op + " $" + count + ",%xmm" + random.nextInt(16), 0);
            }
        }
        for (String op : new String[] {"pmovzxbw", "pmovzxwd", "pmovzxdq", "pmovsxbw", "pmovsxwd", "pmovsxdq"}) {
            String[] p = XPAIRS[random.nextInt(XPAIRS.length)];
            add(op, op + " %" + p[0] + ",%" + p[1], 0);
        }
    }

    private void sseFaults() {
        add("movaps xmm,m (#GP misaligned)", "movaps 0x8(%rbx),%xmm1", point(RBX, 0x100, 1), 0);
        add("addps xmm,m (#GP misaligned)", "addps 0x4(%rbx),%xmm1", point(RBX, 0x100, 1), 0);
    }
}
