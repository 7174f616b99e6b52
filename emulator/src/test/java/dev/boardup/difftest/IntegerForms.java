package dev.boardup.difftest;

/**
 * The general-purpose instruction forms under test, expanded over operand sizes, registers, memory operands
 * and immediates. Each group name ("add r/m32,imm8") is what reports and the exclusion list use.
 */
final class IntegerForms extends Catalog {
    static final String[] ALU = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};
    static final String[] SHIFTS = {"rol", "ror", "rcl", "rcr", "shl", "shr", "sar"};
    static final int[] SIZES = {8, 16, 32, 64};
    static final String[] CC = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"};

    IntegerForms(long seed) {
        super(seed);
        alu();
        test();
        unary();
        multiplyDivide();
        shifts();
        doubleShifts();
        bitTests();
        bitScans();
        moves();
        lea();
        exchanges();
        conditionals();
        branches();
        stack();
        flagOps();
        conversions();
        strings();
        bmi();
        faults();
        misc();
        prefixes();
        segmentBases();
    }

    /** FS and GS overrides: thread-local storage as glibc reads it (%fs:0x28 is the stack-protector canary). */
    private void segmentBases() {
        Form.Setup fs = (r, in) -> in.fsBase = Layout.MEM + 0x40 + r.nextInt(8);
        Form.Setup gs = (r, in) -> in.gsBase = Layout.MEM + 0x100 + r.nextInt(8);
        add("mov r64,fs:m64", "mov %fs:0x28,%rax", fs, 0);
        add("mov r64,fs:m64", "mov %fs:0x0,%rdx", fs, 0);
        add("mov fs:m64,r64", "mov %rcx,%fs:0x10", fs, 0);
        add("mov r32,fs:m32 (base+index)", "mov %fs:0x8(%rbx,%rsi,4),%r9d", fs.then(set(RBX, 0x20)).then(bounded(RSI, 0, 8)), 0);
        add("sub r64,fs:m64", "sub %fs:0x28,%rdx", fs, 0);
        add("xor fs:m64,r64", "xor %rax,%fs:0x30", fs, 0);
        add("mov r64,gs:m64", "mov %gs:0x18,%r11", gs, 0);
        add("add gs:m32,imm8", "addl $5,%gs:0x4", gs, 0);
        add("mov r64,fs:m64 (#PF)", "mov %fs:0x28,%rax", (r, in) -> in.fsBase = 0x4000_0000L, 0);
    }

    static boolean isLogic(String op) {
        return op.equals("and") || op.equals("or") || op.equals("xor") || op.equals("test");
    }

    private void alu() {
        for (String op : ALU) {
            long undef = isLogic(op) ? AF : 0;
            for (int size : SIZES) {
                String s = SUFFIX.get(size);
                String rm = "r/m" + size;
                for (String[] p : PAIRS.get(size)) {
                    add(op + " " + rm + ",r" + size, op + " " + reg(p[0]) + "," + reg(p[1]), undef);
                }
                for (Mem m : MEMS) {
                    String r = pick(FREE.get(size));
                    add(op + " m" + size + ",r" + size, op + " " + reg(r) + "," + m.text(), m.setup(), undef);
                    add(op + " r" + size + ",m" + size, op + " " + m.text() + "," + reg(r), m.setup(), undef);
                }
                int immBits = size == 8 ? 8 : Math.min(size, 32);
                for (String imm : immediates(immBits)) {
                    add(op + " " + rm + ",imm" + immBits, op + s + " $" + imm + "," + reg(pick(SINGLES.get(size))), undef);
                    add(op + " acc" + size + ",imm" + immBits, op + " $" + imm + "," + reg(ACCUMULATOR[size / 8]), undef);
                    Mem m = pick(MEMS);
                    add(op + " m" + size + ",imm" + immBits, op + s + " $" + imm + "," + m.text(), m.setup(), undef);
                }
                if (size > 8) {
                    for (String imm : immediates(8)) {
                        add(op + " " + rm + ",imm8", op + s + " $" + imm + "," + reg(pick(SINGLES.get(size))), undef);
                        Mem m = pick(MEMS);
                        add(op + " m" + size + ",imm8", op + s + " $" + imm + "," + m.text(), m.setup(), undef);
                    }
                }
            }
        }
        for (String op : new String[] {"add", "sub", "and", "or", "xor", "adc"}) {
            Mem m = pick(MEMS);
            add("lock " + op + " m64,r64", "lock " + op + " %rcx," + m.text(), m.setup(), isLogic(op) ? AF : 0);
        }
    }

    private void test() {
        for (int size : SIZES) {
            for (String[] p : PAIRS.get(size)) {
                add("test r/m" + size + ",r" + size, "test " + reg(p[0]) + "," + reg(p[1]), AF);
            }
            for (String imm : immediates(size == 8 ? 8 : Math.min(size, 32))) {
                add("test r/m" + size + ",imm", "test" + SUFFIX.get(size) + " $" + imm + "," + reg(pick(SINGLES.get(size))), AF);
                add("test acc" + size + ",imm", "test $" + imm + "," + reg(ACCUMULATOR[size / 8]), AF);
            }
            Mem m = pick(MEMS);
            add("test m" + size + ",r" + size, "test " + reg(pick(FREE.get(size))) + "," + m.text(), m.setup(), AF);
        }
    }

    private void unary() {
        for (String op : new String[] {"inc", "dec", "neg", "not"}) {
            for (int size : SIZES) {
                for (String r : SINGLES.get(size)) {
                    add(op + " r/m" + size, op + " " + reg(r), 0);
                }
                Mem m = pick(MEMS);
                add(op + " m" + size, op + SUFFIX.get(size) + " " + m.text(), m.setup(), 0);
            }
        }
    }

    private void multiplyDivide() {
        long mulUndef = SF | ZF | AF | PF;
        for (int size : SIZES) {
            String s = SUFFIX.get(size);
            for (String r : SINGLES.get(size)) {
                add("mul r/m" + size, "mul " + reg(r), mulUndef);
                add("imul r/m" + size, "imul " + reg(r), mulUndef);
                add("div r/m" + size, "div " + reg(r), ARITH);
                add("idiv r/m" + size, "idiv " + reg(r), ARITH);
            }
            Mem m = pick(MEMS);
            add("mul m" + size, "mul" + s + " " + m.text(), m.setup(), mulUndef);
            add("div m" + size, "div" + s + " " + m.text(), m.setup(), ARITH);
            add("idiv m" + size, "idiv" + s + " " + m.text(), m.setup(), ARITH);
            add("imul m" + size, "imul" + s + " " + m.text(), m.setup(), mulUndef);
            // Dividends that make the quotient fit, so most cases divide instead of raising #DE.
            String divisor = size == 8 ? "cl" : size == 16 ? "cx" : size == 32 ? "ecx" : "rcx";
            Form.Setup small = (r, in) -> {
                long mask = size == 64 ? -1L : (1L << size) - 1;
                in.gpr[RDX] = r.nextBoolean() ? 0 : (r.nextBoolean() ? -1 : r.nextInt(3));
                if (size == 8) {
                    in.gpr[RAX] = (in.gpr[RAX] & ~0xFFFFL) | (r.nextInt(0x10000) >> r.nextInt(16));
                }
                if (r.nextInt(5) == 0) {
                    in.gpr[RCX] = in.gpr[RCX] & ~mask; // divisor zero
                } else if (r.nextInt(5) == 0) {
                    in.gpr[RCX] = (in.gpr[RCX] & ~mask) | mask; // divisor -1: INT_MIN / -1 overflows
                }
            };
            add("div r/m" + size, "div " + reg(divisor), small, ARITH);
            add("idiv r/m" + size, "idiv " + reg(divisor), small, ARITH);
            // The one signed overflow: the most negative dividend over -1 (and its neighbours, which divide).
            Form.Setup intMinByMinusOne = (r, in) -> {
                long min = size == 64 ? Long.MIN_VALUE : -(1L << (size - 1));
                long mask = size == 64 ? -1L : (1L << size) - 1;
                long dividend = min + r.nextInt(2);
                if (size == 8) {
                    in.gpr[RAX] = (in.gpr[RAX] & ~0xFFFFL) | (dividend & 0xFFFF);
                } else {
                    in.gpr[RAX] = (in.gpr[RAX] & ~mask) | (dividend & mask);
                    in.gpr[RDX] = (in.gpr[RDX] & ~mask) | (dividend < 0 ? mask : 0);
                }
                in.gpr[RCX] = (in.gpr[RCX] & ~mask) | (r.nextInt(4) == 0 ? 1 : mask);
            };
            add("idiv r/m" + size + " (INT_MIN / -1)", "idiv " + reg(divisor), intMinByMinusOne, ARITH);
            if (size > 8) {
                for (String[] p : PAIRS.get(size)) {
                    add("imul r" + size + ",r/m" + size, "imul " + reg(p[0]) + "," + reg(p[1]), mulUndef);
                }
                add("imul r" + size + ",m" + size, "imul " + m.text() + "," + reg(pick(FREE.get(size))), m.setup(), mulUndef);
                for (String imm : immediates(size == 16 ? 16 : 32)) {
                    String[] p = pick(PAIRS.get(size));
                    add("imul r" + size + ",r/m" + size + ",imm", "imul $" + imm + "," + reg(p[0]) + "," + reg(p[1]), mulUndef);
                }
                for (String imm : immediates(8)) {
                    String[] p = pick(PAIRS.get(size));
                    add("imul r" + size + ",r/m" + size + ",imm8", "imul $" + imm + "," + reg(p[0]) + "," + reg(p[1]), mulUndef);
                }
            }
        }
    }

    /** Which flags a shift or rotate leaves undefined for a given count (see the SAL/SAR/SHL/SHR, RCL/RCR pages). */
    static long shiftUndefined(String op, int size, long rawCount) {
        int masked = (int) (rawCount & (size == 64 ? 63 : 31));
        if (masked == 0) {
            return 0;
        }
        long u = masked != 1 ? OF : 0;
        if (op.startsWith("sh") || op.equals("sar") || op.equals("sal")) {
            u |= AF;
            if ((op.equals("shl") || op.equals("shr")) && masked >= size) {
                u |= CF;
            }
        }
        return u;
    }

    private void shifts() {
        for (String op : SHIFTS) {
            for (int size : SIZES) {
                String s = SUFFIX.get(size);
                for (String r : SINGLES.get(size)) {
                    add(op + " r/m" + size + ",1", op + " " + reg(r), shiftUndefined(op, size, 1));
                    add(op + " r/m" + size + ",cl", op + " %cl," + reg(r), countIn(RCX),
                            in -> shiftUndefined(op, size, in.gpr[RCX]));
                }
                for (int count : new int[] {0, 1, 2, random.nextInt(8) + 3, size - 1, size, size + 1, 31, 32, 33, 63, 64, 200}) {
                    String r = pick(SINGLES.get(size));
                    add(op + " r/m" + size + ",imm8", op + s + " $" + count + "," + reg(r), shiftUndefined(op, size, count));
                }
                Mem m = pick(MEMS);
                add(op + " m" + size + ",cl", op + s + " %cl," + m.text(), m.setup().then(countIn(RCX)),
                        in -> shiftUndefined(op, size, in.gpr[RCX]));
                int c = random.nextInt(size);
                add(op + " m" + size + ",imm8", op + s + " $" + c + "," + m.text(), m.setup(), shiftUndefined(op, size, c));
                add(op + " m" + size + ",1", op + s + " " + m.text(), m.setup(), shiftUndefined(op, size, 1));
            }
        }
    }

    private void doubleShifts() {
        for (String op : new String[] {"shld", "shrd"}) {
            for (int size : new int[] {16, 32, 64}) {
                // A 16-bit count above 16 leaves the result undefined, so 16-bit counts stay at or below 16.
                Form.Setup count = size == 16
                        ? (r, in) -> in.gpr[RCX] = (in.gpr[RCX] & ~0xFFL) | r.nextInt(17)
                        : countIn(RCX);
                for (String[] p : PAIRS.get(size)) {
                    if (p[0].startsWith("c") || p[1].startsWith("c") || p[0].startsWith("ec") || p[1].startsWith("ec")
                            || p[0].equals("rcx") || p[1].equals("rcx")) {
                        continue;
                    }
                    add(op + " r/m" + size + ",r" + size + ",cl", op + " %cl," + reg(p[0]) + "," + reg(p[1]), count,
                            in -> doubleShiftUndefined(size, in.gpr[RCX]));
                    int c = random.nextInt(size == 16 ? 17 : size);
                    add(op + " r/m" + size + ",r" + size + ",imm8", op + " $" + c + "," + reg(p[0]) + "," + reg(p[1]),
                            doubleShiftUndefined(size, c));
                }
                Mem m = pick(MEMS);
                String r = size == 16 ? "dx" : size == 32 ? "edx" : "rdx";
                add(op + " m" + size + ",r" + size + ",cl", op + " %cl," + reg(r) + "," + m.text(),
                        m.setup().then(count), in -> doubleShiftUndefined(size, in.gpr[RCX]));
                add(op + " m" + size + ",r" + size + ",imm8", op + " $1," + reg(r) + "," + m.text(), m.setup(),
                        doubleShiftUndefined(size, 1));
            }
        }
    }

    static long doubleShiftUndefined(int size, long rawCount) {
        int masked = (int) (rawCount & (size == 64 ? 63 : 31));
        if (masked == 0) {
            return 0;
        }
        return AF | (masked != 1 ? OF : 0);
    }

    private void bitTests() {
        long undef = OF | SF | AF | PF;
        for (String op : new String[] {"bt", "bts", "btr", "btc"}) {
            for (int size : new int[] {16, 32, 64}) {
                for (String[] p : PAIRS.get(size)) {
                    add(op + " r/m" + size + ",r" + size, op + " " + reg(p[0]) + "," + reg(p[1]), undef);
                }
                for (int bit : new int[] {0, 1, size - 1, random.nextInt(size), size + 3, 255}) {
                    add(op + " r/m" + size + ",imm8", op + SUFFIX.get(size) + " $" + bit + "," + reg(pick(SINGLES.get(size))), undef);
                }
                // A register bit offset addresses the whole bit string around the operand, even negative.
                String offset = size == 16 ? "cx" : size == 32 ? "ecx" : "rcx";
                add(op + " m" + size + ",r" + size, op + " " + reg(offset) + ",(%rbx)",
                        point(RBX, 0x100, 1).then(bounded(RCX, -1500, 1500)), undef);
                add(op + " m" + size + ",imm8", op + SUFFIX.get(size) + " $" + random.nextInt(256) + ",0x4(%rbx)",
                        point(RBX, 0x100, 8), undef);
            }
        }
    }

    private void bitScans() {
        for (int size : new int[] {16, 32, 64}) {
            for (String[] p : PAIRS.get(size)) {
                add("bsf r" + size + ",r/m" + size, "bsf " + reg(p[0]) + "," + reg(p[1]), CF | OF | SF | AF | PF);
                add("bsr r" + size + ",r/m" + size, "bsr " + reg(p[0]) + "," + reg(p[1]), CF | OF | SF | AF | PF);
                add("lzcnt r" + size + ",r/m" + size, "lzcnt " + reg(p[0]) + "," + reg(p[1]), OF | SF | AF | PF);
                add("tzcnt r" + size + ",r/m" + size, "tzcnt " + reg(p[0]) + "," + reg(p[1]), OF | SF | AF | PF);
                add("popcnt r" + size + ",r/m" + size, "popcnt " + reg(p[0]) + "," + reg(p[1]), 0);
            }
            Mem m = pick(MEMS);
            String r = pick(FREE.get(size));
            add("bsf r" + size + ",m" + size, "bsf " + m.text() + "," + reg(r), m.setup(), CF | OF | SF | AF | PF);
            add("bsr r" + size + ",m" + size, "bsr " + m.text() + "," + reg(r), m.setup(), CF | OF | SF | AF | PF);
            add("popcnt r" + size + ",m" + size, "popcnt " + m.text() + "," + reg(r), m.setup(), 0);
            add("lzcnt r" + size + ",m" + size, "lzcnt " + m.text() + "," + reg(r), m.setup(), OF | SF | AF | PF);
            add("tzcnt r" + size + ",m" + size, "tzcnt " + m.text() + "," + reg(r), m.setup(), OF | SF | AF | PF);
        }
        for (String r : new String[] {"eax", "r9d", "esp"}) {
            add("bswap r32", "bswap " + reg(r), 0);
        }
        for (String r : new String[] {"rax", "r9", "rdi", "r15"}) {
            add("bswap r64", "bswap " + reg(r), 0);
        }
    }

    private void moves() {
        for (int size : SIZES) {
            String s = SUFFIX.get(size);
            for (String[] p : PAIRS.get(size)) {
                add("mov r/m" + size + ",r" + size, "mov " + reg(p[0]) + "," + reg(p[1]), 0);
            }
            for (Mem m : MEMS) {
                String r = pick(FREE.get(size));
                add("mov m" + size + ",r" + size, "mov " + reg(r) + "," + m.text(), m.setup(), 0);
                add("mov r" + size + ",m" + size, "mov " + m.text() + "," + reg(r), m.setup(), 0);
            }
            for (String imm : immediates(size == 8 ? 8 : Math.min(size, 32))) {
                add("mov r" + size + ",imm", "mov" + s + " $" + imm + "," + reg(pick(SINGLES.get(size))), 0);
                Mem m = pick(MEMS);
                add("mov m" + size + ",imm", "mov" + s + " $" + imm + "," + m.text(), m.setup(), 0);
            }
        }
        for (int i = 0; i < 3; i++) {
            add("movabs r64,imm64", String.format("movabs $0x%x,%%%s", random.nextLong(), pick(SINGLES.get(64))), 0);
        }
        add("mov r64,imm32 (C7)", "movq $-5,%r10", 0);
        add("mov r32,imm32 (B8)", "movl $0x89abcdef,%r10d", 0);
        for (String acc : new String[] {"al", "ax", "eax", "rax"}) {
            add("movabs acc,moffs", String.format("movabs 0x%x,%%%s", Layout.MEM + 0x40, acc), 0);
            add("movabs moffs,acc", String.format("movabs %%%s,0x%x", acc, Layout.MEM + 0x48), 0);
        }
        String[][] extend = {
            {"movzbw", "8", "16"}, {"movzbl", "8", "32"}, {"movzbq", "8", "64"}, {"movzwl", "16", "32"},
            {"movzwq", "16", "64"}, {"movsbw", "8", "16"}, {"movsbl", "8", "32"}, {"movsbq", "8", "64"},
            {"movswl", "16", "32"}, {"movswq", "16", "64"}, {"movslq", "32", "64"},
        };
        for (String[] e : extend) {
            int from = Integer.parseInt(e[1]);
            int to = Integer.parseInt(e[2]);
            for (int i = 0; i < 3; i++) {
                String src = pick(SINGLES.get(from));
                String dst = pick(SINGLES.get(to));
                boolean highByte = src.length() == 2 && src.endsWith("h");
                if (highByte && (to == 64 || dst.startsWith("r"))) {
                    src = "bl";
                }
                add(e[0] + " r" + to + ",r/m" + from, e[0] + " " + reg(src) + "," + reg(dst), 0);
            }
            Mem m = pick(MEMS);
            add(e[0] + " r" + to + ",m" + from, e[0] + " " + m.text() + "," + reg(pick(FREE.get(to))), m.setup(), 0);
        }
        add("movsxd r32,r/m32", ".byte 0x63, 0xc1", 0); // movsxd without REX.W: a plain 32-bit move
    }

    private void lea() {
        String[] modes = {"(%rax)", "0x10(%rbx)", "-0x80(%rcx,%rdx)", "0x12345678(%rsi,%rdi,2)", "(%r12,%r13,4)",
            "0x7(%rsp)", "(%rbp)", "(%r13)", "-1(,%r8,8)", "0x0(%rip)", "0x100(%rip)", "(%r11,%r11,1)", "0x40"};
        for (String mode : modes) {
            add("lea r64,m", "lea " + mode + ",%r9", 0);
            add("lea r32,m", "lea " + mode + ",%r10d", 0);
            add("lea r16,m", "lea " + mode + ",%dx", 0);
        }
        add("lea r32,m (addr32)", "lea 0x10(%eax,%ecx,8),%rdx", 0);
    }

    private void exchanges() {
        for (int size : SIZES) {
            for (String[] p : PAIRS.get(size)) {
                add("xchg r/m" + size + ",r" + size, "xchg " + reg(p[0]) + "," + reg(p[1]), 0);
            }
            Mem m = pick(MEMS);
            add("xchg m" + size + ",r" + size, "xchg " + reg(pick(FREE.get(size))) + "," + m.text(), m.setup(), 0);
            // CMPXCHG compares with the accumulator; make them equal about half the time.
            for (String r : FREE.get(size)) {
                Mem mm = pick(MEMS);
                String dst = pick(FREE.get(size));
                add("cmpxchg r/m" + size + ",r" + size, "cmpxchg " + reg(r) + "," + reg(dst),
                        (rr, in) -> {
                            if (rr.nextBoolean()) {
                                in.gpr[RAX] = in.gpr[index(dst)];
                            }
                        }, 0);
                add("cmpxchg m" + size + ",r" + size, "lock cmpxchg " + reg(r) + "," + mm.text(),
                        mm.setup().then(sameAccFromMem(mm, size)), 0);
                add("xadd r/m" + size + ",r" + size, "xadd " + reg(r) + "," + reg(dst), 0);
                add("xadd m" + size + ",r" + size, "lock xadd " + reg(r) + "," + mm.text(), mm.setup(), 0);
            }
        }
        add("xchg eax,r32 (90+r)", "xchg %eax,%r9d", 0);
        add("xchg rax,r64 (90+r)", "xchg %rax,%rdi", 0);
        add("cmpxchg8b m64", "lock cmpxchg8b 0x10(%rsi)", point(RSI, 0x100, 8).then(equalPairFromMem(RSI, 0x10, 4)), 0);
        add("cmpxchg16b m128", "lock cmpxchg16b 0x10(%rsi)", point(RSI, 0x100, 1).then(equalPairFromMem(RSI, 0x10, 8)), 0);
    }

    /** Sometimes loads the accumulator from the operand CMPXCHG will compare it with, so the swap happens. */
    private static Form.Setup sameAccFromMem(Mem m, int size) {
        return (r, in) -> {
            if (r.nextBoolean() && !m.text().contains("%rax")) {
                // The operand's address is only known after its setup ran; find it by decoding the simple modes.
                long address = operandAddress(m.text(), in);
                if (address >= Layout.MEM && address + 8 <= Layout.MEM + Layout.MEM_SIZE) {
                    in.gpr[RAX] = in.memQword((int) (address - Layout.MEM));
                }
            }
        };
    }

    /** EDX:EAX (or RDX:RAX) equal to the memory pair half of the time, for CMPXCHG8B/16B. */
    private static Form.Setup equalPairFromMem(int base, int disp, int half) {
        return (r, in) -> {
            if (r.nextBoolean()) {
                int off = (int) (in.gpr[base] + disp - Layout.MEM);
                long lo = in.memQword(off);
                long hi = in.memQword(off + half);
                if (half == 4) {
                    in.gpr[RAX] = (in.gpr[RAX] & ~0xFFFF_FFFFL) | (lo & 0xFFFF_FFFFL);
                    in.gpr[RDX] = (in.gpr[RDX] & ~0xFFFF_FFFFL) | (lo >>> 32);
                } else {
                    in.gpr[RAX] = lo;
                    in.gpr[RDX] = hi;
                }
            }
        };
    }

    /** The effective address of one of {@link #MEMS}' operands, given registers set up by its setup. */
    static long operandAddress(String text, MachineState in) {
        return switch (text) {
            case "0x8(%rbx)" -> in.gpr[RBX] + 8;
            case "-0x10(%r13)" -> in.gpr[R13] - 0x10;
            case "(%r12)" -> in.gpr[R12];
            case "0x20(%rsp)" -> in.gpr[RSP] + 0x20;
            case "0x8(%rax,%rsi,4)" -> in.gpr[RAX] + in.gpr[RSI] * 4 + 8;
            case "-0x4(%rbp,%rdi,8)" -> in.gpr[RBP] + in.gpr[RDI] * 8 - 4;
            default -> text.endsWith("(%rip)") ? Layout.MEM + 0x100 : Layout.MEM + 0x120;
        };
    }

    private void conditionals() {
        for (String cc : CC) {
            add("set" + cc + " r/m8", "set" + cc + " " + reg(pick(SINGLES.get(8))), 0);
            Mem m = pick(MEMS);
            add("set" + cc + " m8", "set" + cc + " " + m.text(), m.setup(), 0);
            for (int size : new int[] {16, 32, 64}) {
                String[] p = pick(PAIRS.get(size));
                add("cmov" + cc + " r" + size + ",r/m" + size, "cmov" + cc + " " + reg(p[0]) + "," + reg(p[1]), 0);
            }
            Mem mm = pick(MEMS);
            add("cmov" + cc + " r64,m64", "cmov" + cc + " " + mm.text() + ",%rcx", mm.setup(), 0);
            add("cmov" + cc + " r32,m32", "cmov" + cc + " " + mm.text() + ",%edx", mm.setup(), 0);
        }
    }

    private void branches() {
        for (int i = 0; i < CC.length; i++) {
            // rel8 +0x20 and -0x40 and rel32 +0x100 all land on pads.
            add("j" + CC[i] + " rel8", String.format(".byte 0x%x, 0x20", 0x70 + i), 0);
            add("j" + CC[i] + " rel8", String.format(".byte 0x%x, 0xc0", 0x70 + i), 0);
            add("j" + CC[i] + " rel32", String.format(".byte 0x0f, 0x%x, 0x00, 0x01, 0x00, 0x00", 0x80 + i), 0);
        }
        Form.Setup smallRcx = (r, in) -> in.gpr[RCX] = new long[] {0, 1, 2, 0x1_0000_0000L, 0x1_0000_0001L, -1}[r.nextInt(6)];
        add("jrcxz rel8", ".byte 0xe3, 0x40", smallRcx, 0);
        add("jecxz rel8", ".byte 0x67, 0xe3, 0x40", smallRcx, 0);
        add("loop rel8", ".byte 0xe2, 0x40", smallRcx, 0);
        add("loope rel8", ".byte 0xe1, 0xc0", smallRcx, 0);
        add("loopne rel8", ".byte 0xe0, 0x60", smallRcx, 0);
        add("jmp rel8", ".byte 0xeb, 0x40", 0);
        add("jmp rel32", ".byte 0xe9, 0x00, 0xfe, 0xff, 0xff", 0);
        Form.Setup stack = point(RSP, 0x100, 8);
        add("call rel32", ".byte 0xe8, 0x60, 0x00, 0x00, 0x00", stack, 0);
        add("call r/m64", "call *%rax", stack.then(set(RAX, Layout.PAD0 + 0x60)), 0);
        add("call r/m64", "call *%r11", stack.then(set(R11, Layout.PAD0 - 0x100)), 0);
        add("call m64", "call *0x8(%rbx)", stack.then(point(RBX, 0x40, 8)).then(padAtOffset(RBX, 8, Layout.PAD0 + 0x80)), 0);
        add("jmp r/m64", "jmp *%rdx", set(RDX, Layout.PAD0 + 0xa0), 0);
        add("jmp m64", "jmp *0x8(%rbx)", point(RBX, 0x40, 8).then(padAtOffset(RBX, 8, Layout.PAD0 - 0x200)), 0);
        add("ret", "ret", stack.then(padAtOffset(RSP, 0, Layout.PAD0 + 0x40)), 0);
        add("ret imm16", "ret $0x18", stack.then(padAtOffset(RSP, 0, Layout.PAD0 + 0xc0)), 0);
    }

    static Form.Setup padAtOffset(int reg, int disp, long pad) {
        return (r, in) -> in.setMemQword((int) (in.gpr[reg] + disp - Layout.MEM), pad);
    }

    private void stack() {
        Form.Setup stack = point(RSP, 0x100, 8);
        for (String r : new String[] {"rax", "rsp", "rbp", "r12", "r15"}) {
            add("push r64", "push " + reg(r), stack, 0);
            add("pop r64", "pop " + reg(r), stack, 0);
        }
        add("push r16", "push %bx", stack, 0);
        add("pop r16", "pop %r9w", stack, 0);
        for (String imm : immediates(8)) {
            add("push imm8", "pushq $" + imm, stack, 0);
        }
        add("push imm32", "pushq $0x12345678", stack, 0);
        add("push imm32", "pushq $-0x7fffffff", stack, 0);
        add("push m64", "pushq 0x8(%rbx)", stack.then(point(RBX, 0x40, 8)), 0);
        add("pop m64", "popq 0x8(%rbx)", stack.then(point(RBX, 0x40, 8)), 0);
        add("pop m64", "popq 0x8(%rsp)", stack, 0);
        add("pushfq", "pushfq", stack, 0);
        Form.Setup flagsOnStack = stack.then((r, in) -> {
            long userFlags = CF | PF | AF | ZF | SF | OF | DF | (1L << 21);
            in.setMemQword((int) (in.gpr[RSP] - Layout.MEM), r.nextLong() & userFlags | 0x202);
        });
        add("popfq", "popfq", flagsOnStack, 0);
        add("leave", "leave", point(RBP, 0x100, 8), 0);
        add("enter imm16,0", "enter $0x20,$0", stack, 0);
    }

    private void flagOps() {
        for (String op : new String[] {"clc", "stc", "cmc", "cld", "std", "lahf", "sahf"}) {
            add(op, op, 0);
        }
    }

    private void conversions() {
        for (String op : new String[] {"cbtw", "cwtl", "cltq", "cwtd", "cltd", "cqto"}) {
            add(op, op, 0);
        }
    }

    private void strings() {
        String[] kinds = {"movs", "stos", "lods", "cmps", "scas"};
        for (String kind : kinds) {
            for (int size : SIZES) {
                String insn = kind + SUFFIX.get(size);
                Form.Setup pointers = stringPointers(kind, size);
                add(insn, insn, pointers, 0);
                if (kind.equals("cmps") || kind.equals("scas")) {
                    add("repe " + insn, "repe " + insn, pointers, 0);
                    add("repne " + insn, "repne " + insn, pointers, 0);
                } else {
                    add("rep " + insn, "rep " + insn, pointers, 0);
                }
            }
        }
    }

    /**
     * RSI and RDI inside scratch with room for a dozen elements either way, RCX small, and for compares a
     * destination that often equals the source so that REPE runs for a while.
     */
    private static Form.Setup stringPointers(String kind, int size) {
        return (r, in) -> {
            int bytes = size / 8;
            in.gpr[RSI] = Layout.MEM + 0x80 + r.nextInt(64);
            in.gpr[RDI] = r.nextInt(4) == 0 ? in.gpr[RSI] + r.nextInt(17) - 8 : Layout.MEM + 0x140 + r.nextInt(64);
            in.gpr[RCX] = r.nextInt(4) == 0 ? r.nextInt(3) : r.nextInt(13);
            int n = 13 * bytes;
            int src = (int) (in.gpr[RSI] - Layout.MEM);
            int dst = (int) (in.gpr[RDI] - Layout.MEM);
            if (kind.equals("cmps") && r.nextBoolean()) {
                int from = (in.rflags & DF) != 0 ? -n : 0;
                for (int i = from; i < from + n; i++) {
                    in.mem[dst + i] = in.mem[src + i];
                }
                if (r.nextBoolean()) {
                    in.mem[dst + from + r.nextInt(n)] ^= 1;
                }
            }
            if (kind.equals("scas") && r.nextBoolean()) {
                int from = (in.rflags & DF) != 0 ? -n : 0;
                for (int i = from; i < from + n; i++) {
                    in.mem[dst + i] = (byte) (in.gpr[RAX] >>> (8 * (Math.floorMod(i - from, bytes))));
                }
                if (r.nextBoolean()) {
                    in.mem[dst + from + r.nextInt(n)] ^= 1;
                }
            }
        };
    }

    private void bmi() {
        long logicUndef = AF | PF;
        for (int size : new int[] {32, 64}) {
            String[] a = size == 32 ? new String[] {"eax", "ecx", "edx"} : new String[] {"rax", "r9", "rdi"};
            String ops3 = reg(a[0]) + "," + reg(a[1]) + "," + reg(a[2]);
            add("andn r" + size, "andn " + ops3, logicUndef);
            add("bextr r" + size, "bextr " + ops3, AF | PF | SF);
            add("bzhi r" + size, "bzhi " + ops3, AF | PF);
            add("pdep r" + size, "pdep " + ops3, 0);
            add("pext r" + size, "pext " + ops3, 0);
            add("sarx r" + size, "sarx " + ops3, 0);
            add("shlx r" + size, "shlx " + ops3, 0);
            add("shrx r" + size, "shrx " + ops3, 0);
            add("mulx r" + size, "mulx " + ops3, 0);
            add("rorx r" + size, "rorx $" + (1 + random.nextInt(size - 1)) + "," + reg(a[0]) + "," + reg(a[1]), 0);
            add("blsi r" + size, "blsi " + reg(a[0]) + "," + reg(a[1]), logicUndef);
            add("blsmsk r" + size, "blsmsk " + reg(a[0]) + "," + reg(a[1]), logicUndef);
            add("blsr r" + size, "blsr " + reg(a[0]) + "," + reg(a[1]), logicUndef);
            add("adcx r" + size, "adcx " + reg(a[0]) + "," + reg(a[1]), 0);
            add("adox r" + size, "adox " + reg(a[0]) + "," + reg(a[1]), 0);
        }
    }

    private void faults() {
        add("ud2", "ud2", 0);
        add("int3", "int3", 0);
        add("hlt", "hlt", 0);
        add("mov r64,m64 (#PF read)", "mov (%rbx),%rax", set(RBX, 0x1000), 0);
        add("mov m64,r64 (#PF write)", "mov %rax,0x10(%rbx)", set(RBX, 0x7000_0000L), 0);
        add("mov m64,r64 (#PF past scratch)", "mov %rax,0x1fc(%rbx)", set(RBX, Layout.MEM), 0);
        add("mov r64,m64 (#GP non-canonical)", "mov (%rbx),%rax", set(RBX, 0x8000_0000_0000_0000L), 0);
        add("div r/m32 (#DE zero)", "div %ecx", set(RCX, 0x1_0000_0000L), ARITH);
        Form.Setup forward = (r, in) -> in.rflags &= ~DF;
        // A REP that runs off the scratch page faults part-way, with RCX/RDI showing the progress made.
        add("rep stosb (#PF part-way)", "rep stosb", forward.then(point(RDI, 0x1f0, 8)).then(bounded(RCX, 17, 40)), 0);
        add("rep movsq (#PF part-way)", "rep movsq",
                forward.then(point(RSI, 0x100, 8)).then(point(RDI, 0x1c0, 8)).then(bounded(RCX, 9, 20)), 0);
        add("push r64 (#PF stack)", "push %rax", set(RSP, Layout.MEM_PAGE), 0);
        add("call rel32 (#PF stack)", ".byte 0xe8, 0x60, 0x00, 0x00, 0x00", set(RSP, 0x2000), 0);
        add("jmp r/m64 (#PF fetch)", "jmp *%rax", set(RAX, 0x3000), 0);
        add("jmp r/m64 (#GP non-canonical)", "jmp *%rax", set(RAX, 0x0000_8000_0000_0000L), 0);
        add("ret (#GP non-canonical)", "ret", point(RSP, 0x100, 8).then(padAtOffset(RSP, 0, 0xFFFF_0000_0000_0000L)), 0);
    }

    /** Decoder corner cases, written as bytes because an assembler would never emit most of them. */
    private void prefixes() {
        Form.Setup rbx = point(RBX, 0x100, 8);
        Form.Setup stack = point(RSP, 0x100, 8).then(padAtOffset(RSP, 0, Layout.PAD0 + 0x40));
        add("prefix: REX not last is ignored", ".byte 0x48, 0x66, 0x01, 0xc8", 0);
        add("prefix: REX.W beats 66", ".byte 0x66, 0x48, 0x01, 0xc8", 0);
        add("prefix: repeated 66", ".byte 0x66, 0x66, 0x66, 0x01, 0xc8", 0);
        add("prefix: two REX, last counts", ".byte 0x41, 0x48, 0x01, 0xc8", 0);
        add("prefix: REX.B 90 is xchg r8d", ".byte 0x41, 0x90", 0);
        add("prefix: REX.W 90 is nop", ".byte 0x48, 0x90", 0);
        add("prefix: ds/es/ss/cs on memory", ".byte 0x3e, 0x48, 0x8b, 0x03", rbx, 0);
        add("prefix: ds/es/ss/cs on memory", ".byte 0x26, 0x48, 0x01, 0x03", rbx, 0);
        add("prefix: ds/es/ss/cs on memory", ".byte 0x36, 0x89, 0x4b, 0x08", rbx, 0);
        add("prefix: branch hints", ".byte 0x2e, 0x74, 0x20", 0);
        add("prefix: branch hints", ".byte 0x3e, 0x0f, 0x85, 0x00, 0x01, 0x00, 0x00", 0);
        add("prefix: rep ret", ".byte 0xf3, 0xc3", stack, 0);
        add("prefix: bnd jmp", ".byte 0xf2, 0xe9, 0x40, 0x00, 0x00, 0x00", 0);
        add("prefix: bnd ret", ".byte 0xf2, 0xc3", stack, 0);
        add("prefix: notrack jmp", ".byte 0x3e, 0xff, 0xe0", set(RAX, Layout.PAD0 + 0x60), 0);
        add("prefix: f2 on bsf is ignored", ".byte 0xf2, 0x0f, 0xbc, 0xc1", CF | OF | SF | AF | PF);
        add("prefix: 66 on bsf", ".byte 0x66, 0x0f, 0xbc, 0xc1", CF | OF | SF | AF | PF);
        add("prefix: gcc padding nop", ".byte 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00", 0);
        add("prefix: gcc padding nop", ".byte 0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00", 0);
        add("prefix: lock on a register destination (#UD)", ".byte 0xf0, 0x01, 0xc8", 0);
        add("prefix: lock on mov (#UD)", ".byte 0xf0, 0x89, 0x03", rbx, 0);
        add("prefix: 15 bytes is the limit", ".byte 0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x01,0xc8", 0);
        add("prefix: 16 bytes (#GP)", ".byte 0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x66,0x01,0xc8", 0);
        add("prefix: addr32 memory operand", ".byte 0x67, 0x8b, 0x03", (r, in) -> in.gpr[RBX] = (r.nextLong() << 32) | (Layout.MEM + 0x100), 0);
        add("prefix: addr32 rep stosb", ".byte 0x67, 0xf3, 0xaa",
                (r, in) -> {
                    in.rflags &= ~DF;
                    in.gpr[RDI] = (r.nextLong() << 32) | (Layout.MEM + 0x100);
                    in.gpr[RCX] = (r.nextLong() << 32) | r.nextInt(12);
                }, 0);
    }

    private void misc() {
        add("nop", "nop", 0);
        add("nop r/m", "nopw 0x0(%rax,%rax,1)", 0);
        add("nop r/m", "nopl 0x0(%rax)", 0);
        add("endbr64", "endbr64", 0);
        add("pause", "pause", 0);
        add("lfence", "lfence", 0);
        add("mfence", "mfence", 0);
        add("sfence", "sfence", 0);
        add("prefetcht0", "prefetcht0 (%rax)", 0);
        add("data16 nop", ".byte 0x66, 0x90", 0);
    }
}
